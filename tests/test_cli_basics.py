"""The command line's contract: version, help, and one-line errors with exit 2."""

import subprocess
import sys
from pathlib import Path

from tracker import __version__


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, check=False
    )


def test_version_prints_the_package_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"tracker {__version__}"


def test_version_loads_no_library() -> None:
    # `tracker --version` is the start-up time of every command: it must not pay for typer
    # or any of the tracker's own steps.
    script = (
        "import sys; sys.argv = ['tracker', '--version']; "
        "from tracker.__main__ import main; main(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('typer', 'click', 'tracker')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    version, loaded = proc.stdout.splitlines()
    assert version == f"tracker {__version__}"
    assert loaded == "['tracker', 'tracker.__main__']"


def test_the_installed_command_prints_the_version() -> None:
    command = Path(sys.executable).with_name("tracker")
    proc = subprocess.run([str(command), "--version"], capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout) == (0, f"tracker {__version__}\n")


def test_unknown_option_exits_2_without_traceback() -> None:
    proc = run("--no-such-option")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr

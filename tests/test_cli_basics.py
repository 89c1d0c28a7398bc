"""The command line's contract: version, help, and one-line errors with exit 2."""

import subprocess
import sys

from tracker import __version__


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, check=False
    )


def test_version_prints_the_package_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"tracker {__version__}"


def test_unknown_option_exits_2_without_traceback() -> None:
    proc = run("--no-such-option")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr

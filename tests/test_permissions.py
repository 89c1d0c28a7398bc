"""Written files follow the user's umask, as files made by open() do: a colleague on a shared
machine, or a web server, can read the reports, snapshots and CSVs the tracker writes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from history_repos import BY_DATE, SEEDS, make_repo, run_main


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _tracker(cwd: Path, umask: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        umask=umask,
    )


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_compare_output_file_takes_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    report = tmp_path / "r.md"
    letters = (str(SEEDS / BY_DATE[1]), str(SEEDS / BY_DATE[3]))
    # In this process, the umask set for the call (it is the process's), then set back.
    previous = os.umask(umask)
    try:
        assert run_main(tmp_path, "compare", *letters, "-o", "r.md").returncode == 0
        assert _mode(report) == mode
        # Rewriting the file gives it the same mode again, not mkstemp's private one.
        report.chmod(0o600)
        assert run_main(tmp_path, "compare", *letters, "-o", "r.md").returncode == 0
        assert _mode(report) == mode
    finally:
        os.umask(previous)


def test_ingest_writes_snapshots_reports_and_csvs_readable_by_others(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", BY_DATE[:2])
    proc = _tracker(root, 0o022, "ingest", "letters")
    assert proc.returncode == 0, proc.stderr
    written = [
        p for top in ("snapshots", "reports") for p in (root / top).rglob("*") if p.is_file()
    ]
    assert {p.suffix for p in written} >= {".md", ".csv"}
    assert {p.relative_to(root).as_posix(): oct(_mode(p)) for p in written} == {
        p.relative_to(root).as_posix(): oct(0o644) for p in written
    }

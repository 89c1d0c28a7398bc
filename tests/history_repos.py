"""Real git repositories holding the seed letters, shared by the history tests."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

from git import Repo

from tracker.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "letters" / "oekraine-steun"
SERIES = "oekraine-steun"
# The seed letters by date; the keys say which seed each is (see the seeds' README).
BY_DATE = [
    "2025-04-15-voorjaarsnota-cw-3-1.txt",  # 003
    "2025-09-10-nieuwsbericht-militaire-steun.txt",  # 001
    "2025-11-27-antwoorden-kamervragen.txt",  # 002
    "2026-02-27-leveringen-militaire-goederen.txt",  # 000
    "2026-03-04-verslag-defensieraad-navo.txt",  # 004
]


def make_repo(path: Path, letters: list[str] = BY_DATE) -> Path:
    """A git repository with one commit and the given seed letters under letters/<series>/."""
    with Repo.init(path) as repo:
        (path / "notes.md").write_text("A user's own file.\n", encoding="utf-8")
        repo.index.add(["notes.md"])
        repo.index.commit("start")
    folder = path / "letters" / SERIES
    folder.mkdir(parents=True)
    for name in letters:
        shutil.copyfile(SEEDS / name, folder / name)
    return path


def tree(root: Path) -> dict[str, bytes]:
    """Every file the tracker writes, by path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for top in ("snapshots", "reports")
        for p in sorted((root / top).rglob("*"))
        if p.is_file()
    }


def commits(root: Path) -> list[str]:
    with Repo(root) as repo:
        return [str(c.message).strip() for c in repo.iter_commits()]


def status(root: Path) -> str:
    with Repo(root) as repo:
        return str(repo.git.status("--porcelain"))


def run_cli(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real `tracker` command in a new process, run in `root`."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def run_main(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point `tracker.cli.main` in this process (fast), run in `root`."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["tracker", *args]
    code: int | str | None = 0
    try:
        with (
            contextlib.chdir(root),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            main()
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.argv = saved
    returncode = code if isinstance(code, int) else (0 if code is None else 1)
    return subprocess.CompletedProcess(args, returncode, out.getvalue(), err.getvalue())

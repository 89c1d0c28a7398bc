"""The tests make and change git repositories of their own, and only those: run by git itself
(`git rebase --exec "make test"`, which hands its commands the repository in GIT_DIR), they
must leave that repository as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = [
    # A bare remote made with `git init --bare`, clones, an identity set, commits and a push.
    "tests/test_action_e2e.py::test_commit_false_writes_files_and_pushes_nothing",
    # A repository made with GitPython, and an ingest that commits in it.
    "tests/test_isolation.py::test_a_git_lock_of_someone_else_is_left_alone",
]


def _git(repo: Path, *args: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=clean
    )
    return result.stdout


def _state(repo: Path) -> tuple[str, str, str, str]:
    config = (repo / ".git" / "config").read_text(encoding="utf-8")
    return (
        config,
        _git(repo, "log", "--all", "--format=%H %an"),
        _git(repo, "status"),
        (_git(repo, "ls-files", "--stage")),
    )


def test_tests_run_by_git_never_touch_the_repository_it_names(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    _git(outer, "init", "-q", "-b", "main")
    (outer / "letter.txt").write_text("the developer's work\n", encoding="utf-8")
    _git(outer, "add", "letter.txt")
    _git(outer, "-c", "user.name=Dev", "-c", "user.email=dev@example.test", "commit", "-qm", "x")
    before = _state(outer)
    env = {**os.environ, "GIT_DIR": str(outer / ".git"), "GIT_PREFIX": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert _state(outer) == before


def test_the_tracker_acts_on_the_repository_it_is_pointed_at(tmp_path: Path) -> None:
    """`tracker init` and `tracker ingest` run from a hook (GIT_DIR naming another repository)
    make and commit to the repository they are given, and leave the hook's as it was."""
    outer = tmp_path / "outer"
    outer.mkdir()
    _git(outer, "init", "-q")
    _git(outer, "-c", "user.name=A", "-c", "user.email=a@example.test", "commit", "-q",
         "--allow-empty", "-m", "outer")  # fmt: skip
    before = _state(outer)
    tracker = ROOT / ".venv" / "bin" / "tracker"
    env = {**os.environ, "GIT_DIR": str(outer / ".git"), "GIT_WORK_TREE": str(outer)}
    repo = tmp_path / "tracking"
    subprocess.run([str(tracker), "init", str(repo)], check=True, env=env, capture_output=True)
    letters = repo / "letters" / "oekraine-steun"
    letters.mkdir(parents=True)
    seed = ROOT / "letters" / "oekraine-steun"
    first = sorted(seed.glob("*.txt"))[0]
    (letters / first.name).write_bytes(first.read_bytes())
    done = subprocess.run(
        [str(tracker), "ingest", str(letters), "--repo", str(repo)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert _state(outer) == before
    tracked = _git(repo, "ls-files").split()
    assert f"letters/oekraine-steun/{first.name}" in tracked

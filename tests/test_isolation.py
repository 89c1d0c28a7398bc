"""One bad letter never stops the rest: failures are rolled back, reported in one line, and the
next run finds a repository it can use, with no manual step.

Failures here are real ones: a git hook that rejects a commit or hangs inside it, a symbolic
link out of the repository, a journal an older tracker left, a process group killed with
SIGKILL while git holds its index lock.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from git import Repo
from history_repos import BY_DATE, SEEDS, SERIES, commits, make_repo, run_cli, run_main, status

from tracker.history.ingest import IngestFailed, ingest

OTHER = "tweede-reeks"
"""A second series, to show that one series' trouble is not another's."""


def _two_series(root: Path, first: list[str], second: list[str]) -> Path:
    make_repo(root, first)
    folder = root / "letters" / OTHER
    folder.mkdir(parents=True)
    for name in second:
        shutil.copyfile(SEEDS / name, folder / name)
    return root


def _hook(root: Path, name: str, script: str) -> Path:
    hook = root / ".git" / "hooks" / name
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    hook.chmod(0o755)
    return hook


def _journals(root: Path) -> list[str]:
    return sorted(p.name for p in (root / ".git").glob("tracker-journal*"))


def _consistent(root: Path) -> None:
    check = run_main(root, "rebuild", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert _journals(root) == []
    assert not list(root.rglob(".tracker-*.tmp"))


def test_a_rejected_commit_is_rolled_back_and_the_other_letters_go_on(tmp_path: Path) -> None:
    root = _two_series(tmp_path / "repo", BY_DATE[:2], BY_DATE[2:4])
    # A hook that refuses any commit of the second letter of the first series.
    _hook(
        root,
        "pre-commit",
        f"git diff --cached --name-only | grep -q '{BY_DATE[1]}' && exit 1\nexit 0\n",
    )
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == 1, proc.stderr
    assert errors[0].startswith(f"tracker: error: letters/{SERIES}/{BY_DATE[1]}: git commit")
    # The other letter of its series, and both of the other series, are in and committed.
    assert [line.split()[0] for line in proc.stdout.splitlines()] == ["new", "new", "new"]
    assert len(commits(root)) == 4
    # The refused letter's snapshot, report and ledger rows are gone; nothing is staged.
    assert not list((root / "snapshots" / SERIES).glob(f"{BY_DATE[1][:10]}*"))
    assert status(root).splitlines() == [f"?? letters/{SERIES}/{BY_DATE[1]}"]
    _consistent(root)
    # Once the hook is gone, the same command takes the letter in.
    (root / ".git" / "hooks" / "pre-commit").unlink()
    again = run_main(root, "ingest", "letters")
    assert again.returncode == 0, again.stderr
    assert status(root) == ""
    _consistent(root)


def test_the_library_raises_ingest_failed_with_what_went_in(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", BY_DATE[:2])
    undated = root / "letters" / SERIES / "brief.md"
    undated.write_text(
        "# Steun aan Oekraïne\n\nNederland heeft circa €14,3 mld. aan militaire steun begroot.\n",
        encoding="utf-8",
    )
    try:
        ingest(root, [root / "letters"])
    except IngestFailed as exc:
        assert [r.status for r in exc.results] == ["new", "new"]
        assert [f.letter for f in exc.failures] == [f"letters/{SERIES}/brief.md"]
        assert "no date" in exc.failures[0].message
    else:
        raise AssertionError("an undated letter must fail")


def test_a_killed_ingest_in_one_series_never_blocks_another(tmp_path: Path) -> None:
    root = _two_series(tmp_path / "repo", BY_DATE[:1], BY_DATE[1:2])
    env = {**os.environ, "TRACKER_TEST_KILL_AT": "outputs"}
    killed = run_cli(root, "ingest", f"letters/{SERIES}", env=env)
    assert killed.returncode == -signal.SIGKILL
    assert _journals(root) == [f"tracker-journal-{SERIES}.json"]
    # The other series' run completes the first series' ingest on its way.
    proc = run_main(root, "ingest", f"letters/{OTHER}")
    assert proc.returncode == 0, proc.stderr
    assert f"completing an interrupted ingest in series {SERIES}" in proc.stderr
    assert len(commits(root)) == 3 and status(root) == ""
    _consistent(root)


def test_a_journal_that_cannot_be_completed_is_rolled_back_and_reported(tmp_path: Path) -> None:
    root = _two_series(tmp_path / "repo", BY_DATE[:2], BY_DATE[2:3])
    ingest(root, [root / "letters" / SERIES / BY_DATE[0]])
    env = {**os.environ, "TRACKER_TEST_KILL_AT": "outputs"}
    killed = run_cli(root, "ingest", f"letters/{SERIES}/{BY_DATE[1]}", env=env)
    assert killed.returncode == -signal.SIGKILL
    # Its completion cannot commit: a hook refuses every commit in that series.
    refuse = f"git diff --cached --name-only | grep -q '{SERIES}/' && exit 1\nexit 0\n"
    hook = _hook(root, "pre-commit", refuse)
    proc = run_main(root, "ingest", f"letters/{OTHER}")
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert errors[0] == f"tracker: completing an interrupted ingest in series {SERIES}"
    assert len(errors) == 2 and f"letters/{SERIES}/{BY_DATE[1]}: git commit" in errors[1]
    assert proc.stdout.startswith("new ")  # the other series went on
    assert _journals(root) == []
    assert status(root).splitlines() == [f"?? letters/{SERIES}/{BY_DATE[1]}"]
    _consistent(root)
    hook.unlink()
    assert run_main(root, "ingest", "letters").returncode == 0
    assert status(root) == "" and len(commits(root)) == 4


def test_an_unreadable_journal_of_an_older_tracker_is_removed_and_reported(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", BY_DATE[:1])
    (root / ".git" / "tracker-journal.json").write_text("{not json", encoding="utf-8")
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "journal" in proc.stderr
    assert len(commits(root)) == 2
    assert run_main(root, "ingest", "letters").returncode == 0  # and it is gone for good
    _consistent(root)


def test_a_journal_of_an_older_tracker_is_completed(tmp_path: Path) -> None:
    """A run of the tracker before per-series journals, killed after writing its outputs."""
    root = make_repo(tmp_path / "repo", BY_DATE[:2])
    ingest(root, [root / "letters" / SERIES / BY_DATE[0]])
    env = {**os.environ, "TRACKER_TEST_KILL_AT": "outputs"}
    run_cli(root, "ingest", f"letters/{SERIES}/{BY_DATE[1]}", env=env)
    git_dir = root / ".git"
    own = git_dir / f"tracker-journal-{SERIES}.json"
    data = json.loads(own.read_text(encoding="utf-8"))
    (git_dir / "tracker-journal.json").write_text(
        json.dumps({"series": data["series"], "letter": data["letter"]}), encoding="utf-8"
    )
    own.unlink()
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 0, proc.stderr
    assert len(commits(root)) == 3 and status(root) == ""
    _consistent(root)


def test_a_stale_git_lock_from_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    """SIGKILL of the whole process group inside `git commit`, as a cancelled CI job does.

    With the user's own work staged, the tracker commits only its paths (`git commit --
    PATHS`), and git holds .git/index.lock through the commit's hooks: a hook that waits keeps
    the ingest inside git commit until the kill."""
    root = make_repo(tmp_path / "repo", BY_DATE[:2])
    ingest(root, [root / "letters" / SERIES / BY_DATE[0]])
    (root / "notes.md").write_text("Staged, not for the tracker to commit.\n", encoding="utf-8")
    with Repo(root) as repo:
        repo.git.add("notes.md")
    inside_commit = tmp_path / "inside-commit"
    _hook(root, "pre-commit", f"touch '{inside_commit}'\nsleep 60\n")
    run = subprocess.Popen(
        [sys.executable, "-m", "tracker", "ingest", "letters"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not inside_commit.exists() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert inside_commit.exists(), "the ingest never reached git commit"
        assert (root / ".git" / "index.lock").exists()
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    assert (root / ".git" / "index.lock").exists()
    (root / ".git" / "hooks" / "pre-commit").unlink()
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 0, proc.stderr
    assert "removed index.lock, left by an interrupted tracker run" in proc.stderr
    assert len(commits(root)) == 3 and status(root) == "M  notes.md"
    _consistent(root)


def test_a_git_lock_of_someone_else_is_left_alone(tmp_path: Path) -> None:
    """Without a killed tracker run, a git lock may be a live git's: one line, exit 2."""
    root = make_repo(tmp_path / "repo", BY_DATE[:1])
    (root / ".git" / "index.lock").write_bytes(b"")
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "index.lock" in proc.stderr
    assert (root / ".git" / "index.lock").exists()
    assert commits(root) == ["start"] and not list((root / "snapshots" / SERIES).iterdir())
    # Once its owner is done with it, the next run takes the letter in.
    (root / ".git" / "index.lock").unlink()
    assert run_main(root, "ingest", "letters").returncode == 0
    assert len(commits(root)) == 2 and status(root) == ""
    _consistent(root)


def test_temporary_files_left_by_a_kill_are_removed_and_never_committed(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", BY_DATE[:2])
    ingest(root, [root / "letters" / SERIES / BY_DATE[0]])
    # What write_atomic leaves when killed between creating its file and renaming it.
    for folder in ("snapshots", "reports"):
        (root / folder / SERIES / ".tracker-k1ll3d.tmp").write_text("half", encoding="utf-8")
    (root / ".git" / ".tracker-j0urn4l.tmp").write_text("{", encoding="utf-8")
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 0, proc.stderr
    assert not list(root.rglob(".tracker-*.tmp"))
    with Repo(root) as repo:
        names = repo.git.ls_files().splitlines()
    assert not [n for n in names if ".tracker-" in n]
    assert status(root) == ""


def test_a_refused_ingest_leaves_no_journal_and_writes_nothing_outside(tmp_path: Path) -> None:
    root = _two_series(tmp_path / "repo", BY_DATE[:1], BY_DATE[1:2])
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "reports").mkdir()
    (root / "reports" / SERIES).symlink_to(outside, target_is_directory=True)
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "outside the repository" in proc.stderr
    assert list(outside.iterdir()) == []
    assert _journals(root) == []
    assert not (root / "snapshots" / SERIES).exists() or not list(
        (root / "snapshots" / SERIES).iterdir()
    )
    assert proc.stdout.startswith("new ") and len(commits(root)) == 2  # the other series

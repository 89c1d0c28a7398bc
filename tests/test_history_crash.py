"""Kill an ingest at each step (SIGKILL, through the test hook) and rerun the same command."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from git import Repo
from history_repos import BY_DATE, SERIES, commits, make_repo, run_cli, run_main, status, tree

from tracker.history.ingest import ingest
from tracker.history.storage import KILL_HOOK

CHECKPOINTS = ["journal", "snapshot", "first-output", "outputs", "commit"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first four seed letters ingested in date order, without interruption."""
    root = make_repo(tmp_path_factory.mktemp("reference"), BY_DATE[:4])
    ingest(root, [root / "letters"])
    return root


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Repositories one letter short of the reference: the newest missing, or a middle one."""
    made: dict[str, tuple[Path, str]] = {}
    for kind, missing in (("append", BY_DATE[3]), ("out-of-order", BY_DATE[2])):
        root = make_repo(tmp_path_factory.mktemp(kind), BY_DATE[:4])
        present = [n for n in BY_DATE[:4] if n != missing]
        ingest(root, [root / "letters" / SERIES / n for n in present])
        made[kind] = (root, missing)
    return made


@pytest.mark.parametrize(
    ("kind", "checkpoint"),
    [("append", c) for c in CHECKPOINTS]
    + [("out-of-order", "snapshot"), ("out-of-order", "outputs")],
)
def test_killed_ingest_is_completed_by_rerunning_it(
    kind: str,
    checkpoint: str,
    bases: dict[str, tuple[Path, str]],
    reference: Path,
    tmp_path: Path,
) -> None:
    base, missing = bases[kind]
    root = tmp_path / "repo"
    shutil.copytree(base, root, symlinks=True)
    letter = f"letters/{SERIES}/{missing}"
    killed = run_cli(root, "ingest", letter, env={**os.environ, KILL_HOOK: checkpoint})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(commits(root)) == len(commits(base)) + (1 if checkpoint == "commit" else 0)

    rerun = run_main(root, "ingest", letter)
    assert rerun.returncode == 0, rerun.stderr
    # Consistent: exactly the files of an uninterrupted run (itself checked against rebuild
    # in test_history), all committed.
    assert tree(root) == tree(reference)
    assert status(root) == ""
    messages = commits(root)
    assert len(messages) == len(commits(reference))  # exactly one commit for the letter
    assert sum(missing[:10] in m.splitlines()[0] for m in messages) == 1
    with Repo(root) as repo:
        assert not list(Path(repo.git_dir).glob("tracker-journal*"))

"""The git side of a tracking repository, through gitpython: find it, make it, commit to it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from git import GitCommandError, InvalidGitRepositoryError, NoSuchPathError, Repo

from tracker.errors import HistoryError
from tracker.history.layout import LETTERS, README, WORKFLOW
from tracker.history.storage import write_atomic
from tracker.text.words import squash

DEFAULT_AUTHOR = ("letter tracker", "tracker@localhost")
"""Used only when neither the environment nor the git configuration names an author."""


def find_repository(start: Path) -> Path:
    """The working tree of the git repository around `start`."""
    try:
        with Repo(start, search_parent_directories=True) as repo:
            tree = repo.working_tree_dir
    except (InvalidGitRepositoryError, NoSuchPathError):
        raise HistoryError(
            f"{start} is not inside a git repository",
            "run `tracker init DIR` to make one, or pass --repo DIR",
        ) from None
    if tree is None:
        raise HistoryError(f"{start} is a bare git repository", "use a clone with a work tree")
    return Path(tree).resolve()


def git_dir(root: Path) -> Path:
    with Repo(root) as repo:
        return Path(repo.git_dir)


def init_repository(directory: Path, *, workflow: str | None = None) -> list[str]:
    """Make `directory` a tracking repository; returns the paths it created (relative).

    `workflow` is the text of the workflow that runs the Action (github/workflow.py writes
    it), for `.github/workflows/`; a workflow already there is left as it is.
    """
    directory.mkdir(parents=True, exist_ok=True)
    root = directory.resolve()
    created: list[str] = []
    if not (root / ".git").exists():
        Repo.init(root).close()
        created.append(".git")
    keep = f"{LETTERS}/.gitkeep"
    if not (root / LETTERS).exists():
        write_atomic(root / keep, b"")
        created.append(keep)
    if not (root / README).exists():
        write_atomic(root / README, _README.encode())
        created.append(README)
    if workflow is not None and not (root / WORKFLOW).exists():
        write_atomic(root / WORKFLOW, workflow.encode())
        created.append(WORKFLOW)
    return created


_README = """# Tracked letters

Put each series of letters in its own folder, `letters/<series>/`, with file names that start
with the letter's date (`2026-02-27-leveringen.txt`), and run `tracker ingest letters/`.
The tracker writes a snapshot of each letter to `snapshots/<series>/` and its change report
against the previous letter to `reports/<series>/`, where `README.md` shows the timeline and
the figures over time.
"""


def commit_paths(root: Path, paths: Sequence[str], message: str) -> str | None:
    """Commit `paths` (and nothing else the user staged) if they changed; the new commit id.

    When the user has staged other work, `git commit -- PATHS` commits exactly our paths and
    leaves the rest of the index as it was: their work is neither committed nor unstaged.
    Otherwise a plain commit of the index does the same, without git re-reading the whole tree
    for a partial commit (which grows with the series).
    """
    # Letter file names are data, never pathspec magic (":(glob)*", "*.txt").
    literal = {"GIT_LITERAL_PATHSPECS": "1"}
    with Repo(root) as repo:
        # figures.csv grows with the series and is stored anew by every commit; the fastest
        # zlib level halves that cost, and `git gc` repacks the loose objects anyway.
        repo.git.set_persistent_git_options(c="core.looseCompression=1")
        try:
            repo.git.add("--all", "--", *paths, env=literal)
            if not repo.git.diff("--cached", "--name-only", "--", *paths, env=literal).strip():
                return None
            env = {**literal, **_identity(repo)}
            staged = repo.git.diff("--cached", "--name-only", "-z").split("\0")
            if all(_among(name, paths) for name in staged if name):
                repo.git.commit("--quiet", "-m", message, env=env)
            else:
                repo.git.commit("--quiet", "-m", message, "--", *paths, env=env)
            return str(repo.head.commit.hexsha)
        except GitCommandError as exc:
            detail = squash(str(exc.stderr or exc)).strip("' ")
            raise HistoryError(
                f"git {exc.command[1] if len(exc.command) > 1 else ''} failed: {detail}",
                "fix the repository (a stale .git/index.lock from a killed git can be "
                "deleted) and run the same command again",
            ) from None


def _among(name: str, paths: Sequence[str]) -> bool:
    """Is the repository path `name` one of `paths` or inside one of them?"""
    return any(name == p or name.startswith(p.rstrip("/") + "/") for p in paths)


def _identity(repo: object) -> dict[str, str]:
    """Author and committer: the environment, else git's configuration, else a default."""
    assert isinstance(repo, Repo)
    reader = repo.config_reader()
    env: dict[str, str] = {}
    for role in ("AUTHOR", "COMMITTER"):
        if not os.environ.get(f"GIT_{role}_NAME") and not reader.has_option("user", "name"):
            env[f"GIT_{role}_NAME"] = DEFAULT_AUTHOR[0]
        if not os.environ.get(f"GIT_{role}_EMAIL") and not reader.has_option("user", "email"):
            env[f"GIT_{role}_EMAIL"] = DEFAULT_AUTHOR[1]
    return env

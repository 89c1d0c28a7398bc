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


# What tells git which repository to act on, whatever folder it runs in. Git hands these to
# the commands it runs (hooks, `git rebase --exec`); the tracker acts on the repository it is
# pointed at (--repo, or the one around the letters), so it drops them before any git runs.
REPOSITORY_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


def forget_inherited_repository() -> None:
    """Drop the repository a calling git named: left in place, a `tracker ingest` run from a
    hook would commit to that repository, and `tracker init` would make it anew."""
    for name in REPOSITORY_VARIABLES:
        os.environ.pop(name, None)


def find_repository(start: Path) -> Path:
    """The working tree of the git repository around `start`."""
    forget_inherited_repository()
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
    forget_inherited_repository()
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
            # One listing of what is staged tells both whether our paths changed and whether
            # the user staged other work; git's own matching of them is asked only when none
            # is found by name (it may fold case, say).
            staged = [n for n in repo.git.diff("--cached", "--name-only", "-z").split("\0") if n]
            if not any(_among(name, paths) for name in staged) and (
                not staged
                or not repo.git.diff("--cached", "--name-only", "--", *paths, env=literal).strip()
            ):
                return None
            env = {**literal, **_identity(repo)}
            if all(_among(name, paths) for name in staged):
                repo.git.commit("--quiet", "-m", message, env=env)
            else:
                repo.git.commit("--quiet", "-m", message, "--", *paths, env=env)
            return str(repo.head.commit.hexsha)
        except GitCommandError as exc:
            detail = _detail(exc)
            raise HistoryError(
                f"git {_subcommand(exc.command)} failed: {detail}",
                "fix the repository and run the same command again (a .git/index.lock left by "
                "a git that another program ran must be deleted by hand)",
            ) from None


def _detail(exc: GitCommandError) -> str:
    """What git said, on one line; its exit status when it said nothing (a hook refused)."""
    said = squash(str(exc.stderr or "")).strip("' ")
    return said.removeprefix("stderr: ").strip("' ") or f"exit status {exc.status}"


def _subcommand(command: object) -> str:
    """The git command's name ("commit") among its arguments ("git -c x=y commit …")."""
    args = [str(a) for a in command] if isinstance(command, (list, tuple)) else [str(command)]
    rest = iter(args[1:])
    for arg in rest:
        if arg == "-c":
            next(rest, None)
        elif not arg.startswith("-"):
            return arg
    return ""


def tracked(root: Path, path: str) -> bool:
    """Is the repository path `path` in the last commit?"""
    with Repo(root) as repo:
        if not repo.head.is_valid():
            return False
        try:
            repo.head.commit.tree[path]
        except KeyError:
            return False
        return True


def unstage(root: Path, paths: Sequence[str]) -> None:
    """Put the index entries of `paths` back as the last commit has them (none, if it has no
    such file): what a failed commit staged is unstaged; the work tree is left alone."""
    literal = {"GIT_LITERAL_PATHSPECS": "1"}
    with Repo(root) as repo:
        try:
            if repo.head.is_valid():
                repo.git.reset("--quiet", "--", *paths, env=literal)
            else:
                repo.git.rm("--cached", "-r", "-q", "--ignore-unmatch", "--", *paths, env=literal)
        except GitCommandError as exc:
            detail = _detail(exc)
            raise HistoryError(f"git could not unstage {', '.join(paths)}: {detail}") from None


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

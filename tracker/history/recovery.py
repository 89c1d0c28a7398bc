"""Crash safety of ingest: each series' journal, rolling back a letter's partial work, and
clearing what a killed run left behind.

While a letter is ingested, a journal in the git folder names its series, its original and the
snapshot it writes. Each series has its own journal, so that an ingest cut short in one series
never stands in the way of another. A letter that fails is rolled back at once; a run that was
killed is completed (or, if that fails, rolled back) by the next run, under the lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import HistoryError, TrackerError
from tracker.history.index import LetterEntry, entries_from_csv
from tracker.history.layout import (
    JOURNAL,
    LETTERS,
    REPORTS,
    SNAPSHOTS,
    journal_name,
    manifest_path,
    reports_folder,
    snapshots_folder,
)
from tracker.history.names import series_name
from tracker.history.repository import commit_paths, git_dir, tracked, unstage
from tracker.history.series import Notify, build_series, write_outputs
from tracker.history.storage import TEMPORARY, inside, remove_file, write_atomic
from tracker.text.safe import flat, shown

GIT_LOCK_GRACE = 2.0
"""Seconds a git lock file must have stood before it is taken for stale: a git that outlived
the killed tracker run which started it finishes within that time, or is stuck for good."""

_GIT_LOCKS = ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "packed-refs.lock", "config.lock")


@dataclass(frozen=True, slots=True)
class Journal:
    """A letter being ingested: what to complete, or undo, when the run stops half way."""

    series: str
    letter: str
    """The original, letters/<series>/<file>."""
    snapshot: str | None
    """The snapshot this ingest writes; None in a journal of an older tracker."""
    copied: bool
    """True when this ingest copied the original in (from outside letters/): the copy is its
    own to remove; a file the user put under letters/ never is."""

    def path(self, git_folder: Path) -> Path:
        return git_folder / journal_name(self.series)


@dataclass(frozen=True, slots=True)
class LetterFailure:
    """A letter that could not be ingested; its partial work was rolled back."""

    letter: str
    """The letter's path (relative to the repository when inside it), shown safely."""
    message: str
    """One line: the letter, what went wrong and what to do."""


def failure(root: Path, path: Path, exc: Exception) -> LetterFailure:
    """A letter's failure as one line that names it: the cause and what to do."""
    if isinstance(exc, TrackerError):
        reason = str(exc)
    else:
        reason = (
            f"cannot be ingested ({type(exc).__name__}: {exc}) "
            "(a fault of the tracker: please report it with this letter)"
        )
    # Most messages start with the file's name already: say it once, as its path in the
    # repository (the Action's annotations point there), else as given.
    names = (f"{shown(str(path))}: ", f"{shown(path.name)}: ")
    try:
        where = shown(path.absolute().relative_to(root).as_posix())
    except ValueError:
        where = shown(str(path))
        if reason.startswith(names):
            return LetterFailure(letter=where, message=shown(flat(reason)))
    for prefix in names:
        reason = reason.removeprefix(prefix)
    return LetterFailure(letter=where, message=shown(flat(f"{where}: {reason}")))


def write_journal(git_folder: Path, journal: Journal) -> None:
    data = {
        "series": journal.series,
        "letter": journal.letter,
        "snapshot": journal.snapshot,
        "copied": journal.copied,
    }
    write_atomic(journal.path(git_folder), json.dumps(data).encode())


def journals(git_folder: Path) -> Iterator[tuple[Path, Journal | HistoryError]]:
    """Every journal in the git folder, in series order: the journal, or why it is unreadable.

    `tracker-journal.json` is the one journal of trackers before per-series journals."""
    found = sorted(git_folder.glob(journal_name("*")))
    legacy = git_folder / JOURNAL
    for path in ([legacy] if legacy.exists() else []) + found:
        try:
            yield path, _read_journal(path)
        except HistoryError as exc:
            yield path, exc


def _read_journal(path: Path) -> Journal:
    unreadable = HistoryError(
        f"{path.name}: the journal of an interrupted ingest is unreadable; it was removed",
        "run `tracker rebuild` if a series' reports look wrong",
    )
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        raise unreadable from None
    if not isinstance(raw, dict):
        raise unreadable
    series, letter, snapshot = raw.get("series"), raw.get("letter"), raw.get("snapshot")
    if not isinstance(series, str) or not isinstance(letter, str):
        raise unreadable
    try:
        valid = series_name(series) == series
    except HistoryError:
        valid = False
    # A journal names only paths of its own series: never one elsewhere to write or remove.
    if not valid or not letter.startswith(f"{LETTERS}/{series}/") or ".." in letter.split("/"):
        raise unreadable
    if snapshot is not None and (
        not isinstance(snapshot, str) or not snapshot.startswith(f"{snapshots_folder(series)}/")
    ):
        raise unreadable
    return Journal(series, letter, snapshot, copied=raw.get("copied") is True)


CommitMessage = Callable[[str, LetterEntry], str]
"""The commit message of a letter of a series, as ingest writes it."""


def recover(
    root: Path, *, commit: bool, message: CommitMessage, notify: Notify | None
) -> list[LetterFailure]:
    """Complete each ingest that was killed, series by series: build its series again from the
    snapshots and commit what it wrote. One that cannot be completed is rolled back."""
    failures: list[LetterFailure] = []
    for path, journal in journals(git_dir(root)):
        if isinstance(journal, HistoryError):
            failures.append(LetterFailure(letter=path.name, message=shown(str(journal))))
        else:
            try:
                _complete(root, journal, commit=commit, message=message, notify=notify)
            except Exception as exc:  # whatever went wrong, this series' own
                failures.append(failure(root, root / journal.letter, exc))
                try:
                    roll_back(root, journal, outputs=True, staged=commit)
                except Exception as again:
                    failures.append(failure(root, root / journal.letter, again))
        remove_file(path)
    return failures


def _complete(
    root: Path, journal: Journal, *, commit: bool, message: CommitMessage, notify: Notify | None
) -> None:
    series, letter_rel = journal.series, journal.letter
    if journal.snapshot is not None and not inside(root, journal.snapshot).exists():
        # Cut short before its snapshot was written: nothing else was either.
        roll_back(root, journal, outputs=False, staged=False)
        return
    if notify is not None:
        notify(f"completing an interrupted ingest in series {series}")
    built, stale = build_series(root, series)
    write_outputs(root, built.files, stale)
    if commit:
        entries = entries_from_csv(built.files[manifest_path(series)])
        source = letter_rel.rsplit("/", 1)[-1]
        entry = next((e for e in entries if e.source == source), None)
        if entry is not None:
            paths = [snapshots_folder(series), reports_folder(series)]
            if inside(root, letter_rel).exists():
                paths.append(letter_rel)
            commit_paths(root, paths, message(series, entry))


def roll_back(root: Path, journal: Journal, *, outputs: bool, staged: bool) -> None:
    """Undo a letter's partial work: its snapshot and the copy of its original go (unless
    already committed); the series' derived files are built again from the snapshots left
    when `outputs` may have been written; with `staged`, the series' paths are unstaged."""
    for relative, own in ((journal.snapshot, True), (journal.letter, journal.copied)):
        if relative is None or not own or tracked(root, relative):
            continue
        with contextlib.suppress(HistoryError):  # a path out of the repository: never touched
            remove_file(inside(root, relative))
    if outputs:
        built, stale = build_series(root, journal.series)
        write_outputs(root, built.files, stale)
    if staged:
        paths = [snapshots_folder(journal.series), reports_folder(journal.series)]
        unstage(root, [*paths, journal.letter])


def tidy(root: Path, git_folder: Path, interrupted: int | None, notify: Notify | None) -> None:
    """Clear what a killed run left: its temporary files, and, when the tracker's own lock
    shows that its last holder was killed, the lock files of the git it ran."""
    for folder in _written_folders(root, git_folder):
        for leftover in folder.glob(TEMPORARY):
            if leftover.is_file() and not leftover.is_symlink():
                remove_file(leftover)
    if interrupted is not None:
        _clear_git_locks(git_folder, interrupted, notify)


def _written_folders(root: Path, git_folder: Path) -> Iterator[Path]:
    """The folders the tracker writes files into, never through a link out of the repository."""
    yield root
    yield git_folder
    for top in (LETTERS, SNAPSHOTS, REPORTS):
        base = root / top
        if not base.is_dir() or base.is_symlink():
            continue
        yield base
        for folder in base.iterdir():
            if folder.is_dir() and not folder.is_symlink():
                yield folder


def _clear_git_locks(git_folder: Path, pid: int, notify: Notify | None) -> None:
    """Remove git's lock files left by the killed run `pid`.

    Every git command the tracker runs in a repository runs under the tracker's lock. When the
    lock's last holder was killed, a git lock file is its git's: git removes its lock when it
    exits, so one still there was left by a killed git, or by one still finishing, which is
    given `GIT_LOCK_GRACE` seconds.
    """
    locks = [git_folder / name for name in _GIT_LOCKS]
    refs = git_folder / "refs"
    if refs.is_dir():
        locks += sorted(refs.rglob("*.lock"))
    for lock in locks:
        try:
            age = time.time() - lock.stat().st_mtime
        except FileNotFoundError:
            continue
        if _alive(pid):
            continue  # the pid is in use again: not proof enough
        if age < GIT_LOCK_GRACE:
            time.sleep(GIT_LOCK_GRACE - age)
        if lock.exists():
            remove_file(lock)
            if notify is not None:
                notify(f"removed {lock.name}, left by an interrupted tracker run (pid {pid})")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # the killed run's pid, given to this one
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process
    return True

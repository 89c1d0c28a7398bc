"""A series' files in a tracking repository: read them, build and write the derived ones.

Everything under reports/ is a pure function of the snapshots (history/build.py), so `rebuild`
can regenerate it and `rebuild --check` can prove the committed files are what the tracker
writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from pathlib import Path

from tracker.errors import HistoryError
from tracker.history.build import Built, Task, Work, derive, extend, in_order, letter_work
from tracker.history.index import LetterEntry, entries_from_csv
from tracker.history.layout import (
    LETTER_FILE,
    LOCK,
    PAGE_FILE,
    REPORTS,
    SNAPSHOTS,
    ledger_path,
    manifest_path,
    reports_folder,
    snapshot_path,
    snapshots_folder,
)
from tracker.history.ledger_csv import current_columns, rows_from_csv
from tracker.history.lock import repo_lock
from tracker.history.names import series_name
from tracker.history.order import appends, chain
from tracker.history.repository import find_repository, git_dir
from tracker.history.storage import (
    append_durably,
    checkpoint,
    decoded,
    inside,
    remove_file,
    write_atomic,
)
from tracker.history.tracked import TrackedFigure, track
from tracker.model import Document
from tracker.text.words import slugify

PARALLEL_FROM = 16
"""Letters from which a series is built in worker processes: below it, starting the workers
costs more than it saves."""

RUN = 24
"""Consecutive letters a worker takes at a time. It reads each letter of a run once, as itself
and as the next one's predecessor (build.letter_work), so a run's first predecessor is read
twice; and the fold, which takes the works in order, waits for a run at a time."""

WRITERS = 8
"""Threads writing a series' files at once: most of a file's write is waiting for its fsync."""

Notify = Callable[[str], None]
"""Receives progress lines meant for a person: waiting for the lock, completing a run."""


def read_text(root: Path, relative: str) -> str | None:
    """A file of the repository as text, exactly as written; None when it does not exist."""
    try:
        # Bytes, not read_text: universal newlines would read a "\r" inside a quoted CSV
        # field (a file name may hold one) as "\n".
        data = inside(root, relative).read_bytes()
    except FileNotFoundError:
        return None
    return decoded(data, relative)


def read_entries(root: Path, series: str) -> list[LetterEntry]:
    """The series' manifest (letters.csv); empty when the series has none yet."""
    text = read_text(root, manifest_path(series))
    return entries_from_csv(text, manifest_path(series)) if text else []


def snapshot_stems(root: Path, series: str) -> list[str]:
    """The stems of the series' snapshots, in name order."""
    folder = inside(root, snapshots_folder(series))
    if not folder.is_dir():
        return []
    # Only files named as the tracker names snapshots: a note beside them is not a letter.
    # Names, not paths: a series of 1000 letters is listed at each ingest.
    return sorted(name[:-3] for name in os.listdir(folder) if LETTER_FILE.match(name))


def build_series(root: Path, series: str) -> tuple[Built, list[str]]:
    """Every derived file of a series from its snapshots, and the stale files to remove."""
    texts = {
        stem: read_text(root, snapshot_path(series, stem)) or ""
        for stem in snapshot_stems(root, series)
    }
    built = derive(series, texts, run=_in_workers)
    folder = inside(root, reports_folder(series))
    stale = []
    if folder.is_dir():
        for p in sorted(folder.iterdir()):
            relative = f"{reports_folder(series)}/{p.name}"
            # Only files the tracker writes: a letter's report whose snapshot is gone. A file
            # a person put beside them is not the tracker's to delete.
            ours = LETTER_FILE.match(p.name) or PAGE_FILE.match(p.name)
            if p.is_file() and ours and relative not in built.files:
                stale.append(relative)
    return built, stale


def _in_workers(tasks: Sequence[Task]) -> Iterator[Work]:
    """`letter_work` over `tasks`, in worker processes for a long series; works in order, each
    as soon as it is done."""
    workers = min(os.cpu_count() or 1, 8)
    if len(tasks) < PARALLEL_FROM or workers < 2:
        yield from in_order(tasks)
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield from pool.map(_work, tasks, chunksize=RUN)
    finally:
        # Stopped early (an error in the fold): the letters not started are not needed.
        pool.shutdown(wait=True, cancel_futures=True)


def _work(task: Task) -> Work:
    return letter_work(*task)


def extend_series(
    root: Path, series: str, entries: list[LetterEntry], stem: str, text: str, doc: Document
) -> Built | None:
    """The derived files after appending the letter, reading only its predecessor, the
    manifest and the ledger (as bytes; its new rows are to be appended: Built.appended); None
    when the series must be rebuilt instead (the letter is out of order or a correction, or the
    manifest does not list the snapshots)."""
    known = {e.letter for e in entries}
    if set(snapshot_stems(root, series)) != known | {stem} or not appends(entries, stem, doc):
        return None
    try:
        ledger = inside(root, ledger_path(series)).read_bytes()
    except FileNotFoundError:
        ledger = b""
    line_end = ledger.find(b"\n")
    header = decoded(ledger[:line_end] if line_end != -1 else ledger, ledger_path(series))
    if not current_columns(header):
        return None  # written by an older version: rebuild it with today's columns
    before = chain(entries)[-1]
    previous_text = read_text(root, snapshot_path(series, before.letter))
    if previous_text is None:
        return None
    return extend(series, entries, ledger, stem, text, doc, previous_text)


def write_outputs(
    root: Path,
    outputs: dict[str, str],
    stale: Sequence[str],
    *,
    grow: bool = False,
    appended: Mapping[str, str] | None = None,
) -> list[str]:
    """Write the files whose content differs and remove stale ones; returns what changed.

    With `grow`, a file whose new content is its old content and more gets the more appended
    instead of being written whole: the ledger, which grows by one letter's rows at each
    ingest. `appended` gives such additions directly, by path, without the file's old content
    being read and compared. An append is not atomic; the ingest that asks for it is
    journalled, and an interrupted one is completed by rebuilding the series.

    Each file is made durable (fsync) before it counts as written, some 8 ms a file here: a
    series of 1000 letters has 2000 reports. The first is written alone (the crash tests stop
    there), the rest by `WRITERS` threads at once, whose fsyncs the file system commits
    together."""
    writes: list[tuple[str, Callable[[], None]]] = []
    more = {path: text for path, text in (appended or {}).items() if text}
    for relative in sorted([*outputs, *more]):
        target = inside(root, relative)
        if relative in more:
            writes.append((relative, partial(append_durably, target, more[relative].encode())))
            continue
        text = outputs[relative]
        data = text.encode("utf-8")
        try:
            old = target.read_bytes()
        except FileNotFoundError:
            old = None
        if old == data:
            continue
        if grow and old and len(data) > len(old) and data.startswith(old):
            writes.append((relative, partial(append_durably, target, data[len(old) :])))
        else:
            writes.append((relative, partial(write_atomic, target, data)))
    changed: list[str] = []
    if writes:
        writes[0][1]()
        checkpoint("first-output")
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            for future in [pool.submit(write) for _, write in writes[1:]]:
                future.result()
        changed.extend(relative for relative, _ in writes)
    for relative in stale:
        remove_file(inside(root, relative))
        changed.append(relative)
    return changed


def list_series(root: Path) -> list[str]:
    """Series with snapshots or reports in the repository, by name."""
    names: set[str] = set()
    for top in (SNAPSHOTS, REPORTS):
        folder = root / top
        if folder.is_dir():
            for p in folder.iterdir():
                if p.is_dir() and not p.name.startswith(".") and slugify(p.name) == p.name:
                    names.add(p.name)
    return sorted(names)


def rebuild(
    repo: Path, series: str | None = None, *, check: bool = False, notify: Notify | None = None
) -> list[str]:
    """Regenerate reports, indexes and ledgers from the snapshots; the paths that differ.

    With `check`, nothing is written: the returned paths are the files that differ from what
    the tracker would write (CI fails on them).
    """
    root = find_repository(repo)
    names = [series_name(series)] if series is not None else list_series(root)
    if series is not None and not (root / snapshots_folder(names[0])).is_dir():
        raise HistoryError(f"no series {names[0]!r} in {root}", "see `tracker history`")
    if check:
        differing: list[str] = []
        for name in names:
            built, stale = build_series(root, name)
            for relative, text in sorted(built.files.items()):
                current = read_text(root, relative)
                if current != text:
                    differing.append(relative)
            differing.extend(stale)
        return differing
    changed: list[str] = []
    with repo_lock(git_dir(root) / LOCK, on_wait=notify):
        for name in names:
            built, stale = build_series(root, name)
            changed.extend(write_outputs(root, built.files, stale))
    return changed


def series_letters(repo: Path, series: str | None = None) -> dict[str, list[LetterEntry]]:
    """The letters of each series (or of one), in series order, as the manifests list them."""
    root = find_repository(repo)
    names = [series_name(series)] if series is not None else list_series(root)
    result: dict[str, list[LetterEntry]] = {}
    for name in names:
        entries = read_entries(root, name)
        if series is not None and not entries:
            raise HistoryError(f"no letters in series {name!r}", "ingest some with tracker ingest")
        result[name] = entries
    return result


def figure_ledger(repo: Path, series: str) -> tuple[list[LetterEntry], list[TrackedFigure]]:
    """The letters standing in a series and every figure tracked across them."""
    root = find_repository(repo)
    name = series_name(series)
    entries = read_entries(root, name)
    if not entries:
        raise HistoryError(f"no letters in series {name!r}", "ingest some with tracker ingest")
    text = read_text(root, ledger_path(name)) or ""
    rows = rows_from_csv(text, ledger_path(name)) if text else []
    standing = chain(entries)
    return standing, track(rows, [e.letter for e in standing])

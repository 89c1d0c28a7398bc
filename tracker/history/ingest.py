"""Ingest letters into their series: snapshot, reports, ledger and index; one commit each.

Crash safety: under the lock, an ingest writes its series' journal, then the original and the
snapshot, then the derived files (each atomically), commits, and removes the journal. A letter
that fails is rolled back at once and the others go on; a run killed anywhere leaves either
nothing new or a journal that the next run completes (history/recovery.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Literal

from tracker.errors import HistoryError, InputError
from tracker.history.blobs import Prestored, prestore
from tracker.history.build import Built, shorten
from tracker.history.index import LetterEntry, entries_from_csv
from tracker.history.layout import (
    INDEX,
    LETTERS,
    LOCK,
    ledger_path,
    letter_path,
    manifest_path,
    report_path,
    snapshot_path,
)
from tracker.history.lock import repo_lock
from tracker.history.messages import check_template, templated_message
from tracker.history.names import letter_stem, safe_file_name, series_name
from tracker.history.recovery import (
    Journal,
    LetterFailure,
    failure,
    recover,
    roll_back,
    tidy,
    write_journal,
)
from tracker.history.repository import commit_paths, find_repository, git_dir
from tracker.history.series import Notify, build_series, extend_series, read_entries, write_outputs
from tracker.history.storage import checkpoint, inside, remove_file, settle, write_atomic
from tracker.model import Document, Finding
from tracker.read.extract import READERS
from tracker.read.files import document_from_bytes
from tracker.read.snapshot import from_markdown, to_markdown
from tracker.text.dates import date_from_name
from tracker.text.safe import shown
from tracker.text.words import squash

TITLE_IN_SUBJECT = 72
"""Characters of a letter's title in a commit's subject line; `git log --oneline` stays legible."""


_NOT_LETTERS = ("readme", "license", "changelog")
"""Files in a letters folder that are notes for people, not letters."""


Status = Literal["new", "duplicate", "correction"]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one letter did. Paths are relative to the repository, with `/`."""

    series: str
    date: dt.date
    title: str
    letter: str
    """The original under letters/<series>/."""
    snapshot: str
    report: str
    status: Status
    """new, duplicate (already present: nothing written) or correction."""
    committed: bool
    sections_changed: int
    figures_changed: int
    corrects: str | None = None
    """Snapshot path of the letter a correction replaces."""
    regenerated: tuple[str, ...] = ()
    """Other reports rewritten because this letter arrived out of order."""
    commit: str | None = None
    """Hex id of the commit made, if any."""
    message: str = ""
    """The commit message (also when not committing), or why nothing was written."""
    findings: tuple[Finding, ...] = ()
    """What the letter's report found (against the letter it is compared with); none for a
    duplicate or the first letter of a series."""

    def lines(self) -> list[str]:
        """What `tracker ingest` prints of it: a line, and one per report it regenerated."""
        if self.status == "duplicate":
            return [f"unchanged  {self.snapshot}: already in the series"]
        done = f"committed {self.commit[:10]}" if self.commit else "not committed"
        head = f"{self.status:<10} {self.report}: {self.message.splitlines()[0]} ({done})"
        return [head, *(f"{'updated':<10} {path}" for path in self.regenerated)]


class IngestFailed(HistoryError):
    """Some letters could not be ingested; the others were, and are in `results`."""

    def __init__(self, results: list[IngestResult], failures: list[LetterFailure]) -> None:
        super().__init__(
            f"{len(failures)} letter(s) could not be ingested: "
            + "; ".join(f.message for f in failures)
        )
        self.results = results
        self.failures = failures


def ingest(
    repo: Path,
    files: Sequence[Path],
    *,
    series: str | None = None,
    date: dt.date | None = None,
    commit: bool = True,
    notify: Notify | None = None,
    message_template: str | None = None,
) -> list[IngestResult]:
    """Ingest letters (files, or folders of letters) into their series; one commit each.

    `repo` is the repository or a folder inside it. The series comes from `series`, else
    from the file's place under letters/<series>/. The date comes from the letter, else from
    its file name (YYYY-MM-DD…), else from `date`. A letter already present (same sha256)
    changes nothing. `notify` receives progress lines meant for a person (waiting for the
    lock, completing an interrupted run). `message_template` rewords each commit message
    (see history/messages.py).

    One bad letter never stops the rest: a letter that cannot be ingested is rolled back and
    the others go on; then IngestFailed says which failed and carries what was ingested.
    """
    template = check_template(message_template) if message_template is not None else None
    root = find_repository(repo)
    chosen = series_name(series) if series is not None else None
    failures: list[LetterFailure] = []
    paths = list(_letter_files(root, files, failures))
    results: list[IngestResult] = []
    git_folder = git_dir(root)
    with repo_lock(git_folder / LOCK, on_wait=notify) as held:
        tidy(root, git_folder, held.interrupted, notify)
        recovered = partial(_recovered, template=template)
        failures += recover(root, commit=commit, message=recovered, notify=notify)
        for path in paths:
            try:
                results.append(_ingest_one(root, path, chosen, date, commit, template))
            except Exception as exc:  # one letter's failure, whatever it is, is its own
                failures.append(failure(root, path, exc))
    if failures:
        raise IngestFailed(results, failures)
    return results


def _letter_files(
    root: Path, files: Sequence[Path], failures: list[LetterFailure]
) -> Iterator[Path]:
    """Files as given, and the letters inside folders (by name, so dated names come in order)."""
    for given in files:
        if given.is_dir():
            found = sorted(
                p
                for p in given.rglob("*")
                if p.is_file()
                and not p.is_symlink()
                and p.suffix.lower() in READERS
                and not any(part.startswith(".") for part in p.relative_to(given).parts)
                and not p.name.lower().startswith(_NOT_LETTERS)
            )
            yield from found
        elif given.is_file():
            yield given
        else:
            error = InputError(f"{shown(str(given))}: no such file or folder", "check the path")
            failures.append(failure(root, given, error))


def _series_of(root: Path, path: Path, chosen: str | None) -> tuple[str, str | None]:
    """The series of a letter, and its path relative to the repository if it is under letters/."""
    try:
        relative = path.resolve().relative_to(root)
    except ValueError:
        relative = None
    in_letters = relative is not None and len(relative.parts) >= 3 and relative.parts[0] == LETTERS
    rel = relative.as_posix() if in_letters and relative is not None else None
    if chosen is not None:
        return chosen, rel
    if in_letters and relative is not None:
        return series_name(relative.parts[1]), rel
    raise HistoryError(
        f"{shown(path.name)}: cannot tell which series it belongs to",
        "put it under letters/<series>/ in the repository, or pass --series NAME",
    )


def _utf8_name(path: Path, in_place: str | None) -> None:
    """Refuse a letter whose name (or path under letters/) is no UTF-8: the manifest, the
    snapshot and the reports name it, and they are UTF-8 text."""
    try:
        (in_place or path.name).encode("utf-8")
    except UnicodeEncodeError:
        raise HistoryError(
            f"{shown(in_place or path.name)}: the file name is not valid UTF-8",
            "rename the file (letters, digits and hyphens are safe everywhere)",
        ) from None


def _ingest_one(
    root: Path,
    path: Path,
    chosen: str | None,
    date: dt.date | None,
    commit: bool,
    template: str | None = None,
) -> IngestResult:
    series, in_place = _series_of(root, path, chosen)
    _utf8_name(path, in_place)
    try:
        data = path.read_bytes()
    except OSError as exc:
        where = shown(str(path))
        raise InputError(f"{where}: cannot read ({exc.strerror})", "check the path") from None
    sha = hashlib.sha256(data).hexdigest()
    entries = read_entries(root, series)
    present = next((e for e in entries if e.sha256 == sha), None)
    if present is not None:
        return _duplicate(series, present, in_place)
    letter_rel, name = _original(root, path, series, in_place, data, sha)
    snapshot_text = _snapshot_text(path, data, name, sha, date)
    # Reports are built from the snapshot read back, exactly as `rebuild` will see it.
    doc = from_markdown(snapshot_text)
    stem = letter_stem(doc, name, {e.letter for e in entries})
    # Refused before anything is written: a path that leads out of the repository.
    for relative in (letter_rel, snapshot_path(series, stem), manifest_path(series)):
        inside(root, relative)
    journal = Journal(series, letter_rel, snapshot_path(series, stem), copied=in_place is None)
    git_folder = git_dir(root)
    write_journal(git_folder, journal)
    checkpoint("journal")
    ahead = prestore(git_folder, inside(root, ledger_path(series))) if commit else None
    done = _Progress(ahead=ahead)
    try:
        result = _write(
            root, journal, data, stem, snapshot_text, doc, entries, commit, done, template
        )
    except Exception as exc:
        if done.ahead is not None:
            done.ahead.cancel()
        try:
            roll_back(root, journal, outputs=done.outputs, staged=done.staged)
        except Exception:
            raise exc from None  # the journal stays: the next run finishes undoing it
        remove_file(journal.path(git_folder))
        raise
    remove_file(journal.path(git_folder))
    return result


@dataclass(slots=True)
class _Progress:
    """How far a letter's writing got, for its roll-back."""

    outputs: bool = False
    """The series' derived files may have been written."""
    staged: bool = False
    """Paths may have been staged for the commit."""
    ahead: Prestored | None = None
    """The ledger's next git blob, stored while the letter is compared (history/blobs.py)."""


def _write(
    root: Path,
    journal: Journal,
    data: bytes,
    stem: str,
    snapshot_text: str,
    doc: Document,
    entries: list[LetterEntry],
    commit: bool,
    done: _Progress,
    template: str | None,
) -> IngestResult:
    """Write the letter's original, snapshot and derived files, and commit them."""
    series, letter_rel = journal.series, journal.letter
    if journal.copied:
        write_atomic(inside(root, letter_rel), data)
    write_atomic(inside(root, snapshot_path(series, stem)), snapshot_text.encode())
    checkpoint("snapshot")

    built, changed = _write_derived(root, series, entries, stem, snapshot_text, doc, done)

    new_entries = built.entries or entries_from_csv(built.files[manifest_path(series)])
    entry = next(e for e in new_entries if e.letter == stem)
    own_report = report_path(series, stem)
    regenerated = tuple(
        p for p in changed if p.endswith(".md") and p != own_report and not p.endswith(INDEX)
    )
    message = _message(series, entry, regenerated)
    if template is not None:
        message = templated_message(template, series, entry, message)
    commit_id = None
    if commit:
        # Exact paths, not the series folders: git matches them without walking the series.
        paths = sorted({*changed, snapshot_path(series, stem), letter_rel})
        settle([inside(root, p) for p in changed])
        done.staged = True
        commit_id = commit_paths(root, paths, message)
        checkpoint("commit")
    return IngestResult(
        series=series,
        date=entry.date,
        title=entry.title,
        letter=letter_rel,
        snapshot=snapshot_path(series, stem),
        report=own_report,
        status="correction" if entry.status == "correction" else "new",
        committed=commit_id is not None,
        sections_changed=entry.sections_changed,
        figures_changed=entry.figures_changed,
        corrects=snapshot_path(series, entry.corrects) if entry.corrects else None,
        regenerated=regenerated,
        commit=commit_id,
        message=message,
        findings=built.findings.get(stem, ()),
    )


def _write_derived(
    root: Path,
    series: str,
    entries: list[LetterEntry],
    stem: str,
    text: str,
    doc: Document,
    done: _Progress,
) -> tuple[Built, list[str]]:
    """The series' derived files with the letter in it, written; and the paths that changed.

    Appending reads only the predecessor, the manifest and the ledger; a letter out of order
    or a correction rebuilds the series from its snapshots.
    """
    built = extend_series(root, series, entries, stem, text, doc)
    stale: list[str] = []
    if built is None:
        built, stale = build_series(root, series)
    ahead, added = done.ahead, built.appended.get(ledger_path(series))
    if ahead is not None:
        ahead.read.wait()  # its old bytes are read before anything is appended to them
        if added is not None:
            ahead.then(added.encode())
    done.outputs = True
    changed = write_outputs(root, built.files, stale, grow=True, appended=built.appended)
    checkpoint("outputs")
    if ahead is not None:
        if added is not None:
            ahead.store()
        else:
            ahead.cancel()
    return built, changed


def _duplicate(series: str, present: LetterEntry, in_place: str | None) -> IngestResult:
    """What ingesting a letter already in the series did: nothing."""
    return IngestResult(
        series=series,
        date=present.date,
        title=present.title,
        letter=in_place or letter_path(series, present.source),
        snapshot=snapshot_path(series, present.letter),
        report=report_path(series, present.letter),
        status="duplicate",
        committed=False,
        sections_changed=present.sections_changed,
        figures_changed=present.figures_changed,
        message=f"{series}: {present.date.isoformat()} {present.title} is already in the series",
    )


def _original(
    root: Path, path: Path, series: str, in_place: str | None, data: bytes, sha: str
) -> tuple[str, str]:
    """Where the original lives (where it already is under letters/, else copied there), and
    its file name there: another file of that name gets the letter's hash added."""
    if in_place is not None:
        return in_place, path.name
    name = safe_file_name(path.name)
    target = root / letter_path(series, name)
    if target.exists() and target.read_bytes() != data:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem}-{sha[:8]}.{ext}" if dot else f"{name}-{sha[:8]}"
    return letter_path(series, name), name


def _snapshot_text(path: Path, data: bytes, name: str, sha: str, date: dt.date | None) -> str:
    """The letter's snapshot, dated by the letter, else by its file name, else by `date`."""
    doc = document_from_bytes(data, name)
    letter_date = doc.meta.date or date_from_name(name) or date
    if letter_date is None:
        raise HistoryError(
            f"{path.name}: no date in the letter or its file name",
            "pass --date YYYY-MM-DD, or name the file YYYY-MM-DD-….txt",
        )
    meta = replace(doc.meta, date=letter_date, source=name, sha256=sha)
    return to_markdown(replace(doc, meta=meta))


def _message(series: str, entry: LetterEntry, regenerated: Sequence[str]) -> str:
    """One commit message: series, date, title and what changed on the first line (a long
    subject line is shortened there and given whole below)."""
    title = squash(entry.title)
    short = shorten(title, TITLE_IN_SUBJECT)
    moves = [m for m in entry.moves.split("; ") if m]
    head = f"{series}: {entry.date.isoformat()} {short} — {', '.join(moves) or entry.summary}"
    body = [title] if short != title else []
    if moves:
        body.append(entry.summary[:1].upper() + entry.summary[1:] + ".")
    body += [f"Also regenerated {p}: the letter before it changed." for p in regenerated]
    return "\n\n".join([head, "\n".join(body)]) if body else head


def _recovered(series: str, entry: LetterEntry, *, template: str | None) -> str:
    """The commit message of a letter whose ingest a killed run left to complete."""
    message = _message(series, entry, ())
    return message if template is None else templated_message(template, series, entry, message)

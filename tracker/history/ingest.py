"""Ingest letters into their series: snapshot, reports, ledger and index; one commit each.

Crash safety: under the lock, an ingest writes a journal naming the series, then the
original and the snapshot, then the derived files (each atomically), commits, and removes
the journal. A run killed anywhere leaves either nothing new or a journal that the next run
completes by rebuilding that series from its snapshots and committing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from tracker.errors import HistoryError, InputError
from tracker.history.build import Built, shorten
from tracker.history.index import LetterEntry, entries_from_csv
from tracker.history.layout import (
    INDEX,
    JOURNAL,
    LETTERS,
    LOCK,
    letter_path,
    manifest_path,
    report_path,
    reports_folder,
    snapshot_path,
    snapshots_folder,
)
from tracker.history.lock import repo_lock
from tracker.history.messages import check_template, templated_message
from tracker.history.names import letter_stem, safe_file_name, series_name
from tracker.history.repository import commit_paths, find_repository, git_dir
from tracker.history.series import Notify, build_series, extend_series, read_entries, write_outputs
from tracker.history.storage import checkpoint, inside, remove_file, write_atomic
from tracker.model import Document, Finding
from tracker.read.extract import READERS
from tracker.read.files import document_from_bytes
from tracker.read.snapshot import from_markdown, to_markdown
from tracker.text.dates import date_from_name
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
    """
    template = check_template(message_template) if message_template is not None else None
    root = find_repository(repo)
    chosen = series_name(series) if series is not None else None
    paths = list(_letter_files(files))
    results: list[IngestResult] = []
    with repo_lock(git_dir(root) / LOCK, on_wait=notify):
        _recover(root, commit=commit, notify=notify, template=template)
        for path in paths:
            results.append(_ingest_one(root, path, chosen, date, commit, template))
    return results


def _letter_files(files: Sequence[Path]) -> Iterator[Path]:
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
            raise InputError(f"{given}: no such file or folder", "check the path")


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
        f"{path.name}: cannot tell which series it belongs to",
        "put it under letters/<series>/ in the repository, or pass --series NAME",
    )


def _ingest_one(
    root: Path,
    path: Path,
    chosen: str | None,
    date: dt.date | None,
    commit: bool,
    template: str | None = None,
) -> IngestResult:
    series, in_place = _series_of(root, path, chosen)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})", "check the path") from None
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

    git_folder = git_dir(root)
    write_atomic(
        git_folder / JOURNAL, json.dumps({"series": series, "letter": letter_rel}).encode()
    )
    checkpoint("journal")
    if in_place is None:
        write_atomic(inside(root, letter_rel), data)
    write_atomic(inside(root, snapshot_path(series, stem)), snapshot_text.encode())
    checkpoint("snapshot")

    built, changed = _write_derived(root, series, entries, stem, snapshot_text, doc)

    new_entries = entries_from_csv(built.files[manifest_path(series)])
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
        commit_id = commit_paths(root, paths, message)
        checkpoint("commit")
    remove_file(git_folder / JOURNAL)
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
    root: Path, series: str, entries: list[LetterEntry], stem: str, text: str, doc: Document
) -> tuple[Built, list[str]]:
    """The series' derived files with the letter in it, written; and the paths that changed.

    Appending reads only the predecessor, the manifest and the ledger; a letter out of order
    or a correction rebuilds the series from its snapshots.
    """
    built = extend_series(root, series, entries, stem, text, doc)
    stale: list[str] = []
    if built is None:
        built, stale = build_series(root, series)
    changed = write_outputs(root, built.files, stale)
    checkpoint("outputs")
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


def _recover(
    root: Path, *, commit: bool, notify: Notify | None, template: str | None = None
) -> None:
    """Complete an ingest that was killed: rebuild its series and commit what it wrote."""
    git_folder = git_dir(root)
    raw = _read_journal(git_folder / JOURNAL)
    if raw is None:
        return
    series, letter_rel = raw
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
            message = _message(series, entry, ())
            if template is not None:
                message = templated_message(template, series, entry, message)
            commit_paths(root, paths, message)
    remove_file(git_folder / JOURNAL)


def _read_journal(path: Path) -> tuple[str, str] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise HistoryError(
            f"{path}: the journal of an interrupted ingest is unreadable",
            "delete it and run `tracker rebuild`",
        ) from None
    series, letter = raw.get("series"), raw.get("letter")
    if not isinstance(series, str) or not isinstance(letter, str):
        raise HistoryError(
            f"{path}: the journal of an interrupted ingest is unreadable",
            "delete it and run `tracker rebuild`",
        )
    if series_name(series) != series or not letter.startswith(f"{LETTERS}/"):
        raise HistoryError(f"{path}: unexpected journal content", "delete it")
    return series, letter

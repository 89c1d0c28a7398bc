"""Series order and corrections: which letter follows which, and which one a letter replaces.

Order is by date, then file name, then content, never by arrival; a letter with the same own
reference, or the same date and subject, as an earlier one is its correction and takes its
place in the series.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from tracker.errors import HistoryError
from tracker.history.index import LetterEntry
from tracker.model import Document
from tracker.text.words import squash

Key = tuple[str, str, str, str]


def order_key(date: dt.date, source: str, sha: str) -> Key:
    """Series order: by date; on one date by file name, then by content, never by arrival.

    The name is compared without its extension, so that a re-issue named like its original
    plus a suffix (brief.txt, brief-herzien.txt) sorts after it and counts as the correction.
    """
    stem, _, ext = source.rpartition(".") if "." in source else (source, "", "")
    return (date.isoformat(), stem, ext, sha)


def entry_key(e: LetterEntry) -> Key:
    return order_key(e.date, e.source, e.sha256)


def _norm_title(title: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", title).casefold().split())


def same_letter(a: LetterEntry, b: LetterEntry) -> bool:
    """Is `b` a re-issue of `a`: the same own reference, or the same date and subject."""
    if a.reference and a.reference == b.reference:
        return True
    return a.date == b.date and bool(a.title) and _norm_title(a.title) == _norm_title(b.title)


def skeleton(stem: str, doc: Document) -> LetterEntry:
    """A manifest entry from a snapshot's metadata, before any comparison."""
    meta = doc.meta
    if meta.date is None or meta.sha256 is None:
        raise HistoryError(
            f"snapshot {stem}.md has no date or sha256 in its front matter",
            "re-ingest the original letter",
        )
    return LetterEntry(
        date=meta.date,
        letter=stem,
        title=squash(meta.title or stem),
        source=meta.source or "",
        sha256=meta.sha256,
        reference=meta.references[0] if meta.references else "",
        status="new",
        corrects="",
        predecessor="",
        superseded=False,
        sections_changed=0,
        figures_changed=0,
        findings=0,
    )


def plan(skeletons: Iterable[LetterEntry]) -> list[LetterEntry]:
    """Mark corrections and superseded letters; the result is in series (key) order."""
    planned: list[LetterEntry] = []
    # Where the latest letter with each own reference, and each date and subject, stands:
    # `same_letter` by lookup, so planning a long series stays linear.
    by_reference: dict[str, int] = {}
    by_subject: dict[tuple[dt.date, str], int] = {}
    for entry in sorted(skeletons, key=entry_key):
        subject = (entry.date, _norm_title(entry.title)) if entry.title else None
        matches = [by_reference.get(entry.reference, -1) if entry.reference else -1]
        matches.append(by_subject.get(subject, -1) if subject else -1)
        if max(matches) >= 0:
            position = max(matches)
            replaced = planned[position]
            planned[position] = replace(replaced, superseded=True)
            entry = replace(entry, status="correction", corrects=replaced.letter)
        if entry.reference:
            by_reference[entry.reference] = len(planned)
        if subject:
            by_subject[subject] = len(planned)
        planned.append(entry)
    return planned


def chain(entries: Sequence[LetterEntry]) -> list[LetterEntry]:
    """The letters that stand in the series, in order; a correction takes its original's place."""
    by_stem = {e.letter: e for e in entries}

    def root_key(e: LetterEntry) -> tuple[Key, Key]:
        first = e
        while first.corrects and first.corrects in by_stem:
            first = by_stem[first.corrects]
        return (entry_key(first), entry_key(e))

    return sorted((e for e in entries if not e.superseded), key=root_key)


def predecessors(
    planned: Sequence[LetterEntry], standing: Sequence[LetterEntry]
) -> dict[str, str | None]:
    """Who each letter's report and ledger step compare against: the letter before it in the
    series; None for the first and for a superseded correction."""
    previous: dict[str, str | None] = {}
    for index, entry in enumerate(standing):
        previous[entry.letter] = standing[index - 1].letter if index else None
    for entry in planned:
        if entry.superseded and not entry.corrects:
            # A superseded letter keeps its report against the letter before it in the series.
            earlier = [e for e in standing if entry_key(e) < entry_key(entry)]
            previous[entry.letter] = earlier[-1].letter if earlier else None
        elif entry.superseded:
            previous[entry.letter] = None
    return previous


def appends(entries: Sequence[LetterEntry], stem: str, doc: Document) -> bool:
    """Does the letter simply follow every letter of the series (no correction, in order)?"""
    new = skeleton(stem, doc)
    return bool(entries) and not any(
        entry_key(e) >= entry_key(new) or same_letter(e, new) for e in entries
    )

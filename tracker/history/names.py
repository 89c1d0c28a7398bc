"""Names in a tracking repository: series names, safe file names, dates and letter stems."""

from __future__ import annotations

import re

from tracker.errors import HistoryError
from tracker.model import Document
from tracker.text.dates import DATE_PREFIX
from tracker.text.words import slugify

MAX_FILE_NAME = 120
"""Longest file name kept for a copied original (bytes are counted after UTF-8 encoding)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def series_name(raw: str) -> str:
    """The series slug for a name given by a user or a folder; refuses what is not a name.

    A series name becomes a folder under `snapshots/`, `reports/` and `letters/`, so anything
    that could point elsewhere (separators, `..`, control characters) is refused rather than
    silently rewritten: the user would not find their series under a name they did not give.
    """
    if _CONTROL.search(raw) or "/" in raw or "\\" in raw or raw.strip() in {"", ".", ".."}:
        raise HistoryError(
            f"invalid series name {raw!r}",
            "use letters, digits and hyphens, e.g. --series oekraine-steun",
        )
    slug = slugify(raw)
    if not slug:
        raise HistoryError(
            f"series name {raw!r} has no letters or digits",
            "use letters, digits and hyphens, e.g. --series oekraine-steun",
        )
    return slug


def safe_file_name(name: str) -> str:
    """A file name safe to create in a series folder: no path, no control characters, bounded.

    Only the last path component is kept; the extension survives shortening so the reader for
    the format is still found.
    """
    base = _CONTROL.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if base in {"", ".", ".."} or base.startswith("."):
        raise HistoryError(
            f"cannot store a letter under the name {name!r}",
            "rename the file to a plain name such as 2026-02-27-brief.txt",
        )
    if len(base.encode("utf-8")) > MAX_FILE_NAME:
        stem, dot, ext = base.rpartition(".")
        if not dot or len(ext) > 10:
            stem, ext = base, ""
        keep = MAX_FILE_NAME - len(ext.encode("utf-8")) - 1
        stem = stem.encode("utf-8")[:keep].decode("utf-8", "ignore").rstrip()
        base = f"{stem}.{ext}" if ext else stem
    return base


def strip_date_prefix(stem: str) -> str:
    """The file stem without a leading YYYY-MM-DD and its separator."""
    match = DATE_PREFIX.match(stem)
    return stem[match.end() :].lstrip("-_ .") if match else stem


def letter_stem(doc: Document, name: str, taken: set[str]) -> str:
    """<date>-<slug> from the file name (its own date prefix dropped), else the title."""
    assert doc.meta.date is not None
    slug = slugify(strip_date_prefix(name.rsplit(".", 1)[0])) or slugify(doc.meta.title or "")
    stem = f"{doc.meta.date.isoformat()}-{slug or 'letter'}"
    if stem in taken:
        stem = f"{stem}-{(doc.meta.sha256 or '')[:8]}"
    return stem

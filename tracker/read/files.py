"""Letter files to Documents: size and type checks, reading, and the file's name and hash."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from tracker.errors import InputError
from tracker.model import Document
from tracker.read.extract import extract
from tracker.read.limits import check_paragraphs, check_text
from tracker.read.parse import parse
from tracker.text.dates import date_from_name
from tracker.text.safe import shown

# Letters are a few hundred kilobytes at most, even as PDF; anything larger is a mistake
# (a scan, an archive) and would only make the tool slow.
MAX_BYTES = 20 * 1024 * 1024


def load_document(path: Path) -> Document:
    """Read and parse a letter file; meta.source is the file name (shown safely: see
    `shown`), meta.sha256 its hash."""
    where = shown(str(path))
    if not path.exists():
        raise InputError(f"{where}: no such file", "check the path")
    if path.is_dir():
        raise InputError(f"{where}: is a directory, not a letter file", "give a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{shown(path.name)}: file is {size // (1024 * 1024)} MB, over the 20 MB limit",
                "give the letter itself, not a scan or an archive",
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(
            f"{where}: cannot read the file ({exc.strerror})", "check permissions"
        ) from exc
    except OSError as exc:
        raise InputError(
            f"{where}: cannot read the file ({exc.strerror})", "check the path"
        ) from exc
    return document_from_bytes(data, path.name)


def document_from_bytes(data: bytes, name: str) -> Document:
    """Parse a letter from its bytes; `name` (a file name) decides the reader.

    A file name may hold any bytes; the Document's source is the name as `shown`, one line of
    valid text, and so is every message that names it.
    """
    name = shown(name)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: over the 20 MB limit", "give the letter itself")
    if not data:
        raise InputError(f"{name}: the file is empty", "give a letter with text in it")
    try:
        extracted = extract(data, name)
        check_text(extracted.text)
        document = parse(extracted.text, extracted.markup)
        check_paragraphs(document)
    except InputError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        if not message.startswith(f"{name}:"):
            raise type(exc)(f"{name}: {message}", exc.hint) from exc
        raise
    meta = replace(document.meta, source=name, sha256=hashlib.sha256(data).hexdigest())
    return replace(document, meta=meta)


def dated(doc: Document) -> Document:
    """The letter with the date its file name starts with ("2026-02-27-brief.txt") when its
    text gives none, as `tracker ingest` dates it."""
    if doc.meta.date is not None:
        return doc
    return replace(doc, meta=replace(doc.meta, date=date_from_name(doc.meta.source or "")))


def sniff_name(data: bytes) -> str:
    """A file name for bytes read from stdin, chosen by their first bytes (text by default)."""
    head = data[:512].lstrip()
    if head.startswith(b"%PDF"):
        return "stdin.pdf"
    if head.startswith(b"PK\x03\x04"):
        return "stdin.docx"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "stdin.html"
    return "stdin.txt"

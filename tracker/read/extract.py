"""Bytes to text by file type: the table of readers, and what a reader gives back.

A reader is a plain function `read(data: bytes) -> Extracted` in its own module under
tracker/read/formats/. It touches only the bytes it is given. Plain text (.txt) comes out as
`markup="plain"` and goes through artefact clean-up and layout-based parsing; formats that know
their structure (.md, Word, HTML, and PDF through the positions and fonts of its words) come out
as Markdown (`markup="markdown"`: `#` headings, pipe tables, `[^n]` footnotes; written with
tracker.read.formats.mdwrite) and are parsed by markdown-it-py into the same Document.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Literal

from tracker.errors import InputError

Markup = Literal["plain", "markdown"]


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a reader got out of a file."""

    text: str
    """The letter's text, newline-separated lines."""
    markup: Markup
    """How the parser should read `text`."""


# File extension -> module holding `read(data: bytes) -> Extracted`. Imported lazily: PDF and
# Word libraries cost start-up time that a .txt comparison should not pay.
READERS: dict[str, str] = {
    ".txt": "tracker.read.formats.text",
    ".text": "tracker.read.formats.text",
    ".md": "tracker.read.formats.markdown",
    ".markdown": "tracker.read.formats.markdown",
    ".pdf": "tracker.read.formats.pdf",
    ".docx": "tracker.read.formats.docx",
    ".html": "tracker.read.formats.html",
    ".htm": "tracker.read.formats.html",
}


def extract(data: bytes, name: str) -> Extracted:
    """Run the reader for `name`'s extension over `data`."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    module_name = READERS.get(suffix)
    if module_name is None:
        known = ", ".join(sorted(READERS))
        raise InputError(f"{name}: unsupported file type {suffix or '(none)'!r}", f"use {known}")
    module = importlib.import_module(module_name)
    result: Extracted = module.read(data)
    return result

"""Markdown reader: a .md letter already says where its headings, tables and footnotes are."""

from __future__ import annotations

from tracker.read.extract import Extracted
from tracker.read.formats.text import decode, repair_mojibake


def read(data: bytes) -> Extracted:
    """Read a Markdown letter: decoded like text, parsed as Markdown."""
    return Extracted(text=repair_mojibake(decode(data)), markup="markdown")

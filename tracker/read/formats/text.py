"""Plain-text reader: decode a .txt letter's bytes (UTF-8, with or without BOM, or Windows-1252)."""

from __future__ import annotations

import codecs
import re

from tracker.errors import InputError
from tracker.read.extract import Extracted

# Control characters other than tab, newline, carriage return and form feed do not occur in
# text files; a few of them in the first kilobytes mean the file is binary.
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
_BINARY_SHARE = 0.01
# UTF-8 that was once read as Windows-1252 and saved again: "OekraÃ¯ne", "â‚¬", "â€™".
_MOJIBAKE_RE = re.compile("Ã[\u00a0-\u00bf]|â€[\u0080-\u00bf\u0152-\u2122]|â‚¬")
_MOJIBAKE_MIN = 2


def decode(data: bytes) -> str:
    """Decode letter bytes: UTF-8 (BOM optional), else Windows-1252, else Latin-1; UTF-16 by BOM.

    Windows-1252 is tried before Latin-1 because Dutch Word and PDF tools write it: its bytes
    0x80-0x9F are "€", curly quotes and dashes, which Latin-1 would turn into control codes.
    """
    if not data:
        raise InputError("the file is empty", "give a letter with text in it")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows "Unicode" text: UTF-16 with its byte-order mark.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("the file is not valid UTF-16 text", "save it as UTF-8") from exc
    if b"\x00" in data[:8192]:
        raise InputError("the file is binary, not text", "give a .txt, .md, .pdf, .docx or .html")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < " " and ch not in _TEXT_CONTROLS)
    controls += sum(1 for ch in sample if "\x7f" <= ch <= "\x9f")
    if controls > max(2, _BINARY_SHARE * len(sample)):
        raise InputError(
            "the file is binary or in an unknown encoding", "save the letter as UTF-8 text"
        )
    return text


def read(data: bytes) -> Extracted:
    """Read a plain-text letter: its layout is parsed from the text itself."""
    # Word's text export writes a manual line break as a vertical tab and a page break as a
    # form feed: both end a line.
    text = repair_mojibake(decode(data)).replace("\v", "\n").replace("\f", "\n")
    return Extracted(text=text, markup="plain")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("OekraÃ¯ne" -> "Oekraïne") when the text has it."""
    if len(_MOJIBAKE_RE.findall(text)) < _MOJIBAKE_MIN:
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text  # mixed with text that was never mangled: leave it as it is

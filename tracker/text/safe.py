"""Untrusted text made safe for one line: a file name shown, a Markdown cell or heading.

A letter's file name may hold any bytes but "/" and NUL: line breaks, control characters,
bytes that are no UTF-8 (Python keeps those as lone surrogates, which no UTF-8 writer
accepts). A letter's title and headings come from its text. Everything the tracker writes for
a person passes through here first, so that one name can neither break a line of a message
or a table, nor crash the writer.
"""

from __future__ import annotations

import re
import unicodedata

_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""What str.splitlines() breaks a line at."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Direction overrides, which make a name read other than it is ("txt.exe" shown as "exe.txt")."""


def flat(text: str) -> str:
    """`text` on one line: every line break a space."""
    return _BREAKS.sub(" ", text)


def shown(text: str) -> str:
    """`text` (a file name, a message naming one) as one line of valid Unicode.

    Control characters, line breaks and direction overrides are written as escapes ("\\n",
    "\\x1b", "\\u202e"); a byte that was not UTF-8 as "\\xe9". Other text is unchanged.
    """
    if text.isprintable():
        return text
    return "".join(_shown_char(ch) for ch in text)


def _shown_char(ch: str) -> str:
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that was not UTF-8 (surrogateescape)
    if unicodedata.category(ch) in {"Cc", "Cs", "Zl", "Zp"} or ch in _BIDI:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return ch


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
"""What Markdown reads as markup inside a line: emphasis, code, links and images (an escaped
"[" leaves "!" plain), raw HTML, table pipes, headings."""


def markdown_inline(text: str) -> str:
    """Untrusted text as Markdown that shows it as written, on one line: fit for a table
    cell, a link's label, a heading or a list item.

    Markup characters are backslash-escaped, line breaks become spaces, and a leading "::"
    (a workflow command, were the line ever echoed to a GitHub log) is escaped too.
    """
    # Most text needs nothing (a printable line holds no line break and nothing to show as an
    # escape): an index page makes thousands of cells.
    if text.isprintable() and _MARKDOWN_SPECIAL.search(text) is None:
        return "\\" + text if text.startswith("::") else text
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", shown(flat(text)))
    return "\\" + escaped if escaped.startswith("::") else escaped

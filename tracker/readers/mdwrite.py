"""Markdown the structured readers (PDF, Word, HTML) write for the foundation's parser.

One vocabulary for all three: `#` headings, paragraphs on one line each, "- " and "1. " list
items, GitHub pipe tables, `[^n]` footnote references and `[^n]: text` definitions at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Text that would start a Markdown block of its own when it begins a paragraph: a heading,
# a quote, a list item, a thematic break, a fence, a table pipe, an HTML tag.
_BLOCK_START = re.compile(
    r"^(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|={3,}|-{3,}|`{3,}|~{3,}|\||<)"
)
# Inline characters Markdown would read as emphasis, code or links.
_INLINE = re.compile(r"([\\`*_<]|\[(?!\^))")
_SPACE = re.compile(r"\s+")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,10})\]")


def squash(text: str) -> str:
    """Collapse runs of white space (including no-break spaces) to single spaces."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def escape(text: str) -> str:
    """Escape a paragraph's text so Markdown reads it as text; `[^n]` references stay."""
    text = _INLINE.sub(r"\\\1", squash(text))
    if _BLOCK_START.match(text):
        text = "\\" + text
    return text


def ref(label: str) -> str:
    """A footnote reference as written after the word it annotates."""
    return f"[^{label}]"


def heading(level: int, text: str) -> str:
    return f"{'#' * max(1, min(level, 6))} {escape(text)}"


def list_item(text: str, number: int | None = None) -> str:
    """A bulleted item, or a numbered one when `number` is given."""
    return f"{number}. {escape(text)}" if number is not None else f"- {escape(text)}"


def table(rows: Sequence[Sequence[str]]) -> str:
    """A GitHub pipe table; the first row is the header, short rows are padded."""
    width = max((len(row) for row in rows), default=0)
    if width == 0:
        return ""

    def line(cells: Sequence[str]) -> str:
        padded = [*cells, *[""] * (width - len(cells))]
        return "| " + " | ".join(escape(c).replace("|", "\\|") for c in padded) + " |"

    out = [line(rows[0]), "| " + " | ".join(["---"] * width) + " |"]
    out.extend(line(row) for row in rows[1:])
    return "\n".join(out)


def footnotes(notes: Iterable[tuple[str, str]]) -> str:
    """Footnote definitions, one per line, in the order given."""
    return "\n".join(f"[^{label}]: {escape(text)}" for label, text in notes if squash(text))


def join_blocks(blocks: Iterable[str]) -> str:
    """Blocks separated by one blank line, ending with a newline."""
    kept = [b for b in blocks if b.strip()]
    return "\n\n".join(kept) + "\n" if kept else ""

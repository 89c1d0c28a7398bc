"""Markdown the structured readers (PDF, Word, HTML) write for the foundation's parser.

One vocabulary for all three: `#` headings, paragraphs on one line each, "- " and "1. " list
items, GitHub pipe tables, `[^n]` footnote references and `[^n]: text` definitions at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tracker.text.words import squash

# Text that would start a Markdown block of its own when it begins a paragraph: a heading,
# a quote, a list item, a thematic break, a fence, a table pipe, an HTML tag.
_BLOCK_START = re.compile(
    r"^(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|={3,}|-{3,}|`{3,}|~{3,}|\||<)"
)
_NUMBER_START = re.compile(r"^(\d{1,9})[.)](\s|$)")
# Inline characters Markdown would read as emphasis, code or links.
_INLINE = re.compile(r"([\\`*_<]|\[(?!\^))")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,10})\]")


def escape(text: str) -> str:
    """Escape a paragraph's text so Markdown reads it as text; `[^n]` references stay."""
    text = _INLINE.sub(r"\\\1", squash(text))
    if numbered := _NUMBER_START.match(text):
        # Only punctuation can be escaped: "1\. text" is a paragraph, "\1. text" is not.
        return numbered.group(1) + "\\" + text[numbered.end(1) :]
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
    """Blocks separated by one blank line, ending with a newline; numbered questions promoted."""
    kept = promote_questions([b for b in blocks if b.strip()])
    return "\n\n".join(kept) + "\n" if kept else ""


# A two-column table whose right column holds prose and whose left column short labels is a
# form ("Onderdeel | Toelichting" annexes, letterhead-less budget forms): each label becomes a
# heading with its prose under it, as a reader of the form sees it. Thresholds in words.
FORM_LABEL_MAX_WORDS = 12
FORM_TEXT_MIN_WORDS = 20


def table_or_form(rows: Sequence[Sequence[Sequence[str]]], level: int = 2) -> list[str]:
    """Blocks for a table given as rows of cells of paragraphs: a pipe table, or a form."""
    rows = [row for row in rows if any(squash(" ".join(cell)) for cell in row)]
    if not rows:
        return []
    flat = [[squash(" ".join(cell)) for cell in row] for row in rows]
    if _is_form(flat):
        blocks: list[str] = []
        for i, (row, cells) in enumerate(zip(flat, rows, strict=True)):
            if i == 0 and len(row[1].split()) <= 3:
                continue  # the form's column headings ("Onderdeel | Toelichting"): not content
            if row[0]:
                blocks.append(heading(level, row[0]))
            blocks.extend(escape(p) for p in cells[1] if squash(p))
        return blocks
    if len(flat) == 1 or max(len(r) for r in flat) == 1:
        # A one-row or one-column table is a frame around text: keep the text as paragraphs.
        return [escape(p) for row in rows for cell in row for p in cell if squash(p)]
    if _is_letterhead(flat):
        # "Datum | 27 februari 2026": the letter's own fields, read as the lines they print as.
        return [escape(" ".join(c for c in row if c)) for row in flat]
    return [table(flat)]


# Labels of the fields in a letter's heading, which house-style templates lay out as a table.
_LETTERHEAD_LABELS = re.compile(
    r"^(datum|date|betreft|onderwerp|subject|(onze|uw) (referentie|kenmerk)|kenmerk|"
    r"our ref(erence)?|your ref(erence)?|bijlage\(?n?\)?|contactpersoon|doorkiesnummer)\b",
    re.I,
)


def is_letterhead_label(text: str) -> bool:
    """Whether a short text is the label of a letterhead field ("Datum", "Onze referentie")."""
    return len(text.split()) <= 3 and bool(_LETTERHEAD_LABELS.match(text))


def _is_letterhead(rows: list[list[str]]) -> bool:
    """A two-column table of the letter's fields: most left cells are field labels."""
    if any(len(r) != 2 for r in rows):
        return False
    labelled = sum(1 for r in rows if is_letterhead_label(r[0]))
    return labelled >= 2 and labelled * 2 >= len(rows)


def _is_form(rows: list[list[str]]) -> bool:
    if len(rows) < 2 or any(len(r) != 2 for r in rows):
        return False
    body = rows[1:]
    label_words = max(len(r[0].split()) for r in body)
    text_words = sum(len(r[1].split()) for r in body) / len(body)
    return label_words <= FORM_LABEL_MAX_WORDS and text_words >= FORM_TEXT_MIN_WORDS


# "1. Bent u op de hoogte …?": a numbered question of an answer letter (Aanhangsel, answers to
# written questions). The text parser makes each one a section; so do the structured readers.
_QUESTION_ITEM = re.compile(r"^\d{1,3}\. .*\?(\[\^[^\]]+\])*$")
_QUESTIONS_MIN = 2


def promote_questions(blocks: Sequence[str]) -> list[str]:
    """Numbered list items that are questions become headings, when there are several."""
    questions = [i for i, b in enumerate(blocks) if _QUESTION_ITEM.match(b)]
    if len(questions) < _QUESTIONS_MIN:
        return list(blocks)
    level = 2 if any(b.startswith("# ") for b in blocks) else 1
    out = list(blocks)
    for i in questions:
        number, rest = out[i].split(". ", 1)  # the item is escaped already, but for its number
        out[i] = f"{'#' * level} {number}\\. {rest}"
    return out

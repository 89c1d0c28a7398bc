"""Text to Document: paragraphs, tables, headings and sections of a letter.

Plain text: the parser works on lines cleaned by `normalize.clean` (so line numbers stay those
of the reader's text). It drops the letterhead and furniture that `letterhead.read_letterhead`
marks, lets `blocks` join hard-wrapped lines into paragraphs and rebuild tab-indented tables,
lets `headings` find the headings (numbered questions, left-column labels of a two-column form,
numbered and Markdown-style headings, short title lines standing alone before a paragraph),
and cuts the blocks into sections. Markdown: the letterhead is read as in plain text, the body
by `markdown.parse_body`; a tracker snapshot is read back exactly by `snapshot.from_markdown`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tracker.errors import ExtractionError
from tracker.model import Document, Footnote, Meta, Paragraph, Section, Table
from tracker.read.blocks import ITEM_RE, MD_HEADING_RE, RawBlock, join_cell_runs, split_blocks
from tracker.read.extract import Markup
from tracker.read.headings import (
    BULLET_RE,
    NUMBERED_HEADING_RE,
    QUESTION_LABEL_RE,
    find_headings,
    is_prose,
)
from tracker.read.letterhead import detect_language, kamerstuk_references, read_letterhead
from tracker.read.markdown import parse_body
from tracker.read.normalize import clean, lift_markers
from tracker.read.snapshot import from_markdown, is_snapshot, split_front_matter
from tracker.text.dates import parse_letter_date

# Less than this many letters and digits in the whole body is not a letter but a failed
# extraction (a scanned PDF, an image, a cover page).
_MIN_LETTERS = 40
# Share of letters among the non-space characters below which text is garbled.
_MIN_LETTER_SHARE = 0.5


def parse(text: str, markup: Markup = "plain") -> Document:
    """Parse a letter's text into a Document (meta.source and meta.sha256 left None)."""
    if markup == "markdown":
        return parse_markdown(text)
    return parse_plain(text)


def parse_plain(text: str) -> Document:
    """Parse plain text (from .txt or PDF extraction) by its layout."""
    cleaned = clean(text)
    head = read_letterhead(cleaned.lines)
    body = [line if i not in head.skip else "" for i, line in enumerate(cleaned.lines)]
    check_extraction("\n".join(body))
    blocks = split_blocks(body)
    title = head.title
    if head.title_is_first_block and len(blocks) > 1 and _is_title(blocks[0], blocks[1]):
        title = blocks.pop(0).plain
    blocks = [b for b in blocks if b.table is not None or re.search(r"\w", b.plain)]
    blocks = join_cell_runs(blocks)
    find_headings(blocks)
    # One heading at the very top over all the text is a subtitle ("Sources and Uses Tables"
    # under a press release's title): the text stays one opening section. A table's caption
    # ("Cash Balance" right above its table) does not count as a heading of the text.
    over_text = [
        b
        for k, b in enumerate(blocks)
        if b.heading_level and not (k + 1 < len(blocks) and blocks[k + 1].table is not None)
    ]
    if len(over_text) == 1 and blocks[0] is over_text[0] and len(blocks) > 2:
        over_text[0].heading_level = 0
    sections = _sections(blocks, cleaned.footnotes)
    opening = " ".join(p.text for s in sections if s.heading is None for p in s.paragraphs)
    meta = Meta(
        title=title,
        date=head.date,
        language=detect_language(" ".join(s.text for s in sections)),
        references=tuple(dict.fromkeys(head.references)),
        signatory=head.signatory,
        cites=_cited(opening, head.references),
    )
    return Document(meta=meta, sections=tuple(sections))


def parse_markdown(text: str) -> Document:
    """Parse a Markdown letter: letterhead lines are read as in plain text, the rest as Markdown."""
    cleaned = clean(text)
    lines = list(cleaned.lines)
    front = split_front_matter(lines)
    fields: dict[str, object] = {}
    if front is not None:
        fields, end = front
        if is_snapshot(fields):
            return from_markdown(text)  # a tracker snapshot: read back exactly
        lines[: end + 1] = [""] * (end + 1)  # keep line numbers
    head = read_letterhead(lines)
    body = [line if i not in head.skip else "" for i, line in enumerate(lines)]

    check_extraction("\n".join(body))
    sections = parse_body(body, cleaned.footnotes)
    title = _front_str(fields, "title") or head.title
    date = parse_letter_date(_front_str(fields, "date") or "") or head.date
    # A letter that opens with its only top-level heading is titled by it.
    if title is None and sections and sections[0].heading is not None and sections[0].level == 1:
        if sum(1 for s in sections if s.level == 1) == 1 and not sections[0].blocks:
            title = sections.pop(0).heading
        elif sum(1 for s in sections if s.level == 1) == 1:
            first = sections[0]
            title = first.heading
            sections[0] = Section(None, 0, first.blocks, first.footnotes, first.lines)
    # Levels count from 1 whatever heading size the writer started at ("##" under a title).
    top = min((s.level for s in sections if s.heading is not None), default=1)
    if top > 1:
        sections = [s if s.heading is None else _with_level(s, s.level - top + 1) for s in sections]
    opening = " ".join(p.text for s in sections if s.heading is None for p in s.paragraphs)
    meta = Meta(
        title=title,
        date=date,
        language=detect_language(" ".join(s.text for s in sections)),
        references=tuple(dict.fromkeys(head.references)),
        signatory=head.signatory,
        cites=_cited(opening, head.references),
    )
    return Document(meta=meta, sections=tuple(sections))


def _cited(opening: str, own: Sequence[str]) -> tuple[str, ...]:
    """The Kamerstuk numbers the opening text cites, other than the letter's own."""
    return tuple(r for r in dict.fromkeys(kamerstuk_references(opening)) if r not in own)


def _front_str(fields: dict[str, object], key: str) -> str | None:
    value = fields.get(key)
    return str(value).strip() or None if value is not None and value != [] else None


def _with_level(section: Section, level: int) -> Section:
    return Section(
        section.heading,
        level,
        section.blocks,
        section.footnotes,
        section.lines,
        section.heading_footnotes,
    )


def check_extraction(text: str) -> None:
    """Refuse text that is empty, nearly empty or garbled: it is not a letter."""
    # str.split() drops exactly the characters str.isspace() calls space. Most words are all
    # letters: only the others are counted character by character (map runs in C).
    words = text.split()
    visible = sum(map(len, words))
    mixed = "".join(word for word in words if not word.isalpha())
    letters = visible - len(mixed) + sum(map(str.isalpha, mixed))
    if letters + sum(map(str.isdigit, mixed)) < _MIN_LETTERS:
        raise ExtractionError(
            "no letter text found (the text is empty or nearly empty)",
            "check that the file holds the letter's text, not a scan or a cover page",
        )
    if letters < _MIN_LETTER_SHARE * visible:
        raise ExtractionError(
            "the text is garbled (mostly symbols, not words)",
            "check the file's encoding or extract the text again",
        )


def _is_title(block: RawBlock, following: RawBlock) -> bool:
    """Whether the first block of a letter without letterhead is its title line.

    A title has no final full stop, unless what follows is not running text either (the
    title of a form, "CW 3.1 … voor Oekraïne.", above its column headers).
    """
    text = block.plain
    if text.endswith(".") and (is_prose(following) or following.table is not None):
        return False
    words = len(text.split())
    sentences = len(re.findall(r"[.!?]\s+[A-Z]", text))
    numbered = (
        NUMBERED_HEADING_RE.match(text)
        or MD_HEADING_RE.match(text)
        or QUESTION_LABEL_RE.match(text)
    )
    return (
        block.table is None
        and not numbered
        and 0 < words <= 25
        and len(block.lines) <= 3
        and sentences == 0
    )


# --- sections ----------------------------------------------------------------------------


def _sections(blocks: list[RawBlock], bodies: dict[str, str]) -> list[Section]:
    """Cut blocks into sections at headings and attach footnote bodies."""
    groups: list[tuple[RawBlock | None, list[RawBlock]]] = [(None, [])]
    for block in blocks:
        if block.heading_level:
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    if not groups[0][1]:
        groups.pop(0)  # no text before the first heading: no opening section
    sections: list[Section] = []
    attached: set[str] = set()
    for heading, members in groups:
        model_blocks: list[Paragraph | Table] = []
        referenced: list[str] = []
        heading_text: str | None = None
        heading_labels: tuple[str, ...] = ()
        if heading is not None:
            heading_text, heading_labels = lift_markers(heading.text)
            md = MD_HEADING_RE.match(heading_text)
            heading_text = md.group(2) if md else heading_text
            referenced.extend(heading_labels)
        for block in members:
            if block.table is not None:
                model_blocks.append(block.table)
                referenced.extend(block.table.footnotes)
                continue
            text, labels = lift_markers(block.text)
            bullet = BULLET_RE.match(text)
            model_blocks.append(
                Paragraph(
                    text=text[bullet.end() :] if bullet else text,
                    line=block.start + 1,
                    end_line=block.end + 1,
                    footnotes=labels,
                    list_item=bool(ITEM_RE.match(text)),
                )
            )
            referenced.extend(labels)
        notes = []
        for label in dict.fromkeys(referenced):
            if label in bodies and bodies[label] and label not in attached:
                notes.append(Footnote(label, bodies[label]))
                attached.add(label)
        first = heading.start if heading is not None else members[0].start
        last = max([first, *(b.end for b in members)])
        sections.append(
            Section(
                heading=heading_text,
                level=heading.heading_level if heading is not None else 0,
                blocks=tuple(model_blocks),
                footnotes=tuple(notes),
                lines=(first + 1, last + 1),
                heading_footnotes=heading_labels,
            )
        )
    # Bodies nobody refers to (their marker was lost in extraction) stay with the last section.
    orphans = [Footnote(k, v) for k, v in bodies.items() if v and k not in attached]
    if orphans and sections:
        last_section = sections[-1]
        sections[-1] = replace(last_section, footnotes=(*last_section.footnotes, *orphans))
    return sections

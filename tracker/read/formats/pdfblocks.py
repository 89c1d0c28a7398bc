"""Markdown blocks from a PDF's lines in reading order: headings, paragraphs, list items,
tables and the rows of two-column forms."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.read.formats import mdwrite
from tracker.read.formats.pdflayout import (
    BULLETS,
    HEADING_SIZE_RATIO,
    NUMBERED_ITEM,
    PARAGRAPH_GAP_RATIO,
    PROSE_LINE_SHARE,
    SHORT_LINE_SHARE,
    Layout,
    Line,
)
from tracker.read.normalize import join_lines


def is_heading(line: Line, layout: Layout) -> bool:
    """A line in heading type: larger than the body, or bold, short and not a lead-in."""
    if line.table is not None or not line.text or line.column == "right":
        return False
    bigger = line.size >= layout.body_size * HEADING_SIZE_RATIO
    words = len(line.text.split())
    return (bigger or line.bold) and words <= 25 and not line.text.endswith((":", ";", ","))


def heading_flags(stream: list[Line], layout: Layout) -> list[bool]:
    """Which lines are headings. Larger type always is; bold body-size type only when running
    text (or a table) follows, so that bold letterhead labels ("Datum") stay text."""
    flags = [is_heading(line, layout) for line in stream]
    for i, line in enumerate(stream):
        if not flags[i] or line.size >= layout.body_size * HEADING_SIZE_RATIO:
            continue
        j = i + 1
        while j < len(stream) and flags[j] and stream[j].bold and stream[j].size == line.size:
            j += 1  # the rest of a bold heading wrapped over several lines
        following = stream[j] if j < len(stream) else None
        prose = following is not None and (
            following.table is not None
            or following.x1 - following.x0 >= PROSE_LINE_SHARE * (layout.right - layout.left)
        )
        if not prose:
            for k in range(i, j):
                flags[k] = False
    return flags


def blocks(stream: list[Line], layout: Layout) -> list[str]:
    """Walk the lines in reading order and emit Markdown out."""
    heading_sizes = sorted(
        {ln.size for ln in stream if ln.size >= layout.body_size * HEADING_SIZE_RATIO}, reverse=True
    )
    writer = _Writer(layout, heading_sizes)
    flags = heading_flags(stream, layout)
    for line, heading_line in zip(stream, flags, strict=True):
        if line.column == "full" or line.table is not None:
            writer.flush_form()
        if line.table is not None:
            writer.table(line.table)
        elif line.column == "left":
            writer.label(line)
        elif line.column == "right":
            writer.beside(line)
        elif heading_line:
            writer.heading(line)
        else:
            writer.text(line)
    writer.flush()
    writer.flush_heading()
    writer.flush_form()
    return writer.out


@dataclass(slots=True)
class _Writer:
    """The Markdown blocks written so far, and the paragraph, heading and form rows under way."""

    layout: Layout
    heading_sizes: list[float]
    """Sizes of heading type, largest first: the first is level 1."""
    out: list[str] = field(default_factory=list)
    para: str = ""
    kind: str = "para"
    """para, bullet or number: what the paragraph under way is."""
    number: int = 0
    prev: Line | None = None
    """The last line of running text or heading; None after a table."""
    heading_text: str = ""
    heading_level: int = 0
    rows: list[FormRow] = field(default_factory=list)

    def flush(self) -> None:
        if self.para:
            if self.kind == "bullet":
                self.out.append(mdwrite.list_item(self.para))
            elif self.kind == "number":
                self.out.append(mdwrite.list_item(self.para, self.number))
            else:
                self.out.append(mdwrite.escape(self.para))
        self.para, self.kind = "", "para"

    def flush_heading(self) -> None:
        if self.heading_text:
            self.out.append(mdwrite.heading(self.heading_level, self.heading_text))
        self.heading_text = ""

    def flush_form(self) -> None:
        self.out.extend(form_blocks(self.rows))
        self.rows.clear()

    def table(self, rows: list[list[str]]) -> None:
        self.flush()
        self.flush_heading()
        self.out.append(mdwrite.table(rows))
        self.prev = None

    def label(self, line: Line) -> None:
        """A line of a form's left column: a new row's label, or the current one wrapped."""
        self.flush()
        self.flush_heading()
        row = self.rows[-1] if self.rows else None
        if row is not None and row.left is not None and continues_label(row, line, self.layout):
            row.label = join_lines(row.label, line.text, self.layout.vocabulary)
        else:
            self.rows.append(FormRow(line.text))
        self.rows[-1].left = line

    def beside(self, line: Line) -> None:
        """A line of a form's right column: the prose beside the current label."""
        if not self.rows:
            self.rows.append(FormRow(""))
        row = self.rows[-1]
        gap = row.right is not None and (
            line.page == row.right.page
            and line.top - row.right.top > self.layout.pitch * PARAGRAPH_GAP_RATIO
        )
        if not row.paragraphs or gap:
            row.paragraphs.append(line.text)
        else:
            row.paragraphs[-1] = join_lines(row.paragraphs[-1], line.text, self.layout.vocabulary)
        row.right = line

    def heading(self, line: Line) -> None:
        """A heading line: a new heading, or the next line of one that wraps."""
        self.flush()
        sizes = self.heading_sizes
        level = sizes.index(line.size) + 1 if line.size in sizes else len(sizes) + 1
        prev = self.prev
        continues = (
            self.heading_text
            and prev is not None
            and level == self.heading_level
            and 0 < line.top - prev.top <= line.size * 1.6
        )
        if continues:
            self.heading_text = join_lines(self.heading_text, line.text, self.layout.vocabulary)
        else:
            self.flush_heading()
            self.heading_text, self.heading_level = line.text, level
        self.prev = line

    def text(self, line: Line) -> None:
        """A line of running text: it starts a paragraph or list item, or continues one."""
        self.flush_heading()
        layout, prev = self.layout, self.prev
        first = line.words[0].text if line.words else ""
        starts_item = first in BULLETS or (bool(NUMBERED_ITEM.match(first)) and len(line.words) > 1)
        new_para = (
            prev is None
            or (line.page != prev.page and not self.para)
            or (line.page == prev.page and line.top - prev.top > layout.pitch * PARAGRAPH_GAP_RATIO)
            or prev.x1 < layout.right - SHORT_LINE_SHARE * (layout.right - layout.left)
            # At a page break a finished sentence before a capital most often ends a paragraph.
            or (
                line.page != prev.page
                and prev.text.endswith((".", "!", "?", ":"))
                and line.text[:1].isupper()
            )
            or starts_item
            or (self.kind != "para" and line.x0 < prev.x0 - 4)
            or line.column == "side"
            or prev.column == "side"
        )
        if new_para:
            self.flush()
            if first in BULLETS:
                self.kind, self.para = "bullet", line.text[len(first) :].strip()
            elif starts_item:
                match = NUMBERED_ITEM.match(first)
                self.kind, self.number = "number", int(match.group(1)) if match else 0
                self.para = line.text[len(first) :].strip()
            else:
                self.para = line.text
        else:
            self.para = join_lines(self.para, line.text, layout.vocabulary)
        self.prev = line


@dataclass
class FormRow:
    """One row of a two-column form: its label and the paragraphs beside it."""

    label: str
    paragraphs: list[str] = field(default_factory=list)
    left: Line | None = None
    right: Line | None = None


def continues_label(row: FormRow, line: Line, layout: Layout) -> bool:
    """Whether a left-column line wraps the current label rather than starting a new row."""
    last = row.left
    if last is None:
        return False
    if line.page == last.page:
        return 0 < line.top - last.top <= layout.pitch * PARAGRAPH_GAP_RATIO
    # Across a page break only a label cut mid-word or mid-phrase goes on.
    return row.label.endswith(("-", "\u00ad")) or line.text[:1].islower()


def form_blocks(rows: list[FormRow]) -> list[str]:
    """A form's rows as a heading per label with its paragraphs under it."""
    blocks: list[str] = []
    for i, row in enumerate(rows):
        short = len(row.label.split()) <= 3 and len(row.paragraphs) == 1
        if i == 0 and short and len(row.paragraphs[0].split()) <= 3:
            continue  # the form's column headings ("Onderdeel | Toelichting"): not content
        if mdwrite.is_letterhead_label(row.label) and len(row.paragraphs) <= 1:
            # "Datum | 27 februari 2026" beside each other: a letterhead field, not a form row.
            blocks.append(mdwrite.escape(" ".join([row.label, *row.paragraphs])))
            continue
        if row.label:
            blocks.append(mdwrite.heading(2, row.label))
        blocks.extend(mdwrite.escape(p) for p in row.paragraphs)
    return blocks

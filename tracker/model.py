"""Plain data shared by every layer: documents, figures and comparisons.

Everything here is a frozen, slotted dataclass with no behaviour beyond small derived
properties. Line numbers are 1-based lines of the text the reader produced, so reports can
point back into the letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

Language = Literal["nl", "en"]


@dataclass(frozen=True, slots=True)
class Meta:
    """What a letter says about itself, found in its letterhead or front matter."""

    title: str | None = None
    """Subject line ("Betreft"), news title or first heading; None when the letter has none."""
    date: dt.date | None = None
    """Date of the letter as written in it; None when the text gives none."""
    language: Language = "nl"
    """Language of the body text; decides number formats and sentence rules."""
    references: tuple[str, ...] = ()
    """The letter's own reference numbers as written in its letterhead or header: its
    Kamerstuk number, "Onze referentie", a press release id."""
    signatory: str | None = None
    """Name of the person who signed, when the letter is signed."""
    source: str | None = None
    """File name the letter was read from (a name, never an absolute path)."""
    sha256: str | None = None
    """Hex sha256 of the original file's bytes."""
    cites: tuple[str, ...] = ()
    """Kamerstuk numbers the opening cites ("In vervolg op … (Kamerstuk 22 054, nr. 463)"):
    other letters, not this one's reference."""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote body, attached to the section whose paragraph refers to it."""

    label: str
    """The marker as the letter numbers it: "2", "*"."""
    text: str
    """The footnote's text, cleaned like a paragraph."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of running text, or one list item."""

    text: str
    """Cleaned text: one line, single spaces, no extraction artefacts, no footnote markers."""
    line: int
    """Source line where the paragraph starts."""
    end_line: int
    """Source line where the paragraph ends (inclusive)."""
    footnotes: tuple[str, ...] = ()
    """Labels of the footnotes this paragraph refers to, in order of reference."""
    list_item: bool = False
    """True for an item of a bulleted or numbered list."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row; every row has as many cells as the header."""

    header: tuple[str, ...]
    """Column headings; the first is the heading of the row-label column."""
    rows: tuple[tuple[str, ...], ...]
    """Body rows; the first cell of each is the row's label."""
    line: int
    """Source line where the table starts."""
    end_line: int
    """Source line where the table ends (inclusive)."""
    footnotes: tuple[str, ...] = ()
    """Labels of the footnotes referred to from inside the table."""


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks under it, up to the next heading."""

    heading: str | None
    """The heading as written; None for the opening section before the first heading."""
    level: int
    """1 for a top-level heading, 2 for a subheading, …; 0 for the opening section."""
    blocks: tuple[Block, ...]
    """Paragraphs and tables in reading order."""
    footnotes: tuple[Footnote, ...] = ()
    """Bodies of the footnotes referred to from this section's blocks."""
    lines: tuple[int, int] = (0, 0)
    """Source line span (first, last), heading included."""
    heading_footnotes: tuple[str, ...] = ()
    """Labels of the footnotes the heading itself refers to (a numbered question's "[1]")."""

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def text(self) -> str:
        """The section's paragraphs as plain text, one paragraph per line (tables excluded)."""
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def words(self) -> int:
        """Word count of paragraphs and table cells."""
        count = sum(len(p.text.split()) for p in self.paragraphs)
        for table in self.tables:
            for row in (table.header, *table.rows):
                count += sum(len(cell.split()) for cell in row)
        return count


@dataclass(frozen=True, slots=True)
class Document:
    """A letter: its metadata and its sections in order."""

    meta: Meta
    sections: tuple[Section, ...]

    @property
    def tables(self) -> tuple[tuple[Section, Table], ...]:
        return tuple((s, t) for s in self.sections for t in s.tables)

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        return tuple(f for s in self.sections for f in s.footnotes)


# --- figures ---------------------------------------------------------------------------

Role = Literal["level", "change", "forecast", "preferred", "previous", "conversion"]
"""What kind of number a figure is: a level; a change ("by 25 basis points", "een toename
van"); a forecast ("projected", "verwacht"); a preferred or dissenting view; a previous value
cited rather than reported ("from 8.0 percent to 7.5 percent"); a conversion ("(€90 mln.)")."""


@dataclass(frozen=True, slots=True)
class Period:
    """The time a figure is about, resolved to dates."""

    start: dt.date
    end: dt.date
    """Last day, inclusive."""
    grain: Literal["year", "half", "quarter", "month", "day"]
    """How finely the letter names it: a year, half, quarter, month (or run of months) or day."""

    @property
    def key(self) -> str:
        """A stable name: "2025", "2025-H2", "2025-Q2", "2025-09", "2025-01/2025-02",
        "2026-02-02"."""
        return _period_key(self.start, self.end, self.grain)


@lru_cache(maxsize=1 << 12)
def _period_key(start: dt.date, end: dt.date, grain: str) -> str:
    """`Period.key`, written once per period: pairing compares the periods of each pair of
    figures it scores, a hundred thousand pairs in a large letter."""
    if grain == "year":
        if start.year == end.year:
            return str(start.year)
        return f"{start.year}/{end.year}"
    if grain == "half":
        return f"{start.year}-H{1 if start.month <= 6 else 2}"
    if grain == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if grain == "month":
        first = f"{start.year}-{start.month:02d}"
        last = f"{end.year}-{end.month:02d}"
        return first if first == last else f"{first}/{last}"
    return start.isoformat()


Unit = str
""""EUR", "USD", "GBP", "%", "pp" (percentage points), "bp" (basis points) or "count"."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a reader tracks, with what the letter says about it."""

    value: Decimal
    """Exact value in base units: euros not millions; 3,5% is 3.5; a range's low end."""
    unit: Unit
    """See `Unit`."""
    text: str
    """The figure as written in the letter, e.g. "€14,3 mld."."""
    label: str
    """What the figure is of, from its context ("militaire steun begroot"; a table's row and
    column joined by " / ")."""
    section: int
    """Index of the section in `Document.sections`."""
    line: int
    """Source line of the figure."""
    high: Decimal | None = None
    """A range's high end; None for a single value."""
    qualifier: str | None = None
    """Normalised qualifier ("circa", "bijna", "ruim", "more than", …) or None."""
    noun: str | None = None
    """For counts, the thing counted ("militairen"); None otherwise."""
    as_of: dt.date | None = None
    """The date the value holds for, where the text or the table column gives one."""
    context: str = ""
    """The sentence (or table row) the figure stands in, for pairing and reports."""
    conversion_of: int | None = None
    """Index (in the document's figure list) of the figure this one converts, as in
    "USD 107 miljoen (€90 miljoen)"; None otherwise."""
    decimals: int = 0
    """Digits after the decimal separator as printed, for rounding-aware checks."""
    row: str | None = None
    """For a table cell: the row label."""
    column: str | None = None
    """For a table cell: the column heading."""
    concept: str = ""
    """What the figure measures, as a phrase of the letter ("annual inflation", "de totale
    waarde van de geleverde militaire steun"); for a table cell its row (and column, unless
    the column is a date)."""
    role: Role = "level"
    """See `Role`."""
    period: Period | None = None
    """The time the value is about, where the letter names one."""
    current: bool = True
    """True for a current reading (the latest value of something each letter updates: the
    policy rate, inflation "in September", a total "op 2 februari 2026"); False for a fixed
    period (a forecast, a year's outcome)."""
    found_by: str = ""
    """Which clause structure gave the concept ("subject", "object", "count", …): for
    `tracker compare --explain`."""


# --- comparisons -----------------------------------------------------------------------

EditOp = Literal["equal", "replace", "delete", "insert"]
SentenceOp = Literal["equal", "replace", "delete", "insert", "moved"]
SectionStatus = Literal[
    "unchanged", "modified", "renamed", "moved", "added", "removed", "split", "merged"
]
FigureStatus = Literal["changed", "unchanged", "added", "removed"]
Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One run of words, in difflib's vocabulary."""

    op: EditOp
    old: str
    """The old words ("" for insert)."""
    new: str
    """The new words ("" for delete)."""


@dataclass(frozen=True, slots=True)
class SentenceEdit:
    """One sentence of a section pair: kept, rewritten, dropped, added or moved.

    An unchanged paragraph is one "equal" edit holding the whole paragraph: only paragraphs
    that changed are split into sentences.
    """

    op: SentenceOp
    old: str
    """The old sentence ("" for insert)."""
    new: str
    """The new sentence ("" for delete)."""
    paragraph: int
    """Index of the paragraph it belongs to: in the new section, or in the old for deletes."""
    words: tuple[WordEdit, ...] = ()
    """Word-level edits for a replaced sentence; empty otherwise."""
    old_paragraph: int | None = None
    """Index of the paragraph in the old section for edits with an old side (None for
    inserts), so a redline can show where old paragraphs began and ended."""


@dataclass(frozen=True, slots=True)
class SectionPair:
    """How old sections map to new ones; one of the sides is empty for added/removed."""

    status: SectionStatus
    old: tuple[int, ...]
    """Indices into the old document's sections (several for merged)."""
    new: tuple[int, ...]
    """Indices into the new document's sections (several for split)."""
    similarity: float
    """0..1 similarity of the paired text; 0.0 for added/removed."""
    edits: tuple[SentenceEdit, ...] = ()
    """The redline inside the pair; empty when unchanged, added or removed."""


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure of the old letter paired with one of the new, or standing alone."""

    status: FigureStatus
    old: Figure | None
    new: Figure | None
    label: str
    unit: Unit
    delta: Decimal | None = None
    """new - old for paired figures; None otherwise."""
    delta_pct: Decimal | None = None
    """Relative change in percent; None when unpaired or old is zero."""
    delta_text: str | None = None
    """The delta written in the letter's own style, e.g. "+€0,7 mld. (+5,1%)"."""
    why: str | None = None
    """For a pair, why the two were paired: which concept, role and period agreed."""
    old_letter: str | None = None
    """In a series' day report, the earlier letter the old side was last reported in, when
    that is not the letter the report compares with (snapshot stem); None otherwise."""
    old_date: dt.date | None = None
    """The date of `old_letter`."""


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a careful reader would want checked: a sum, a stated change, a restatement."""

    kind: str
    """"sum", "stated-change", "restated", "duplicate", …"""
    severity: Severity
    message: str
    """One or two sentences in English, naming the figures as written."""
    section: str | None = None
    """Heading of the section concerned (None for the opening section or several)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The one result shape of comparing two letters."""

    old: Document
    new: Document
    sections: tuple[SectionPair, ...]
    figures: tuple[FigureChange, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def section_counts(self) -> dict[str, int]:
        """How many section pairs have each status, in a stable order."""
        return _count(p.status for p in self.sections)

    @property
    def figure_counts(self) -> dict[str, int]:
        """How many figure changes have each status, in a stable order."""
        return _count(f.status for f in self.figures)

    @property
    def differs(self) -> bool:
        """True when anything changed: a section not unchanged or a figure not unchanged."""
        return any(p.status != "unchanged" for p in self.sections) or any(
            f.status != "unchanged" for f in self.figures
        )


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return dict(sorted(counts.items()))

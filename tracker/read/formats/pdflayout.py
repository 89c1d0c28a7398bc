"""Layout of a PDF page from its positioned words: lines, page furniture, sidebars, footnotes,
two-column forms, and line text with footnote references.

Pure: it takes the words pdfplumber found (tracker.read.formats.pdf) and returns lines and text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from tracker.read.formats import mdwrite
from tracker.read.normalize import join_lines

# Top and bottom share of the page where running headers, footers and page numbers live.
MARGIN_SHARE = 0.09
# A heading's font is at least this much larger than the body's (or bold at body size).
HEADING_SIZE_RATIO = 1.12
# Raised footnote digits are set at about 58% of the body size; below 80% counts as small.
SMALL_SIZE_RATIO = 0.8
# Vertical distance between line tops beyond this multiple of the usual one starts a paragraph.
PARAGRAPH_GAP_RATIO = 1.45
# A line ending this share of the text width short of the right margin ends its paragraph
# (a wrapped line runs to the margin); this also finds paragraph ends at a page break.
SHORT_LINE_SHARE = 0.15
# White space wider than this many type sizes separates table cells: justified text
# stretches a word space to about half its size, tab stops leave far more.
CELL_GAP_EMS = 1.2
# A borderless table has at least this many columns and rows (two columns are a form).
TABLE_MIN_COLUMNS = 3
TABLE_MIN_ROWS = 3
# Rows of a table are at most this many type sizes apart (bottom of one to top of the next).
TABLE_ROW_GAP = 1.5
# A form's label column takes at most this share of the text width.
FORM_LABEL_SHARE = 0.45
# Type below this share of the body size is small print: footnotes, sidebars.
SMALL_TYPE_RATIO = 0.95
# A sidebar starts at least this many points right of the running text's right edge (a
# footnote reference after a line's last word stays closer than that).
SIDEBAR_GAP = 6.0
# Running text fills at least this share of the text width (all lines of a paragraph but
# its last), which tells prose after a bold line from a column of short letterhead lines.
PROSE_LINE_SHARE = 0.6
# Between a form's label and its text there is more white space than a word space (which is
# about a third of the type size, up to one size in stretched justified lines).
FORM_GAP_EMS = 0.6
# White space inside a line wider than this many points separates two columns, not words.
COLUMN_GAP = 18.0

_PAGE_NUMBER = re.compile(
    r"^(pagina|page|blad|p\.)?\s*[-–(]?\s*\d{1,4}\s*[-–)]?\s*((van|of|/)\s*\d{1,4})?$", re.I
)
BULLETS = "•·▪◦‣∙●○■–\uf0b7\uf0a7\uf076\uf0d8"
NUMBERED_ITEM = re.compile(r"^(\d{1,3})[.)]$")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Line:
    words: list[Word]
    page: int
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    text: str = ""
    size: float = 0.0
    bold: bool = False
    column: str = "full"  # full, left or right (two-column forms)
    table: list[list[str]] | None = None

    def __post_init__(self) -> None:
        if self.words:
            self.top = min(w.top for w in self.words)
            self.bottom = max(w.bottom for w in self.words)
            self.x0 = min(w.x0 for w in self.words)
            self.x1 = max(w.x1 for w in self.words)
            sized = Counter[float]()
            for w in self.words:
                sized[w.size] += len(w.text)
            self.size = sized.most_common(1)[0][0]
            self.bold = all(w.bold for w in self.words if w.text.strip(BULLETS))


@dataclass
class Layout:
    body_size: float
    pitch: float
    notes: list[tuple[str, str]] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0
    """Left and right edge of the running text (most lines start and end there)."""
    vocabulary: frozenset[str] = frozenset()
    """Lower-cased words of the whole letter, to tell a line-break hyphen from a real one."""


@dataclass
class PageTable:
    """A ruled table found on a page: its box and the words in each cell, row by row."""

    top: float
    bottom: float
    cells: list[list[list[Word]]]


@dataclass
class Page:
    words: list[Word]
    tables: list[PageTable]
    height: float


def cell_text(words: list[Word], layout: Layout) -> str:
    """A table cell's text: its lines joined, hyphens resolved, references kept."""
    text = ""
    for line in lines_of(words, 0, layout.body_size):
        text = join_lines(text, line_text(line, layout.body_size), layout.vocabulary)
    return text


# --- lines and page furniture ------------------------------------------------------------


def lines_of(words: list[Word], page: int, body_size: float) -> list[Line]:
    """Group words into lines: a word joins a line it overlaps vertically."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        small = word.size < body_size * SMALL_SIZE_RATIO
        for line in reversed(lines[-3:]):
            ref = max(line, key=lambda w: w.size)
            overlap = min(ref.bottom, word.bottom) - max(ref.top, word.top)
            if overlap > 0.4 * min(ref.bottom - ref.top, word.bottom - word.top) or (
                small and ref.top - 1 <= word.top <= ref.bottom
            ):
                line.append(word)
                break
        else:
            lines.append([word])
    result = [Line(sorted(ws, key=lambda w: w.x0), page) for ws in lines]
    return sorted(result, key=lambda ln: (ln.top, ln.x0))


def furniture(pages: list[list[Line]], height: float) -> set[tuple[int, float]]:
    """Lines in the page margins that repeat on other pages or are page numbers."""
    margin = height * MARGIN_SHARE
    seen: Counter[tuple[str, str]] = Counter()
    keyed: list[tuple[Line, tuple[str, str]]] = []
    for lines in pages:
        for line in lines:
            zone = "top" if line.bottom < margin else "bottom" if line.top > height - margin else ""
            if zone:
                key = (zone, re.sub(r"\d+", "#", plain_text(line)).casefold())
                keyed.append((line, key))
    for _page, key in {(line.page, k) for line, k in keyed}:
        seen[key] += 1
    drop = set()
    for line, key in keyed:
        if seen[key] >= 2 or _PAGE_NUMBER.match(plain_text(line)):
            drop.add((line.page, line.top))
    return drop


def first_sidebars(pages: list[list[Line]]) -> list[list[Line]]:
    """Sidebar lines less their repeats: later pages of a letter repeat "Datum …", "Onze
    referentie …" and a page number beside the text; the first of each is kept, as letterhead."""
    seen: set[str] = set()
    kept: list[list[Line]] = []
    for lines in pages:
        page_kept = []
        for line in lines:
            key = re.sub(r"\d+", "#", plain_text(line)).casefold()
            if key in seen or _PAGE_NUMBER.match(plain_text(line)):
                continue
            seen.add(key)
            page_kept.append(line)
        kept.append(page_kept)
    return kept


def plain_text(line: Line) -> str:
    return " ".join(w.text for w in line.words)


# --- text of a line ----------------------------------------------------------------------


def line_text(line: Line, body_size: float) -> str:
    """A line's words; raised small digits glued to a word become footnote references."""
    out = ""
    prev: Word | None = None
    for word in line.words:
        small = word.size < body_size * SMALL_SIZE_RATIO
        if (
            prev is not None
            and small
            and re.fullmatch(r"\d{1,3}|[*†‡]", word.text)
            and (word.x0 - prev.x1 < 1.5 and word.top < prev.top + 0.5)
        ):
            out += mdwrite.ref(word.text)
        elif (
            prev is not None
            and word.x0 - prev.x1 < 0.8
            and (prev.size == word.size or (out.endswith("]") and not word.text[:1].isalnum()))
        ):
            out += word.text  # split only by a size or font change inside one word
        else:
            out += (" " if out else "") + word.text
        prev = word
    return out


# --- borderless tables -------------------------------------------------------------------


def aligned_tables(lines: list[Line], body_size: float) -> list[Line]:
    """Runs of lines whose words stand in the same columns become tables (without rules).

    A line is tabular when white space wider than CELL_GAP splits it into at least three
    cells; a run of at least three tabular lines, one under the other, whose cells fall into
    the same columns, is a table. Running text never has such gaps; a two-column form has one.
    """
    out: list[Line] = []
    run: list[tuple[Line, list[list[Word]]]] = []

    def close_run() -> None:
        table = _table_of(run, body_size) if len(run) >= TABLE_MIN_ROWS else None
        if table is None:
            out.extend(line for line, _ in run)
        else:
            out.append(table)
        run.clear()

    for line in lines:
        cells = _cells(line, body_size)
        tabular = len(cells) >= TABLE_MIN_COLUMNS and line.table is None
        near = run and line.top - run[-1][0].bottom < TABLE_ROW_GAP * body_size
        if tabular and (not run or near):
            run.append((line, cells))
            continue
        close_run()
        if tabular:
            run.append((line, cells))
        else:
            out.append(line)
    close_run()
    return out


def _cells(line: Line, body_size: float) -> list[list[Word]]:
    cells: list[list[Word]] = []
    for word in line.words:
        if cells and word.x0 - cells[-1][-1].x1 <= CELL_GAP_EMS * body_size:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _table_of(run: list[tuple[Line, list[list[Word]]]], body_size: float) -> Line | None:
    """The run as one table line, or None when its cells do not line up in columns.

    The columns are those of the fullest rows; a header whose titles sit closer together
    ("10-Year 20-Year") is split word by word over the columns its words stand in.
    """
    width = max(len(cells) for _, cells in run)
    full = [cells for _, cells in run if len(cells) == width]
    if len(full) < 2:
        return None
    spans = [
        (min(cells[k][0].x0 for cells in full), max(cells[k][-1].x1 for cells in full))
        for k in range(width)
    ]
    if any(left[1] >= right[0] for left, right in itertools.pairwise(spans)):
        return None  # the columns overlap: not a grid

    def column(word: Word) -> int:
        middle = (word.x0 + word.x1) / 2
        return min(range(width), key=lambda k: max(spans[k][0] - middle, middle - spans[k][1]))

    rows = []
    for line, _ in run:
        parts: list[list[Word]] = [[] for _ in range(width)]
        for word in line.words:
            parts[column(word)].append(word)
        rows.append([line_text(Line(ws, line.page), body_size) if ws else "" for ws in parts])
    first = run[0][0]
    return Line([], first.page, top=first.top, bottom=run[-1][0].bottom, table=rows)


# --- columns -----------------------------------------------------------------------------


def split_columns(lines: list[Line], body_size: float) -> list[Line]:
    """Split the lines of a borderless two-column form into left and right column lines."""
    text_lines = [ln for ln in lines if ln.words and ln.column != "side"]
    gaps = []
    for line in text_lines:
        for a, b in itertools.pairwise(line.words):
            if b.x0 - a.x1 > COLUMN_GAP:
                gaps.append(round(b.x0))
    starts = Counter(round(ln.x0) for ln in text_lines)
    if not gaps:
        return lines
    right_x, votes = Counter(gaps).most_common(1)[0]
    # A form: several rows have a label and text side by side, and the text column is also
    # where many lines start. Otherwise the wide gaps are tabs inside ordinary lines.
    if votes < 2 or starts[right_x] + votes < 6:
        return lines
    # A form's label column is the narrow one; a wide left column with a narrow one beside it
    # is body text with a sidebar (a letterhead's sender block), not labels.
    left_edge = min(ln.x0 for ln in text_lines)
    right_edge = max(ln.x1 for ln in text_lines)
    if right_x - left_edge > FORM_LABEL_SHARE * (right_edge - left_edge):
        return lines
    out: list[Line] = []
    in_form = False
    for line in lines:
        if line.column == "side":
            out.append(line)
            continue
        if not line.words:  # a table ends a form
            in_form = False
            out.append(line)
            continue
        left = [w for w in line.words if w.x1 <= right_x - COLUMN_GAP / 2]
        right = [w for w in line.words if w.x0 >= right_x - 2]
        # Label and text sit apart by more than a word space; a wide title line that merely
        # has no word across the gutter is not a form row.
        two_sided = bool(
            left
            and right
            and len(left) + len(right) == len(line.words)
            and right[0].x0 - left[-1].x1 >= max(FORM_GAP_EMS * line.size, 4.0)
        )
        only_right = len(right) == len(line.words)
        only_left = len(left) == len(line.words) and line.x1 < right_x
        # Big type (a title over the form) is never part of it.
        body_type = line.size < body_size * HEADING_SIZE_RATIO
        # The form starts at its first row; a wide title above it stays a full-width line.
        in_form = in_form or (body_type and (two_sided or only_right))
        if two_sided and body_type:
            out.append(with_column(Line(left, line.page), "left"))
            out.append(with_column(Line(right, line.page), "right"))
        elif in_form and body_type and only_right:
            out.append(with_column(line, "right"))
        elif in_form and body_type and only_left:
            out.append(with_column(line, "left"))
        else:
            out.append(line)
    return out


def with_column(line: Line, column: str) -> Line:
    line.column = column
    return line


def in_sidebar(word: Word, edge: float, body_size: float) -> bool:
    return word.size < body_size * SMALL_TYPE_RATIO and word.x0 > edge + SIDEBAR_GAP


def take_footnotes(lines: list[Line], layout: Layout) -> list[Line]:
    """Remove the small-type footnote lines at a page's foot into `layout.notes`."""
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].size < layout.body_size * SMALL_TYPE_RATIO and not lines[i].table:
            start = i
        else:
            break
    for line in lines[start:]:
        first = line.words[0].text
        match = re.match(r"^(\d{1,3}|[*†‡])(.*)$", first)
        if match and (match.group(2) == "" or line.words[0].size < line.size):
            rest = " ".join(w.text for w in line.words[1:])
            layout.notes.append((match.group(1), (match.group(2) + " " + rest).strip()))
        elif layout.notes:
            label, text = layout.notes[-1]
            layout.notes[-1] = (label, join_lines(text, plain_text(line), layout.vocabulary))
        else:
            return lines  # small print that is not a footnote: keep it as text
    return lines[:start]

"""PDF reader: pdfplumber's positioned words → Markdown (headings, tables, forms, footnotes).

Why pdfplumber, and how it compares with pypdf and pdfminer.six: docs/pdf-readers.md.
The layout is read from the words' positions and fonts:
- page headers and footers are lines in the top or bottom margin that repeat on other pages
  (digits ignored) or are page numbers ("Pagina 2 van 5", "- 3 -", "4");
- footnote bodies are smaller-type lines at the foot of a page that start with their number;
  references are small raised digits glued to a word;
- headings are whole lines in a larger or bold font; ruled tables become pipe tables;
- a borderless two-column form (labels left, prose right) becomes a heading per label;
- paragraphs are separated by vertical gaps; end-of-line hyphens are resolved.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tracker.errors import ExtractionError, InputError
from tracker.readers import Extracted, mdwrite

# Bounds that keep a hostile file from taking the machine: a letter is tens of pages.
MAX_PAGES = 300
MAX_CHARS = 2_000_000
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
_BULLETS = "•·▪◦‣∙●○■–\uf0b7\uf0a7\uf076\uf0d8"
# Vowel pairs that would read as one sound, so a compound keeps its hyphen ("zee-egel",
# "defensie-uitgaven"); i+e is left out because typesetters split "materi-eel" there.
_VOWEL_CLASHES = {
    "aa", "ae", "ai", "au", "ee", "ei", "eu", "oe", "oi", "oo", "ou", "ue", "ui", "uu", "ij",
}  # fmt: skip
# "wet- en regelgeving", "in- of verkoop", "pre- and post-": a hyphen that stands for a
# word part shared with the next word; the line break after it is an ordinary space.
_SHARED_PART = re.compile(r"^(en|of|and|or|tot|t/m)\b", re.I)
_NUMBERED = re.compile(r"^(\d{1,3})[.)]$")


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
            self.bold = all(w.bold for w in self.words if w.text.strip(_BULLETS))


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


def read(data: bytes) -> Extracted:
    """Read a PDF letter's text layer as Markdown."""
    pages = _open_pages(data)
    if not any(page.words or page.tables for page in pages):
        raise ExtractionError(
            "the PDF has no text layer: it is a scan or a picture of the letter",
            "run OCR first (for example ocrmypdf) or use the Word or HTML version",
        )
    return Extracted(text=_to_markdown(pages), markup="markdown")


def _open_pages(data: bytes) -> list[Page]:
    """Each page's words (outside tables) and its ruled tables."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    if data[:4] == b"PK\x03\x04":
        raise InputError("the file is a zip package (a .docx?), not a PDF", "rename it to .docx")
    if b"%PDF-" not in data[:1024]:
        raise InputError(
            "the file is not a PDF (no %PDF header)", "check the file's type and extension"
        )
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(
                    f"the PDF has {len(pdf.pages)} pages, more than the {MAX_PAGES} a letter has",
                    "split off the letter's pages",
                )
            pages = []
            total = 0
            for page in pdf.pages:
                total += len(page.chars)
                if total > MAX_CHARS:
                    raise InputError(
                        "the PDF holds more text than a letter", "split off the letter"
                    )
                pages.append(_page_content(page))
            return pages
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(
            "the PDF is encrypted with a password", "save an unprotected copy of the letter"
        ) from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(
                "the PDF is encrypted with a password", "save an unprotected copy of the letter"
            ) from exc
        raise InputError(
            f"the PDF is damaged or truncated ({type(cause).__name__})",
            "download the letter again",
        ) from exc
    except PDFSyntaxError as exc:
        raise InputError("the PDF is damaged or truncated", "download the letter again") from exc
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        # pdfminer raises plain Python errors on many kinds of broken object streams.
        raise InputError(
            f"the PDF is damaged or truncated ({type(exc).__name__})", "download the letter again"
        ) from exc


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


def _page_content(page: Any) -> Page:
    """A page's words outside tables, and its ruled tables with the words of each cell."""
    words = [
        Word(
            text=w["text"],
            x0=w["x0"],
            x1=w["x1"],
            top=w["top"],
            bottom=w["bottom"],
            size=round(w["size"], 1),
            bold=bool(re.search(r"bold|black|heavy|semibold", w["fontname"], re.I)),
        )
        for w in page.extract_words(
            keep_blank_chars=False, x_tolerance=1.5, extra_attrs=["size", "fontname"]
        )
        # Rotated text (a reference printed up the margin) is not part of the reading order.
        if w["text"].strip() and w.get("upright", True)
    ]

    def inside(word: Word, box: tuple[float, float, float, float]) -> bool:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]

    tables: list[PageTable] = []
    taken: set[int] = set()
    for found in page.find_tables():
        rows = []
        for row in found.rows:
            cells = []
            for box in row.cells:
                cell = [] if box is None else [w for w in words if inside(w, box)]
                taken.update(id(w) for w in cell)
                cells.append(cell)
            if any(cells):
                rows.append(cells)
        # A one-column or one-row "table" is a frame around text, not a table.
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append(PageTable(found.bbox[1], found.bbox[3], rows))
        else:
            taken.difference_update(id(w) for r in rows for c in r for w in c)
    return Page([w for w in words if id(w) not in taken], tables, float(page.height))


def _cell_text(words: list[Word], layout: Layout) -> str:
    """A table cell's text: its lines joined, hyphens resolved, references kept."""
    text = ""
    for line in _lines(words, 0, layout.body_size):
        text = _join(text, _line_text(line, layout.body_size), layout.vocabulary)
    return text


# --- lines and page furniture ------------------------------------------------------------


def _lines(words: list[Word], page: int, body_size: float) -> list[Line]:
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


def _furniture(pages: list[list[Line]], height: float) -> set[tuple[int, float]]:
    """Lines in the page margins that repeat on other pages or are page numbers."""
    margin = height * MARGIN_SHARE
    seen: Counter[tuple[str, str]] = Counter()
    keyed: list[tuple[Line, tuple[str, str]]] = []
    for lines in pages:
        for line in lines:
            zone = "top" if line.bottom < margin else "bottom" if line.top > height - margin else ""
            if zone:
                key = (zone, re.sub(r"\d+", "#", _plain(line)).casefold())
                keyed.append((line, key))
    for _page, key in {(line.page, k) for line, k in keyed}:
        seen[key] += 1
    drop = set()
    for line, key in keyed:
        if seen[key] >= 2 or _PAGE_NUMBER.match(_plain(line)):
            drop.add((line.page, line.top))
    return drop


def _plain(line: Line) -> str:
    return " ".join(w.text for w in line.words)


# --- text of a line ----------------------------------------------------------------------


def _line_text(line: Line, body_size: float) -> str:
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


# --- columns -----------------------------------------------------------------------------


def _split_columns(lines: list[Line], body_size: float) -> list[Line]:
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
            out.append(_with_column(Line(left, line.page), "left"))
            out.append(_with_column(Line(right, line.page), "right"))
        elif in_form and body_type and only_right:
            out.append(_with_column(line, "right"))
        elif in_form and body_type and only_left:
            out.append(_with_column(line, "left"))
        else:
            out.append(line)
    return out


def _with_column(line: Line, column: str) -> Line:
    line.column = column
    return line


# --- from lines to Markdown --------------------------------------------------------------


def _to_markdown(pages: list[Page]) -> str:
    all_words = [w for page in pages for w in page.words]
    all_words += [w for page in pages for t in page.tables for r in t.cells for c in r for w in c]
    sizes = Counter[float]()
    for w in all_words:
        sizes[w.size] += len(w.text)
    body_size = sizes.most_common(1)[0][0]
    # Small type right of the running text's right edge is a sidebar: the sender block of a
    # letter in the government's house style. It is read on its own, before the page's text,
    # so its lines do not interleave with the lines beside them.
    body_edges = sorted(w.x1 for w in all_words if w.size == body_size)
    edge = body_edges[len(body_edges) * 95 // 100] if body_edges else 0.0
    sidebars: list[list[Line]] = []
    page_lines: list[list[Line]] = []
    for i, page in enumerate(pages):
        side = [w for w in page.words if _in_sidebar(w, edge, body_size)]
        main = [w for w in page.words if not _in_sidebar(w, edge, body_size)]
        sidebars.append([_with_column(line, "side") for line in _lines(side, i, body_size)])
        page_lines.append(_lines(main, i, body_size))
    height = max(page.height for page in pages)
    drop = _furniture(page_lines, height)
    pitches = [
        b.top - a.top
        for lines in page_lines
        for a, b in itertools.pairwise(lines)
        if a.size == b.size == body_size and 0 < b.top - a.top < body_size * 2.5
    ]
    vocabulary = frozenset(
        token.casefold()
        for w in all_words
        for token in re.findall(r"[^\W\d_][\w-]*[^\W\d_]", w.text)
    )
    body_lines = [ln for lines in page_lines for ln in lines if ln.size == body_size]
    edges = sorted(ln.x1 for ln in body_lines) or [0.0]
    starts = sorted(ln.x0 for ln in body_lines) or [0.0]
    layout = Layout(
        body_size,
        statistics.median(pitches) if pitches else body_size * 1.3,
        left=starts[len(starts) // 10],
        right=edges[len(edges) * 9 // 10],
        vocabulary=vocabulary,
    )

    stream: list[Line] = []
    for index, lines in enumerate(page_lines):
        kept = [ln for ln in lines if (ln.page, ln.top) not in drop]
        kept = _take_footnotes(kept, layout)
        for found in pages[index].tables:
            rows = [[_cell_text(cell, layout) for cell in row] for row in found.cells]
            kept.append(Line([], index, top=found.top, bottom=found.bottom, table=rows))
        kept.sort(key=lambda ln: ln.top)
        stream.extend(sidebars[index])
        stream.extend(kept)
    # Columns are found over the whole letter: a form's last rows may be alone on a page.
    stream = _split_columns(stream, body_size)
    for line in stream:
        line.text = _line_text(line, body_size) if line.words else ""
    blocks = _blocks(stream, layout)
    blocks.append(mdwrite.footnotes(layout.notes))
    return mdwrite.join_blocks(blocks)


def _in_sidebar(word: Word, edge: float, body_size: float) -> bool:
    return word.size < body_size * SMALL_TYPE_RATIO and word.x0 > edge + SIDEBAR_GAP


def _take_footnotes(lines: list[Line], layout: Layout) -> list[Line]:
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
            layout.notes[-1] = (label, _join(text, _plain(line), layout.vocabulary))
        else:
            return lines  # small print that is not a footnote: keep it as text
    return lines[:start]


def _join(text: str, more: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Join a wrapped line to the text before it, resolving an end-of-line hyphen."""
    if not text:
        return more
    if not (text.endswith(("-", "\u00ad")) and more[:1].isalpha()):
        return text + " " + more
    if _SHARED_PART.match(more):
        return text + " " + more
    stem = text.rstrip("-\u00ad")
    head = re.search(r"[\w-]*$", stem)
    tail = re.match(r"[\w-]*", more)
    left = head.group(0) if head else ""
    right = tail.group(0) if tail else ""
    # The letter itself often shows the word unbroken elsewhere: "materieel", "NAVO-fonds".
    if (left + right).casefold() in vocabulary:
        return stem + more
    if f"{left}-{right}".casefold() in vocabulary:
        return stem + "-" + more
    last = left[-1:]
    # Otherwise: after a capital or digit ("NAVO-", "F16-"), before a capital, or where two
    # vowels would read as one sound ("defensie-uitgaven", "zee-egel") a hyphen is written;
    # elsewhere ("cruci-aal", "ge-realiseerd") it only marks the line break.
    if more[0].islower() and not (
        last.isupper() or last.isdigit() or (last + more[0]).casefold() in _VOWEL_CLASHES
    ):
        return stem + more
    return stem + "-" + more


def _is_heading(line: Line, layout: Layout) -> bool:
    """A line in heading type: larger than the body, or bold, short and not a lead-in."""
    if line.table is not None or not line.text or line.column == "right":
        return False
    bigger = line.size >= layout.body_size * HEADING_SIZE_RATIO
    words = len(line.text.split())
    return (bigger or line.bold) and words <= 25 and not line.text.endswith((":", ";", ","))


def _heading_flags(stream: list[Line], layout: Layout) -> list[bool]:
    """Which lines are headings. Larger type always is; bold body-size type only when running
    text (or a table) follows, so that bold letterhead labels ("Datum") stay text."""
    flags = [_is_heading(line, layout) for line in stream]
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


def _blocks(stream: list[Line], layout: Layout) -> list[str]:
    """Walk the lines in reading order and emit Markdown blocks."""
    heading_sizes = sorted(
        {ln.size for ln in stream if ln.size >= layout.body_size * HEADING_SIZE_RATIO}, reverse=True
    )
    blocks: list[str] = []
    para = ""
    kind = "para"  # para, bullet, number
    number = 0
    prev: Line | None = None
    heading_text = ""
    heading_level = 0
    rows: list[FormRow] = []

    def flush() -> None:
        nonlocal para, kind
        if para:
            if kind == "bullet":
                blocks.append(mdwrite.list_item(para))
            elif kind == "number":
                blocks.append(mdwrite.list_item(para, number))
            else:
                blocks.append(mdwrite.escape(para))
        para, kind = "", "para"

    def flush_heading() -> None:
        nonlocal heading_text
        if heading_text:
            blocks.append(mdwrite.heading(heading_level, heading_text))
        heading_text = ""

    def flush_form() -> None:
        blocks.extend(_form_blocks(rows))
        rows.clear()

    flags = _heading_flags(stream, layout)
    for line, is_heading in zip(stream, flags, strict=True):
        if line.column == "full" or line.table is not None:
            flush_form()
        if line.table is not None:
            flush()
            flush_heading()
            blocks.append(mdwrite.table(line.table))
            prev = None
            continue
        if line.column == "left":
            flush()
            flush_heading()
            row = rows[-1] if rows else None
            if row is not None and row.left is not None and _continues_label(row, line, layout):
                row.label = _join(row.label, line.text, layout.vocabulary)
            else:
                rows.append(FormRow(line.text))
            rows[-1].left = line
            continue
        if line.column == "right":
            if not rows:
                rows.append(FormRow(""))
            row = rows[-1]
            gap = row.right is not None and (
                line.page == row.right.page
                and line.top - row.right.top > layout.pitch * PARAGRAPH_GAP_RATIO
            )
            if not row.paragraphs or gap:
                row.paragraphs.append(line.text)
            else:
                row.paragraphs[-1] = _join(row.paragraphs[-1], line.text, layout.vocabulary)
            row.right = line
            continue
        if is_heading:
            flush()
            level = (
                heading_sizes.index(line.size) + 1
                if line.size in heading_sizes
                else len(heading_sizes) + 1
            )
            continues = (
                heading_text
                and prev is not None
                and level == heading_level
                and 0 < line.top - prev.top <= line.size * 1.6
            )
            if continues:
                heading_text = _join(heading_text, line.text, layout.vocabulary)
            else:
                flush_heading()
                heading_text, heading_level = line.text, level
            prev = line
            continue
        flush_heading()
        first = line.words[0].text if line.words else ""
        starts_item = first in _BULLETS or (bool(_NUMBERED.match(first)) and len(line.words) > 1)
        new_para = (
            prev is None
            or (line.page != prev.page and not para)
            or (line.page == prev.page and line.top - prev.top > layout.pitch * PARAGRAPH_GAP_RATIO)
            or prev.x1 < layout.right - SHORT_LINE_SHARE * (layout.right - layout.left)
            # At a page break a finished sentence before a capital most often ends a paragraph.
            or (
                line.page != prev.page
                and prev.text.endswith((".", "!", "?", ":"))
                and line.text[:1].isupper()
            )
            or starts_item
            or (kind != "para" and line.x0 < prev.x0 - 4)
            or line.column == "side"
            or prev.column == "side"
        )
        if new_para:
            flush()
            if first in _BULLETS:
                kind, para = "bullet", line.text[len(first) :].strip()
            elif starts_item:
                match = _NUMBERED.match(first)
                kind, number = "number", int(match.group(1)) if match else 0
                para = line.text[len(first) :].strip()
            else:
                para = line.text
        else:
            para = _join(para, line.text, layout.vocabulary)
        prev = line
    flush()
    flush_heading()
    flush_form()
    return blocks


@dataclass
class FormRow:
    """One row of a two-column form: its label and the paragraphs beside it."""

    label: str
    paragraphs: list[str] = field(default_factory=list)
    left: Line | None = None
    right: Line | None = None


def _continues_label(row: FormRow, line: Line, layout: Layout) -> bool:
    """Whether a left-column line wraps the current label rather than starting a new row."""
    last = row.left
    if last is None:
        return False
    if line.page == last.page:
        return 0 < line.top - last.top <= layout.pitch * PARAGRAPH_GAP_RATIO
    # Across a page break only a label cut mid-word or mid-phrase goes on.
    return row.label.endswith(("-", "\u00ad")) or line.text[:1].islower()


def _form_blocks(rows: list[FormRow]) -> list[str]:
    """A form's rows as a heading per label with its paragraphs under it."""
    blocks: list[str] = []
    for i, row in enumerate(rows):
        short = len(row.label.split()) <= 3 and len(row.paragraphs) == 1
        if i == 0 and short and len(row.paragraphs[0].split()) <= 3:
            continue  # the form's column headings ("Onderdeel | Toelichting"): not content
        if row.label:
            blocks.append(mdwrite.heading(2, row.label))
        blocks.extend(mdwrite.escape(p) for p in row.paragraphs)
    return blocks

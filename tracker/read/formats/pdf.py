"""PDF reader: pdfplumber's positioned words → Markdown (headings, tables, forms, footnotes).

Why pdfplumber, and how it compares with pypdf and pdfminer.six: docs/pdf-readers.md.
The layout is read from the words' positions and fonts (tracker.read.formats.pdflayout, then
tracker.read.formats.pdfblocks):
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
import logging
import re
import statistics
import zlib
from collections import Counter
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from tracker.errors import ExtractionError, InputError
from tracker.read.extract import Extracted
from tracker.read.formats import mdwrite, pdfblocks, pdflayout
from tracker.read.formats.pdflayout import Layout, Line, Page, PageTable, Word
from tracker.read.normalize import vocabulary

_QUIET = logging.NullHandler()  # added once: the logger keeps one handler per object

# Bounds that keep a hostile file from taking the machine: a letter is tens of pages.
MAX_PAGES = 300
MAX_CHARS = 2_000_000
# pdfminer inflates each stream whole; a letter's streams inflate to a few megabytes, so more
# than this is a decompression bomb, refused before pdfminer sees it.
MAX_INFLATED_BYTES = 200_000_000
_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def read(data: bytes) -> Extracted:
    """Read a PDF letter's text layer as Markdown."""
    _check_inflated_size(data)
    pages = _open_pages(data)
    if not any(page.words or page.tables for page in pages):
        raise ExtractionError(
            "the PDF has no text layer: it is a scan or a picture of the letter",
            "run OCR first (for example ocrmypdf) or use the Word or HTML version",
        )
    return Extracted(text=_to_markdown(pages), markup="markdown")


def _check_inflated_size(data: bytes) -> None:
    """Refuse a PDF whose compressed streams inflate beyond MAX_INFLATED_BYTES in all.

    Each stream is inflated in pieces and the output thrown away, so the check itself never
    holds more than a megabyte; streams that are not plain Flate (encrypted, images) are
    skipped, as they fail to inflate at once.
    """
    total = 0
    for match in _STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        inflater = zlib.decompressobj()
        pending = data[match.end() : end]
        try:
            while pending:
                total += len(inflater.decompress(pending, 1 << 20))
                pending = inflater.unconsumed_tail
                if total > MAX_INFLATED_BYTES:
                    raise InputError(
                        f"the PDF's streams inflate to more than {MAX_INFLATED_BYTES:,} bytes",
                        "it may be a decompression bomb; give the letter's own PDF",
                    )
        except zlib.error:
            continue


def _open_pages(data: bytes) -> list[Page]:
    """Each page's words (outside tables) and its ruled tables."""
    # pdfminer logs every oddity of a damaged file as a warning; with no handler of the
    # application's own, Python would print them to stderr. The outcome is our error.
    logging.getLogger("pdfminer").addHandler(_QUIET)

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
    except (PDFSyntaxError, MalformedPDFException) as exc:
        raise InputError("the PDF is damaged or truncated", "download the letter again") from exc
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        RecursionError,
    ) as exc:
        # pdfminer raises plain Python errors on many kinds of broken object streams.
        raise InputError(
            f"the PDF is damaged or truncated ({type(exc).__name__})", "download the letter again"
        ) from exc


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
        side = [w for w in page.words if pdflayout.in_sidebar(w, edge, body_size)]
        main = [w for w in page.words if not pdflayout.in_sidebar(w, edge, body_size)]
        sidebars.append(
            [pdflayout.with_column(line, "side") for line in pdflayout.lines_of(side, i, body_size)]
        )
        page_lines.append(pdflayout.lines_of(main, i, body_size))
    sidebars = pdflayout.first_sidebars(sidebars)
    height = max(page.height for page in pages)
    drop = pdflayout.furniture(page_lines, height)
    layout = _layout(page_lines, all_words, body_size)

    stream: list[Line] = []
    for index, lines in enumerate(page_lines):
        kept = [ln for ln in lines if (ln.page, ln.top) not in drop]
        kept = pdflayout.take_footnotes(kept, layout)
        kept = pdflayout.aligned_tables(kept, body_size)
        for found in pages[index].tables:
            rows = [[pdflayout.cell_text(cell, layout) for cell in row] for row in found.cells]
            kept.append(Line([], index, top=found.top, bottom=found.bottom, table=rows))
        kept.sort(key=lambda ln: ln.top)
        stream.extend(sidebars[index])
        stream.extend(kept)
    # Columns are found over the whole letter: a form's last rows may be alone on a page.
    stream = pdflayout.split_columns(stream, body_size)
    for line in stream:
        line.text = pdflayout.line_text(line, body_size) if line.words else ""
    blocks = pdfblocks.blocks(stream, layout)
    blocks.append(mdwrite.footnotes(layout.notes))
    return mdwrite.join_blocks(blocks)


def _layout(page_lines: list[list[Line]], words: list[Word], body_size: float) -> Layout:
    """The letter's running text: its type size, line pitch, margins and vocabulary."""
    pitches = [
        b.top - a.top
        for lines in page_lines
        for a, b in itertools.pairwise(lines)
        if a.size == b.size == body_size and 0 < b.top - a.top < body_size * 2.5
    ]
    body_lines = [ln for lines in page_lines for ln in lines if ln.size == body_size]
    edges = sorted(ln.x1 for ln in body_lines) or [0.0]
    starts = sorted(ln.x0 for ln in body_lines) or [0.0]
    return Layout(
        body_size,
        statistics.median(pitches) if pitches else body_size * 1.3,
        left=starts[len(starts) // 10],
        right=edges[len(edges) * 9 // 10],
        vocabulary=vocabulary(w.text for w in words),
    )

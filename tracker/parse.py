"""Text to Document: paragraphs, tables, headings and sections of a letter.

The parser works on lines cleaned by `normalize.clean` (so line numbers stay those of the
reader's text). It drops the letterhead and furniture that `meta.read_letterhead` marks, joins
hard-wrapped lines into paragraphs, rebuilds tab-indented tables, and then finds headings:
numbered questions (answers to parliamentary questions), left-column labels of a two-column
form, numbered and Markdown-style headings, and short title lines that stand alone before a
paragraph. Markdown input goes to `tracker.mdparse` instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from statistics import quantiles

from tracker.errors import ExtractionError
from tracker.meta import detect_language, is_salutation, kamerstuk_references, read_letterhead
from tracker.model import Document, Footnote, Meta, Paragraph, Section, Table
from tracker.normalize import clean, join_lines, lift_markers, squash, strip_markers, vocabulary
from tracker.readers import Markup

# A document counts as hard-wrapped when this many lines have a similar, medium length.
_WRAPPED_MIN_LINES = 5
# A wrapped line this close to the wrap width was broken for lack of room, not ended.
_FULL_LINE = 0.72
# Headings are short: at most this many characters and words.
_HEADING_MAX_CHARS = 120
_HEADING_MAX_WORDS = 16
# The paragraph after a heading is prose: at least this many words.
_PROSE_MIN_WORDS = 6
# ...or a complete sentence of at least this many ("The economy remains weak.").
_SENTENCE_MIN_WORDS = 3
# A flattened table (one cell per line, as scraped web pages leave them) is a run of at least
# this many tiny blocks; it is kept as one paragraph with its cells joined by "; ".
_CELL_RUN_MIN = 4
_CELL_MAX_WORDS = 5
# Less than this many letters and digits in the whole body is not a letter but a failed
# extraction (a scanned PDF, an image, a cover page).
_MIN_LETTERS = 40
# Share of letters among the non-space characters below which text is garbled.
_MIN_LETTER_SHARE = 0.5

_ITEM_RE = re.compile(r"^(?:[-•·*–▪●◦]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+|\(\w{1,3}\)\s+)")
_BULLET_RE = re.compile(r"^[-•·*–▪●◦]\s+")
_NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUESTION_RE = re.compile(r"^(?:(?:Vraag|Question)\s+)?\d{1,3}[.):]?\s+\S")
# Answers to parliamentary questions often label each part on a line of its own.
_QUESTION_LABEL_RE = re.compile(r"^(Vraag|Question)\s+\d{1,3}[.:]?$", re.IGNORECASE)
_ANSWER_LABEL_RE = re.compile(
    r"^(Antwoord|Answer)(\s+(op\s+vraag\s+|to\s+question\s+)?\d{1,3})?[.:]?$", re.IGNORECASE
)
_TERMINAL = ".!?:;,"
# Abbreviations that end a line without ending the sentence ("(zie o.a." / "Kamerstuk 36 045").
# "mld." and "mln." are left out on purpose: they often do end a sentence.
_ABBREVIATIONS = frozenset(
    "o.a. ca. dd. d.d. nr. nrs. mbt. m.b.t. bijv. bv. e.g. i.e. incl. excl. resp. jl. vs. "  # noqa: SIM905
    "t.a.v. i.v.m. m.u.v. a.s. c.s. cf. no. art. z.g. zgn. etc. blz. p. pp. dhr. mw. mr. "
    "dr. prof. ir. drs. st. jan. feb. mrt. apr. aug. sep. sept. okt. nov. dec.".split()
)
# First words that make a line the start of a sentence, not a form label ("De aankopen voor").
_FUNCTION_WORDS = frozenset(
    "de het een in op voor van met door om als bij uit aan dit deze dat die er the a an "  # noqa: SIM905
    "in on for of with by to this that these as at".split()
)
_CURRENCY_CELL_RE = re.compile(r"^(€|EUR|\$|USD|£|GBP)$")
_LABEL_SPLIT_RE = re.compile(
    r"^([A-ZÀ-Þ][\w()’'-]*(?:\s+[a-zà-ÿ(][\w()’'-]*){1,3})\s+([A-ZÀ-Þ][\w’'-]*\s.*)$"
)


@dataclass(slots=True)
class _Block:
    """A paragraph or table on its way to the model: raw text with footnote sentinels."""

    start: int
    """0-based index of the first source line."""
    end: int
    """0-based index of the last source line (inclusive)."""
    lines: list[str] = field(default_factory=list)
    table: Table | None = None
    heading_level: int = 0
    """1.. when classified as a heading."""
    text: str = ""

    @property
    def plain(self) -> str:
        return squash(strip_markers(self.text))


def parse(text: str, markup: Markup = "plain") -> Document:
    """Parse a letter's text into a Document (meta.source and meta.sha256 left None)."""
    if markup == "markdown":
        from tracker.mdparse import parse_markdown

        return parse_markdown(text)
    return parse_plain(text)


def parse_plain(text: str) -> Document:
    """Parse plain text (from .txt or PDF extraction) by its layout."""
    cleaned = clean(text)
    head = read_letterhead(cleaned.lines)
    body = [line if i not in head.skip else "" for i, line in enumerate(cleaned.lines)]
    check_extraction("\n".join(body))
    blocks = _blocks(body)
    title = head.title
    if head.title_is_first_block and len(blocks) > 1 and _is_title(blocks[0], blocks[1]):
        title = blocks.pop(0).plain
    blocks = [b for b in blocks if b.table is not None or re.search(r"\w", b.plain)]
    blocks = _join_cell_runs(blocks)
    _find_headings(blocks)
    headings = [b for b in blocks if b.heading_level]
    if len(headings) == 1 and blocks[0] is headings[0] and len(blocks) > 2:
        # One heading, at the very top, over the whole text is a subtitle ("Sources and Uses
        # Tables" under a press release's title): the text stays one opening section.
        headings[0].heading_level = 0
    sections = _sections(blocks, cleaned.footnotes)
    opening = " ".join(p.text for s in sections if s.heading is None for p in s.paragraphs)
    references = (*head.references, *kamerstuk_references(opening))
    meta = Meta(
        title=title,
        date=head.date,
        language=detect_language(" ".join(s.text for s in sections)),
        references=tuple(dict.fromkeys(references)),
        signatory=head.signatory,
    )
    return Document(meta=meta, sections=tuple(sections))


def check_extraction(text: str) -> None:
    """Refuse text that is empty, nearly empty or garbled: it is not a letter."""
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(1 for ch in visible if ch.isalpha())
    if letters + sum(1 for ch in visible if ch.isdigit()) < _MIN_LETTERS:
        raise ExtractionError(
            "no letter text found (the text is empty or nearly empty)",
            "check that the file holds the letter's text, not a scan or a cover page",
        )
    if letters < _MIN_LETTER_SHARE * len(visible):
        raise ExtractionError(
            "the text is garbled (mostly symbols, not words)",
            "check the file's encoding or extract the text again",
        )


# --- blocks ------------------------------------------------------------------------------


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was broken at, or None when lines are not wrapped."""
    lengths = [len(line.strip()) for line in lines if line.strip() and not line.startswith("\t")]
    medium = [n for n in lengths if 45 <= n <= 140]
    if len(medium) < _WRAPPED_MIN_LINES or len(medium) < 0.3 * len(lengths):
        return None
    return int(quantiles(medium, n=10)[8]) if len(medium) > 1 else medium[0]


def _continues(first: str, second: str, width: int | None) -> bool:
    """Whether `second` continues the paragraph that `first` ends with (a wrapped line)."""
    a, b = strip_markers(first).rstrip(), second.strip()
    if not a or not b or _ITEM_RE.match(b) or _MD_HEADING_RE.match(b):
        return False
    if a[-1] in _TERMINAL[:-1] and a.rsplit(None, 1)[-1].lower() not in _ABBREVIATIONS:
        return False  # . ! ? : ; end a paragraph; a comma or an abbreviation does not
    if b[0].islower() or b[0] in "(€$£%&)":
        return True
    return width is not None and (len(a) >= _FULL_LINE * width or (b[0].isdigit() and a[-1] == ","))


def _blocks(body: list[str]) -> list[_Block]:
    """Group body lines into paragraphs (wrapped lines joined) and tables."""
    width = _wrap_width(body)
    vocab = vocabulary(body)
    blocks: list[_Block] = []
    runs = _runs(body)
    k = 0
    while k < len(runs):
        start, end = runs[k]
        if all(body[i].startswith("\t") for i in range(start, end + 1)):
            # Tab-indented groups of cells separated by blank lines: one group per table row.
            group_end = k
            while group_end + 1 < len(runs) and all(
                body[i].startswith("\t")
                for i in range(runs[group_end + 1][0], runs[group_end + 1][1] + 1)
            ):
                group_end += 1
            table = _tab_table(body, runs[k : group_end + 1])
            if table is not None:
                blocks.append(_Block(start, runs[group_end][1], table=table))
                k = group_end + 1
                continue
        table = _tabbed_lines_table(body, start, end)
        if table is not None:
            blocks.append(_Block(start, end, table=table))
            k += 1
            continue
        previous = blocks[-1] if blocks and blocks[-1].table is None else None
        for i in range(start, end + 1):
            line = body[i].strip()
            joins_across_blank = (
                i == start
                and previous is not None
                and width is not None
                and previous.end < start
                and len(strip_markers(previous.lines[-1]).rstrip()) >= _FULL_LINE * width
                and line[:1].islower()
                and _continues(previous.lines[-1], line, width)
            )
            if previous is not None and (
                joins_across_blank or (i > start and _continues(previous.lines[-1], line, width))
            ):
                previous.lines.append(line)
                previous.text = join_lines(previous.text, line, vocab)
                previous.end = i
            else:
                previous = _Block(i, i, lines=[line], text=line)
                blocks.append(previous)
        k += 1
    return blocks


def _runs(body: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of non-blank lines, as (first, last) 0-based indices."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(body):
        if line.strip():
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(body) - 1))
    return runs


def _tab_table(body: list[str], runs: list[tuple[int, int]]) -> Table | None:
    """A table written one cell per tab-indented line, rows separated by blank lines."""
    if len(runs) < 2:
        return None
    rows: list[list[str]] = []
    labels: list[str] = []
    runs = _merge_split_rows(body, runs)
    for start, end in runs:
        cells: list[str] = []
        for i in range(start, end + 1):
            if not body[i].strip():
                continue  # the blank line inside a rejoined row
            cell, found = lift_markers(body[i])
            labels.extend(found)
            if cells and _CURRENCY_CELL_RE.match(cells[-1]):
                cells[-1] = f"{cells[-1]} {cell}".strip()  # "€" and "2,4 mld." are one amount
            else:
                cells.append(cell)
        rows.append(cells)
    width = len(rows[0])
    if width < 2 or sum(1 for r in rows[1:] if len(r) == width) < (len(rows) - 1) / 2:
        return None
    # Short rows are padded; cells beyond the header's width join the last cell.
    fitted = [(*(r + [""] * width)[: width - 1], " ".join(r[width - 1 :])) for r in rows]
    return Table(
        header=fitted[0],
        rows=tuple(fitted[1:]),
        line=runs[0][0] + 1,
        end_line=runs[-1][1] + 1,
        footnotes=tuple(dict.fromkeys(labels)),
    )


def _merge_split_rows(body: list[str], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin a row whose label was separated from its cells by a blank line (a long footnote)."""
    width = _cell_count(body, runs[0])
    merged: list[tuple[int, int]] = []
    k = 0
    while k < len(runs):
        here = _cell_count(body, runs[k])
        if k + 1 < len(runs) and here < width and here + _cell_count(body, runs[k + 1]) == width:
            merged.append((runs[k][0], runs[k + 1][1]))
            k += 2
            continue
        merged.append(runs[k])
        k += 1
    return merged


def _cell_count(body: list[str], run: tuple[int, int]) -> int:
    """Cells in a tab-indented row group, a currency sign and its amount counting as one."""
    count = 0
    previous = ""
    for i in range(run[0], run[1] + 1):
        cell = body[i].strip()
        if not _CURRENCY_CELL_RE.match(previous):
            count += 1
        previous = cell
    return count


def _tabbed_lines_table(body: list[str], start: int, end: int) -> Table | None:
    """A table written one row per line, cells separated by tabs."""
    if end == start:
        return None
    rows = [
        [c.strip() for c in body[i].strip().split("\t") if c.strip()] for i in range(start, end + 1)
    ]
    width = len(rows[0])
    if width < 2 or any(len(r) != width for r in rows):
        return None
    labels: list[str] = []
    cells: list[tuple[str, ...]] = []
    for row in rows:
        lifted = [lift_markers(c) for c in row]
        labels.extend(label for _, found in lifted for label in found)
        cells.append(tuple(text for text, _ in lifted))
    return Table(cells[0], tuple(cells[1:]), start + 1, end + 1, tuple(dict.fromkeys(labels)))


def _is_cell(block: _Block) -> bool:
    """A tiny one-line block that reads as a table cell: "$457", "Prior", "Sep-25"."""
    text = block.plain
    return (
        block.table is None
        and len(block.lines) == 1
        and len(text.split()) <= _CELL_MAX_WORDS
        and len(text) <= 40
        and text[-1] not in _TERMINAL
        and not _ITEM_RE.match(text)
        and not _MD_HEADING_RE.match(text)
    )


def _join_cell_runs(blocks: list[_Block]) -> list[_Block]:
    """Keep a flattened table's cells together as one paragraph instead of dozens."""
    result: list[_Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _is_cell(blocks[j]):
            j += 1
        run = blocks[i:j]
        numeric = sum(1 for b in run if any(ch.isdigit() for ch in b.plain))
        if len(run) >= _CELL_RUN_MIN and numeric * 3 >= len(run):
            text = "; ".join(b.text.strip() for b in run)
            lines = [line for b in run for line in b.lines]
            result.append(_Block(run[0].start, run[-1].end, lines=lines, text=text))
            i = j
        elif run:
            result.extend(run)
            i = j
        else:
            result.append(blocks[i])
            i += 1
    return result


def _is_title(block: _Block, following: _Block) -> bool:
    """Whether the first block of a letter without letterhead is its title line.

    A title has no final full stop, unless what follows is not running text either (the
    title of a form, "CW 3.1 … voor Oekraïne.", above its column headers).
    """
    text = block.plain
    if text.endswith(".") and _is_prose(following):
        return False
    words = len(text.split())
    sentences = len(re.findall(r"[.!?]\s+[A-Z]", text))
    numbered = (
        _NUMBERED_HEADING_RE.match(text)
        or _MD_HEADING_RE.match(text)
        or _QUESTION_LABEL_RE.match(text)
    )
    return (
        block.table is None
        and not numbered
        and 0 < words <= 25
        and len(block.lines) <= 3
        and sentences == 0
    )


# --- headings ----------------------------------------------------------------------------


def _find_headings(blocks: list[_Block]) -> None:
    """Mark heading blocks (setting `heading_level`), in place."""
    _split_form_labels(blocks)
    _join_question_labels(blocks)
    questions = [b for b in blocks if _is_question(b)]
    question_mode = len(questions) >= 2
    raw: dict[int, int] = {}
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if question_mode and _is_question(block):
            raw[i] = 1
            continue
        level = _heading_level(block, following, blocks[i + 2] if i + 2 < len(blocks) else None)
        if level:
            raw[i] = level
    # A heading followed directly by another is a parent: the headings after it are one level
    # down until the next parent ("Overig" then "Verlenging inzet …" in a Kamerbrief).
    parent: int | None = None
    for i in sorted(raw):
        block = blocks[i]
        explicit = _MD_HEADING_RE.match(block.plain) or _NUMBERED_HEADING_RE.match(block.plain)
        if explicit or question_mode:
            parent = None
        elif i + 1 in raw and parent is None:
            parent = raw[i]
        elif (parent is not None and i - 1 not in raw) or (
            parent is not None and raw.get(i - 1) == parent
        ):
            raw[i] = parent + 1
    if raw:
        shift = min(raw.values()) - 1
        for i, level in raw.items():
            blocks[i].heading_level = level - shift


def _heading_level(block: _Block, following: _Block | None, after: _Block | None) -> int:
    """The level of a heading block (1 for a plain heading), or 0 when it is not a heading."""
    if block.table is not None or following is None:
        return 0
    text = block.plain
    md = _MD_HEADING_RE.match(text)
    if md:
        return len(md.group(1))
    if not _looks_like_heading(block):
        return 0
    if not (_is_prose(following) or following.table is not None):
        heading_follows = (
            following.table is None
            and _looks_like_heading(following)
            and after is not None
            and (_is_prose(after) or after.table is not None)
        )
        if not heading_follows:
            return 0
    numbered = _NUMBERED_HEADING_RE.match(text)
    if numbered:
        return numbered.group(1).count(".") + 1
    return 1


def _looks_like_heading(block: _Block) -> bool:
    """Short, capitalised, standing alone, not ending like a sentence or a list lead-in."""
    text = block.plain
    if not text or len(text) > _HEADING_MAX_CHARS or len(text.split()) > _HEADING_MAX_WORDS:
        return False
    if text[-1] in _TERMINAL or _BULLET_RE.match(text) or is_salutation(text):
        return False
    if len(block.lines) > 1 and any(len(line) > 45 for line in block.lines):
        return False  # a wrapped sentence, not a (narrow-column) label
    numbered = _NUMBERED_HEADING_RE.match(text)
    first = numbered.group(2) if numbered else text
    if not (first[0].isupper() or (first[0].isdigit() and numbered)):
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < 0.6 * len(text.replace(" ", "")):
        return False  # "Sep-25", "2 500", table debris
    return not re.search(r"[.!?]\s+[A-Z]", first)  # two sentences are not a heading


def _is_prose(block: _Block) -> bool:
    """A paragraph of running text: several words, or a short but complete sentence."""
    if block.table is not None:
        return False
    text = block.plain
    words = len(text.split())
    return words >= _PROSE_MIN_WORDS or (words >= _SENTENCE_MIN_WORDS and text[-1] in ".!?")


def _join_question_labels(blocks: list[_Block]) -> None:
    """ "Vraag 1" on a line of its own heads the question after it; "Antwoord 1" is dropped."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = block.plain
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.table is None and _QUESTION_LABEL_RE.match(text):
            if following is not None and following.table is None and following.plain.endswith("?"):
                following.text = f"{text} {following.text}"
                following.lines = [*block.lines, *following.lines]
                following.start = block.start
                blocks.pop(i)
                continue
        elif block.table is None and _ANSWER_LABEL_RE.match(text):
            blocks.pop(i)
            continue
        i += 1


def _is_question(block: _Block) -> bool:
    text = block.plain
    return block.table is None and bool(_QUESTION_RE.match(text)) and text.endswith("?")


def _split_form_labels(blocks: list[_Block]) -> None:
    """Split "Label Text…" blocks of a two-column form into a label block and a text block.

    A form is recognised by labels that wrap within a narrow left column ("Financiële
    gevolgen voor" / "het Rijk"). Its first row may print label and text on one line
    ("Nagestreefde doelen Doel van de …"); the column header row above it is dropped.
    """
    labels = [
        b
        for b in blocks
        if b.table is None
        and len(b.lines) >= 2
        and all(len(line) <= 35 for line in b.lines)
        and _looks_like_heading(b)
    ]
    if len(labels) < 2:
        return
    column = max(len(line) for b in labels for line in b.lines)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        match = _LABEL_SPLIT_RE.match(block.lines[0]) if block.table is None else None
        previous = blocks[i - 1] if i > 0 else None
        starts_row = (
            previous is None
            or previous.end < block.start - 1
            or (len(previous.plain.split()) <= 3 and not _is_prose(previous))
        )
        if (
            match
            and starts_row
            and len(match.group(1)) <= column
            and match.group(1).split()[0].lower() not in _FUNCTION_WORDS
            and block not in labels
            and _is_prose(block)
        ):
            label = _Block(block.start, block.start, lines=[match.group(1)], text=match.group(1))
            block.lines[0] = match.group(2)
            block.text = block.text[len(match.group(1)) :].strip()
            blocks.insert(i, label)
            previous = blocks[i - 1] if i > 0 else None
            if (
                previous is not None
                and len(previous.plain.split()) <= 3
                and not _is_prose(previous)
            ):
                blocks.pop(i - 1)  # the "Onderdeel Toelichting" column header row
                i -= 1
            i += 1
        i += 1


# --- sections ----------------------------------------------------------------------------


def _sections(blocks: list[_Block], bodies: dict[str, str]) -> list[Section]:
    """Cut blocks into sections at headings and attach footnote bodies."""
    groups: list[tuple[_Block | None, list[_Block]]] = [(None, [])]
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
            md = _MD_HEADING_RE.match(heading_text)
            heading_text = md.group(2) if md else heading_text
            referenced.extend(heading_labels)
        for block in members:
            if block.table is not None:
                model_blocks.append(block.table)
                referenced.extend(block.table.footnotes)
                continue
            text, labels = lift_markers(block.text)
            bullet = _BULLET_RE.match(text)
            model_blocks.append(
                Paragraph(
                    text=text[bullet.end() :] if bullet else text,
                    line=block.start + 1,
                    end_line=block.end + 1,
                    footnotes=labels,
                    list_item=bool(_ITEM_RE.match(text)),
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

"""Lines to blocks: hard-wrapped lines joined into paragraphs, tab-indented lines into tables.

`split_blocks` works on cleaned body lines (letterhead already blanked out, so indices are the
letter's line numbers less one). A paragraph ends at a blank line, or where a line ends a
sentence, or where the next line is too long to have been wrapped into the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.model import Table
from tracker.read.normalize import LazyVocabulary, join_lines, lift_markers, strip_markers
from tracker.text.lazy import LazyPattern
from tracker.text.words import squash

# A document counts as hard-wrapped when this many lines have a similar, medium length.
_WRAPPED_MIN_LINES = 5
# A wrapped line this close to the wrap width was broken for lack of room, not ended.
_FULL_LINE = 0.72
# A flattened table (one cell per line, as scraped web pages leave them) is a run of at least
# this many tiny blocks; it is kept as one paragraph with its cells joined by "; ".
_CELL_RUN_MIN = 4
_CELL_MAX_WORDS = 5

ITEM_RE = re.compile(r"^(?:[-•·*–▪●◦]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+|\(\w{1,3}\)\s+)")
MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TERMINAL = ".!?:;,"
# Abbreviations that end a line without ending the sentence ("(zie o.a." / "Kamerstuk 36 045").
# "mld." and "mln." are left out on purpose: they often do end a sentence.
_ABBREVIATIONS = frozenset(
    "o.a. ca. dd. d.d. nr. nrs. mbt. m.b.t. bijv. bv. e.g. i.e. incl. excl. resp. jl. vs. "  # noqa: SIM905
    "t.a.v. i.v.m. m.u.v. a.s. c.s. cf. no. art. z.g. zgn. etc. blz. p. pp. dhr. mw. mr. "
    "dr. prof. ir. drs. st. jan. feb. mrt. apr. aug. sep. sept. okt. nov. dec.".split()
)
_CURRENCY_CELL_RE = re.compile(r"^(€|EUR|\$|USD|£|GBP)$")
# Cells of a row on one line: separated by tabs, or by two or more spaces.
_CELL_GAP_RE = re.compile(r"\t+| {2,}")
# A cell of a space-aligned table is short; longer "cells" are sentences with two spaces.
_SPACED_CELL_MAX = 50
# A cell of a flattened table that holds one amount: "$457", "-$41", "€ 2,4 mld.", "12.5%".
# Compiled for the first letter with such a table.
_NUMBER_CELL_RE = LazyPattern(
    r"^[-+−]?[$€£]?\s?[-+−]?\d[\d.,]*\s?(%|bn|mln\.?|mld\.?|billion|million)?$"
)
_RULE_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")


@dataclass(slots=True)
class RawBlock:
    """A paragraph or table on its way to the model (`model.Block`): raw text with footnote
    sentinels, its source lines, and the heading level once `headings` has looked at it."""

    start: int
    """0-based index of the first source line."""
    end: int
    """0-based index of the last source line (inclusive)."""
    lines: list[str] = field(default_factory=list)
    table: Table | None = None
    heading_level: int = 0
    """1.. when classified as a heading."""
    text: str = ""
    _plain: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    """`text` and its plain form, kept because headings and tables ask for it again and again."""

    @property
    def plain(self) -> str:
        """The text without footnote markers, its white space collapsed."""
        if self._plain is None or self._plain[0] is not self.text:
            self._plain = (self.text, squash(strip_markers(self.text)))
        return self._plain[1]


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was broken at, or None when lines are not wrapped."""
    lengths = [len(line.strip()) for line in lines if line.strip() and not line.startswith("\t")]
    medium = [n for n in lengths if 45 <= n <= 140]
    if len(medium) < _WRAPPED_MIN_LINES or len(medium) < 0.3 * len(lengths):
        return None
    if len(medium) == 1:
        return medium[0]
    # start-up time: statistics, with fractions and random, only for hard-wrapped lines
    from statistics import quantiles

    return int(quantiles(medium, n=10)[8])


def _continues(first: str, second: str, width: int | None) -> bool:
    """Whether `second` continues the paragraph that `first` ends with (a wrapped line)."""
    a, b = strip_markers(first).rstrip(), second.strip()
    if not a or not b or ITEM_RE.match(b) or MD_HEADING_RE.match(b):
        return False
    if a[-1] in TERMINAL[:-1] and a.rsplit(None, 1)[-1].lower() not in _ABBREVIATIONS:
        return False  # . ! ? : ; end a paragraph; a comma or an abbreviation does not
    if b[0].islower() or b[0] in "(€$£%&)":
        return True
    return width is not None and (len(a) >= _FULL_LINE * width or (b[0].isdigit() and a[-1] == ","))


def split_blocks(body: list[str]) -> list[RawBlock]:
    """Group body lines into paragraphs (wrapped lines joined) and tables."""
    width = _wrap_width(body)
    vocab = LazyVocabulary(body)
    blocks: list[RawBlock] = []
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
                blocks.append(RawBlock(start, runs[group_end][1], table=table))
                k = group_end + 1
                continue
        table = _line_table(body, start, end)
        if table is not None:
            blocks.append(RawBlock(start, end, table=table))
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
                previous = RawBlock(i, i, lines=[line], text=line)
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


def _line_table(body: list[str], start: int, end: int) -> Table | None:
    """A table written one row per line: cells between pipes, after tabs, or spaced apart.

    "| a | b |" rows with a "| --- |" rule under the header; cells separated by tabs; or cells
    aligned by runs of two or more spaces (PDF text laid out as on the page).
    """
    if end == start:
        return None
    lines = [body[i].strip() for i in range(start, end + 1)]
    if all(line.startswith("|") and line.endswith("|") for line in lines) and _RULE_RE.match(
        lines[1]
    ):
        rows = [_PIPE_SPLIT_RE.split(line[1:-1]) for k, line in enumerate(lines) if k != 1]
        rows = [[c.strip().replace("\\|", "|") for c in row] for row in rows]
    else:
        rows = [_merge_currency(_CELL_GAP_RE.split(line)) for line in lines]
        spaced = any("\t" not in body[i].strip() for i in range(start, end + 1))
        # Spaced cells are short, and every row below the header holds a number: prose with
        # two spaces after each full stop is not a table.
        if spaced and (
            any(len(c) > _SPACED_CELL_MAX for row in rows for c in row)
            or not all(any(ch.isdigit() for ch in "".join(row)) for row in rows[1:])
        ):
            return None
    width = max(len(r) for r in rows)
    if len(rows[0]) == width - 1:
        rows[0] = ["", *rows[0]]  # a header without a heading over the row labels
    if width < 2 or any(len(r) != width for r in rows):
        return None
    labels: list[str] = []
    cells: list[tuple[str, ...]] = []
    for row in rows:
        lifted = [lift_markers(c) for c in row]
        labels.extend(label for _, found in lifted for label in found)
        cells.append(tuple(text for text, _ in lifted))
    return Table(cells[0], tuple(cells[1:]), start + 1, end + 1, tuple(dict.fromkeys(labels)))


def _merge_currency(cells: list[str]) -> list[str]:
    """Join a lone currency sign with the amount after it: "€", "2,4 mld." -> "€ 2,4 mld."."""
    merged: list[str] = []
    for cell in cells:
        if merged and _CURRENCY_CELL_RE.match(merged[-1]):
            merged[-1] = f"{merged[-1]} {cell}"
        elif cell:
            merged.append(cell)
    return merged


def _is_cell(block: RawBlock) -> bool:
    """A tiny one-line block that reads as a table cell: "$457", "Prior", "Sep-25"."""
    text = block.plain
    return (
        block.table is None
        and len(block.lines) == 1
        and len(text.split()) <= _CELL_MAX_WORDS
        and len(text) <= 40
        and text[-1] not in TERMINAL
        and not ITEM_RE.match(text)
        and not MD_HEADING_RE.match(text)
    )


def _is_number_cell(text: str) -> bool:
    return bool(_NUMBER_CELL_RE.compiled.match(text))


def _rebuild_table(run: list[RawBlock]) -> list[RawBlock] | None:
    """A flattened table whose rows are a label and n numbers, with its headings before them.

    "Cash Balance / July - September Quarter / October - December Quarter / Assumptions /
    Prior / Current / Change / Prior / Current / Change / Opening Balance / $457 / …": the last
    n heading cells name the columns, the one before heads the row labels, and the ones before
    that group the columns ("July - September Quarter" over the first three); a first cell that
    groups nothing is the table's title and stays a paragraph above it.
    """
    cells = [b.plain for b in run]
    first = next(
        (
            i
            for i in range(1, len(cells))
            if not _is_number_cell(cells[i])
            and _is_number_cell(cells[i + 1] if i + 1 < len(cells) else "")
        ),
        None,
    )
    if first is None:
        return None
    rows: list[list[str]] = []
    i = first
    while i < len(cells):
        j = i + 1
        while j < len(cells) and _is_number_cell(cells[j]):
            j += 1
        rows.append(cells[i:j])
        i = j
    width = len(rows[0]) - 1
    if width < 1 or len(rows) < 2 or any(len(r) != width + 1 for r in rows):
        return None
    heads = cells[:first]
    if len(heads) < width:
        return None
    columns = heads[len(heads) - width :]
    if any(_is_number_cell(name) for name in columns):
        return None  # the heading row is not among the cells (printed apart, or lost)
    before = heads[: len(heads) - width]
    label_head = before.pop() if before else ""
    # Column names that repeat ("Prior, Current, Change" twice) show how many groups there are.
    period = next(
        p
        for p in range(1, width + 1)
        if width % p == 0 and all(columns[k] == columns[k % p] for k in range(width))
    )
    groups = width // period
    title_count = len(before) - groups if groups > 1 else len(before)
    if title_count not in (0, 1):
        return None
    title = run[:title_count]
    if groups > 1:
        names = before[title_count:]
        columns = [f"{names[k // period]} / {name}" for k, name in enumerate(columns)]
    table = Table(
        header=(label_head, *columns),
        rows=tuple(tuple(r) for r in rows),
        line=run[len(title)].start + 1,
        end_line=run[-1].end + 1,
    )
    return [*title, RawBlock(run[len(title)].start, run[-1].end, table=table)]


def join_cell_runs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Keep a flattened table's cells together as one paragraph instead of dozens."""
    result: list[RawBlock] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _is_cell(blocks[j]):
            j += 1
        run = blocks[i:j]
        numeric = sum(1 for b in run if any(ch.isdigit() for ch in b.plain))
        if len(run) >= _CELL_RUN_MIN and numeric * 3 >= len(run):
            rebuilt = _rebuild_table(run)
            if rebuilt is not None:
                result.extend(rebuilt)
            else:
                text = "; ".join(b.text.strip() for b in run)
                lines = [line for b in run for line in b.lines]
                result.append(RawBlock(run[0].start, run[-1].end, lines=lines, text=text))
            i = j
        elif run:
            result.extend(run)
            i = j
        else:
            result.append(blocks[i])
            i += 1
    return result

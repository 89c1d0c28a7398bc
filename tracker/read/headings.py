"""Which blocks are headings: numbered questions, form labels, numbered and plain headings.

A line is not a heading because it is short. A heading stands alone, is capitalised, does not
end like a sentence or a lead-in, and is followed by running text (or by a subheading that is).
"""

from __future__ import annotations

import re

from tracker.read.blocks import MD_HEADING_RE, TERMINAL, RawBlock
from tracker.read.letterhead import is_salutation
from tracker.text.lazy import LazyPattern

# Headings are short: at most this many characters and words.
_HEADING_MAX_CHARS = 120
_HEADING_MAX_WORDS = 16
# The paragraph after a heading is prose: at least this many words.
_PROSE_MIN_WORDS = 6
# ...or a complete sentence of at least this many ("The economy remains weak.").
_SENTENCE_MIN_WORDS = 3

BULLET_RE = re.compile(r"^[-•·*–▪●◦]\s+")
# "2.1 Leveringen", "3. Financiën", and Roman "II. Extraordinary measures" (with its dot).
NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5}(?=\.))\.?\s+(\S.*)$")
_QUESTION_RE = re.compile(r"^(?:(?:Vraag|Question)\s+)?\d{1,3}[.):]?\s+\S")
# Answers to parliamentary questions often label each part on a line of its own.
QUESTION_LABEL_RE = re.compile(r"^(Vraag|Question)\s+\d{1,3}[.:]?$", re.IGNORECASE)
_ANSWER_LABEL_RE = re.compile(
    r"^(Antwoord|Answer)(\s+(op\s+vraag\s+|to\s+question\s+)?\d{1,3})?[.:]?$", re.IGNORECASE
)
# First words that make a line the start of a sentence, not a form label ("De aankopen voor").
_FUNCTION_WORDS = frozenset(
    "de het een in op voor van met door om als bij uit aan dit deze dat die er the a an "  # noqa: SIM905
    "in on for of with by to this that these as at".split()
)
# Compiled for the first letter with a form of labels.
_LABEL_SPLIT_RE = LazyPattern(
    r"^([A-ZÀ-Þ][\w()’'-]*(?:\s+[a-zà-ÿ(][\w()’'-]*){1,3})\s+([A-ZÀ-Þ][\w’'-]*\s.*)$"
)


def find_headings(blocks: list[RawBlock]) -> None:
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
    _nest_plain_headings(blocks, raw, question_mode)
    if raw:
        shift = min(raw.values()) - 1
        for i, level in raw.items():
            blocks[i].heading_level = level - shift


def _nest_plain_headings(blocks: list[RawBlock], raw: dict[int, int], question_mode: bool) -> None:
    """Give plain headings the levels the text shows, in place in `raw`.

    A heading followed directly by another is a parent ("Overig" then "Verlenging inzet …"),
    and so is a heading in capitals among headings that are not ("VERSLAG RAAD BUITENLANDSE
    ZAKEN" over "Situatie in het Midden-Oosten"): the plain headings after a parent are one
    level down, until the next parent. Numbered and Markdown headings carry their own levels.
    """
    plain = [
        i
        for i in sorted(raw)
        if not (MD_HEADING_RE.match(blocks[i].plain) or NUMBERED_HEADING_RE.match(blocks[i].plain))
    ]
    if question_mode or not plain:
        return
    capitals = {i for i in plain if _in_capitals(blocks[i].plain)}
    mixed = len(capitals) not in (0, len(plain))
    parent: int | None = None
    for i in plain:
        if i + 1 in raw or (mixed and i in capitals):
            raw[i] = 1
            parent = 1
        elif parent is not None:
            raw[i] = parent + 1


def _in_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(1 for ch in letters if ch.isupper()) >= 0.8 * len(letters)


def _heading_level(block: RawBlock, following: RawBlock | None, after: RawBlock | None) -> int:
    """The level of a heading block (1 for a plain heading), or 0 when it is not a heading."""
    if block.table is not None or following is None:
        return 0
    text = block.plain
    md = MD_HEADING_RE.match(text)
    if md:
        return len(md.group(1))
    if not _looks_like_heading(block):
        return 0
    if not (is_prose(following) or following.table is not None):
        heading_follows = (
            following.table is None
            and _looks_like_heading(following)
            and after is not None
            and (is_prose(after) or after.table is not None)
        )
        if not heading_follows:
            return 0
    numbered = NUMBERED_HEADING_RE.match(text)
    if numbered:
        return numbered.group(1).count(".") + 1
    return 1


def _looks_like_heading(block: RawBlock) -> bool:
    """Short, capitalised, standing alone, not ending like a sentence or a list lead-in."""
    text = block.plain
    if not text or len(text) > _HEADING_MAX_CHARS or len(text.split()) > _HEADING_MAX_WORDS:
        return False
    if text[-1] in TERMINAL or BULLET_RE.match(text) or is_salutation(text):
        return False
    if len(block.lines) > 1 and any(len(line) > 45 for line in block.lines):
        return False  # a wrapped sentence, not a (narrow-column) label
    numbered = NUMBERED_HEADING_RE.match(text)
    first = numbered.group(2) if numbered else text
    if not (first[0].isupper() or (first[0].isdigit() and numbered)):
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < 0.6 * len(text.replace(" ", "")):
        return False  # "Sep-25", "2 500", table debris
    return not re.search(r"[.!?]\s+[A-Z]", first)  # two sentences are not a heading


def is_prose(block: RawBlock) -> bool:
    """A paragraph of running text: several words, or a short but complete sentence."""
    if block.table is not None:
        return False
    text = block.plain
    words = len(text.split())
    return words >= _PROSE_MIN_WORDS or (words >= _SENTENCE_MIN_WORDS and text[-1] in ".!?")


def _join_question_labels(blocks: list[RawBlock]) -> None:
    """ "Vraag 1" on a line of its own heads the question after it; "Antwoord 1" is dropped."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = block.plain
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.table is None and QUESTION_LABEL_RE.match(text):
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


def _is_question(block: RawBlock) -> bool:
    text = block.plain
    return block.table is None and bool(_QUESTION_RE.match(text)) and text.endswith("?")


def _split_form_labels(blocks: list[RawBlock]) -> None:
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
        match = _LABEL_SPLIT_RE.compiled.match(block.lines[0]) if block.table is None else None
        previous = blocks[i - 1] if i > 0 else None
        starts_row = (
            previous is None
            or previous.end < block.start - 1
            or (len(previous.plain.split()) <= 3 and not is_prose(previous))
        )
        if (
            match
            and starts_row
            and len(match.group(1)) <= column
            and match.group(1).split()[0].lower() not in _FUNCTION_WORDS
            and block not in labels
            and is_prose(block)
        ):
            label = RawBlock(block.start, block.start, lines=[match.group(1)], text=match.group(1))
            block.lines[0] = match.group(2)
            block.text = block.text[len(match.group(1)) :].strip()
            blocks.insert(i, label)
            previous = blocks[i - 1] if i > 0 else None
            if (
                previous is not None
                and previous not in labels
                and len(previous.plain.split()) <= 3
                and not is_prose(previous)
            ):
                blocks.pop(i - 1)  # the "Onderdeel Toelichting" column header row
                i -= 1
            i += 1
        i += 1

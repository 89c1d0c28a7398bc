"""Quantities in running text: one number with its unit, scale, qualifier and locale.

`find_quantities(text, language)` returns every quantity a reader would track in one piece of
running text (money, counts of things, percentages, percentage and basis points, ranges), and
leaves out numbers that only look like quantities: years, dates, times, reference numbers,
postcodes, phone numbers, footnote markers, list numbering, model names and maturities.
Its words are in `vocabulary`, the tests of a bare number in `bare_numbers`;
`numbers.format_quantity` writes a value back in a letter's own style, and the two round-trip.

Decisions worth knowing:
- The letter's language decides the separators, checked against the digits: in Dutch "," is
  the decimal mark and "." groups thousands only when exactly three digits follow it ("1.500"
  is 1500, "14.3" is 14.3); English the other way round ("1.058 trillion" is 1.058e12).
- A bare number is a figure only as a count of something named right after it ("60.000
  Oekraïense militairen", "twee MQ-9's"); a number with nothing counted is not tracked.
- "3-year note" and "30-year bond" are maturities, part of the name of a security: not counts.
- "een" and "one" are articles far more often than counts, so number words start at two
  (and "zero", "nul", which no article is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from tracker.figures.bare_numbers import counted_noun, is_date, is_identifier, is_year
from tracker.figures.bounded import read_number
from tracker.figures.numbers import tidy
from tracker.figures.vocabulary import (
    CURRENCY_SIGNS,
    CURRENCY_UNITS,
    CURRENCY_WORDS,
    NUMBER_WORDS,
    PERCENT_WORDS,
    QUALIFIERS,
    SCALES,
    VULGAR,
)
from tracker.model import Language, Unit
from tracker.text.lazy import LazyPattern
from tracker.text.trie import word_trie

# --- the pattern ------------------------------------------------------------------------------

# Compiled for the letter's own language, and the pattern only for a text with a number word.
_NUMBER_WORD_PATTERNS: dict[Language, LazyPattern] = {
    language: LazyPattern(
        r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE
    )
    for language, words in NUMBER_WORDS.items()
}

# Most paragraphs hold no number word: one quick test ahead of the pattern (tracker/text/trie.py).
_NUMBER_WORD_HINTS: dict[Language, LazyPattern] = {
    language: LazyPattern(rf"\b{word_trie(words)}", re.IGNORECASE)
    for language, words in NUMBER_WORDS.items()
}

_HYPHEN = "-\u2010\u2011"
_VULGAR = "".join(VULGAR)
_NUM = (
    rf"\d*[{_VULGAR}]"  # vulgar fraction: 5¼, 4½, ¾
    rf"|\d+[{_HYPHEN}]\d+/\d+"  # mixed fraction: 4-1/4, 1‑1/2
    r"|\d+/\d+"  # fraction: 1/4
    r"|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?"  # grouped: 60.000, 1,015, 1.234,5
    r"|\d+(?:[.,]\d+)?"  # plain: 14,3 or 2000
)
_CURRENCY = (
    r"US\$|NZ\$|S\$|A\$|HK\$|C\$|RM(?=\s?\d)|€|\$|£|¥|EUR\b|USD\b|GBP\b|JPY\b|CHF\b|SGD\b|"
    r"MYR\b|NZD\b|AUD\b|CAD\b|HKD\b"
)
_SCALE = (
    r"mld\.?|miljard|mln\.?|miljoen|duizend|biljoen|billion|bln\.?|bn\b|trillion|tn\b"
    r"|million|mn\b|thousand"
)
_UNIT_WORD = r"%|procentpunten|procentpunt|procent|percentage points?|percent|per cent" + (
    r"|basispunten|basispunt|basis points?|bps\b|bp\b"
)
_CURRENCY_WORD = r"euros?\b|EUR\b|USD\b|US-dollars?\b|dollars?\b|pond\b|pounds\b|GBP\b"

_QTY = re.compile(
    rf"(?P<sign>[-\u2212])?"
    rf"(?:(?P<cur>{_CURRENCY})\s*)?"
    rf"(?P<num>{_NUM})"
    rf"(?:(?P<mscale>m\b)|\s*(?P<scale>{_SCALE})(?![^\W.]))?"
    rf"(?:\s*(?P<curword>{_CURRENCY_WORD}))?"
    rf"(?:\s*(?P<unit>{_UNIT_WORD})(?!\w))?",
    re.IGNORECASE,
)

# Every match of _QTY holds a number, and before its first digit only a sign, a currency of
# at most three characters (US$, EUR) and spaces: so it is tried only just before a digit. The
# pattern itself, led by optional groups, would be tried at every character of the text.
_NUMBER_START = re.compile(rf"[\d{_VULGAR}]")
_LEAD = 4
"""Characters a match may hold before the spaces in front of its number: sign and currency."""


def search_quantity(text: str, pos: int = 0) -> re.Match[str] | None:
    """`_QTY.search(text, pos)`, the same match, in a fraction of the time."""
    while (digit := _NUMBER_START.search(text, pos)) is not None:
        at = spaces = digit.start()
        while spaces > pos and text[spaces - 1].isspace():
            spaces -= 1
        for start in (*range(max(pos, spaces - _LEAD), spaces), at):
            m = _QTY.match(text, start)
            if m is not None:
                return m
        pos = at + 1
    return None


_RANGE_LINK = re.compile(
    rf"\s*(?:(?:tot en met|tot|to|through|and|en)\b|[{_HYPHEN}\u2013\u2014])\s*", re.IGNORECASE
)


# "increase the auction size by $1 billion to $21 billion": a change and a new level, not a range.
# So is "from 3.1 per cent to 3.2 per cent" / "van 3,1% naar 3,2%".
_BY = re.compile(r"\b(?:by|met|from|van)\s*$", re.IGNORECASE)
_NAMED_SET = re.compile(r"\b(?:the|these|those|de|het|deze|die)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|tussen)(?:\s+de)?\s*$", re.IGNORECASE)


def _moves(text: str, start: int, link: re.Match[str]) -> bool:
    """ "by $1 billion to $21 billion", "from 3.1 to 3.2 per cent": a value and where it moved,
    not a range; but Dutch "van 2 tot 3 procent" is one ("naar" would move it)."""
    by = _BY.search(text, 0, start)
    return by is not None and not (
        by.group().split()[0].lower() == "van" and link.group().strip().lower() == "tot"
    )


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity found in text, with where it stands."""

    value: Decimal
    """Exact value in base units (euros, not millions); a range's low end."""
    unit: Unit
    """"EUR", "USD", "GBP", "%", "pp", "bp" or "count"."""
    text: str
    """The quantity as written, qualifier excluded."""
    start: int
    """Offset of the first character in the text searched (qualifier excluded)."""
    end: int
    """Offset just after the last character."""
    high: Decimal | None = None
    """A range's high end."""
    qualifier: str | None = None
    """Normalised qualifier ("circa", "bijna", "more than", …)."""
    noun: str | None = None
    """For counts, the thing counted."""
    decimals: int = 0
    """Digits after the decimal mark as printed (2 for quarter fractions)."""
    scale: str | None = None
    """Scale word as written, normalised ("mld", "miljoen", "billion"); None without one."""
    conversion: bool = False
    """True when the quantity is a currency conversion in parentheses of the one before it."""


def _scale_key(scale: str) -> str:
    return scale.lower().rstrip(".")


# --- finding --------------------------------------------------------------------------------


def find_quantities(text: str, language: Language) -> list[Quantity]:
    """Every quantity in `text` (one paragraph, sentence or table cell), in reading order."""
    found: list[Quantity] = []
    words = NUMBER_WORDS[language]
    taken: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = search_quantity(text, pos)
        if m is None:
            break
        pos = m.end()
        quantity = _from_match(text, m, language)
        if quantity is None:
            pos = m.start("num") + len(m.group("num"))
            continue
        quantity, pos = _extend_range(text, quantity, language)
        found.append(quantity)
        taken.append((quantity.start, quantity.end))
    words_in = _NUMBER_WORD_HINTS[language].compiled.search(text) is not None
    for m in _NUMBER_WORD_PATTERNS[language].compiled.finditer(text) if words_in else ():
        if any(a <= m.start() < b for a, b in taken):
            continue
        quantity = _from_word(text, m, words[m.group(1).lower()], language)
        if quantity is not None:
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    return [_mark_conversion(text, q, found[i - 1] if i else None) for i, q in enumerate(found)]


def _from_match(text: str, m: re.Match[str], language: Language) -> Quantity | None:
    num = m.group("num")
    num_start = m.start("num")
    cur = m.group("cur")
    scale = m.group("scale") or (m.group("mscale") if cur else None)
    curword = m.group("curword")
    unit_word = m.group("unit")
    if curword and not (cur or scale) and curword.lower() in {"eur", "usd", "gbp"}:
        # "2025 EUR" is not a sum; a code after the digits needs a scale or a sign first.
        curword = None
    unit: Unit | None = None
    if cur:
        unit = CURRENCY_SIGNS[cur.upper() if cur[0].isalpha() else cur]
    elif curword:
        unit = CURRENCY_WORDS[curword.lower()]
    elif unit_word:
        unit = PERCENT_WORDS[" ".join(unit_word.lower().split())]
    glued = bool(cur) and m.end("cur") == num_start  # "RM1.5 billion": the sign, not a code
    if is_identifier(text, num_start, num_start + len(num), has_unit=unit is not None, glued=glued):
        return None
    number = read_number(num, language)
    if number is None:
        return None  # "1/0", "13,613,6", 5000 digits: not a number a letter reports
    value, decimals = number
    if scale:
        value = tidy(value * SCALES[_scale_key(scale)])
    start = num_start
    if cur:
        start = m.start("cur")
    sign = m.group("sign")
    if sign and (m.start() == 0 or text[m.start() - 1] in " (\u00a0\n"):
        value, start = -value, m.start()
    end = m.end()
    # Trailing spaces matched optimistically before a group that did not match.
    while end > start and text[end - 1].isspace():
        end -= 1
    if not (scale or curword or unit_word or cur):
        end = num_start + len(num)
    noun = None
    if unit is None:
        if is_year(num) or is_date(text, num_start, end):
            return None
        ranged = _bare_range(text, start, end, value, decimals, language)
        if ranged is not None:
            return ranged
        noun = counted_noun(text, end, language)
        if noun is None:
            return _shared_unit(text, start, end, value, decimals, language)
        unit = "count"
    return Quantity(
        value=value,
        unit=unit,
        text=text[start:end],
        start=start,
        end=end,
        qualifier=_qualifier(text, start),
        noun=noun,
        decimals=decimals,
        scale=_scale_key(scale) if scale else None,
    )


def _from_word(text: str, m: re.Match[str], value: int, language: Language) -> Quantity | None:
    if _NAMED_SET.search(text, 0, m.start()):
        return None  # "the three key ECB interest rates": a name, not a count
    end = m.end()
    scale_m = re.match(rf"\s*({_SCALE})", text[end:], re.IGNORECASE)
    amount = Decimal(value)
    unit: Unit | None = None
    scale = None
    if scale_m:
        tail = re.match(rf"\s*({_CURRENCY_WORD})", text[end + scale_m.end() :], re.IGNORECASE)
        if tail:
            scale = _scale_key(scale_m.group(1))
            amount *= SCALES[scale]
            unit = CURRENCY_WORDS[tail.group(1).lower()]
            end += scale_m.end() + tail.end()
    unit_m = re.match(rf"\s*({_UNIT_WORD})(?!\w)", text[end:], re.IGNORECASE)
    if unit is None and unit_m:
        unit = PERCENT_WORDS[" ".join(unit_m.group(1).lower().split())]
        end += unit_m.end()
    noun = None
    if unit is None:
        noun = counted_noun(text, end, language)
        if noun is None:
            return None
        unit = "count"
    return Quantity(
        value=amount,
        unit=unit,
        text=text[m.start() : end],
        start=m.start(),
        end=end,
        qualifier=_qualifier(text, m.start()),
        noun=noun,
        scale=scale,
    )


def _bare_range(
    text: str, start: int, end: int, low: Decimal, decimals: int, language: Language
) -> Quantity | None:
    """ "0 to 1/4 percent", "tussen de 20 en 30 militairen": a bare number that opens a range
    takes its unit, scale and noun from the high end."""
    link = _RANGE_LINK.match(text, end)
    if link is None or _moves(text, start, link):
        return None
    word = link.group().strip().lower()
    if word in {"en", "and"} and not re.search(
        r"\b(tussen|between)(\s+de)?\s*$", text[max(0, start - 20) : start], re.IGNORECASE
    ):
        return None
    m = _QTY.match(text, link.end())
    if m is None:
        return None
    high = _from_match(text, m, language)
    if high is None or high.high is not None:
        return None
    if high.scale is not None:
        low = tidy(low * SCALES[high.scale])
    if high.value < low or high.value < 0:
        return None
    return Quantity(
        value=low,
        unit=high.unit,
        text=text[start : high.end],
        start=start,
        end=high.end,
        high=high.value,
        qualifier=_qualifier(text, start),
        noun=high.noun,
        decimals=max(decimals, high.decimals),
        scale=high.scale,
    )


_LIST_LINK = re.compile(r"\s*(?:,|and|en|or|of)\s*", re.IGNORECASE)
_BARE = re.compile(r"\d+(?:[.,]\d+)?(?![\d.,]*\d)")


def _shared_unit(
    text: str, start: int, end: int, value: Decimal, decimals: int, language: Language
) -> Quantity | None:
    """ "at 5.1 and 3.8 per cent respectively", "0,25, 0,5 en 0,75 procentpunt": bare numbers
    listed before a percentage, in points or per cent, are each a figure in its unit."""
    at = end
    while (link := _LIST_LINK.match(text, at)) is not None:
        m = _QTY.match(text, link.end())
        if m is None:
            return None
        unit = m.group("unit")
        if unit and not (m.group("cur") or m.group("scale") or m.group("curword")):
            return Quantity(
                value=value,
                unit=PERCENT_WORDS[" ".join(unit.lower().split())],
                text=text[start:end],
                start=start,
                end=end,
                qualifier=_qualifier(text, start),
                decimals=decimals,
            )
        bare = _BARE.match(text, link.end())
        if bare is None or unit or m.group("cur"):
            return None
        at = bare.end()
    return None


def _extend_range(text: str, low: Quantity, language: Language) -> tuple[Quantity, int]:
    """ "3% tot 4%", "$5 billion to $10 billion": a low end with a unit and a like high end."""
    link = _RANGE_LINK.match(text, low.end)
    if link is None or low.high is not None:
        return low, low.end
    if link.group().strip().lower() in {"en", "and"} and not _BETWEEN.search(
        text, max(0, low.start - 20), low.start
    ):
        return low, low.end  # "2% and 3%" are two figures; "between 2% and 3%" is one
    if _moves(text, low.start, link):
        return low, low.end
    m = _QTY.match(text, link.end())
    high = _from_match(text, m, language) if m is not None else None
    if high is None or high.unit != low.unit or high.high is not None or high.value < low.value:
        return low, low.end
    joined = replace(
        low,
        high=high.value,
        noun=high.noun or low.noun,
        text=text[low.start : high.end],
        end=high.end,
        decimals=max(low.decimals, high.decimals),
    )
    return joined, high.end


def _mark_conversion(text: str, q: Quantity, before: Quantity | None) -> Quantity:
    """ "USD 107 miljoen (€90 miljoen)": the amount in parentheses converts the one before."""
    if before is None or q.unit not in CURRENCY_UNITS or before.unit not in CURRENCY_UNITS:
        return q
    between = text[before.end : q.start]
    if re.fullmatch(r"\s*\(\s*(?:ca\.|circa|about|approximately|ongeveer)?\s*", between):
        return replace(q, conversion=True)
    return q


# Longest first, so "up to" wins over "to" (all end where the figure starts, so the longest
# starts first); one pattern, compiled once, as every figure is checked.
_QUALIFIER = re.compile(
    r"(?:^|[\s(])(?P<written>"
    + "|".join(re.escape(w) for w in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s*$"
)


def _qualifier(text: str, start: int) -> str | None:
    head = text[max(0, start - 30) : start].lower()
    m = _QUALIFIER.search(head)
    if m is None:
        return None
    written = m.group("written")
    moved = re.search(r"(?<!includ)(?<!exclud)\w+(?:ed|ing)\s*$", head[: m.start() + 1])
    if written.startswith("up") and moved:
        # "ticked up to 2.6 per cent", "edging up to 2.1 per cent" move a value; they do
        # not bound it ("including up to $5 billion" does).
        return None
    return QUALIFIERS[written]


def parse_quantity(text: str, language: Language) -> Quantity | None:
    """The first quantity in `text`, or None when it holds none."""
    found = find_quantities(text, language)
    return found[0] if found else None

"""Pair an old letter's figures with a new letter's by what they are of, and write deltas.

Pairing is by meaning, never by equal value alone: the label and the sentence around each
figure (numbers masked) are compared with rapidfuzz, within one unit, helped a little by the
section alignment. The pairing is one to one and optimal over the candidates (Hungarian
method); a figure whose context is gone stays unpaired. Precision comes first: a wrong pair
misleads a reader, a missing one only costs a look.

Two things make letters repeat themselves, and both are handled before pairing:
- Echoes: the same figure twice in one letter (in the text and in a table, "€179 mln." and
  "€ 0,18 mld."). Echoes form one group, shown once by its most precise member.
- Restatements: a table column for an earlier date ("31 aug. 2025" next to "03 feb. 2026")
  restates the predecessor. Those cells are not new figures: an old figure that agrees with one
  of them is paired with the same row's current cell, and checks.py compares the two.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from tracker.align import _hungarian as hungarian
from tracker.figures import LABEL_STOPWORDS, fold
from tracker.model import Document, Figure, FigureChange, Language, SectionPair
from tracker.quantities import MONTHS, SCALES, format_number, format_quantity, parse_quantity

PAIR_MIN = 0.6
"""Least similarity for a pair, set on the seed gold: true pairs score 0.64 and up, the traps
(equal values in other contexts, 002 -> 000; "steun aan Oekraïne" everywhere) 0.58 and below."""
BRIDGE_SCORE = 0.75
"""Weight of a pair found through a restated table row; below a near-verbatim direct match."""
ANCHOR_BONUS = 0.25
"""Added when both contexts share a name found around no other figure of the two letters."""
EQUAL_BONUS = 0.3
"""Added for equal values: evidence, never enough alone (the seed gold's traps are equal)."""
RARE = 1
"""Most figure contexts of one letter a name may appear in and still be rare there..."""
RARE_ELSEWHERE = 3
"""...and most it may appear in in the other letter, which may dwell on the subject."""
ROW_NAMED = 80
"""Least rapidfuzz partial ratio for an old sentence to name a table row."""
MAX_FACTOR = 5
"""Largest ratio between an old and a new amount or count that can still be one figure moving
(support delivered rose 8,7 -> 11,7; a fivefold jump is more likely another figure)."""
ROW_WORD = 80
"""Least rapidfuzz partial ratio for a word of a row label to occur in a sentence."""
ROW_SHARE = 0.66
"""Share of a row label's words a sentence must hold to name the row."""
AMBIGUOUS = 3
"""Figures sharing one label and unit in one letter from which on none of them is paired."""
FUZZY_LABEL = 0.8
"""Weight of a fuzzy (spelling-tolerant) label match against a word-for-word one."""
LABEL_FLOOR = 0.55
"""Least label similarity (rapidfuzz token set ratio / 100) for a pair without a shared rare
name: letters dense with percentages say "inflation … per cent" around every figure."""
ORDER_TIE = 1e-3
"""Weight of keeping the order, small enough to only break ties."""
SECTION_BONUS = 0.08
"""Added when the two figures stand in sections the alignment paired."""
ECHO_MIN = 0.85
"""Least label similarity for two equal figures of one letter to be one figure said twice..."""
ECHO_WORDS = 2
"""...or the content words their labels must share."""


@dataclass(frozen=True, slots=True)
class _Group:
    """One figure of a letter, with the other places where the letter repeats it."""

    members: tuple[int, ...]
    """Indices into the letter's figure list, the representative first."""


def pair_figures(
    old: Document,
    new: Document,
    old_figures: Sequence[Figure],
    new_figures: Sequence[Figure],
    sections: tuple[SectionPair, ...],
) -> tuple[FigureChange, ...]:
    """Figure changes from `old` to `new`: paired ones (changed/unchanged) in the new letter's
    order, then figures only in the new letter (added) and only in the old one (removed)."""
    restated = restated_cells(new_figures)
    # The old letter's own restated columns were reported when it was new: not figures here.
    old_groups = _echo_groups(old_figures, restated_cells(old_figures), old.meta.language)
    new_groups = _echo_groups(new_figures, restated, new.meta.language)
    paired_sections = {(o, n) for pair in sections for o in pair.old for n in pair.new}
    rarity = Rarity(old_figures, new_figures)

    weights: dict[tuple[int, int], float] = {}
    vague = ambiguous(old_figures) | {len(old_figures) + i for i in ambiguous(new_figures)}
    for i, og in enumerate(old_groups):
        if og.members[0] in vague:
            continue
        for j, ng in enumerate(new_groups):
            if len(old_figures) + ng.members[0] in vague:
                continue
            score = max(
                similarity(old_figures[a], new_figures[b], paired_sections, rarity)
                for a in og.members
                for b in ng.members
            )
            if score >= PAIR_MIN:
                # Ties (two figures in one sentence) go to the pair that keeps the order.
                drift = abs(i / len(old_groups) - j / len(new_groups))
                weights[(i, j)] = score - ORDER_TIE * drift
    for i, j in _bridges(old_groups, new_groups, old_figures, new_figures, restated, old):
        weights[(i, j)] = max(weights.get((i, j), 0.0), BRIDGE_SCORE)

    chosen = hungarian(weights, sorted({i for i, _ in weights}), sorted({j for _, j in weights}))
    pairs = dict(chosen)
    changes: list[tuple[tuple[int, int], FigureChange]] = []
    for i, j in pairs.items():
        o, n = old_figures[old_groups[i].members[0]], new_figures[new_groups[j].members[0]]
        changes.append(((new_groups[j].members[0], 0), _paired(o, n, new.meta.language)))
    taken_new = set(pairs.values())
    for j, ng in enumerate(new_groups):
        if j not in taken_new:
            n = new_figures[ng.members[0]]
            changes.append(((ng.members[0], 1), FigureChange("added", None, n, n.label, n.unit)))
    for i, og in enumerate(old_groups):
        if i not in pairs:
            o = old_figures[og.members[0]]
            changes.append(((og.members[0], 2), FigureChange("removed", o, None, o.label, o.unit)))
    changes.sort(key=lambda item: (item[0][1], item[0][0]))
    return tuple(change for _, change in changes)


# --- similarity -------------------------------------------------------------------------------


def ambiguous(figures: Sequence[Figure]) -> set[int]:
    """Figures that share label, unit and the periods their sentence names with `AMBIGUOUS`
    or more others of the letter outside tables, as in a table flattened into one sentence:
    nothing tells them apart, so they are not paired by context."""
    keys = [(fold(f.label), f.unit, periods(f)) for f in figures]
    counts: dict[tuple[str, str, object], int] = {}
    for f, key in zip(figures, keys, strict=True):
        if f.row is None:
            counts[key] = counts.get(key, 0) + 1
    return {
        i
        for i, (f, key) in enumerate(zip(figures, keys, strict=True))
        if f.row is None and counts[key] >= AMBIGUOUS
    }


_MASK = re.compile(
    r"[€$£]|\d[\d.,/\-\u2011]*|\[footnoteRef:\d+\]|footnoteRef"
    r"|\b(?:mld|mln|miljard|miljoen|billion|million|EUR|USD|GBP)\b"
)


def context_words(figure: Figure) -> str:
    """The figure's sentence (or table row label and column) with numbers and stopwords out."""
    text = figure.context if figure.row is None else f"{figure.row} {figure.column or ''}"
    words = [
        w for w in re.findall(r"[^\W\d_][\w\-’']*", fold(_MASK.sub(" ", text)))
        if w not in LABEL_STOPWORDS
    ]  # fmt: skip
    return " ".join(words)


class Rarity:
    """How telling each word is: words found around few figures of the two letters ("PURL",
    "begroot") weigh more than words found around many ("steun", "Oekraïne")."""

    def __init__(self, old: Sequence[Figure], new: Sequence[Figure] = ()) -> None:
        self.sides = [_context_counts(old), _context_counts(new)]
        self.counts = {
            w: self.sides[0].get(w, 0) + self.sides[1].get(w, 0)
            for w in {*self.sides[0], *self.sides[1]}
        }
        self.total = len({_context_key(f) for f in (*old, *new)})

    def weight(self, word: str) -> float:
        return math.log((self.total + 1) / (self.counts.get(word, 0) + 0.5))

    def rare(self, word: str) -> bool:
        """Found around few figures in both letters (a name of one subject, not "Nederland")."""
        counts = sorted((self.sides[0].get(word, 0), self.sides[1].get(word, 0)))
        return counts[0] <= RARE and counts[1] <= RARE_ELSEWHERE


def _context_counts(figures: Sequence[Figure]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in {_context_key(f) for f in figures}:
        for word in set(key.split()):
            counts[word] = counts.get(word, 0) + 1
    return counts


def _context_key(figure: Figure) -> str:
    return " ".join(_stem(w) for w in context_words(figure).split())


def _label_similarity(a: set[str], b: set[str], rarity: Rarity) -> float:
    """Weighted Jaccard of two labels' stems: shared rare words ("begroot", "food") count, a
    shared common one ("inflation", "steun") little, and a short label is no free subset."""
    union = a | b
    if not union:
        return 0.0
    shared = sum(rarity.weight(w) for w in a & b)
    total = sum(rarity.weight(w) for w in union)
    weighted = shared / total if total else 0.0
    # Spelling varies between letters ("belenings-faciliteit", "beleningsfaciliteit"): a fuzzy
    # match counts too, discounted, and never for a one-word label inside a longer one.
    text_a, text_b = " ".join(sorted(a)), " ".join(sorted(b))
    if min(len(a), len(b)) >= 2:
        fuzzy = fuzz.token_set_ratio(text_a, text_b) / 100
    else:
        fuzzy = fuzz.token_sort_ratio(text_a, text_b) / 100
    return max(weighted, FUZZY_LABEL * fuzzy)


def _names(figure: Figure) -> set[str]:
    """Names and acronyms in the figure's context ("PURL", "Interflex"), sentence start
    excluded: a rare name shared by two contexts is strong evidence of one subject."""
    text = _MASK.sub(" ", figure.context if figure.row is None else figure.row)
    found = re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w]{2,}\b", text.strip())
    return {_stem(fold(m.group())) for m in found}


def _stem(word: str) -> str:
    """A crude stem shared by Dutch and English inflections: "geleverde" ~ "geleverd", and
    hyphenation: "belenings-faciliteit" ~ "beleningsfaciliteit"."""
    word = word.replace("-", "").replace("\u2011", "")
    for suffix in ("en", "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def similarity(
    a: Figure, b: Figure, paired_sections: set[tuple[int, int]], rarity: Rarity | None = None
) -> float:
    """How surely `a` and `b` are the same figure in two letters: about 0..1, bonuses may take
    it past 1. 0 for other units, other counted things, or a range against a single value."""
    if a.unit != b.unit or (a.high is None) != (b.high is None):
        return 0.0
    if (a.conversion_of is None) != (b.conversion_of is None):
        return 0.0  # "(€90 miljoen)" converts another amount: it pairs only with a conversion
    if a.unit == "count" and fuzz.ratio(fold(a.noun or ""), fold(b.noun or "")) < 70:
        return 0.0
    if (a.unit not in PERCENT_UNITS and _implausible(a.value, b.value)) or _other_periods(a, b):
        return 0.0
    if a.value * b.value < 0:
        return 0.0  # a rate that changes sign between letters is more likely another rate
    terms_a, terms_b = _terms(a), _terms(b)
    if terms_a and terms_b and not terms_a & terms_b:
        return 0.0  # the 5-year note's auction size is not the 10-year note's
    rarity = rarity or Rarity((a,), (b,))
    words_a, words_b = set(_context_key(a).split()), set(_context_key(b).split())
    label_a = {_stem(w) for w in fold(_row_or_label(a)).split()}
    label_b = {_stem(w) for w in fold(_row_or_label(b)).split()}
    shared = sum(rarity.weight(w) for w in words_a & words_b)
    smaller = min(sum(rarity.weight(w) for w in words_a), sum(rarity.weight(w) for w in words_b))
    context = shared / smaller if smaller else 0.0
    label = _label_similarity(label_a, label_b, rarity)
    score = 0.6 * context + 0.4 * label
    anchored = any(rarity.rare(w) for w in _names(a) & _names(b))
    if anchored:
        score += ANCHOR_BONUS
    elif label < LABEL_FLOOR:
        # Labels that have nothing in common ("mortgage rates increased" and "business loans")
        # are two things, however alike the sentences around them read.
        return 0.0
    if a.value == b.value:
        score += EQUAL_BONUS
    if (a.section, b.section) in paired_sections:
        score += SECTION_BONUS
    return score


_FULL_DATE = re.compile(r"\b\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}\b|\b[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\b")
_PERIOD_WORD = re.compile(r"\b(?:19|20)\d\d\b|\b[A-Za-z]+\b")


def periods(figure: Figure) -> tuple[frozenset[str], frozenset[str]]:
    """The years and the months the figure's stretch of its sentence speaks of (from the figure
    before it to the one after it), full dates left out: those say when a value held (its
    as-of date, which moves between letters), not what it is of."""
    if figure.row is not None:
        return frozenset(), frozenset()
    own = _period_words(_own_stretch(figure.context, figure.text))
    # "During the October – December 2021 quarter, Treasury borrowed $689 billion … and ended
    # the quarter with a cash balance of $406 billion": a stretch that names no period of its
    # own is in the period its sentence names.
    return own if any(own) else _period_words(figure.context)


# Quarters are periods too, kept with the months: "first quarter", "Q2", "tweede kwartaal".
_QUARTER = re.compile(
    r"\b(first|second|third|fourth|eerste|tweede|derde|vierde)\s+(?:quarter|kwartaal)\b|\bQ([1-4])\b",
    re.IGNORECASE,
)
_QUARTER_NUMBER = {"first": "1", "second": "2", "third": "3", "fourth": "4", "eerste": "1"}
_QUARTER_NUMBER |= {"tweede": "2", "derde": "3", "vierde": "4"}


def _period_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    text = _FULL_DATE.sub(" ", text)
    years, months = set(), set()
    for m in _QUARTER.finditer(text):
        months.add("q" + (m.group(2) or _QUARTER_NUMBER[m.group(1).lower()]))
    for m in _PERIOD_WORD.finditer(text):
        word = m.group().lower()
        if word[:1].isdigit():
            years.add(word)
        elif word in MONTHS and len(word) > 3:  # "may", "mar" are words too
            months.add(word)
    return frozenset(years), frozenset(months)


# Other amounts in a sentence: "2.2 per cent in September, from 2.0 per cent in August" gives
# each figure its own month.
_OTHER_AMOUNT = re.compile(
    r"[-€$£]?\d[\d.,/\-\u2011]*\s*(?:%|per ?cent|procent|basis points|basispunten|billion|"
    r"million|trillion|mld\.?|mln\.?|miljard|miljoen)",
    re.IGNORECASE,
)


def _own_stretch(sentence: str, written: str) -> str:
    at = sentence.find(written)
    if at < 0:
        return sentence
    end = at + len(written)
    start, stop = 0, len(sentence)
    for m in _OTHER_AMOUNT.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= end:
            stop = m.start()
            break
    return sentence[start:stop]


def _other_periods(a: Figure, b: Figure) -> bool:
    """True when both sentences name years (or months) and share none: "borrowed $65 billion
    in the April – June 2025 quarter" is not "$578 billion in the January–March 2026 quarter"."""
    years_a, months_a = periods(a)
    years_b, months_b = periods(b)
    return bool(years_a and years_b and not years_a & years_b) or bool(
        months_a and months_b and not months_a & months_b
    )


# Rates move by points, not by factors: 2,75% to 0,25% in one winter is one rate moving.
PERCENT_UNITS = frozenset({"%", "pp", "bp"})


_TERM = re.compile(r"\b\d+[-\u2011](?:year|month|week|day|jarige?|jaars)\b", re.IGNORECASE)


def _terms(figure: Figure) -> frozenset[str]:
    """Maturities in the figure's label ("3-year", "10-year"): they name a security."""
    return frozenset(m.group().lower().replace("\u2011", "-") for m in _TERM.finditer(figure.label))


def _implausible(old: Decimal, new: Decimal) -> bool:
    """A figure that grew or shrank more than `MAX_FACTOR`-fold, or changed sign, is more
    likely another figure than the same one moved."""
    if old == new:
        return False
    if old <= 0 or new <= 0:
        return old * new < 0
    return max(old, new) / min(old, new) > MAX_FACTOR


def _row_or_label(figure: Figure) -> str:
    return figure.row if figure.row is not None else figure.label


# --- echoes and restatements ------------------------------------------------------------------


def rounding_step(figure: Figure, language: Language) -> Decimal:
    """The unit of the last printed digit, in base units: €14,3 mld. -> 100000000."""
    quantity = parse_quantity(figure.text, language)
    scale = SCALES[quantity.scale] if quantity is not None and quantity.scale else Decimal(1)
    return scale * Decimal(1).scaleb(-figure.decimals)


def agree(a: Figure, b: Figure, language: Language) -> bool:
    """True when both printed values can be roundings of one true value."""
    if a.unit != b.unit:
        return False
    slack = (rounding_step(a, language) + rounding_step(b, language)) / 2
    return abs(a.value - b.value) <= slack and (a.high is None) == (b.high is None)


def restated_cells(figures: Sequence[Figure]) -> set[int]:
    """Table cells in an earlier date column of a table that also has a later one."""
    latest: dict[tuple[int, int], dt.date] = {}
    for f in figures:
        if f.row is not None and f.as_of is not None:
            key = (f.section, f.line)
            current = latest.get(key)
            if current is None or f.as_of > current:
                latest[key] = f.as_of
    return {
        i
        for i, f in enumerate(figures)
        if f.row is not None and f.as_of is not None and f.as_of != latest[(f.section, f.line)]
    }


def _echo_groups(figures: Sequence[Figure], skip: set[int], language: Language) -> list[_Group]:
    """Group the figures a letter gives twice; the most precise member represents the group."""
    groups: list[list[int]] = []
    for i, f in enumerate(figures):
        if i in skip:
            continue
        for group in groups:
            if any(_echoes(figures[j], f, language) for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    result = []
    for group in groups:
        ordered = sorted(group, key=lambda k: (rounding_step(figures[k], language), k))
        result.append(_Group(tuple(ordered)))
    return result


def _echoes(a: Figure, b: Figure, language: Language) -> bool:
    if not agree(a, b, language) or a.conversion_of is not None or b.conversion_of is not None:
        return False
    if a.row is not None and b.row is not None:
        return False  # two cells of one table are two figures
    if a.row is not None or b.row is not None:
        cell, prose = (a, b) if a.row is not None else (b, a)
        return names_row(cell.row or "", prose.context)
    # Prose repeats a figure as written; agreeing only within rounding is not enough there.
    if a.value != b.value or _terms(a) != _terms(b) or periods(a) != periods(b):
        return False
    words_a, words_b = set(fold(a.label).split()), set(fold(b.label).split())
    # Two content words in common ("militaire steun"), not one generic one ("month").
    return len(words_a & words_b) >= ECHO_WORDS or (
        fuzz.token_set_ratio(fold(a.label), fold(b.label)) >= ECHO_MIN * 100
        and min(len(words_a), len(words_b)) >= ECHO_WORDS
    )


def names_row(row: str, sentence: str) -> bool:
    """True when `sentence` names the table row `row`: most of the row label's words (4
    letters or more) occur in it, allowing for inflection ("Totaal" in "De totale waarde")."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", fold(row))]
    if not words:
        return False
    text = fold(sentence)
    found = sum(fuzz.partial_ratio(w, text) >= ROW_WORD for w in words)
    return found / len(words) >= ROW_SHARE


def _bridges(
    old_groups: list[_Group],
    new_groups: list[_Group],
    old_figures: Sequence[Figure],
    new_figures: Sequence[Figure],
    restated: set[int],
    old: Document,
) -> list[tuple[int, int]]:
    """Old groups that agree with a restated cell, each with the group of that row's current
    cell: the restating letter itself says which new figure the old one has become."""
    group_of = {m: j for j, g in enumerate(new_groups) for m in g.members}
    found: list[tuple[int, int]] = []
    for r in sorted(restated):
        cell = new_figures[r]
        current = [
            k
            for k, f in enumerate(new_figures)
            if k not in restated and f.row == cell.row and (f.section, f.line) == (
                cell.section, cell.line
            ) and k in group_of
        ]  # fmt: skip
        candidates = [
            i
            for i, g in enumerate(old_groups)
            if agree(old_figures[g.members[0]], cell, old.meta.language)
        ]
        if len(candidates) > 1:
            # Several old figures agree with the cell: keep those that name its row.
            candidates = [
                i
                for i in candidates
                if fuzz.partial_ratio(
                    fold(cell.row or ""), fold(old_figures[old_groups[i].members[0]].context)
                )
                >= ROW_NAMED
            ]
        if len(current) == 1 and len(candidates) == 1:
            found.append((candidates[0], group_of[current[0]]))
    return found


# --- deltas -----------------------------------------------------------------------------------


def _paired(old: Figure, new: Figure, language: Language) -> FigureChange:
    if old.value == new.value and old.high == new.high:
        return FigureChange("unchanged", old, new, new.label, new.unit, Decimal(0), Decimal(0))
    delta = new.value - old.value
    exact = delta / old.value * 100 if old.value else None
    pct = exact.quantize(Decimal("0.01")) if exact is not None else None
    return FigureChange(
        "changed",
        old,
        new,
        new.label,
        new.unit,
        delta,
        pct,
        delta_text(delta, exact, new, language),
    )


def delta_text(delta: Decimal, pct: Decimal | None, like: Figure, language: Language) -> str:
    """The delta in the letter's own style: "+€0,7 mld. (+5,1%)", "+0.25 percentage points"."""
    quantity = parse_quantity(like.text, language)
    scale = SCALES[quantity.scale].adjusted() if quantity and quantity.scale else 0
    if like.unit == "%":
        # A change of a percentage is in percentage points, and a relative change means little.
        return format_quantity(delta, "pp", language, decimals=max(like.decimals, 0), sign=True)
    decimals = like.decimals
    shown = delta.scaleb(-scale)
    while decimals < 6 and shown and round(abs(shown), decimals) == 0:
        decimals += 1  # a delta smaller than the printed precision still shows a digit
    text = format_quantity(delta, like.unit, language, scale=scale, decimals=decimals, sign=True)
    if pct is not None:
        sign = "+" if pct > 0 else ""
        # From the exact ratio: 0,7/13,6 is 5,147%, written +5,1% (not 5,15% rounded again).
        text += f" ({sign}{format_number(pct, language, 1)}%)"
    return text

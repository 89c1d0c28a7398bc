"""How surely two figures of two letters are the same figure: labels, sentences, periods.

`similarity(a, b, …)` compares a figure of the old letter with one of the new: the words of
their labels and sentences weighted by how rare they are in the two letters (`Rarity`), a
rare name both share ("PURL"), equal values, the section alignment. Some differences rule a
pair out whatever the words say: another unit, another counted thing, other years or months,
another maturity, a sign change, an amount that moved more than fivefold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz

from tracker.comparison.agreement import (
    GENERIC_HEADS,
    PERCENT_UNITS,
    SUBJECT_HEADS,
    acronyms,
    concept_names,
    label_parts,
    label_stems,
    periods_agree,
    ranges_agree,
    roles_agree,
    row_or_label,
    stem,
    terms,
)
from tracker.comparison.memo import per_object
from tracker.figures.find import LABEL_STOPWORDS
from tracker.model import Figure
from tracker.text.words import alike_word, fold

TEXTS = 1 << 16
"""Sentences and labels whose words are kept: a series' letters repeat most of them."""
ANCHOR_BONUS = 0.25
"""Added when both contexts share a name found around no other figure of the two letters."""
EQUAL_BONUS = 0.0
"""Added for equal values: evidence, never enough alone (the seed gold's traps are equal)."""
RARE = 1
"""Most figure contexts of one letter a name may appear in and still be rare there..."""
RARE_ELSEWHERE = 3
"""...and most it may appear in in the other letter, which may dwell on the subject."""
MAX_FACTOR = 5
"""Largest ratio between an old and a new amount or count that can still be one figure moving
(support delivered rose 8,7 -> 11,7; a fivefold jump is more likely another figure)."""
AMBIGUOUS = 3
"""Figures sharing one label and unit in one letter from which on none of them is paired."""
FUZZY_LABEL = 0.8
"""Weight of a fuzzy (spelling-tolerant) label match against a word-for-word one."""
LABEL_FLOOR = 0.55
"""Least label similarity (`_label_similarity`, 0..1) for a pair without a shared rare name:
letters dense with percentages say "inflation … per cent" around every figure."""
CELL_MATCH = 95
"""Least rapidfuzz ratio for two table rows (or two column headings) to be the same: near
equality, as "… Quarter / Prior" and "… Quarter / Current" differ by one word."""
CELL_SCORE = 0.9
"""Weight of two cells in the same row and column of like tables."""
CONTEXT_WEIGHT = 0.25
"""Share of the score that the words of the two sentences make; the rest is the concepts'."""
SECTION_BONUS = 0.08
"""Added when the two figures stand in sections the alignment paired."""


def ambiguous(figures: Sequence[Figure]) -> set[int]:
    """Figures that share label, unit and the periods their sentence names with `AMBIGUOUS`
    or more others of the letter outside tables, as in a table flattened into one sentence:
    nothing tells them apart, so they are not paired by context."""
    keys = [
        (fold(row_or_label(f)), f.unit, f.role, f.period.key if f.period else None) for f in figures
    ]
    values: dict[tuple[object, ...], set[object]] = {}
    for f, key in zip(figures, keys, strict=True):
        if f.row is None:
            values.setdefault(key, set()).add((f.value, f.high))
    # The same value said again is an echo, not another figure: count distinct values.
    return {
        i
        for i, (f, key) in enumerate(zip(figures, keys, strict=True))
        if f.row is None and len(values[key]) >= AMBIGUOUS
    }


_MASK = re.compile(
    r"[€$£]|\d[\d.,/\-\u2011]*|\[footnoteRef:\d+\]|footnoteRef"
    r"|\b(?:mld|mln|miljard|miljoen|billion|million|EUR|USD|GBP)\b"
)


def context_words(figure: Figure) -> str:
    """The figure's sentence (or table row label and column) with numbers and stopwords out."""
    return _words(_context_text(figure))


def _context_text(figure: Figure) -> str:
    return figure.context if figure.row is None else f"{figure.row} {figure.column or ''}"


def _words(text: str) -> str:
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
        # The words each letter's concepts use: a modifier one letter uses to tell concepts
        # apart ("services inflation" beside "inflation") tells them apart in the other too.
        self.concepts = [
            frozenset(label_stems(f) for f in old if f.row is None and f.role != "previous"),
            frozenset(label_stems(f) for f in new if f.row is None and f.role != "previous"),
        ]
        self._weights: dict[str, float] = {}  # pairing asks for the same words many times
        self._masses: dict[str, float] = {}
        self._rare: dict[str, bool] = {}

    def weight(self, word: str) -> float:
        found = self._weights.get(word)
        if found is None:
            found = math.log((self.total + 1) / (self.counts.get(word, 0) + 0.5))
            self._weights[word] = found
        return found

    def mass(self, key: str) -> float:
        """Total weight of the words of a context key (`_context_key`)."""
        found = self._masses.get(key)
        if found is None:
            found = sum(self.weight(w) for w in set(key.split()))
            self._masses[key] = found
        return found

    def rare(self, word: str) -> bool:
        """Found around few figures in both letters (a name of one subject, not "Nederland")."""
        found = self._rare.get(word)
        if found is None:
            found = self._rare[word] = self._is_rare(word)
        return found

    def _is_rare(self, word: str) -> bool:
        counts = sorted((self.sides[0].get(word, 0), self.sides[1].get(word, 0)))
        return counts[0] <= RARE and counts[1] <= RARE_ELSEWHERE


def _context_counts(figures: Sequence[Figure]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in {_context_key(f) for f in figures}:
        for word in set(key.split()):
            counts[word] = counts.get(word, 0) + 1
    return counts


def _context_key(figure: Figure) -> str:
    return _context_key_of(_context_text(figure))


@lru_cache(maxsize=TEXTS)
def _context_key_of(text: str) -> str:
    """The stems of `context_words`, kept by the text: the sentences of a series' letters,
    and of a pair's, repeat, and so do their figures' contexts."""
    return " ".join(stem(w) for w in _words(text).split())


def _label_similarity(
    a: frozenset[str], b: frozenset[str], rarity: Rarity, texts: tuple[str, str] | None = None
) -> float:
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
    text_a, text_b = texts or (" ".join(sorted(a)), " ".join(sorted(b)))
    if min(len(a), len(b)) >= 2:
        fuzzy = fuzz.token_set_ratio(text_a, text_b) / 100
    else:
        fuzzy = fuzz.token_sort_ratio(text_a, text_b) / 100
    return max(weighted, FUZZY_LABEL * fuzzy)


def names(figure: Figure) -> frozenset[str]:
    """Names and acronyms in the figure's context ("PURL", "Interflex"), sentence start
    excluded: a rare name shared by two contexts is strong evidence of one subject."""
    return _names(figure.context if figure.row is None else figure.row)


@lru_cache(maxsize=TEXTS)
def _names(context: str) -> frozenset[str]:
    text = _MASK.sub(" ", context)
    found = re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w]{2,}\b", text.strip())
    return frozenset(stem(fold(m.group())) for m in found)


@dataclass(frozen=True, slots=True)
class _Features:
    """What `similarity` reads of one figure, worked out once: a figure meets many others."""

    key: str
    words: frozenset[str]
    label: frozenset[str]
    label_text: str
    label_words: tuple[str, ...]
    names: frozenset[str]
    terms: frozenset[str]


# Generic heads but the subjects among them: "economy growth" and "wage growth" open with
# different subjects (`_other_subjects`).
_KIND_WORDS = GENERIC_HEADS - SUBJECT_HEADS


@per_object
def _features(figure: Figure) -> _Features:
    key = _context_key(figure)
    label = label_stems(figure)
    return _Features(
        key=key,
        words=frozenset(key.split()),
        label=label,
        label_text=" ".join(sorted(label)),
        label_words=tuple(
            w
            for w in fold(row_or_label(figure)).split()
            if w not in LABEL_STOPWORDS and stem(w) not in _KIND_WORDS
        ),
        names=names(figure),
        terms=terms(figure),
    )


def similarity(
    a: Figure,
    b: Figure,
    paired_sections: set[tuple[int, int]],
    rarity: Rarity | None = None,
    period_bonus: float | None = None,
) -> float:
    """How surely `a` and `b` are the same figure in two letters: about 0..1, bonuses may take
    it past 1. 0 for other units, other counted things, or a range against a single value
    (but a forecast range against the outcome of its period)."""
    if a.unit != b.unit or not ranges_agree(a, b):
        return 0.0
    if (a.conversion_of is None) != (b.conversion_of is None):
        return 0.0  # "(€90 miljoen)" converts another amount: it pairs only with a conversion
    if a.unit == "count" and fuzz.ratio(fold(a.noun or ""), fold(b.noun or "")) < 70:
        return 0.0
    if not roles_agree(a, b) or not periods_agree(a, b):
        return 0.0
    if a.row is not None and b.row is not None:
        # Same row and column of like tables: what the table says it is, whatever the values.
        return _cell_similarity(a, b, paired_sections)
    fa, fb = _features(a), _features(b)
    if a.unit not in PERCENT_UNITS and _implausible(a.value, b.value):
        return 0.0
    if a.value * b.value < 0 and a.unit not in PERCENT_UNITS:
        return 0.0  # an amount that changes sign is more likely another amount
    if fa.terms != fb.terms:
        return 0.0  # the 5-year note's auction size is not the 10-year note's
    rarity = rarity or Rarity((a,), (b,))
    # The tests that rule a pair out come before the scores they do not need: most candidates
    # of a long letter fail one of them.
    # A rare name both concepts hold ("PURL", "NAVO", "UCAP") ties them, whatever else
    # their phrases say; names elsewhere in the sentences do not.
    anchored = any(rarity.rare(w) for w in concept_names(a) & concept_names(b))
    if not anchored and _other_subjects(fa.label_words, fb.label_words):
        return 0.0
    if not anchored and _narrower(fa.label, fb.label, rarity):
        return 0.0
    parts_a, parts_b = label_parts(a), label_parts(b)
    label = _label_similarity(parts_a, parts_b, rarity, (fa.label_text, fb.label_text))
    if any(rarity.rare(w) for w in acronyms(a) & acronyms(b)):
        label = max(label, ACRONYM_MATCH)  # "PURL", "SORA": a name defined for one quantity
    if not anchored and label < LABEL_FLOOR:
        # Labels that have nothing in common ("mortgage rates increased" and "business loans")
        # are two things, however alike the sentences around them read.
        return 0.0
    shared = sum(rarity.weight(w) for w in fa.words & fb.words)
    smaller = min(rarity.mass(fa.key), rarity.mass(fb.key))
    context = shared / smaller if smaller else 0.0
    score = CONTEXT_WEIGHT * context + (1 - CONTEXT_WEIGHT) * label
    if anchored:
        score += ANCHOR_BONUS
    if a.value == b.value:
        score += EQUAL_BONUS
    if a.period is not None and b.period is not None and a.period.key == b.period.key:
        score += PERIOD_BONUS if period_bonus is None else period_bonus
    if (a.section, b.section) in paired_sections:
        score += SECTION_BONUS
    return score


PERIOD_BONUS = 0.5
ACRONYM_MATCH = 0.85
"""Concept similarity of two concepts that share a rare acronym ("PURL", "UCAP")."""


"""Added when both figures name the same period: a restated data point ("in August it was
3,6%") is a better partner than the other letter's latest reading."""


def _narrower(a: frozenset[str], b: frozenset[str], rarity: Rarity) -> bool:
    """True when one concept adds a word the other letter uses in its own concepts: "services
    inflation" is not "inflation" in a letter that speaks of "services price inflation" too,
    while "annual inflation" is "inflation" in one that never says "annual"."""
    extra_a, extra_b = a - b, b - a
    if extra_a and extra_b:
        return False  # both differ: the label similarity and subject tests decide
    if extra_a:
        return any(b < c and c & extra_a for c in rarity.concepts[1])
    if extra_b:
        return any(a < c and c & extra_b for c in rarity.concepts[0])
    return False


def explain(a: Figure, b: Figure, rarity: Rarity) -> str:
    """Why `a` and `b` pair, in one line: the concepts and how alike they read, the roles, and
    the periods ("concept 'annual inflation' ~ 'Annual inflation' (1.00); level; current
    readings 2024-08 -> 2024-09")."""
    if a.row is not None and b.row is not None:
        what = f"table row {a.row!r} ~ {b.row!r}, column {a.column!r} ~ {b.column!r}"
    else:
        fa, fb = _features(a), _features(b)
        parts_a, parts_b = label_parts(a), label_parts(b)
        likeness = _label_similarity(parts_a, parts_b, rarity, (fa.label_text, fb.label_text))
        shared = sorted(w for w in concept_names(a) & concept_names(b) if rarity.rare(w))
        what = f"concept {a.concept!r} ~ {b.concept!r} ({likeness:.2f})"
        if shared:
            what += f", both naming {', '.join(shared)}"
    role = a.role if a.role == b.role else f"{a.role} -> {b.role}"
    pa, pb = (a.period.key if a.period else None), (b.period.key if b.period else None)
    if pa == pb:
        when = f"same period {pa}" if pa else "no period named"
    elif a.current and b.current:
        when = f"current readings {pa or 'undated'} -> {pb or 'undated'}"
    else:
        when = f"periods {pa} -> {pb}"
    return f"{what}; {role}; {when}"


def _implausible(old: Decimal, new: Decimal) -> bool:
    """A figure that grew or shrank more than `MAX_FACTOR`-fold, or changed sign, is more
    likely another figure than the same one moved."""
    if old == new:
        return False
    if old <= 0 or new <= 0:
        return old * new < 0
    return max(old, new) / min(old, new) > MAX_FACTOR


def _other_subjects(words_a: tuple[str, ...], words_b: tuple[str, ...]) -> bool:
    """True when the labels (their folded words) open with different things that the other
    label does not name: "goods inflation" and "services inflation", "loans to firms" and "to
    households"."""
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    head_a, head_b = words_a[0], words_b[0]
    named_a = any(alike_word(head_a, w) for w in words_b)
    named_b = any(alike_word(head_b, w) for w in words_a)
    return not named_a and not named_b


def _cell_similarity(a: Figure, b: Figure, paired_sections: set[tuple[int, int]]) -> float:
    """Two table cells are one figure when their rows match and their columns match, or both
    columns are dates (the current column of a table that moves on each letter)."""
    if fuzz.ratio(fold(a.row or ""), fold(b.row or "")) < CELL_MATCH:
        return 0.0
    dated = a.as_of is not None and b.as_of is not None
    if not dated and fuzz.ratio(fold(a.column or ""), fold(b.column or "")) < CELL_MATCH:
        return 0.0  # "July - September Quarter / Prior" is not "… / Current"
    score = CELL_SCORE + (EQUAL_BONUS if a.value == b.value else 0.0)
    return score + (SECTION_BONUS if (a.section, b.section) in paired_sections else 0.0)

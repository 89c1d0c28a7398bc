"""Pair an old letter's figures with a new letter's by what they are of, and write deltas.

Pairing is by meaning, never by equal value alone: similarity.py scores each old and
new figure of one unit by their labels and sentences (numbers masked), periods and names. The
pairing is one to one and optimal over the candidates above `PAIR_MIN` (Hungarian method); a
figure whose context is gone stays unpaired. Precision comes first: a wrong pair misleads a
reader, a missing one only costs a look.

Two things make letters repeat themselves, and both are handled before pairing:
- Echoes: the same figure twice in one letter (in the text and in a table, "€179 mln." and
  "€ 0,18 mld."). Echoes form one group, shown once by its most precise member.
- Restatements: a table column for an earlier date ("31 aug. 2025" next to "03 feb. 2026"), or
  a sentence's reading for an earlier month ("to 2.5 per cent in June, from 2.6 per cent in
  May"), restates the predecessor. Those are not new figures: an old figure that agrees with one
  of them is paired with what the letter reports in its place (restated.py), and checks.py
  compares a restated table column with the old figures.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from rapidfuzz import fuzz

from tracker.comparison.agreement import row_or_label
from tracker.comparison.assignment import matching
from tracker.comparison.restated import bridges, restated_figures
from tracker.comparison.similarity import (
    PERIOD_BONUS,
    Rarity,
    ambiguous,
    explain,
    label_parts,
    label_stems,
    names,
    similarity,
    terms,
)
from tracker.figures.labels import unique_labels
from tracker.figures.numbers import format_number, format_quantity
from tracker.figures.quantities import parse_quantity
from tracker.figures.rounding import agree, rounding_step
from tracker.figures.vocabulary import SCALES
from tracker.model import Document, Figure, FigureChange, Language, SectionPair
from tracker.text.words import fold

PAIR_MIN = 0.6
"""Least similarity for a pair, set on the seed gold: true pairs score 0.64 and up, the traps
(equal values in other contexts, 002 -> 000; "steun aan Oekraïne" everywhere) 0.58 and below."""
BRIDGE_SCORE = 0.75
"""Weight of a pair found through a restated table row; below a near-verbatim direct match."""
ROW_WORD = 80
"""Least rapidfuzz partial ratio for a word of a row label to occur in a sentence."""
ROW_SHARE = 0.66
"""Share of a row label's words a sentence must hold to name the row."""
ORDER_TIE = 1e-3
"""Weight of keeping the order, small enough to only break ties."""
ECHO_MIN = 0.85
"""Least label similarity for two equal figures of one letter to be one figure said twice..."""
ECHO_WORDS = 2
"""...or the content words their labels must share."""
NEAREST = 64
"""Most figures of the old side one new figure is scored against per shared label word (or
table row) outside the aligned sections: those nearest its place. Scoring every old figure
against every new one grows with the square of the letter. A series' memory (the latest report
of each identity) grows with its identities, not with a letter, and its places are not one
letter's: there the bound is this wide."""
NEAREST_IN_LETTER = 16
"""The bound between two letters, where the partner of a figure is near its place. A bound
that a letter's common words reach only at a large size makes pairing grow faster than the
letter: at 64, generated letters reached it near 1 MB and pairing grew with exponent 1.2 from
250 KB to 2 MB. Over the 154 consecutive pairs of the corpus, 18 lookups had more than 16 old
figures to choose from, none more than 64, and every comparison pairs as it did with 64."""


@dataclass(frozen=True, slots=True)
class _Group:
    """One figure of a letter, with the other places where the letter repeats it."""

    members: tuple[int, ...]
    """Indices into the letter's figure list, the representative first."""


@dataclass(frozen=True, slots=True)
class Pairing:
    """How the figures of two letters (or of a series' memory and a letter) pair."""

    old_groups: list[_Group]
    new_groups: list[_Group]
    pairs: dict[int, int]
    """Old group index -> new group index."""
    bridged: dict[tuple[int, int], str]
    """Pairs made through a restatement rather than by concept, with why (restated.py)."""
    rarity: Rarity
    restated: set[int]
    """Indices of the new figures that restate a data point (restated.py)."""


def match_groups(
    old_figures: Sequence[Figure],
    new_figures: Sequence[Figure],
    language: Language,
    paired_sections: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
    *,
    old_restated: set[int] | None = None,
    period_bonus: float = PERIOD_BONUS,
    readings: bool = False,
    nearest: int = NEAREST,
) -> Pairing:
    """Group each side's echoes and pair the groups one to one, optimally, by meaning. With
    `readings`, a sentence's reading for an earlier month is a restatement too (restated.py):
    a series follows the latest reading, while two letters pair a month's data point with the
    same month's. `nearest` bounds the candidates per label word (`NEAREST`)."""
    restated = restated_figures(new_figures, readings)
    # The old letter's own restatements were reported when it was new: not figures here.
    skip_old = restated_figures(old_figures, readings) if old_restated is None else old_restated
    old_groups = _echo_groups(old_figures, skip_old, language)
    new_groups = _echo_groups(new_figures, restated, language)
    rarity = Rarity(old_figures, new_figures)

    weights: dict[tuple[int, int], float] = {}
    vague = ambiguous(old_figures) | {len(old_figures) + i for i in ambiguous(new_figures)}
    # Groups led by an ambiguous figure are not paired by context: no candidates.
    clear_old = [i for i, g in enumerate(old_groups) if g.members[0] not in vague]
    clear_new = [
        j for j, g in enumerate(new_groups) if len(old_figures) + g.members[0] not in vague
    ]
    candidates = _candidates(
        [old_groups[i] for i in clear_old],
        [new_groups[j] for j in clear_new],
        old_figures,
        new_figures,
        paired_sections,
        rarity,
        nearest,
    )
    # Any order: each pair's score stands alone, and `matching` sorts what it is given.
    for ci, cj in candidates:
        i, j = clear_old[ci], clear_new[cj]
        og, ng = old_groups[i], new_groups[j]
        score = max(
            similarity(old_figures[a], new_figures[b], paired_sections, rarity, period_bonus)
            for a in og.members
            for b in ng.members
        )
        if score >= PAIR_MIN:
            # Ties (two figures in one sentence) go to the pair that keeps the order.
            drift = abs(i / len(old_groups) - j / len(new_groups))
            weights[(i, j)] = score - ORDER_TIE * drift
    bridged = {}
    for i, j, why in bridges(old_groups, new_groups, old_figures, new_figures, restated, language):
        if weights.get((i, j), 0.0) < BRIDGE_SCORE:
            bridged[(i, j)] = why
        weights[(i, j)] = max(weights.get((i, j), 0.0), BRIDGE_SCORE)
    pairs = dict(matching(weights))
    return Pairing(old_groups, new_groups, pairs, bridged, rarity, restated)


def pair_figures(
    old: Document,
    new: Document,
    old_figures: Sequence[Figure],
    new_figures: Sequence[Figure],
    sections: tuple[SectionPair, ...],
) -> tuple[FigureChange, ...]:
    """Figure changes from `old` to `new`: paired ones (changed/unchanged) in the new letter's
    order, then figures only in the new letter (added) and only in the old one (removed)."""
    paired_sections = {(o, n) for pair in sections for o in pair.old for n in pair.new}
    found = match_groups(
        old_figures, new_figures, new.meta.language, paired_sections, nearest=NEAREST_IN_LETTER
    )
    old_groups, new_groups, pairs = found.old_groups, found.new_groups, found.pairs
    bridged, rarity = found.bridged, found.rarity
    changes: list[tuple[tuple[int, int], FigureChange]] = []
    for i, j in pairs.items():
        o, n = old_figures[old_groups[i].members[0]], new_figures[new_groups[j].members[0]]
        why = bridged.get((i, j)) or explain(o, n, rarity)
        change = replace(paired_change(o, n, new.meta.language), why=why)
        changes.append(((new_groups[j].members[0], 0), change))
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
    ordered = [change for _, change in changes]
    figures = [c.new or c.old for c in ordered]
    labels = unique_labels([c.label for c in ordered], figures, new.meta.language)  # type: ignore[arg-type]
    return tuple(replace(c, label=label) for c, label in zip(ordered, labels, strict=True))


# --- candidates -------------------------------------------------------------------------------


def _candidates(
    old_groups: list[_Group],
    new_groups: list[_Group],
    old_figures: Sequence[Figure],
    new_figures: Sequence[Figure],
    paired_sections: set[tuple[int, int]],
    rarity: Rarity,
    nearest: int,
) -> set[tuple[int, int]]:
    """Group pairs worth scoring: every pair that can score above zero is of one kind (unit,
    range, conversion) and, outside aligned sections, shares a rare name (the anchor bonus),
    a table row or a label word (the label floor). Per word only the `nearest` old figures
    closest to the new figure's place are taken, which keeps the count linear."""
    old_group = {m: i for i, g in enumerate(old_groups) for m in g.members}
    new_group = {m: j for j, g in enumerate(new_groups) for m in g.members}
    found: set[tuple[int, int]] = set()

    # Within aligned sections: every pair of one kind.
    old_in: dict[int, dict[tuple[object, ...], list[int]]] = {}
    for a in old_group:
        old_in.setdefault(old_figures[a].section, {}).setdefault(_kind(old_figures[a]), []).append(
            a
        )
    new_in: dict[int, list[int]] = {}
    for b in new_group:
        new_in.setdefault(new_figures[b].section, []).append(b)
    for o, n in sorted(paired_sections):
        same = old_in.get(o)
        if not same:
            continue
        for b in new_in.get(n, ()):
            for a in same.get(_kind(new_figures[b]), ()):
                found.add((old_group[a], new_group[b]))

    # Elsewhere: old figures indexed by what a pair must share, each list in letter order.
    index: dict[tuple[object, ...], list[int]] = {}
    for a in sorted(old_group):
        for key in _keys(old_figures[a], rarity):
            index.setdefault(key, []).append(a)
    scale = len(old_figures) / max(len(new_figures), 1)
    for b in sorted(new_group):
        at = b * scale
        for key in _keys(new_figures[b], rarity):
            for a in _nearest(index.get(key, []), at, nearest):
                found.add((old_group[a], new_group[b]))
    return found


def _kind(figure: Figure) -> tuple[object, ...]:
    """What two figures must agree on to be compared at all (see `similarity`; a range and a
    single value may be a forecast and its outcome)."""
    return (figure.unit, figure.conversion_of is None)


def _keys(figure: Figure, rarity: Rarity) -> list[tuple[object, ...]]:
    kind = _kind(figure)
    keys: list[tuple[object, ...]] = [(*kind, "word", w) for w in sorted(label_stems(figure))]
    keys += [(*kind, "name", w) for w in sorted(names(figure)) if rarity.rare(w)]
    if figure.row is not None:
        keys.append((*kind, "row", fold(figure.row)))
    return keys


def _nearest(posting: list[int], at: float, count: int) -> list[int]:
    """The `count` entries of the sorted `posting` closest to position `at`."""
    if len(posting) <= count:
        return posting
    middle = bisect.bisect_left(posting, at)
    start = max(0, min(middle - count // 2, len(posting) - count))
    return posting[start : start + count]


# --- echoes and restatements ------------------------------------------------------------------


def _echo_groups(figures: Sequence[Figure], skip: set[int], language: Language) -> list[_Group]:
    """Group the figures a letter gives twice; the most precise member represents the group.

    A figure joins the first group holding a figure it echoes. Only possible echoes are tried
    (see `_echoes`): in prose, earlier figures of equal value, unit, terms and periods; between
    prose and a table cell, those of the unit within the widest rounding step."""
    steps = [rounding_step(f, language) for f in figures]
    groups: list[list[int]] = []
    group_of: dict[int, int] = {}
    equal: dict[tuple[object, ...], list[int]] = {}
    # Per unit and side (prose, cells): (value, index) in value order, and the widest step.
    near: dict[tuple[str, bool], list[tuple[Decimal, int]]] = {}
    widest: dict[tuple[str, bool], Decimal] = {}
    for i, f in enumerate(figures):
        if i in skip:
            continue
        cell = f.row is not None
        tried = [] if cell else list(equal.get(_echo_key(f), ()))
        other = (f.unit, not cell)
        values = near.get(other, [])
        reach = (steps[i] + widest.get(other, steps[i])) / 2
        low = bisect.bisect_left(values, (f.value - reach, -1))
        high = bisect.bisect_right(values, (f.value + reach, len(figures)))
        tried += [j for _, j in values[low:high]]
        # The first group with an echo: try the figures group by group, stop at the first.
        joined = next(
            (
                group_of[j]
                for j in sorted(tried, key=group_of.__getitem__)
                if _echoes(figures[j], f, language)
            ),
            None,
        )
        if joined is not None:
            group_of[i] = joined
            groups[joined].append(i)
        else:
            group_of[i] = len(groups)
            groups.append([i])
        if not cell:
            equal.setdefault(_echo_key(f), []).append(i)
        bisect.insort(near.setdefault((f.unit, cell), []), (f.value, i))
        widest[(f.unit, cell)] = max(widest.get((f.unit, cell), steps[i]), steps[i])
    result = []
    for group in groups:
        ordered = sorted(group, key=lambda k: (steps[k], k))
        result.append(_Group(tuple(ordered)))
    return result


def _echo_key(figure: Figure) -> tuple[object, ...]:
    """What two figures in prose must share to echo each other."""
    period = figure.period.key if figure.period else None
    return (figure.unit, figure.value, figure.high is None, terms(figure), period, figure.role)


def _echoes(a: Figure, b: Figure, language: Language) -> bool:
    if a.conversion_of is not None or b.conversion_of is not None:
        return False
    if a.row is not None and b.row is not None:
        return False  # two cells of one table are two figures
    if not agree(a, b, language):
        return False
    if a.row is not None or b.row is not None:
        cell, prose = (a, b) if a.row is not None else (b, a)
        return names_row(cell.row or "", prose.context)
    # Prose repeats a figure as written; agreeing only within rounding is not enough there.
    if a.value != b.value or terms(a) != terms(b) or a.role != b.role:
        return False
    if (a.period and a.period.key) != (b.period and b.period.key):
        return False
    words_a, words_b = set(label_parts(a)), set(label_parts(b))
    # Two content words in common ("militaire steun"), not one generic one ("month").
    # (The word count before the fuzzy ratio: most labels are too short to need it.)
    return len(words_a & words_b) >= ECHO_WORDS or (
        min(len(words_a), len(words_b)) >= ECHO_WORDS
        and fuzz.token_set_ratio(fold(row_or_label(a)), fold(row_or_label(b))) >= ECHO_MIN * 100
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


# --- deltas -----------------------------------------------------------------------------------


def paired_change(old: Figure, new: Figure, language: Language) -> FigureChange:
    if old.value == new.value and old.high == new.high:
        return FigureChange("unchanged", old, new, new.label, new.unit, Decimal(0), Decimal(0))
    if (old.high is None) != (new.high is None):
        # A forecast range and its outcome ("3–4%", then "3.6%"): no one difference to state.
        return FigureChange("changed", old, new, new.label, new.unit)
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

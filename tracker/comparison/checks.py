"""Findings a careful reader would want checked: sums, stated changes, restatements, duplicates.

Every check allows for the rounding the printed digits imply: "€ 2,5 mld." stands for any
value from 2,45 to 2,55 mld. A check reports what holds and how tight it is, in English,
naming the figures as the letter writes them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from tracker.comparison.restated import restated_cells
from tracker.comparison.similarity import PERCENT_UNITS, ambiguous
from tracker.figures.numbers import format_quantity
from tracker.figures.quantities import parse_quantity
from tracker.figures.rounding import agree, rounding_step
from tracker.figures.vocabulary import SCALES
from tracker.model import Document, Figure, FigureChange, Finding, Language, Severity
from tracker.text.words import fold

TOTAL_ROW = re.compile(r"^\s*(?:sub)?(?:totaal|total|totale|sum|som|in totaal)\b", re.IGNORECASE)
STATED_CHANGE = re.compile(
    r"(?:toename|stijging|groei|verhoging|afname|daling|verlaging|vermindering|increase|rise|"
    r"decrease|decline|reduction|(?:is|was|are|were|rose|fell|grew)\s+(?:by|met))"
    r"\s+(?:van|of|met|by)?\s*(?:ca\.|circa|about|ongeveer|bijna|ruim|nearly)?\s*$",
    re.IGNORECASE,
)
DECREASE = re.compile(r"afname|daling|verlaging|vermindering|decrease|decline|reduction|fell")
# "$254 billion higher than announced in November": the change stated after the amount.
STATED_AFTER = re.compile(
    r"\s+(higher|lower|more|less|hoger|lager|meer|minder)\s+(?:than|dan)\s+"
    r"(?:announced|previously|expected|estimated|eerder|aangekondigd|verwacht|in\s+de\s+vorige)",
    re.IGNORECASE,
)
# What a stated change must be measured against to be a change between letters.
AGAINST = re.compile(
    r"ten opzichte van|t\.o\.v\.|vergeleken met|sinds de vorige|vorige (?:brief|update|"
    r"leveringenbrief|rapportage|stand)|than announced|than previously|compared (?:with|to) the "
    r"previous|since the (?:previous|last) (?:letter|statement|report|estimate)",
    re.IGNORECASE,
)
EXCLUDING = re.compile(r"\b(?:excluding|exclusief|apart from|aside from|zonder)\b", re.IGNORECASE)
NEARBY = 3
"""Paired figures just before a stated change that it may be about."""
TIGHT = Decimal("0.5")
"""Share of the rounding slack a sum needs before it is called tight."""


def find_findings(
    old: Document,
    new: Document,
    old_figures: Sequence[Figure],
    new_figures: Sequence[Figure],
    changes: tuple[FigureChange, ...],
) -> tuple[Finding, ...]:
    """All findings of comparing `old` with `new`, in a stable order: sums, stated changes,
    restatements, duplicates; each in the new letter's reading order."""
    language = new.meta.language
    findings: list[Finding] = []
    findings.extend(sum_findings(new, new_figures))
    findings.extend(stated_change_findings(new, new_figures, changes, language))
    findings.extend(_restatements(old, new, old_figures, new_figures))
    findings.extend(duplicate_findings(new, new_figures))
    return tuple(findings)


def _heading(doc: Document, section: int) -> str | None:
    return doc.sections[section].heading if 0 <= section < len(doc.sections) else None


def _scale(figure: Figure, language: Language) -> int:
    quantity = parse_quantity(figure.text, language)
    return SCALES[quantity.scale].adjusted() if quantity and quantity.scale else 0


def _write(value: Decimal, like: Figure, language: Language, extra_decimals: int = 0) -> str:
    return format_quantity(
        value,
        like.unit,
        language,
        scale=_scale(like, language),
        decimals=like.decimals + extra_decimals,
    )


# --- totals against parts ---------------------------------------------------------------------


def sum_findings(doc: Document, figures: Sequence[Figure]) -> list[Finding]:
    """For every table column with a total row: do the rows add up, within rounding?"""
    language = doc.meta.language
    columns: dict[tuple[int, int, str], list[Figure]] = {}
    for f in figures:
        if f.row is not None and f.column is not None and f.high is None:
            columns.setdefault((f.section, f.line, f.column), []).append(f)
    findings = []
    for (section, _, column), cells in columns.items():
        totals = [f for f in cells if TOTAL_ROW.match(f.row or "")]
        parts = [f for f in cells if not TOTAL_ROW.match(f.row or "")]
        if len(totals) != 1 or len(parts) < 2 or {f.unit for f in cells} != {totals[0].unit}:
            continue
        finding = _check_sum(totals[0], parts, column, language)
        if finding is not None:
            findings.append(Finding("sum", *finding, section=_heading(doc, section)))
    return findings


def _check_sum(
    total: Figure, parts: list[Figure], column: str, language: Language
) -> tuple[Severity, str] | None:
    printed = sum((f.value for f in parts), Decimal(0))
    slack = sum((rounding_step(f, language) / 2 for f in parts), Decimal(0))
    half = rounding_step(total, language) / 2
    low, high = total.value - half, total.value + half
    if low <= printed <= high:
        return None  # adds up as printed
    rows = ", ".join(f"{f.row} {f.text}" for f in parts)
    added = _write(printed, total, language, extra_decimals=_extra(printed, total, language))
    where = f"Column {column!r}: the rows ({rows}) add up to {added}, the total says {total.text}"
    gap = low - printed if printed < low else printed - high
    if gap > slack:
        return "warning", f"{where}; that is more than their rounding allows."
    share = gap / slack if slack else Decimal(1)
    direction = "down" if printed < low else "up"
    tight = "tight: " if share >= TIGHT else ""
    return "info", (
        f"{where}; consistent within rounding only if the rows were rounded {direction} by at "
        f"least {_write(gap, total, language, 2)} together, {tight}{share:.0%} of the "
        f"{_write(slack, total, language, 2)} their printed digits allow."
    )


def _extra(value: Decimal, like: Figure, language: Language) -> int:
    """Digits beyond the total's precision that `value` needs (11,58 next to 11,7: one)."""
    shown = value.scaleb(-_scale(like, language)).normalize()
    exponent = shown.as_tuple().exponent
    digits = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return max(0, digits - like.decimals)


# --- stated changes ---------------------------------------------------------------------------


def stated_change_findings(
    new: Document,
    figures: Sequence[Figure],
    changes: tuple[FigureChange, ...],
    language: Language,
) -> list[Finding]:
    """ "een toename van €2,98 mld. ten opzichte van de vorige brief" against new - old."""
    findings = []
    paired = _paired_in_order(changes, figures)
    for f in figures:
        position = f.context.find(f.text)
        if position < 0 or EXCLUDING.search(f.context):
            continue  # "excluding the cash balance, … $60 billion higher": another quantity
        before = STATED_CHANGE.search(f.context[:position])
        after = STATED_AFTER.match(f.context, position + len(f.text))
        if (before is None and after is None) or (
            before is not None and not AGAINST.search(f.context)
        ):
            continue  # "grew by 0.2 per cent in the second quarter" is a rate, not our delta
        if f.unit in PERCENT_UNITS:
            continue  # a change stated in per cent is a growth rate; we compute points
        if after is not None:
            down = after.group(1).lower() in {"lower", "less", "lager", "minder"}
        else:
            down = DECREASE.search(f.context[:position].lower()) is not None
        stated = -f.value if down else f.value
        change = _changed_before(f, stated, paired)
        if change is None or change.old is None or change.new is None or change.delta is None:
            continue
        slack = (
            rounding_step(change.old, language) + rounding_step(change.new, language)
        ) / 2 + rounding_step(f, language) / 2
        computed = _write(change.delta, change.new, language)
        gap = _write(abs(stated - change.delta), f, language)
        what = (
            f"The letter states a change of {f.text} ({f.label}); from {change.old.text} "
            f"to {change.new.text} the change is {computed}"
        )
        allowed = _write(slack, f, language, 1)
        if abs(stated - change.delta) <= slack:
            severity: Severity = "info"
            tail = f"a difference of {gap}, within the {allowed} that rounding allows."
        else:
            severity = "warning"
            tail = f"a difference of {gap}, more than the {allowed} that rounding allows."
        findings.append(
            Finding("stated-change", severity, f"{what}, {tail}", _heading(new, f.section))
        )
    return findings


@dataclass(frozen=True, slots=True)
class _Paired:
    """The paired figures with a delta, by unit and section, each list in reading order (the
    place of its new figure), worked out once for all the statements of a letter."""

    order: dict[int, int]
    """Place of each figure of the letter, by id."""
    by_place: dict[tuple[str, int], list[tuple[int, FigureChange]]]


def _paired_in_order(changes: tuple[FigureChange, ...], figures: Sequence[Figure]) -> _Paired:
    order = {id(f): i for i, f in enumerate(figures)}
    by_place: dict[tuple[str, int], list[tuple[int, FigureChange]]] = {}
    for c in changes:
        if c.old is None or c.new is None or c.delta is None or id(c.new) not in order:
            continue
        by_place.setdefault((c.new.unit, c.new.section), []).append((order[id(c.new)], c))
    for placed in by_place.values():
        placed.sort(key=lambda item: item[0])
    return _Paired(order, by_place)


def _changed_before(stated_figure: Figure, stated: Decimal, paired: _Paired) -> FigureChange | None:
    """The paired figure a statement is about: one of the `NEARBY` paired figures of its unit
    just before it in its section (in reading order), the one whose computed change is closest
    to the statement ("$453 billion higher than announced" follows the estimate and its cash
    balance)."""
    here = paired.order.get(id(stated_figure), len(paired.order))
    placed = paired.by_place.get((stated_figure.unit, stated_figure.section), [])
    before = [c for _, c in placed[: bisect.bisect_left(placed, here, key=lambda item: item[0])]]
    nearby = before[-NEARBY:]
    if not nearby:
        return None
    return min(reversed(nearby), key=lambda c: abs((c.delta or Decimal(0)) - stated))


# --- restatements -----------------------------------------------------------------------------


def _restatements(
    old: Document, new: Document, old_figures: Sequence[Figure], new_figures: Sequence[Figure]
) -> list[Finding]:
    """A table column for an earlier date restates the predecessor: does it say the same?"""
    language = old.meta.language
    by_column: dict[tuple[int, int, str], list[Figure]] = {}
    for i in sorted(restated_cells(new_figures)):
        cell = new_figures[i]
        by_column.setdefault((cell.section, cell.line, cell.column or ""), []).append(cell)
    findings = []
    for (section, _, column), cells in by_column.items():
        agreed, differ = 0, []
        for cell in cells:
            same = [o for o in old_figures if agree(o, cell, language)]
            if same:
                agreed += 1
                continue
            named = [
                o
                for o in old_figures
                if o.unit == cell.unit
                and fuzz.partial_ratio(fold(cell.row or ""), fold(o.context)) >= 90
            ]
            if len(named) == 1:
                differ.append((cell, named[0]))
        heading = _heading(new, section)
        for cell, said in differ:
            findings.append(
                Finding(
                    "restated",
                    "warning",
                    f"The column {column!r} restates {cell.row} as {cell.text}; "
                    f"the previous letter said {said.text} ({said.label}).",
                    heading,
                )
            )
        if agreed:
            findings.append(
                Finding(
                    "restated",
                    "info",
                    f"The column {column!r} restates {agreed} of {len(cells)} figures of the "
                    "previous letter; they agree within rounding.",
                    heading,
                )
            )
    return findings


# --- duplicates -------------------------------------------------------------------------------

DUPLICATE_LABEL_WORDS = 3
"""Labels shorter than this are too generic to say two figures are the same thing."""


def duplicate_findings(doc: Document, figures: Sequence[Figure]) -> list[Finding]:
    """The same label with two different values in one letter.

    A change and a level, or a forecast and an outcome, may share a label and differ: only
    figures of one role and one period can clash."""
    language = doc.meta.language
    seen: dict[tuple[str, str, str], Figure] = {}
    findings = []
    vague = ambiguous(figures)
    for i, f in enumerate(figures):
        if f.row is not None or f.conversion_of is not None or i in vague:
            continue
        key = (fold(f.concept or f.label), f.unit, f.role)
        if len(key[0].split()) < DUPLICATE_LABEL_WORDS:
            continue
        first = seen.setdefault(key, f)
        if first is f or _period(first) != _period(f) or first.as_of != f.as_of:
            continue  # other years, months or dates: two values of one series, not a clash
        if first.context == f.context:
            continue  # one sentence with two values ("by $100 billion to $200 billion")
        if not agree(first, f, language):
            findings.append(
                Finding(
                    "duplicate",
                    "info",
                    f"{f.label!r} is given as {first.text} and as {f.text} in the same letter.",
                    _heading(doc, f.section),
                )
            )
    return findings


def _period(figure: Figure) -> str | None:
    return figure.period.key if figure.period else None

"""Figures a new letter says again for an earlier date, and what they tie together.

A letter restates what its predecessor reported in two ways:
- a table column for an earlier date ("31 aug. 2025" next to "03 feb. 2026");
- a sentence that gives a reading for two periods: "Annual inflation eased to 2.5 per cent in
  June, from 2.6 per cent in May" reports June and says May again.

The restated figures are not new figures. An old figure that agrees with one of them is paired
with the figure the letter reports in its place (the same row's current cell, or the same
sentence's latest reading of the concept): the restating letter itself says what the old
figure has become.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from rapidfuzz import fuzz

from tracker.figures.rounding import agree
from tracker.model import Figure, Language
from tracker.text.words import fold

ROW_NAMED = 80
"""Least rapidfuzz partial ratio for an old sentence to name a table row."""
TABLE_WHY = "the new letter's table restates the old figure in an earlier column of this row"
SENTENCE_WHY = "the new letter says the old figure again for its period and reports a later one"


class _Group(Protocol):
    """A figure with the other places the letter repeats it (pairing's echo group)."""

    @property
    def members(self) -> tuple[int, ...]: ...


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


def _reading_key(f: Figure) -> tuple[object, ...] | None:
    """Readings (levels for a month, quarter or day) of one concept in one sentence share a
    key; other figures have none."""
    if f.row is not None or f.role != "level" or f.period is None or not f.concept:
        return None
    if f.period.grain not in ("month", "quarter", "day"):
        return None
    return (f.section, f.line, f.context, fold(f.concept), f.unit)


def restated_readings(figures: Sequence[Figure]) -> set[int]:
    """Readings of a sentence for a period before another reading of the same concept in that
    sentence ("… to 2.5 per cent in June, from 2.6 per cent in May": May)."""
    dated = [
        (i, key, f.period.end)
        for i, f in enumerate(figures)
        if (key := _reading_key(f)) is not None and f.period is not None
    ]
    latest: dict[tuple[object, ...], dt.date] = {}
    for _, key, end in dated:
        latest[key] = max(latest.get(key, end), end)
    return {i for i, key, end in dated if end < latest[key]}


def restated_figures(figures: Sequence[Figure], readings: bool) -> set[int]:
    """The figures the letter says again for an earlier date: table cells, and with `readings`
    a sentence's earlier readings."""
    cells = restated_cells(figures)
    return cells | restated_readings(figures) if readings else cells


def _in_place_of(cell: Figure, other: Figure) -> bool:
    """Does `other` report what restated `cell` stood for: the same table row, or the same
    sentence's reading of the same concept?"""
    if cell.row is not None:
        return other.row == cell.row and (other.section, other.line) == (cell.section, cell.line)
    key = _reading_key(cell)
    return key is not None and _reading_key(other) == key


def bridges(
    old_groups: Sequence[_Group],
    new_groups: Sequence[_Group],
    old_figures: Sequence[Figure],
    new_figures: Sequence[Figure],
    restated: set[int],
    language: Language,
) -> list[tuple[int, int, str]]:
    """Old groups that agree with a restated figure, each with the group of the figure the
    letter reports in its place, and why they pair."""
    group_of = {m: j for j, g in enumerate(new_groups) for m in g.members}
    found: list[tuple[int, int, str]] = []
    for r in sorted(restated):
        cell = new_figures[r]
        current = [
            k
            for k, f in enumerate(new_figures)
            if k not in restated and k in group_of and _in_place_of(cell, f)
        ]
        candidates = [
            i
            for i, g in enumerate(old_groups)
            if agree(old_figures[g.members[0]], cell, language)
            and _said_of(old_figures[g.members[0]], cell)
        ]
        if len(candidates) > 1 and cell.row is not None:
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
            found.append((candidates[0], group_of[current[0]], _why(cell)))
    return found


def _said_of(old: Figure, cell: Figure) -> bool:
    """A table cell may restate any agreeing figure (its row says what it is); a sentence's
    reading only a reading of its own concept and period."""
    if cell.row is not None:
        return True
    return (
        old.period is not None
        and cell.period is not None
        and old.period.key == cell.period.key
        and fold(old.concept or "") == fold(cell.concept or "")
    )


def _why(cell: Figure) -> str:
    return TABLE_WHY if cell.row is not None else SENTENCE_WHY

"""Each figure identity of a series through its letters: where it was reported, and its last
report. A value stands only where a letter reports it; nothing is carried forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.history.ledger import LedgerRow

RESTATED = ("restated", "revised")
ROLE_NAMES = {
    "change": "change",
    "forecast": "forecast",
    "preferred": "preferred",
    "previous": "cited",
}
"""What the index adds to the name of a figure that is not a level."""


@dataclass(frozen=True, slots=True)
class TrackedFigure:
    """One figure identity through the series."""

    figure: str
    label: str
    unit: str
    first_seen: dt.date
    last_seen: dt.date
    last: LedgerRow
    """Its last report: the latest letter's own value (a restatement only if nothing else)."""

    @property
    def name(self) -> str:
        """What a reader calls it: the concept of its latest report in running text, else of
        its latest table cell (a row, not "Totaal / 03 feb. 2026"), else its label."""
        rows = [row for _, row in self.reported if row.status not in RESTATED]
        text = [row for row in rows if row.row is None]
        latest = (text or rows or [self.last])[-1]
        name = latest.concept or latest.label or self.figure
        extra = [] if latest.role == "level" else [ROLE_NAMES.get(latest.role, latest.role)]
        if latest.period and not latest.current:
            extra.append(latest.period)  # a fixed period is part of what it is
        return f"{name} ({', '.join(extra)})" if extra else name

    seen_in: int
    """How many letters report it."""
    reported: tuple[tuple[int, LedgerRow], ...]
    """(position of the letter in the series, row) for each row of it, in series order; a
    letter may give a current value and restate an earlier one."""

    @property
    def values(self) -> tuple[LedgerRow, ...]:
        """Its reports, one per letter: the letter's own value, else its restatement."""
        positions = sorted({p for p, _ in self.reported})
        return tuple(row for row in map(self.at, positions) if row is not None)

    def at(self, position: int) -> LedgerRow | None:
        """Its report in the letter at `position`, if that letter reports it."""
        return _chosen([row for p, row in self.reported if p == position])

    @property
    def moved(self) -> bool:
        """Reported in two letters or more with two values or more."""
        return len({(r.value, r.high) for r in self.values}) >= 2


def _chosen(rows: Sequence[LedgerRow]) -> LedgerRow | None:
    """The row that speaks for a letter: its own value before a restatement, running text
    before a table cell ("€179 mln." before "€ 0,18 mld."), then the first."""
    if not rows:
        return None
    return min(rows, key=lambda r: (r.status in RESTATED, r.row is not None, r.index))


def track(rows: Sequence[LedgerRow], letters: Sequence[str]) -> list[TrackedFigure]:
    """Every figure identity across `letters` (stems in series order).

    Ordered by first appearance (letter, then position in it), so the listing reads like the
    series itself. Linear in the rows.
    """
    position = {letter: index for index, letter in enumerate(letters)}
    reported: dict[str, list[tuple[int, LedgerRow]]] = {}
    for row in rows:
        index = position.get(row.letter)
        if index is not None:
            reported.setdefault(row.figure, []).append((index, row))
    order = sorted(reported, key=lambda key: (reported[key][0][0], reported[key][0][1].index))
    tracked: list[TrackedFigure] = []
    for figure_id in order:
        found = sorted(reported[figure_id], key=lambda item: (item[0], item[1].index))
        own = [p for p, row in found if row.status not in RESTATED]
        final = (own or [p for p, _ in found])[-1]
        last = _chosen([row for p, row in found if p == final]) or found[-1][1]
        tracked.append(
            TrackedFigure(
                figure=figure_id,
                label=last.label,
                unit=last.unit,
                first_seen=found[0][1].date,
                last_seen=last.date,
                last=last,
                seen_in=len({p for p, _ in found}),
                reported=tuple(found),
            )
        )
    return tracked

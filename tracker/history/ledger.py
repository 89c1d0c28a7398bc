"""The figure ledger of a series: figure identity across letters, and each figure's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz

from tracker.model import Figure, FigureChange
from tracker.text.words import slugify

GAP_LETTERS = 24
"""How many letters a figure may skip and still keep its identity: two years of monthly
letters. Bounded so that the 1000th letter is not matched against every figure ever seen."""
SKIP_MATCH_SCORE = 85.0
"""Label similarity (rapidfuzz token_sort_ratio, 0-100) above which a figure that the
predecessor did not mention is taken to be a tracked figure coming back after a gap. High,
because a wrong match merges two series of values, while a missed one only starts a new row."""


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One figure as one letter reports it, under the identity it keeps through the series."""

    date: dt.date
    letter: str
    """Snapshot stem of the letter, e.g. 2026-02-27-leveringen-militaire-goederen."""
    figure: str
    """Identity of the figure in the series, e.g. militaire-steun-begroot-eur."""
    label: str
    unit: str
    value: Decimal
    high: Decimal | None
    text: str
    """As written in the letter."""
    qualifier: str | None
    section: str
    """Heading of the section it stands in; "" for the opening section."""
    line: int
    index: int
    """Position in the letter's figure list (`find_figures` order)."""
    status: str
    """new (first seen), changed, unchanged, returned (seen again after a gap)."""


class KnownIds:
    """The figure identities a series has given: a set, plus (when appending) the text of
    figures.csv, searched only for the few identities a new letter might take."""

    __slots__ = ("_ids", "_ledger")

    def __init__(self, ids: Iterable[str] = (), ledger: str = "") -> None:
        self._ids = set(ids)
        # The rows only: the header's "date,letter,figure," must not read as an identity.
        self._ledger = ledger[ledger.find("\n") + 1 :] if ledger else ""

    def __contains__(self, figure_id: object) -> bool:
        if not isinstance(figure_id, str):
            return False
        return figure_id in self._ids or _in_ledger(self._ledger, figure_id)

    def add(self, figure_id: str) -> None:
        self._ids.add(figure_id)

    def copy(self) -> KnownIds:
        twin = KnownIds(self._ids)
        twin._ledger = self._ledger  # already without its header
        return twin


def _in_ledger(ledger: str, figure_id: str) -> bool:
    """Is `figure_id` the identity (third field) of some row of figures.csv's text?

    The fields before it are a date and a slug, never quoted, so a row has it exactly when the
    text from the row's start to the match splits into those two fields and the identity.
    """
    needle = f",{figure_id},"
    position = ledger.find(needle)
    while position != -1:
        start = ledger.rfind("\n", 0, position) + 1
        if ledger[start:position].count(",") == 1:
            return True
        position = ledger.find(needle, position + 1)
    return False


@dataclass(slots=True)
class LedgerState:
    """What the fold over a series remembers: every identity given, and the last row of each
    figure (of every figure when folding a whole series; of those seen in the last letters
    when appending, which is all a gap match looks at)."""

    last: dict[str, LedgerRow] = field(default_factory=dict)
    known: KnownIds = field(default_factory=KnownIds)

    def add(self, rows: Iterable[LedgerRow]) -> None:
        for row in rows:
            self.last[row.figure] = row
            self.known.add(row.figure)


def ledger_step(
    state: LedgerState,
    *,
    letter: str,
    date: dt.date,
    figures: Sequence[Figure],
    headings: Sequence[str | None],
    previous_rows: Sequence[LedgerRow] = (),
    previous_figures: Sequence[Figure] = (),
    changes: Sequence[FigureChange] = (),
    recent: Collection[str] = (),
) -> list[LedgerRow]:
    """The ledger rows of one letter, given the comparison with its predecessor.

    Identity is chained: a figure the comparison pairs with one of the predecessor takes that
    figure's identity. A figure left unpaired is tried against the figures the predecessor did
    not mention (a figure skipping a letter keeps its identity); the rest start new identities.
    Only figures last seen in the `recent` letters (stems; the GAP_LETTERS before this one)
    can come back, which bounds the work per letter however long the series. The caller adds
    the returned rows to `state`.
    """
    previous_ids = {row.index: row.figure for row in previous_rows}
    assigned = _chained(changes, previous_ids, previous_figures, figures)
    taken = {figure_id for figure_id, _ in assigned.values()}
    _match_after_gap(state, figures, set(previous_ids.values()), set(recent), assigned, taken)

    rows: list[LedgerRow] = []
    known = state.known.copy()
    for index, figure in enumerate(figures):
        if index in assigned:
            figure_id, status = assigned[index]
        else:
            figure_id, status = _new_id(figure, known), "new"
        known.add(figure_id)
        heading = headings[figure.section] if 0 <= figure.section < len(headings) else None
        rows.append(
            LedgerRow(
                date=date,
                letter=letter,
                figure=figure_id,
                label=figure.label,
                unit=figure.unit,
                value=figure.value,
                high=figure.high,
                text=figure.text,
                qualifier=figure.qualifier,
                section=heading or "",
                line=figure.line,
                index=index,
                status=status,
            )
        )
    return rows


def _chained(
    changes: Sequence[FigureChange],
    previous_ids: dict[int, str],
    previous_figures: Sequence[Figure],
    figures: Sequence[Figure],
) -> dict[int, tuple[str, str]]:
    """Figures the comparison paired with one of the predecessor's, by their index: the
    identity they take from it, and whether the value changed."""
    assigned: dict[int, tuple[str, str]] = {}
    taken: set[str] = set()
    old_used: set[int] = set()
    new_used: set[int] = set()
    for change in changes:
        if change.old is None or change.new is None:
            continue
        old_index = _index_of(change.old, previous_figures, old_used)
        new_index = _index_of(change.new, figures, new_used)
        if old_index is None or new_index is None or old_index not in previous_ids:
            continue
        figure_id = previous_ids[old_index]
        if figure_id in taken:
            continue
        old_used.add(old_index)
        new_used.add(new_index)
        status = "unchanged" if _same_value(change.old, change.new) else "changed"
        assigned[new_index] = (figure_id, status)
        taken.add(figure_id)
    return assigned


def _match_after_gap(
    state: LedgerState,
    figures: Sequence[Figure],
    previous_ids: set[str],
    recent: set[str],
    assigned: dict[int, tuple[str, str]],
    taken: set[str],
) -> None:
    """Pair unassigned figures with tracked figures the predecessor skipped, best label first."""
    candidates = [
        row
        for figure_id, row in state.last.items()
        if row.letter in recent and figure_id not in previous_ids | taken
    ]
    if not candidates:
        return
    scored: list[tuple[float, int, str, int]] = []
    for index, figure in enumerate(figures):
        if index in assigned or not figure.label:
            continue
        for row in candidates:
            if row.unit != figure.unit:
                continue
            score = fuzz.token_sort_ratio(figure.label.lower(), row.label.lower())
            if score >= SKIP_MATCH_SCORE:
                # Ties: the figure seen most recently wins, then the identity, then position.
                scored.append((-score, -row.date.toordinal(), row.figure, index))
    for _score, _date, figure_id, index in sorted(scored):
        if index in assigned or figure_id in taken:
            continue
        assigned[index] = (figure_id, "returned")
        taken.add(figure_id)


def _index_of(figure: Figure, figures: Sequence[Figure], used: set[int]) -> int | None:
    for index, candidate in enumerate(figures):
        if index not in used and candidate == figure:
            return index
    return None


def _same_value(old: Figure, new: Figure) -> bool:
    return old.value == new.value and old.high == new.high and old.unit == new.unit


def _new_id(figure: Figure, known: KnownIds) -> str:
    """A readable identity from the label and unit, made unique by a counter."""
    base = slugify(figure.label or figure.noun or "figure", 50) or "figure"
    unit = slugify(figure.unit.replace("%", "pct"), 10)
    base = f"{base}-{unit}" if unit else base
    if base not in known:
        return base
    counter = 2
    while f"{base}-{counter}" in known:
        counter += 1
    return f"{base}-{counter}"


@dataclass(frozen=True, slots=True)
class Cell:
    """A figure's value at one letter: as reported there, or carried forward from before."""

    row: LedgerRow
    carried: bool


@dataclass(frozen=True, slots=True)
class TrackedFigure:
    """One figure through the series: where it was reported, and a cell per letter on demand."""

    figure: str
    label: str
    unit: str
    first_seen: dt.date
    last_seen: dt.date
    last: LedgerRow
    seen_in: int
    reported: tuple[tuple[int, LedgerRow], ...]
    """(position of the letter in the series, row) for each letter that reports it."""
    letters: int
    """How many letters the series has."""

    @property
    def cells(self) -> tuple[Cell | None, ...]:
        """One per letter of the series, in order; None before the figure first appears,
        then the row reported there or the last one carried forward."""
        cells: list[Cell | None] = [None] * self.letters
        at = dict(self.reported)
        last: LedgerRow | None = None
        for position in range(self.reported[0][0], self.letters):
            found = at.get(position)
            if found is not None:
                last = found
                cells[position] = Cell(found, carried=False)
            elif last is not None:
                cells[position] = Cell(last, carried=True)
        return tuple(cells)


def track(rows: Sequence[LedgerRow], letters: Sequence[str]) -> list[TrackedFigure]:
    """Every figure across `letters` (stems in series order), the last value carried forward.

    Ordered by first appearance (letter, then position in it), so the listing reads like the
    series itself. Linear in the rows: cells are made only when asked for.
    """
    position = {letter: index for index, letter in enumerate(letters)}
    reported: dict[str, list[tuple[int, LedgerRow]]] = {}
    for row in rows:
        index = position.get(row.letter)
        if index is None:
            continue
        seen = reported.setdefault(row.figure, [])
        if not seen or seen[-1][0] != index:  # one row per figure per letter
            seen.append((index, row))
    # Rows are in series order; sort anyway so that the order never depends on the caller's.
    order = sorted(reported, key=lambda key: (reported[key][0][0], reported[key][0][1].index))
    tracked: list[TrackedFigure] = []
    for figure_id in order:
        found = sorted(reported[figure_id], key=lambda item: item[0])
        first, last = found[0][1], found[-1][1]
        tracked.append(
            TrackedFigure(
                figure=figure_id,
                label=last.label,
                unit=last.unit,
                first_seen=first.date,
                last_seen=last.date,
                last=last,
                seen_in=len(found),
                reported=tuple(found),
                letters=len(letters),
            )
        )
    return tracked

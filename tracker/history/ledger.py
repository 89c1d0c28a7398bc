"""The figure ledger of a series: what each letter reports, under identities kept across letters.

A figure's identity is what it measures: one concept, role and unit, and for a fixed period
(a forecast for 2025, a year's outcome) that period. Each letter's figures are matched by
meaning with the latest report of each identity in the letters before it (a bounded
look-back, not only the predecessor: a figure may skip letters), and restated data points
join the identity they restate (comparison/series.py). The ledger keeps one row per figure
per letter with what the match needs, so appending a letter reads only the last rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.comparison.memo import per_object
from tracker.comparison.series import Match, Report, match_series
from tracker.history.storage import decoded
from tracker.model import Figure, Language, Role
from tracker.text.periods import period_from_key
from tracker.text.words import slugify

GAP_LETTERS = 12
"""How many letters back a figure is looked for: a year of monthly letters, three years of
quarterly ones. Bounded so that the 1000th letter is not matched against every figure ever
seen."""


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
    """new (first seen), changed, unchanged, returned (seen again after letters without it),
    restated (an earlier data point given again) or revised (given again, another value)."""
    concept: str = ""
    role: Role = "level"
    period: str = ""
    """`Period.key` of the time the value is about; "" when the letter names none."""
    current: bool = True
    """A current reading (True) or a value for a fixed period."""
    noun: str | None = None
    row: str | None = None
    column: str | None = None
    decimals: int = 0
    as_of: dt.date | None = None
    context: str = ""
    """The sentence or table row it stands in."""
    conversion_of: int | None = None
    previous: str = ""
    """The letter of the report it was compared with (snapshot stem); "" for a new figure."""

    def as_figure(self) -> Figure:
        """The figure as the letter gave it, for matching later letters against it."""
        return Figure(
            value=self.value,
            unit=self.unit,
            text=self.text,
            label=self.label,
            section=-1,  # another letter's section: never "in a paired section"
            line=self.line,
            high=self.high,
            qualifier=self.qualifier,
            noun=self.noun,
            as_of=self.as_of,
            context=self.context,
            conversion_of=self.conversion_of,
            decimals=self.decimals,
            row=self.row,
            column=self.column,
            concept=self.concept,
            role=self.role,
            period=period_from_key(self.period) if self.period else None,
            current=self.current,
        )


class KnownIds:
    """The figure identities a series has given: a set, plus (when appending) the bytes of
    figures.csv, searched only for the few identities a new letter might take."""

    __slots__ = ("_ids", "_ledger", "_parent", "_rows", "_under")

    def __init__(self, ids: Iterable[str] = (), ledger: bytes = b"") -> None:
        self._ids: set[str] = set()
        # Each identity under every prefix it continues with a hyphen ("a-b-2" under "a" and
        # "a-b"): `like` is a look-up, not a pass over every identity the series has given.
        self._under: dict[str, set[str]] = {}
        self._parent: KnownIds | None = None
        for figure_id in ids:
            self.add(figure_id)
        # Searched as bytes, from the rows on: the header's "date,letter,figure," must not read
        # as an identity, and 10 MB need not be decoded for a few look-ups.
        self._ledger = ledger
        self._rows = ledger.find(b"\n") + 1 if ledger else 0

    def __contains__(self, figure_id: object) -> bool:
        if not isinstance(figure_id, str):
            return False
        if figure_id in self._ids or (self._parent is not None and figure_id in self._parent):
            return True
        return _in_ledger(self._ledger, self._rows, figure_id)

    def add(self, figure_id: str) -> None:
        if figure_id in self._ids:
            return
        self._ids.add(figure_id)
        at = figure_id.find("-")
        while at != -1:
            self._under.setdefault(figure_id[:at], set()).add(figure_id)
            at = figure_id.find("-", at + 1)

    def like(self, base: str) -> set[str]:
        """The identities given that are `base` or start with `base-`: one pass over the
        ledger, however many counters `base` already has."""
        found = set(self._under.get(base, ()))
        if base in self._ids:
            found.add(base)
        if self._parent is not None:
            found |= self._parent.like(base)
        ledger = self._ledger
        needle = f",{base}".encode()
        position = ledger.find(needle, self._rows)
        while position != -1:
            start = ledger.rfind(b"\n", 0, position) + 1
            end = ledger.find(b",", position + 1)
            if ledger.count(b",", start, position) == 1 and end != -1:
                found.add(decoded(ledger[position + 1 : end], "figures.csv"))
            position = ledger.find(needle, position + 1)
        return found

    def copy(self) -> KnownIds:
        """The identities as they are, to add to without adding here. It reads this one's
        through instead of copying them (a long series gives thousands), so this one is not
        added to while the copy is in use: a letter's step works on a copy, and the state
        takes its rows afterwards."""
        twin = KnownIds()
        twin._parent = self
        return twin


def _in_ledger(ledger: bytes, rows: int, figure_id: str) -> bool:
    """Is `figure_id` the identity (third field) of some row of figures.csv's bytes, whose
    rows start at `rows`?

    The fields before it are a date and a slug, never quoted, so a row has it exactly when the
    text from the row's start to the match splits into those two fields and the identity.
    """
    needle = f",{figure_id},".encode()
    position = ledger.find(needle, rows)
    while position != -1:
        start = ledger.rfind(b"\n", 0, position) + 1
        if ledger.count(b",", start, position) == 1:
            return True
        position = ledger.find(needle, position + 1)
    return False


@dataclass(slots=True)
class LedgerState:
    """What the fold over a series remembers: every identity given, and the rows of the last
    GAP_LETTERS letters (all a new letter is matched against)."""

    recent: dict[str, list[LedgerRow]] = field(default_factory=dict)
    """Rows by letter, oldest letter first."""
    known: KnownIds = field(default_factory=KnownIds)

    def add(self, letter: str, rows: Iterable[LedgerRow]) -> None:
        kept = self.recent.setdefault(letter, [])
        for row in rows:
            kept.append(row)
            self.known.add(row.figure)
        while len(self.recent) > GAP_LETTERS:
            del self.recent[next(iter(self.recent))]

    def memory(self) -> list[Report]:
        """The reports of every identity seen in the recent letters; each identity's latest
        report (its last that is not a restatement of an earlier data point) is marked."""
        reports: list[Report] = []
        latest: dict[str, int] = {}
        for rows in self.recent.values():
            for row in rows:
                reports.append(Report(row.figure, _as_figure(row), row.letter, row.date, False))
                if row.status not in ("restated", "revised"):
                    latest[row.figure] = len(reports) - 1
        for at in latest.values():
            r = reports[at]
            reports[at] = Report(r.identity, r.figure, r.letter, r.date, True)
        return reports


# A row stays in the look-back for twelve letters: its figure is made once, and being the same
# object each time, pairing finds its words already worked out (comparison/memo.py).
_as_figure = per_object(LedgerRow.as_figure)


@dataclass(frozen=True, slots=True)
class Step:
    """One letter's rows, and what each of its figures is in the series."""

    rows: list[LedgerRow]
    matches: list[Match]


def ledger_step(
    state: LedgerState,
    *,
    letter: str,
    date: dt.date,
    figures: Sequence[Figure],
    headings: Sequence[str | None],
    language: Language,
    predecessor: str | None,
) -> Step:
    """The ledger rows of one letter, matched against what `state` remembers. The caller adds
    the returned rows to `state`."""
    matches = match_series(state.memory(), figures, language, predecessor)
    rows: list[LedgerRow] = []
    known = state.known.copy()
    given: dict[int, str] = {}  # a new figure's echoes in the letter share its new identity
    for index, (figure, match) in enumerate(zip(figures, matches, strict=True)):
        figure_id = match.identity
        if figure_id is None:
            figure_id = given.get(match.group, "") or _new_id(figure, known)
            given[match.group] = figure_id
        known.add(figure_id)
        heading = headings[figure.section] if 0 <= figure.section < len(headings) else None
        rows.append(_row(figure, figure_id, letter, date, heading or "", index, match))
    return Step(rows, matches)


def _row(
    figure: Figure,
    figure_id: str,
    letter: str,
    date: dt.date,
    section: str,
    index: int,
    match: Match,
) -> LedgerRow:
    return LedgerRow(
        date=date,
        letter=letter,
        figure=figure_id,
        label=figure.label,
        unit=figure.unit,
        value=figure.value,
        high=figure.high,
        text=figure.text,
        qualifier=figure.qualifier,
        section=section,
        line=figure.line,
        index=index,
        status=match.status,
        concept=figure.concept,
        role=figure.role,
        period=figure.period.key if figure.period else "",
        current=figure.current,
        noun=figure.noun,
        row=figure.row,
        column=figure.column,
        decimals=figure.decimals,
        as_of=figure.as_of,
        context=" ".join(figure.context.split()),
        conversion_of=figure.conversion_of,
        previous=match.previous.letter if match.previous is not None else "",
    )


def _new_id(figure: Figure, known: KnownIds) -> str:
    """A readable identity from what the figure measures, made unique by a counter: its
    concept and unit, its role unless a level, and its period when that is fixed."""
    base = slugify(figure.concept or figure.label or figure.noun or "figure", 50) or "figure"
    parts = [base, slugify(figure.unit.replace("%", "pct"), 10)]
    if figure.role != "level":
        parts.append(figure.role)
    if figure.period is not None and not figure.current:
        parts.append(slugify(figure.period.key.replace("/", "-"), 24))
    base = "-".join(part for part in parts if part)
    taken = known.like(base)
    if base not in taken:
        return base
    counter = 2
    while f"{base}-{counter}" in taken:
        counter += 1
    return f"{base}-{counter}"

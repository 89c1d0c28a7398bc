"""A new letter's figures against what its series already knows: identity across letters.

The series remembers, for each figure it follows (an identity: one concept, role and unit,
and for a fixed period that period), the reports of it in the last letters. A new letter's
figures are matched by meaning with the latest report of each identity, in any earlier letter
of the look-back, not only the predecessor:
- a figure pairs one to one with an identity's latest report, as two letters' figures pair,
  except that a restated data point does not take an identity away from the new reading of it;
- a figure for an earlier period that an identity reported ("from 2.2 per cent in August", a
  table's earlier date column) joins that identity as a restatement, "revised" when its value
  differs from the report beyond rounding;
- the current cell of a table row whose earlier column restates an identity continues it;
- the rest start identities of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.comparison.pairing import Pairing, match_groups
from tracker.comparison.similarity import similarity
from tracker.figures.rounding import agree
from tracker.model import Figure, Language

PAIR_MIN = 0.6
"""Least similarity for a restatement to join an identity (as for a pair of letters)."""
DAY_MATCH = 0.7
"""Score of a restatement that gives the value of the very day of a report, within rounding."""


@dataclass(frozen=True, slots=True)
class Report:
    """One report of an identity: the figure as a letter gave it."""

    identity: str
    figure: Figure
    letter: str
    """Snapshot stem of the letter."""
    date: dt.date
    latest: bool
    """True for the identity's latest report."""


@dataclass(frozen=True, slots=True)
class Match:
    """What one figure of the new letter is in the series."""

    identity: str | None
    """The identity it continues or restates; None for a figure the series has not seen."""
    status: str
    """"new", "changed", "unchanged", "returned" (after letters without it), "restated"
    (an earlier data point said again) or "revised" (said again with another value)."""
    previous: Report | None
    """The report it is compared with: the identity's latest, or the one it restates."""


def match_series(
    memory: Sequence[Report],
    figures: Sequence[Figure],
    language: Language,
    predecessor: str | None,
) -> list[Match]:
    """One `Match` per figure of the new letter, in its order. `memory` holds the reports of
    the identities seen in the look-back; `predecessor` is the letter before the new one (a
    figure whose latest report is older "returned")."""
    latest = [r for r in memory if r.latest]
    pairing = match_groups(
        [r.figure for r in latest], figures, language, old_restated=set(), period_bonus=0.0
    )
    matches: dict[int, Match] = {}
    taken: set[str] = set()
    for i, j in pairing.pairs.items():
        report = latest[pairing.old_groups[i].members[0]]
        for k in pairing.new_groups[j].members:
            matches[k] = _continued(report, figures[k], predecessor)
        taken.add(report.identity)
    _restatements(memory, figures, pairing, matches, language)
    _bridge_rows(figures, latest, matches, taken, predecessor)
    # A restated cell that joined an identity keeps it; the rest of its group too.
    for group in pairing.new_groups:
        known = next((matches[k] for k in group.members if k in matches), None)
        for k in group.members:
            if k not in matches and known is not None and known.status in ("restated", "revised"):
                matches[k] = known
    return [matches.get(k, Match(None, "new", None)) for k in range(len(figures))]


def _continued(report: Report, figure: Figure, predecessor: str | None) -> Match:
    same = figure.value == report.figure.value and figure.high == report.figure.high
    if report.letter != predecessor:
        return Match(report.identity, "returned", report)
    return Match(report.identity, "unchanged" if same else "changed", report)


def _restatements(
    memory: Sequence[Report],
    figures: Sequence[Figure],
    pairing: Pairing,
    matches: dict[int, Match],
    language: Language,
) -> None:
    """Figures for a period an identity has a report of, not matched already: restatements."""
    by_period: dict[str, list[Report]] = {}
    for report in memory:
        if report.figure.period is not None:
            by_period.setdefault(report.figure.period.key, []).append(report)
    for k, figure in enumerate(figures):
        if k in matches or figure.period is None or (figure.current and k not in pairing.restated):
            continue
        best: tuple[float, Report] | None = None
        for report in by_period.get(figure.period.key, ()):
            if report.figure.unit != figure.unit or report.figure.role != figure.role:
                continue
            score = similarity(report.figure, figure, set(), pairing.rarity)
            if figure.period.grain == "day" and agree(report.figure, figure, language):
                # A value for the very day another letter gave one for, agreeing within
                # rounding (a table's earlier date column): the same data point.
                score = max(score, DAY_MATCH)
            if score >= PAIR_MIN and (best is None or score > best[0]):
                best = (score, report)
        if best is not None:
            report = best[1]
            status = "restated" if agree(report.figure, figure, language) else "revised"
            matches[k] = Match(report.identity, status, report)


def _bridge_rows(
    figures: Sequence[Figure],
    latest: Sequence[Report],
    matches: dict[int, Match],
    taken: set[str],
    predecessor: str | None,
) -> None:
    """The current cell of a table row whose earlier column restated an identity continues
    that identity: the letter itself says what the earlier figure has become."""
    by_identity = {r.identity: r for r in latest}
    for k, match in list(matches.items()):
        cell = figures[k]
        if match.status not in ("restated", "revised") or cell.row is None:
            continue
        if match.identity is None or match.identity in taken:
            continue
        current = [
            n
            for n, f in enumerate(figures)
            if f.row == cell.row and (f.section, f.line) == (cell.section, cell.line)
            and f.current and n not in matches
        ]  # fmt: skip
        if len(current) == 1 and match.identity in by_identity:
            report = by_identity[match.identity]
            matches[current[0]] = _continued(report, figures[current[0]], predecessor)
            taken.add(match.identity)

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
from dataclasses import dataclass, replace

from tracker.comparison.pairing import Pairing, match_groups
from tracker.comparison.similarity import similarity
from tracker.figures.rounding import agree
from tracker.model import Figure, Language

PAIR_MIN = 0.6
"""Least similarity for a restatement to join an identity (as for a pair of letters)."""
DAY_MATCH = 0.7
"""Score of a restatement that gives the value of the very day of a report, within rounding."""
CITED_MATCH = 0.65
"""Score of a value the letter cites as said before ("In July 2023, Treasury estimated
borrowing of $1.007 trillion") when exactly one report of its period has that value."""


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
    group: int = -1
    """Figures of the new letter that say one value again ("€14,3 mld." in the opening and in
    a section) share a group number: a new identity is given once for all of them."""


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
        [r.figure for r in latest],
        figures,
        language,
        old_restated=set(),
        period_bonus=0.0,
        readings=True,
    )
    matches: dict[int, Match] = {}
    taken: set[str] = set()
    for i, j in pairing.pairs.items():
        report = latest[pairing.old_groups[i].members[0]]
        if report.figure.role != figures[pairing.new_groups[j].members[0]].role:
            # Two letters may set an outcome beside its forecast; in a series they are two
            # identities: the forecast's restatement, not the outcome, continues it.
            continue
        for k in pairing.new_groups[j].members:
            matches[k] = _continued(report, figures[k], predecessor)
        taken.add(report.identity)
    _bridged_cells(figures, pairing, matches, language)
    _restatements(memory, figures, pairing, matches, language)
    _bridge_rows(figures, latest, matches, taken, predecessor)
    # A restated cell that joined an identity keeps it; the rest of its group too.
    for group in pairing.new_groups:
        known = next((matches[k] for k in group.members if k in matches), None)
        for k in group.members:
            if k not in matches and known is not None and known.status in ("restated", "revised"):
                matches[k] = known
    group_of = {k: j for j, group in enumerate(pairing.new_groups) for k in group.members}
    return [
        replace(matches.get(k, Match(None, "new", None)), group=group_of.get(k, -1 - k))
        for k in range(len(figures))
    ]


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
        candidates = [
            r
            for r in by_period.get(figure.period.key, ())
            if r.figure.unit == figure.unit and _restates(figure, r.figure)
        ]
        given = _cited_report(figure, candidates, language)
        for report in candidates:
            # A cited value is weighed as the kind of figure it cites.
            cited = replace(figure, role=report.figure.role)
            score = similarity(report.figure, cited, set(), pairing.rarity)
            if figure.period.grain == "day" and agree(report.figure, figure, language):
                # A value for the very day another letter gave one for, agreeing within
                # rounding (a table's earlier date column): the same data point.
                score = max(score, DAY_MATCH)
            if report is given:
                score = max(score, CITED_MATCH)
            if score >= PAIR_MIN and (best is None or score > best[0]):
                best = (score, report)
        if best is not None:
            report = best[1]
            status = "restated" if agree(report.figure, figure, language) else "revised"
            matches[k] = Match(report.identity, status, report)


def _bridged_cells(
    figures: Sequence[Figure],
    pairing: Pairing,
    matches: dict[int, Match],
    language: Language,
) -> None:
    """Where a table row's current cell continues an identity and an earlier column of that
    row gives the value the identity was last reported with, that cell restates the report."""
    for n, match in list(matches.items()):
        current, report = figures[n], match.previous
        if current.row is None or report is None or match.status in ("restated", "revised"):
            continue
        for k in sorted(pairing.restated):
            cell = figures[k]
            same_row = cell.row == current.row and (cell.section, cell.line) == (
                current.section, current.line
            )  # fmt: skip
            if k not in matches and same_row and agree(report.figure, cell, language):
                matches[k] = Match(match.identity, "restated", report)
                break


def _cited_report(
    figure: Figure, candidates: Sequence[Report], language: Language
) -> Report | None:
    """The one report a cited value gives again: a value the letter says was said before, for
    a period of which exactly one identity reported that value (within rounding). The words
    may differ ("Treasury expects to borrow $1.007 trillion in privately-held net marketable
    debt", then "Treasury estimated borrowing of $1.007 trillion"); the citation, the period
    and the value say which report it is."""
    if figure.role != "previous":
        return None
    agreeing = {r.identity: r for r in candidates if agree(r.figure, figure, language)}
    return next(iter(agreeing.values())) if len(agreeing) == 1 else None


def _restates(figure: Figure, reported: Figure) -> bool:
    """Can `figure` be the same data point as `reported`? Of one role; or a value the letter
    cites ("In January, Treasury estimated $729 billion") for an estimate or level reported
    before."""
    if figure.role == reported.role:
        return True
    return figure.role == "previous" and reported.role in ("level", "forecast")


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

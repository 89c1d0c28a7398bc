"""A letter's day report in its series: each figure against its last report in the series.

The text of a letter is compared with its predecessor; its figures are compared with what the
series knows (history/ledger.py): a figure the predecessor did not mention is compared with the
last letter that did, and that letter is named. Findings are checked against those reports:
a stated change against the last reported value, a restated data point against the letter
that first gave it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from tracker.comparison.checks import duplicate_findings, stated_change_findings, sum_findings
from tracker.comparison.pairing import paired_change
from tracker.comparison.series import Match
from tracker.figures.labels import period_text, unique_labels
from tracker.figures.rounding import agree
from tracker.history.ledger import LedgerRow
from tracker.model import Comparison, Document, Figure, FigureChange, Finding, Language

MOVES = 3
"""Moves named in a commit message and the timeline: the largest, at most this many."""


@dataclass(frozen=True, slots=True)
class Counts:
    """What a day report says happened, as its summary counts it."""

    sections_changed: int
    sections_added: int
    sections_removed: int
    figures_changed: int
    figures_new: int
    figures_gone: int
    findings: int


def counts(c: Comparison) -> Counts:
    sections = [p.status for p in c.sections]
    figures = [f.status for f in c.figures]
    return Counts(
        sections_changed=sum(s not in ("unchanged", "added", "removed") for s in sections),
        sections_added=sections.count("added"),
        sections_removed=sections.count("removed"),
        figures_changed=figures.count("changed"),
        figures_new=figures.count("added"),
        figures_gone=figures.count("removed"),
        findings=len(c.findings),
    )


def day_comparison(
    comparison: Comparison,
    figures: Sequence[Figure],
    matches: Sequence[Match],
    previous_figures: Sequence[Figure],
    predecessor_rows: Sequence[LedgerRow],
    continued: set[str],
) -> Comparison:
    """`comparison` (the letter against its predecessor) with its figures and findings taken
    against the series instead. `figures` and `matches` are the letter's, in order;
    `predecessor_rows` the ledger rows of the predecessor, whose figures are
    `previous_figures`; `continued` the identities this letter reports."""
    new = comparison.new
    language = new.meta.language
    predecessor = predecessor_rows[0].letter if predecessor_rows else None
    paired: list[FigureChange] = []
    added: list[FigureChange] = []
    restated: list[tuple[Figure, Match]] = []
    speaks = _speakers(figures, matches)
    for k, (figure, match) in enumerate(zip(figures, matches, strict=True)):
        if match.status in ("restated", "revised"):
            restated.append((figure, match))
            continue
        if speaks.get(match.group, k) != k:
            continue  # the letter says it again: one line for the value
        report = match.previous
        if report is None:
            added.append(FigureChange("added", None, figure, figure.label, figure.unit))
            continue
        old = report.figure
        earlier = report.letter != predecessor
        if not earlier:
            at = next((r.index for r in predecessor_rows if r.figure == report.identity), None)
            if at is not None and at < len(previous_figures):
                old = previous_figures[at]
        change = paired_change(old, figure, language)
        why = f"the same {_what(figure)} as in the letter of {report.date.isoformat()}"
        paired.append(
            replace(
                change,
                why=why,
                old_letter=report.letter if earlier else None,
                old_date=report.date if earlier else None,
            )
        )
    gone = _not_repeated(predecessor_rows, previous_figures, continued)
    ordered = [*paired, *added, *gone]
    sides = [c.new or c.old for c in ordered]
    labels = unique_labels([c.label for c in ordered], sides, language)  # type: ignore[arg-type]
    changes = tuple(replace(c, label=label) for c, label in zip(ordered, labels, strict=True))
    findings = [
        *sum_findings(new, figures),
        *stated_change_findings(new, figures, changes, language),
        *_restatement_findings(new, restated, language),
        *duplicate_findings(new, figures),
    ]
    return replace(comparison, figures=changes, findings=tuple(findings))


def _speakers(figures: Sequence[Figure], matches: Sequence[Match]) -> dict[int, int]:
    """For each group of figures that say one value again, the one the report shows: the one
    that says the value it was last reported with, else running text before a table cell
    ("€179 mln." before "€ 0,18 mld."), else the first."""
    best: dict[int, tuple[tuple[bool, bool, int], int]] = {}
    for k, (figure, match) in enumerate(zip(figures, matches, strict=True)):
        report = match.previous
        same = report is not None and report.figure.value == figure.value
        rank = (not same, figure.row is not None, k)
        if match.group not in best or rank < best[match.group][0]:
            best[match.group] = (rank, k)
    return {group: k for group, (_, k) in best.items()}


def _what(figure: Figure) -> str:
    return f"{figure.role} of {figure.concept!r}" if figure.concept else figure.role


def _not_repeated(
    rows: Sequence[LedgerRow], figures: Sequence[Figure], continued: set[str]
) -> list[FigureChange]:
    """The predecessor's own figures whose identity this letter does not report."""
    gone: list[FigureChange] = []
    seen: set[str] = set()
    for row in rows:
        if row.figure in continued or row.figure in seen or row.status in ("restated", "revised"):
            continue
        seen.add(row.figure)
        old = figures[row.index] if row.index < len(figures) else row.as_figure()
        gone.append(FigureChange("removed", old, None, old.label, old.unit))
    return gone


def _restatement_findings(
    new: Document, restated: Sequence[tuple[Figure, Match]], language: Language
) -> list[Finding]:
    """Data points an earlier letter gave, given again: a table column that agrees is one
    line; a value that differs from the first report is "revised"."""
    findings: list[Finding] = []
    agreed: dict[tuple[int, str, str, dt.date], int] = {}
    for figure, match in restated:
        report = match.previous
        if report is None:
            continue
        heading = new.sections[figure.section].heading if figure.section >= 0 else None
        when = period_text(figure.period, language) if figure.period else figure.column or ""
        if match.status == "revised" and not agree(report.figure, figure, language):
            findings.append(
                Finding(
                    "revised",
                    "warning",
                    f"{figure.label} ({when}) is given as {figure.text}; the letter of "
                    f"{report.date.isoformat()} gave {report.figure.text}.",
                    heading,
                )
            )
        elif figure.column:
            key = (figure.section, figure.column, report.letter, report.date)
            agreed[key] = agreed.get(key, 0) + 1
    for (section, column, _, date), count in agreed.items():
        heading = new.sections[section].heading if section >= 0 else None
        findings.append(
            Finding(
                "restated",
                "info",
                f"The column {column!r} restates {count} figure{'s' if count > 1 else ''} of "
                f"the letter of {date.isoformat()}; they agree within rounding.",
                heading,
            )
        )
    return findings


def largest_moves(c: Comparison, limit: int = MOVES) -> list[str]:
    """The figures that moved most, largest relative move first, as a reader says them:
    "totale waarde van de geleverde militaire steun bijna € 8,7 miljard → circa €11,7 mld."."""
    moved = [
        f
        for f in c.figures
        if f.status == "changed" and f.old is not None and f.new is not None
        and f.new.role in ("level", "forecast")
    ]  # fmt: skip
    moved.sort(key=lambda f: -_relative(f))
    return [
        f"{_short_label(f.new.concept or f.label)} {f.old.text} → {f.new.text}"  # type: ignore[union-attr]
        for f in moved[:limit]
    ]


def _relative(change: FigureChange) -> Decimal:
    if change.delta_pct is not None:
        return abs(change.delta_pct)
    return Decimal(0)


def _short_label(label: str, words: int = 8) -> str:
    parts = label.split()
    return label if len(parts) <= words else " ".join(parts[:words]) + "…"

"""The "Key figures" part of the Markdown report: a table of figure changes, then findings."""

from __future__ import annotations

import datetime as dt

from tracker.figures.labels import period_text
from tracker.model import Comparison, Figure, FigureChange, Language
from tracker.text.safe import markdown_inline

# Changed figures matter most to a reader, then what appeared, what went, what held.
_ORDER = {"changed": 0, "added": 1, "removed": 2, "unchanged": 3}


def key_figures_markdown(c: Comparison, *, explain: bool = False) -> str:
    """Markdown for the report's "Key figures" section: label, old, new, delta, section, with
    changed figures first, followed by the findings list (and, with `explain`, why each pair
    was made). Ends with a newline."""
    lines = ["## Key figures", ""]
    if not c.figures:
        lines.append("No figures found in either letter.")
    else:
        lines.append("| " + " | ".join(FIGURE_COLUMNS) + " |")
        lines.append("| --- | --- | --- | --- | --- |")
        for _, cells in figure_rows(c):
            lines.append("| " + " | ".join(_cell(part) for part in cells) + " |")
    lines += ["", "### Findings", ""]
    if not c.findings:
        lines.append("No findings: no totals, stated changes or restatements to check.")
    for finding in c.findings:
        where = f" ({_cell(finding.section)})" if finding.section else ""
        lines.append(f"- **{finding.kind}**, {finding.severity}{where}: {_cell(finding.message)}")
    if explain:
        lines += ["", "### Why figures were paired", ""]
        paired = [f for f in c.figures if f.why]
        lines += [f"- {_cell(f.label)}: {_cell(f.why or '')}" for f in paired] or [
            "No figures were paired."
        ]
    return "\n".join(lines) + "\n"


FIGURE_COLUMNS = ("Figure", "Old", "New", "Change", "Section")
"""The columns of the key-figures table, in every report format that has one."""


def figure_rows(c: Comparison) -> list[tuple[FigureChange, tuple[str, str, str, str, str]]]:
    """Each figure change with its cells under FIGURE_COLUMNS, as plain text: changed
    figures first, then added, removed and unchanged ones, each in the comparison's order."""
    ordered = sorted(enumerate(c.figures), key=lambda item: (_ORDER[item[1].status], item[0]))
    return [
        (
            change,
            (
                change.label,
                _side(change.old, change.new, c.old.meta.language, change.old_date),
                _side(change.new, change.old, c.new.meta.language),
                _change(change),
                _section(c, change),
            ),
        )
        for _, change in ordered
    ]


def _side(
    figure: Figure | None,
    other: Figure | None,
    language: Language,
    reported: dt.date | None = None,
) -> str:
    """A figure as written; with its period when the other side's differs ("2.2% (August
    2024)" -> "1.7% (September 2024)"), else with its as-of date; and with the date of the
    letter that reported it, when that is an earlier letter than the one compared with
    ("€ 8,7 miljard (2025-09-10)")."""
    if figure is None:
        return "–"
    text = f"{figure.qualifier} {figure.text}" if figure.qualifier else figure.text
    period = figure.period
    notes = []
    if (
        other is not None
        and period is not None
        and (other.period is None or other.period.key != period.key)
    ):
        notes.append(period_text(period, language))
    elif figure.as_of:
        notes.append(f"as of {figure.as_of.isoformat()}")
    if reported is not None:
        notes.append(f"letter of {reported.isoformat()}" if notes else reported.isoformat())
    return f"{text} ({'; '.join(notes)})" if notes else text


def _change(change: FigureChange) -> str:
    if change.status == "changed":
        return change.delta_text or "changed"
    return {"unchanged": "unchanged", "added": "new", "removed": "gone"}[change.status]


def _section(c: Comparison, change: FigureChange) -> str:
    doc, figure = (c.new, change.new) if change.new is not None else (c.old, change.old)
    if figure is None or not 0 <= figure.section < len(doc.sections):
        return ""
    return doc.sections[figure.section].heading or "(opening)"


def _cell(text: str) -> str:
    """One table cell: one line, markup escaped."""
    return markdown_inline(" ".join(text.split()))

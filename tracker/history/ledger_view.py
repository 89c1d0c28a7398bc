"""`tracker figures`: the ledger as a table, CSV or JSON (tracker.figures/1).

Each figure identity with the values letters reported, and its last report named as such.
A value is listed only for a letter that reports it: nothing is carried forward.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from tracker.history.csvlines import CsvLines
from tracker.history.index import LetterEntry
from tracker.history.ledger import LedgerRow
from tracker.history.tracked import TrackedFigure
from tracker.render.jsontext import dumps


def render_ledger(
    letters: Sequence[LetterEntry], tracked: Sequence[TrackedFigure], fmt: str
) -> str:
    """The ledger as a table, CSV or JSON: each figure, its last report and where reported."""
    if fmt == "json":
        return _ledger_json(letters, tracked)
    if fmt == "csv":
        return _ledger_csv(letters, tracked)
    header = ("figure", "label", "unit", "last reported", "on", "letters")
    body = [
        (t.figure, t.label, t.unit, t.last.text, t.last_seen.isoformat(), str(t.seen_in))
        for t in tracked
    ]
    widths = [max(len(r[i]) for r in (header, *body)) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (header, *body)
    ]
    return "\n".join(lines) + "\n"


def _ledger_csv(letters: Sequence[LetterEntry], tracked: Sequence[TrackedFigure]) -> str:
    """One line per reported value; "carried" stays as a column and is always empty."""
    out = io.StringIO()
    writer = CsvLines(out)
    writer.writerow(
        ("figure", "label", "unit", "date", "letter", "value", "text", "carried", "period")
    )
    for t in tracked:
        for _, row in t.reported:
            writer.writerow(
                (
                    t.figure,
                    t.label,
                    t.unit,
                    row.date.isoformat(),
                    row.letter,
                    _plain_number(row.value),
                    row.text,
                    "",
                    row.period,
                )
            )
    return out.getvalue()


def _ledger_json(letters: Sequence[LetterEntry], tracked: Sequence[TrackedFigure]) -> str:
    data = {
        "schema": "tracker.figures/1",
        "letters": [
            {"letter": e.letter, "date": e.date.isoformat(), "title": e.title} for e in letters
        ],
        "figures": [_figure_json(t) for t in tracked],
    }
    return dumps(data) + "\n"


def _figure_json(t: TrackedFigure) -> dict[str, Any]:
    last = t.last
    return {
        "figure": t.figure,
        "label": t.label,
        "unit": t.unit,
        "first_seen": t.first_seen.isoformat(),
        "last_seen": t.last_seen.isoformat(),
        "value": _number(last.value),
        "text": last.text,
        "letters": t.seen_in,
        "values": [_value_json(row) for _, row in t.reported],
        "concept": last.concept,
        "role": last.role,
        "period": last.period or None,
        "period_kind": "current" if last.current else "fixed",
        "reported_in": sorted({row.letter for _, row in t.reported}),
        "last": {
            "letter": last.letter,
            "date": last.date.isoformat(),
            "value": _number(last.value),
            "text": last.text,
        },
    }


def _value_json(row: LedgerRow) -> dict[str, Any]:
    return {
        "letter": row.letter,
        "date": row.date.isoformat(),
        "value": _number(row.value),
        "text": row.text,
        "carried": False,
        "period": row.period or None,
        "status": row.status,
        "compared_with": row.previous or None,
    }


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _plain_number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text

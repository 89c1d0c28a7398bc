"""The series manifest (letters.csv) and the series index page (reports/<series>/README.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.errors import HistoryError
from tracker.history.layout import FEED, page_link, report_link, snapshot_link
from tracker.history.ledger import LedgerRow, TrackedFigure, track

KEY_FIGURE_LETTERS = 12
"""Letters shown as columns of the key-figures table: a year of monthly letters fits a GitHub
page; figures.csv keeps the rest."""
KEY_FIGURE_ROWS = 15
"""Figures shown as rows: the ones mentioned in the most letters."""
CHARTS = 3
"""Mermaid charts drawn, one figure each, of the key figures whose value moved most:
xychart-beta has no legend, so one line per chart is the only way a reader can tell what a
line is."""

LETTER_COLUMNS = (
    "date",
    "letter",
    "title",
    "source",
    "sha256",
    "reference",
    "status",
    "corrects",
    "predecessor",
    "superseded",
    "sections_changed",
    "figures_changed",
    "findings",
)


@dataclass(frozen=True, slots=True)
class LetterEntry:
    """One letter of a series as the manifest lists it."""

    date: dt.date
    letter: str
    """Snapshot stem: snapshots/<series>/<letter>.md, reports/<series>/<letter>.md."""
    title: str
    source: str
    """File name of the original under letters/<series>/."""
    sha256: str
    reference: str
    """The letter's own reference (its first one), "" when it has none."""
    status: str
    """first (opens the series), new, or correction."""
    corrects: str
    """Stem of the letter this one corrects; "" unless a correction."""
    predecessor: str
    """Stem of the letter its report compares against; "" for the first letter."""
    superseded: bool
    """True when a later correction replaces this letter in the series."""
    sections_changed: int
    figures_changed: int
    findings: int

    @property
    def summary(self) -> str:
        """What changed, in words, as the commit message and the timeline say it."""
        if not self.predecessor:
            return "first letter of the series"
        parts = [
            _plural(self.sections_changed, "section") + " changed",
            _plural(self.figures_changed, "figure") + " changed",
        ]
        if self.findings:
            parts.append(_plural(self.findings, "finding"))
        prefix = "correction: " if self.status == "correction" else ""
        return prefix + ", ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def entries_to_csv(entries: Sequence[LetterEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LETTER_COLUMNS)
    for e in entries:
        writer.writerow(
            (
                e.date.isoformat(),
                e.letter,
                e.title,
                e.source,
                e.sha256,
                e.reference,
                e.status,
                e.corrects,
                e.predecessor,
                "yes" if e.superseded else "",
                e.sections_changed,
                e.figures_changed,
                e.findings,
            )
        )
    return out.getvalue()


def entries_from_csv(text: str, name: str = "letters.csv") -> list[LetterEntry]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        return []
    if tuple(reader.fieldnames) != LETTER_COLUMNS:
        raise HistoryError(
            f"{name}: unexpected columns {','.join(reader.fieldnames)}",
            "run `tracker rebuild` to regenerate it from the snapshots",
        )
    entries: list[LetterEntry] = []
    for r in reader:
        try:
            entries.append(
                LetterEntry(
                    date=dt.date.fromisoformat(r["date"]),
                    letter=r["letter"],
                    title=r["title"],
                    source=r["source"],
                    sha256=r["sha256"],
                    reference=r["reference"],
                    status=r["status"],
                    corrects=r["corrects"],
                    predecessor=r["predecessor"],
                    superseded=r["superseded"] == "yes",
                    sections_changed=int(r["sections_changed"]),
                    figures_changed=int(r["figures_changed"]),
                    findings=int(r["findings"]),
                )
            )
        except (ValueError, TypeError) as exc:
            raise HistoryError(
                f"{name}, line {reader.line_num}: cannot read the row ({exc})",
                "run `tracker rebuild` to regenerate it from the snapshots",
            ) from None
    return entries


# --- README.md ------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_index(series: str, entries: Sequence[LetterEntry], rows: Sequence[LedgerRow]) -> str:
    """The series index page: timeline, key figures over time, charts. Pure and stable."""
    lines = [f"# {series}", ""]
    if not entries:
        return "\n".join([*lines, "No letters yet.", ""])
    lines += [
        f"{_plural(len(entries), 'letter')} from {entries[0].date.isoformat()} to "
        f"{entries[-1].date.isoformat()}. Written by `tracker`; `tracker rebuild` regenerates "
        "this page, the reports and [figures.csv](figures.csv) from the snapshots. "
        f"Follow the series in a feed reader: [{FEED}]({FEED}) (Atom).",
        "",
        "## Timeline",
        "",
        "| Date | Letter | What changed | Files |",
        "| --- | --- | --- | --- |",
    ]
    for e in entries:
        title = _cell(e.title)
        if e.superseded:
            title += " *(superseded by a correction)*"
        files = (
            f"[report]({report_link(e.letter)}) · [side by side]({page_link(e.letter)}) · "
            f"[snapshot]({snapshot_link(series, e.letter)})"
        )
        lines.append(f"| {e.date.isoformat()} | {title} | {_cell(e.summary)} | {files} |")
    lines.append("")

    chain = [e for e in entries if not e.superseded]
    window = index_window(entries)
    tracked = track(rows, [e.letter for e in window])
    tracked.sort(key=lambda t: -t.seen_in)  # stable: first appearance breaks ties
    key = tracked[:KEY_FIGURE_ROWS]
    if key:
        lines += ["## Key figures over time", ""]
        shown = (
            f"the last {len(window)} of {len(chain)} letters"
            if len(chain) > len(window)
            else (_plural(len(window), "letter"))
        )
        lines += [
            f"The {len(key)} figures mentioned most often across {shown}; *italics*: not "
            "restated in that letter, last value carried forward. Every figure of every letter "
            "is in [figures.csv](figures.csv).",
            "",
            "| Figure | " + " | ".join(e.date.isoformat() for e in window) + " |",
            "| --- |" + " --- |" * len(window),
        ]
        for t in key:
            cells = []
            for c in t.cells:
                if c is None:
                    cells.append("")
                elif c.carried:
                    cells.append(f"*{_cell(c.row.text)}*")
                else:
                    cells.append(_cell(c.row.text))
            lines.append(f"| {_cell(t.label or t.figure)} | " + " | ".join(cells) + " |")
        lines.append("")
        # Chart the figures that moved most: a flat line tells nothing the table does not.
        moving = sorted((t for t in key if _moves(t)), key=lambda t: -_distinct(t))
        charts = [_chart(t, window) for t in moving[:CHARTS]]
        if charts:
            lines += ["## Charts", ""]
            for chart in charts:
                lines += [*chart, ""]
    return "\n".join(lines)


def index_window(entries: Sequence[LetterEntry]) -> list[LetterEntry]:
    """The letters the key-figures table shows: the last KEY_FIGURE_LETTERS standing.

    `render_index` reads ledger rows of these letters only."""
    return [e for e in entries if not e.superseded][-KEY_FIGURE_LETTERS:]


def _distinct(t: TrackedFigure) -> int:
    return len({c.row.value for c in t.cells if c is not None})


def _moves(t: TrackedFigure) -> bool:
    return t.seen_in >= 2 and _distinct(t) >= 2


_SCALES = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "mln"), (Decimal(10) ** 3, "thousand"))


def _chart(t: TrackedFigure, window: Sequence[LetterEntry]) -> list[str]:
    """A Mermaid xychart-beta of one figure over the letters since it first appeared."""
    points = [(e, c) for e, c in zip(window, t.cells, strict=True) if c is not None]
    values = [c.row.value for _, c in points]
    peak = max(abs(v) for v in values)
    divisor, scale = Decimal(1), ""
    if t.unit not in {"%", "pp", "bp"}:
        for size, name in _SCALES:
            if peak >= size:
                divisor, scale = size, name
                break
    unit = " ".join(part for part in (t.unit if t.unit != "count" else "", scale) if part)
    title = (t.label or t.figure).replace('"', "'")
    axis = ", ".join(f'"{e.date.isoformat()}"' for e, _ in points)
    data = ", ".join(_plain(v / divisor) for v in values)
    return [
        "```mermaid",
        "xychart-beta",
        f'    title "{title}"',
        f"    x-axis [{axis}]",
        f'    y-axis "{unit or "number"}"',
        f"    line [{data}]",
        "```",
    ]


def _plain(value: Decimal) -> str:
    text = format(round(value, 3), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- `tracker figures` ----------------------------------------------------------------


def render_ledger(
    letters: Sequence[LetterEntry], tracked: Sequence[TrackedFigure], fmt: str
) -> str:
    """The ledger as a table, CSV or JSON: each figure, its last value and when last seen."""
    if fmt == "json":
        return _ledger_json(letters, tracked)
    if fmt == "csv":
        return _ledger_csv(letters, tracked)
    header = ("figure", "label", "unit", "last value", "last seen", "letters")
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("figure", "label", "unit", "date", "letter", "value", "text", "carried"))
    for t in tracked:
        for letter, cell in zip(letters, t.cells, strict=True):
            if cell is None:
                continue
            writer.writerow(
                (
                    t.figure,
                    t.label,
                    t.unit,
                    letter.date.isoformat(),
                    letter.letter,
                    _plain_number(cell.row.value),
                    cell.row.text,
                    "yes" if cell.carried else "",
                )
            )
    return out.getvalue()


def _ledger_json(letters: Sequence[LetterEntry], tracked: Sequence[TrackedFigure]) -> str:
    def number(value: Decimal) -> int | float:
        return int(value) if value == value.to_integral_value() else float(value)

    data = {
        "schema": "tracker.figures/1",
        "letters": [
            {"letter": e.letter, "date": e.date.isoformat(), "title": e.title} for e in letters
        ],
        "figures": [
            {
                "figure": t.figure,
                "label": t.label,
                "unit": t.unit,
                "first_seen": t.first_seen.isoformat(),
                "last_seen": t.last_seen.isoformat(),
                "value": number(t.last.value),
                "text": t.last.text,
                "letters": t.seen_in,
                "values": [
                    {
                        "letter": letter.letter,
                        "date": letter.date.isoformat(),
                        "value": number(cell.row.value),
                        "text": cell.row.text,
                        "carried": cell.carried,
                    }
                    for letter, cell in zip(letters, t.cells, strict=True)
                    if cell is not None
                ],
            }
            for t in tracked
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _plain_number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text

"""The series manifest (letters.csv) and the series index page (reports/<series>/README.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.errors import HistoryError
from tracker.history.csvlines import CsvRecords, csv_text
from tracker.history.layout import FEED, page_link, report_link, snapshot_link
from tracker.history.ledger import LedgerRow
from tracker.history.tracked import TrackedFigure, track
from tracker.text.safe import markdown_inline

KEY_FIGURE_LETTERS = 12
"""Letters shown as columns of the key-figures table: a year of monthly letters fits a GitHub
page; figures.csv keeps the rest."""
KEY_FIGURE_ROWS = 15
"""Figures shown as rows: those that moved, then those reported in the most letters."""
CHARTS = 3
"""Mermaid charts drawn, one figure each, of the key figures whose value moved most:
xychart-beta has no legend, so one line per chart is the only way a reader can tell what a
line is."""
CHART_POINTS = 3
"""Reported values a figure needs for a chart: two points are a change, said in the table."""
SHORT_DATES = 6
"""Above this many points a chart's dates are written as months ("2025-09")."""

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
    "sections_added",
    "sections_removed",
    "figures_new",
    "figures_gone",
    "moves",
)
"""The columns of letters.csv. New columns go at the end; a manifest written before them
reads with them empty (and its series is rebuilt on the next ingest)."""


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
    """Sections paired with one of the predecessor's and changed (added and removed apart)."""
    figures_changed: int
    """Figures whose value moved since their last report."""
    findings: int
    sections_added: int = 0
    sections_removed: int = 0
    figures_new: int = 0
    """Figures the series had not seen."""
    figures_gone: int = 0
    """Figures of the predecessor this letter does not repeat."""
    moves: str = ""
    """The largest moves, "; "-separated: "rentevoet 3,75% → 1,00%; …"."""

    @property
    def summary(self) -> str:
        """What changed, in words, as the commit message and the timeline say it:
        "2 sections changed, 7 added, 7 removed; 3 figures changed, 12 new, 9 not repeated"."""
        if not self.predecessor:
            return "first letter of the series"
        sections = _counted(
            "section",
            [(self.sections_changed, "changed"), (self.sections_added, "added"),
             (self.sections_removed, "removed")],
        )  # fmt: skip
        figures = _counted(
            "figure",
            [(self.figures_changed, "changed"), (self.figures_new, "new"),
             (self.figures_gone, "not repeated")],
        )  # fmt: skip
        parts = [sections, figures]
        if self.findings:
            parts.append(_plural(self.findings, "finding"))
        prefix = "correction: " if self.status == "correction" else ""
        return prefix + "; ".join(parts)


def _counted(noun: str, counts: list[tuple[int, str]]) -> str:
    """ "2 sections changed, 7 added"; "no section changed" when nothing happened."""
    said = [(n, what) for n, what in counts if n]
    if not said:
        return f"no {noun} changed"
    (first, what), rest = said[0], said[1:]
    return ", ".join([f"{_plural(first, noun)} {what}", *(f"{n} {w}" for n, w in rest)])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def entries_to_csv(entries: Sequence[LetterEntry]) -> str:
    return csv_text([LETTER_COLUMNS, *(_entry_fields(e) for e in entries)])


def _entry_fields(e: LetterEntry) -> tuple[object, ...]:
    return (
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
        e.sections_added,
        e.sections_removed,
        e.figures_new,
        e.figures_gone,
        e.moves,
    )


def entries_from_csv(text: str, name: str = "letters.csv") -> list[LetterEntry]:
    reader = CsvRecords(text, name)
    if reader.fieldnames is None:
        return []
    older = LETTER_COLUMNS[: len(reader.fieldnames)]
    if tuple(reader.fieldnames) != older or len(older) < LETTER_COLUMNS.index("findings") + 1:
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
                    sections_added=int(r.get("sections_added") or 0),
                    sections_removed=int(r.get("sections_removed") or 0),
                    figures_new=int(r.get("figures_new") or 0),
                    figures_gone=int(r.get("figures_gone") or 0),
                    moves=r.get("moves") or "",
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
    return markdown_inline(text)


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
        "| Date | Letter | What moved | What changed | Files |",
        "| --- | --- | --- | --- | --- |",
    ]
    for e in entries:
        title = _cell(e.title)
        if e.superseded:
            title += " *(superseded by a correction)*"
        files = (
            f"[report]({report_link(e.letter)}) · [side by side]({page_link(e.letter)}) · "
            f"[snapshot]({snapshot_link(series, e.letter)})"
        )
        moves = "<br>".join(_cell(m) for m in e.moves.split("; ") if m)
        lines.append(f"| {e.date.isoformat()} | {title} | {moves} | {_cell(e.summary)} | {files} |")
    lines.append("")
    window = index_window(entries)
    return "\n".join([*lines, *_key_figures(entries, window, rows)])


def index_window(entries: Sequence[LetterEntry]) -> list[LetterEntry]:
    """The letters the key-figures table shows: the last KEY_FIGURE_LETTERS standing.

    `render_index` reads ledger rows of these letters only."""
    return [e for e in entries if not e.superseded][-KEY_FIGURE_LETTERS:]


def key_figures(tracked: Sequence[TrackedFigure]) -> list[TrackedFigure]:
    """The figures a reader follows: reported in two letters or more, those that moved first,
    then those reported most often (first appearance breaks ties). A number said once ("zes
    thema's") is not followed."""
    followed = [t for t in tracked if t.seen_in >= 2]
    followed.sort(key=lambda t: (not t.moved, -t.seen_in))  # stable
    return followed[:KEY_FIGURE_ROWS]


def _key_figures(
    entries: Sequence[LetterEntry], window: Sequence[LetterEntry], rows: Sequence[LedgerRow]
) -> list[str]:
    tracked = track(rows, [e.letter for e in window])
    key = key_figures(tracked)
    if not key:
        return []
    chain = [e for e in entries if not e.superseded]
    shown = (
        f"the last {len(window)} of {len(chain)} letters"
        if len(chain) > len(window)
        else _plural(len(window), "letter")
    )
    lines = [
        "## Key figures over time",
        "",
        f"The figures reported in more than one of {shown}, those that moved first. A value "
        "stands only under a letter that reports it; *restated*: an earlier data point given "
        "again. Every figure of every letter is in [figures.csv](figures.csv).",
        "",
        "| Figure | " + " | ".join(e.date.isoformat() for e in window) + " | Last reported |",
        "| --- |" + " --- |" * (len(window) + 1),
    ]
    for t, name in zip(key, _names(key), strict=True):
        cells = []
        for position in range(len(window)):
            row = t.at(position)
            if row is None:
                cells.append("")
            elif row.status in ("restated", "revised"):
                cells.append(f"{_cell(row.text)} *(restated)*")
            else:
                cells.append(_cell(row.text))
        last = f"{_cell(t.last.text)} ({t.last.date.isoformat()})"
        lines.append(f"| {_cell(name)} | " + " | ".join(cells) + f" | {last} |")
    lines.append("")
    # Chart the figures that moved most: a flat line tells nothing the table does not.
    moving = [t for t in key if t.moved and len(_points(t, window)) >= CHART_POINTS]
    moving.sort(key=lambda t: -len({(r.value, r.high) for r in t.values}))
    charts = [_chart(t, window) for t in moving[:CHARTS]]
    if charts:
        lines += ["## Charts", ""]
        for chart in charts:
            lines += [*chart, ""]
    return lines


def _names(key: Sequence[TrackedFigure]) -> list[str]:
    """Each figure's name, told apart from another of the same name by its unit, else by
    when it was first reported: two rows never read alike."""
    names = [t.name for t in key]
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        groups.setdefault(name.casefold(), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        units = {key[i].unit for i in members}
        for i in members:
            t = key[i]
            extra = t.unit if len(units) == len(members) else f"from {t.first_seen.isoformat()}"
            name = names[i]
            names[i] = f"{name[:-1]}, {extra})" if name.endswith(")") else f"{name} ({extra})"
    return names


_SCALES = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "mln"), (Decimal(10) ** 3, "thousand"))


def _points(t: TrackedFigure, window: Sequence[LetterEntry]) -> list[tuple[dt.date, Decimal]]:
    """The figure's own reported values in the window: (letter date, value)."""
    points = []
    for position, entry in enumerate(window):
        row = t.at(position)
        if row is not None and row.status not in ("restated", "revised"):
            points.append((entry.date, row.value))
    return points


def _chart(t: TrackedFigure, window: Sequence[LetterEntry]) -> list[str]:
    """A Mermaid xychart-beta of one figure's reported values. The value axis includes zero,
    so that a 5% move looks like one; many dates are written as months."""
    points = _points(t, window)
    values = [v for _, v in points]
    peak = max(abs(v) for v in values)
    divisor, scale = Decimal(1), ""
    if t.unit not in {"%", "pp", "bp"}:
        for size, name in _SCALES:
            if peak >= size:
                divisor, scale = size, name
                break
    unit = " ".join(part for part in (t.unit if t.unit != "count" else "", scale) if part)
    title = (t.name).replace('"', "'")
    dates = [d.isoformat() for d, _ in points]
    months = [d[:7] for d in dates]
    if len(points) > SHORT_DATES and len(set(months)) == len(months):
        dates = months
    axis = ", ".join(f'"{d}"' for d in dates)
    shown = [v / divisor for v in values]
    low, high = min(Decimal(0), *shown), max(Decimal(0), *shown)
    top = high + (high - low) / 10
    bottom = low - (high - low) / 10 if low < 0 else low
    data = ", ".join(_plain(v) for v in shown)
    return [
        "```mermaid",
        "xychart-beta",
        f'    title "{title}"',
        f"    x-axis [{axis}]",
        f'    y-axis "{unit or "number"}" {_plain(bottom)} --> {_plain(top)}',
        f"    line [{data}]",
        "```",
    ]


def _plain(value: Decimal) -> str:
    text = format(round(value, 3), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text

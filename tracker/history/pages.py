"""The files a series build writes beside the Markdown reports: each letter's report as an
HTML page (reports/<series>/<letter>.html) and the series' Atom feed (feed.xml).

history/build.py asks `extra_files` for them once it knows the series' letters, their reports'
comparisons and the ledger rows; a page shows what the Markdown day report shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from tracker.history.feed import render_feed
from tracker.history.index import LetterEntry
from tracker.history.layout import FEED, INDEX, feed_path, page_path
from tracker.history.ledger import LedgerRow
from tracker.model import Comparison, Figure
from tracker.render.html import render_figures_html, render_html

LINKS = (("Series index", INDEX), ("Atom feed", FEED))
"""Where a letter's page links to, relative to reports/<series>/."""


class LetterWork(Protocol):
    """What the build keeps of one letter that its page needs (history/build.py's Work)."""

    @property
    def figures(self) -> tuple[Figure, ...]: ...
    @property
    def headings(self) -> tuple[str | None, ...]: ...


def comparison_page(c: Comparison) -> str:
    """A letter's report as an HTML page, the two letters side by side."""
    return render_html(c, links=LINKS)


def extra_files(
    series: str,
    entries: Sequence[LetterEntry],
    rows: Sequence[LedgerRow],
    works: Mapping[str, LetterWork],
    comparisons: Mapping[str, Comparison | None],
) -> dict[str, str]:
    """The HTML page of each letter in `works` (by stem; its report's comparison in
    `comparisons`, None for the first letter), and the series feed from all the series'
    `entries` and the ledger `rows` of at least the feed's letters; by path."""
    by_stem = {e.letter: e for e in entries}
    files: dict[str, str] = {}
    for stem, work in works.items():
        comparison = comparisons.get(stem)
        if comparison is None:
            page = _first_page(by_stem[stem], work)
        else:
            page = comparison_page(comparison)
        files[page_path(series, stem)] = page
    files[feed_path(series)] = render_feed(series, entries, rows)
    return files


def _first_page(entry: LetterEntry, work: LetterWork) -> str:
    """The page of a letter with no earlier letter: its figures, as its Markdown report."""
    rows = []
    for figure in work.figures:
        inside = 0 <= figure.section < len(work.headings)
        heading = work.headings[figure.section] if inside else None
        rows.append((figure.label or "", figure.text, heading or ""))
    note = (
        f"{entry.date.isoformat()} · first letter of the series: there is no earlier letter "
        "to compare it with."
    )
    return render_figures_html(entry.title, note, rows, links=LINKS)

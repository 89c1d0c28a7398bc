"""The Atom feed of a series (reports/<series>/feed.xml): an entry per letter, newest first.

A pure function of the manifest's letters and the ledger's rows, like the series index: ids
are name-based UUIDs of the series and the letter, and every date is a letter's own date, so
`tracker rebuild --check` finds the feed unchanged. It holds the letters the index's
key-figures table shows (index_window), which is also all the ledger an append reads.
Links are relative to the feed, as the index's are: a feed reader resolves them against the
address it subscribed to.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from lxml import etree

from tracker.history.index import LetterEntry, index_window
from tracker.history.layout import INDEX, page_link, report_link
from tracker.history.ledger import LedgerRow
from tracker.render.html_redline import E, html_text, text

ATOM = "http://www.w3.org/2005/Atom"
MOVES_SHOWN = 10
"""Figure moves listed in an entry; the report lists them all."""
_NAMESPACE = uuid.UUID("5c0b6d2e-4f39-5b8a-9d7e-2a61c1f0e3a4")
"""The namespace of the feed's name-based ids: fixed, so an id never changes."""


def render_feed(series: str, entries: Sequence[LetterEntry], rows: Sequence[LedgerRow]) -> str:
    """The feed as Atom XML text: one entry per letter of the index's window, newest first,
    with the letter's title, date, what changed and the figures that moved, and links to its
    reports."""
    window = index_window(entries)
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    _add(root, "id", _urn(f"series/{series}"))
    _add(root, "title", series)
    _add(root, "subtitle", f"What changed in each letter of the series {series}.")
    latest = max((e.date for e in window), default=dt.date(1970, 1, 1))
    _add(root, "updated", _timestamp(latest))
    author = _add(root, "author")
    _add(author, "name", "letter tracker")
    _add(root, "generator", "letter tracker")
    _link(root, INDEX, "alternate", "text/markdown")
    moves = figure_moves(window, rows)
    for entry in reversed(window):
        root.append(_entry(series, entry, moves.get(entry.letter, [])))
    markup: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return markup.decode("utf-8")


def _entry(series: str, entry: LetterEntry, moves: list[tuple[str, str, str]]) -> etree._Element:
    node = etree.Element(f"{{{ATOM}}}entry")
    _add(node, "id", _urn(f"letter/{series}/{entry.letter}/{entry.sha256}"))
    _add(node, "title", text(f"{entry.date.isoformat()} · {entry.title}"))
    _add(node, "published", _timestamp(entry.date))
    _add(node, "updated", _timestamp(entry.date))
    _link(node, page_link(entry.letter), "alternate", "text/html")
    _link(node, report_link(entry.letter), "related", "text/markdown")
    _add(node, "summary", text(entry.summary)).set("type", "text")
    content = _add(node, "content", _content(entry, moves))
    content.set("type", "html")
    return node


def _content(entry: LetterEntry, moves: list[tuple[str, str, str]]) -> str:
    """The entry's body as HTML: what changed, the figures that moved, the reports."""
    parts = [E.p(text(entry.summary[:1].upper() + entry.summary[1:] + "."))]
    if moves:
        items = [
            E.li(text(label), ": ", text(old), " \u2192 ", text(new))
            for label, old, new in moves[:MOVES_SHOWN]
        ]
        if len(moves) > MOVES_SHOWN:
            items.append(E.li(f"and {len(moves) - MOVES_SHOWN} more: see the report"))
        parts += [E.p("Figures that moved since they were last reported:"), E.ul(*items)]
    parts.append(
        E.p(
            E.a("Side-by-side report", href=page_link(entry.letter)),
            " \u00b7 ",
            E.a("Markdown report", href=report_link(entry.letter)),
        )
    )
    return "".join(html_text(part).strip() for part in parts)


def figure_moves(
    letters: Sequence[LetterEntry], rows: Sequence[LedgerRow]
) -> dict[str, list[tuple[str, str, str]]]:
    """Per letter, each figure whose value differs from the one last reported before it
    among `letters` (in series order): (label, old text, new text), in the letter's order.
    A restated earlier data point is not a move."""
    order = {e.letter: n for n, e in enumerate(letters)}
    shown = sorted((r for r in rows if r.letter in order), key=lambda r: (order[r.letter], r.index))
    last: dict[str, LedgerRow] = {}
    moves: dict[str, list[tuple[str, str, str]]] = {}
    for row in shown:
        if row.status in ("restated", "revised"):
            continue
        before = last.get(row.figure)
        if before is not None and before.letter != row.letter and before.value != row.value:
            move = (row.label or row.figure, before.text, row.text)
            moves.setdefault(row.letter, []).append(move)
        last[row.figure] = row
    return moves


def _add(parent: etree._Element, name: str, value: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    if value is not None:
        child.text = value
    return child


def _link(parent: etree._Element, href: str, rel: str, kind: str) -> None:
    link = etree.SubElement(parent, f"{{{ATOM}}}link")
    link.set("rel", rel)
    link.set("type", kind)
    link.set("href", href)


def _timestamp(date: dt.date) -> str:
    """A letter's date as an Atom date: its midnight, UTC (a letter carries no time)."""
    return f"{date.isoformat()}T00:00:00Z"


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"

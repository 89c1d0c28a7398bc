"""The series' Atom feed and HTML pages, read back by a feed parser and an HTML parser."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from tracker.comparison.compare import compare
from tracker.history.feed import ATOM, MOVES_SHOWN, render_feed
from tracker.history.index import KEY_FIGURE_LETTERS, LetterEntry
from tracker.history.ledger import LedgerRow
from tracker.history.pages import LINKS
from tracker.read.snapshot import from_markdown
from tracker.render.html import render_html

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports" / "oekraine-steun"
SNAPSHOTS = ROOT / "snapshots" / "oekraine-steun"


def entry(n: int, title: str = "", *, superseded: bool = False) -> LetterEntry:
    date = dt.date(2024, 1, 1) + dt.timedelta(days=30 * n)
    return LetterEntry(
        date=date,
        letter=f"{date.isoformat()}-letter-{n}",
        title=title or f"Letter {n}",
        source=f"{n}.txt",
        sha256=f"{n:064x}",
        reference="",
        status="first" if n == 0 else "new",
        corrects="",
        predecessor="" if n == 0 else "x",
        superseded=superseded,
        sections_changed=n,
        figures_changed=1,
        findings=0,
    )


def row(e: LetterEntry, figure: str, value: int, index: int = 0) -> LedgerRow:
    return LedgerRow(
        date=e.date,
        letter=e.letter,
        figure=figure,
        label=f"label of {figure}",
        unit="EUR",
        value=Decimal(value),
        high=None,
        text=f"€ {value} mln.",
        qualifier=None,
        section="",
        line=1,
        index=index,
        status="changed",
    )


def test_the_seed_series_feed_is_valid_atom_with_an_entry_per_letter() -> None:
    text = (REPORTS / "feed.xml").read_text(encoding="utf-8")
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "oekraine-steun"
    assert feed.feed.id.startswith("urn:uuid:")
    assert feed.feed.author == "letter tracker"
    letters = sorted(p.stem for p in SNAPSHOTS.glob("*.md"))
    assert [e.link for e in feed.entries] == [f"{stem}.html" for stem in reversed(letters)]
    assert len({e.id for e in feed.entries}) == len(letters)
    newest = feed.entries[0]
    assert newest.title.startswith("2026-03-04 · ")
    assert newest.updated_parsed[:3] == (2026, 3, 4)
    assert newest.published == "2026-03-04T00:00:00Z"
    assert feed.feed.updated == newest.updated
    delivery = next(e for e in feed.entries if e.title.startswith("2026-02-27 "))
    assert delivery.title == "2026-02-27 · Leveringen militaire goederen aan Oekraïne"
    assert delivery.summary.startswith("7 sections added, 7 removed; 4 figures changed")
    body = BeautifulSoup(delivery.content[0].value, "html.parser")
    assert "militaire steun begroot: € 13,6 miljard → €14,3 mld." in body.get_text()
    assert [a["href"] for a in body.find_all("a")] == [
        "2026-02-27-leveringen-militaire-goederen.html",
        "2026-02-27-leveringen-militaire-goederen.md",
    ]
    links = {(link.rel, link.type): link.href for link in delivery.links}
    assert links[("related", "text/markdown")] == "2026-02-27-leveringen-militaire-goederen.md"
    # Every entry's page and report is a file beside the feed.
    for item in feed.entries:
        for link in item.links:
            assert (REPORTS / link.href).is_file(), link.href


def test_the_feed_follows_rfc_4287() -> None:
    """What a feed reader may rely on: the feed's and each entry's id, title and updated,
    an author for the whole feed, and an alternate link per entry."""
    root = etree.fromstring((REPORTS / "feed.xml").read_bytes())
    ns = {"a": ATOM}
    assert root.tag == f"{{{ATOM}}}feed"
    for name in ("id", "title", "updated", "author/a:name"):
        assert len(root.findall(f"a:{name}", ns)) == 1, name
    for item in root.findall("a:entry", ns):
        for name in ("id", "title", "updated", "summary", "content"):
            assert len(item.findall(f"a:{name}", ns)) == 1, name
        assert len(item.findall("a:link[@rel='alternate']", ns)) == 1
        dt.datetime.strptime(item.findtext("a:updated", namespaces=ns), "%Y-%m-%dT%H:%M:%SZ")


def test_the_feed_is_a_pure_function_of_letters_and_rows() -> None:
    entries = [entry(n) for n in range(3)]
    rows = [row(entries[0], "a", 10), row(entries[1], "a", 12), row(entries[2], "a", 12)]
    first = render_feed("s", entries, rows)
    assert render_feed("s", list(entries), list(reversed(rows))) == first
    feed = feedparser.parse(first)
    assert [e.title for e in feed.entries] == [
        "2024-03-01 · Letter 2",
        "2024-01-31 · Letter 1",
        "2024-01-01 · Letter 0",
    ]
    moved = BeautifulSoup(feed.entries[1].content[0].value, "html.parser").get_text()
    assert "label of a: € 10 mln. → € 12 mln." in moved
    steady = BeautifulSoup(feed.entries[0].content[0].value, "html.parser").get_text()
    assert "moved" not in steady  # the same value again is no move


def test_the_feed_holds_the_letters_the_index_window_shows() -> None:
    entries = [entry(n) for n in range(KEY_FIGURE_LETTERS + 3)]
    entries[-1] = entry(KEY_FIGURE_LETTERS + 2, superseded=True)
    feed = feedparser.parse(render_feed("s", entries, []))
    assert len(feed.entries) == KEY_FIGURE_LETTERS
    assert feed.entries[0].title.endswith(f"Letter {KEY_FIGURE_LETTERS + 1}")
    many = [row(entries[-2], f"f{n}", n + 1, n) for n in range(MOVES_SHOWN + 4)]
    many += [row(entries[-3], f"f{n}", 100, n) for n in range(MOVES_SHOWN + 4)]
    body = feedparser.parse(render_feed("s", entries, many)).entries[0].content[0].value
    items = BeautifulSoup(body, "html.parser").find_all("li")
    assert len(items) == MOVES_SHOWN + 1
    assert items[-1].get_text() == "and 4 more: see the report"


def test_hostile_titles_stay_text_in_the_feed() -> None:
    title = "A <script>alert(1)</script> & ]]> \x01 title"
    text = render_feed("s", [entry(0, title)], [])
    feed = feedparser.parse(text)
    assert not feed.bozo
    assert feed.entries[0].title == "2024-01-01 · A <script>alert(1)</script> & ]]> \ufffd title"
    assert b"<script>" not in etree.tostring(etree.fromstring(text.encode()))


def test_a_series_page_is_the_comparison_page_with_links_to_index_and_feed() -> None:
    stems = sorted(p.stem for p in SNAPSHOTS.glob("*.md"))
    old, new = (from_markdown((SNAPSHOTS / f"{s}.md").read_text()) for s in stems[-2:])
    page = (REPORTS / f"{stems[-1]}.html").read_text(encoding="utf-8")
    # The text side by side as the two letters compare; the figures as the day report has
    # them, each against its last report in the series.
    direct = BeautifulSoup(render_html(compare(old, new), links=LINKS), "html.parser")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("h1").get_text() == direct.find("h1").get_text()  # type: ignore[union-attr]
    report = (REPORTS / f"{stems[-1]}.md").read_text(encoding="utf-8")
    table = report.split("## Key figures", 1)[1].split("### Findings", 1)[0]
    labels = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines()[4:] if line]
    shown = [th.get_text(" ", strip=True) for th in soup.find_all("th", scope="row")]
    assert labels and all(label.replace("\\|", "|") in shown for label in labels)
    nav = soup.find("nav")
    assert [a["href"] for a in nav.find_all("a")][:2] == ["README.md", "feed.xml"]  # type: ignore[union-attr]
    first = BeautifulSoup((REPORTS / f"{stems[0]}.html").read_text(), "html.parser")
    assert "first letter of the series" in first.get_text()
    assert first.find("table") is not None and first.find("th", scope="row") is not None

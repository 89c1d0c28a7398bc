"""The HTML report read back with an HTML parser: structure, marks, escaping, the CLI.

The page is written by lxml; it is read here with Python's own html.parser (through
BeautifulSoup), so a serialiser bug cannot hide behind the same library reading it back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from history_repos import run_main
from lettertext import document
from typer.testing import CliRunner

from tracker.cli import app
from tracker.comparison.compare import compare
from tracker.read.files import load_document
from tracker.render.figures import figure_rows
from tracker.render.html import render_html
from tracker.render.markdown import summary_lines

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SEEDS = ROOT / "letters" / "oekraine-steun"
NEWS = SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt"
DELIVERY = SEEDS / "2026-02-27-leveringen-militaire-goederen.txt"

HOSTILE_OLD = """Hostile <b>letter</b> & co

Financiën <script>alert('heading')</script>

Het budget is € 10 miljard. De steun loopt door <img src=x onerror=alert(1)>.

Een zin die blijft staan. Een zin die anders wordt.

Weg </style><script>alert('gone')</script>

Deze sectie verdwijnt, met <!-- commentaar --> en ]]> erin.
"""
HOSTILE_NEW = """Hostile <b>letter</b> & co

Financiën <script>alert('heading')</script>

Het budget is € 12 miljard. De steun loopt door <script>alert('new')</script> en verder.

Een zin die blijft staan. Een zin die nu </td></tr></table><h1>geen kop</h1> zegt.

Nieuw "<iframe src=//example.com>"

Deze sectie is nieuw: <a href="javascript:alert(3)">klik</a> &amp; &lt;ok&gt;.
"""


def case_pages(case: str) -> tuple[str, str]:
    """The HTML report of a comparison case, and the case's name."""
    old, new = (CASES / case / "letters.txt").read_text(encoding="utf-8").split()
    return render_html(compare(load_document(ROOT / old), load_document(ROOT / new))), case


def soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def words(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.fixture(scope="module")
def seed_page() -> BeautifulSoup:
    return soup(render_html(compare(load_document(NEWS), load_document(DELIVERY))))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    old, new = folder / "2025-01-01-oud.txt", folder / "2025-02-01-nieuw.txt"
    old.write_text(HOSTILE_OLD, encoding="utf-8")
    new.write_text(HOSTILE_NEW, encoding="utf-8")
    return old, new


def test_a_page_with_a_doctype_language_title_and_one_h1(seed_page: BeautifulSoup) -> None:
    page = render_html(compare(load_document(NEWS), load_document(DELIVERY)))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert seed_page.title is not None
    assert seed_page.title.string == (
        "Changes from Nederland levert in hoog tempo militaire steun aan Oekraïne to "
        "Leveringen militaire goederen aan Oekraïne"
    )
    assert [words(h) for h in seed_page.find_all("h1")] == [seed_page.title.string]
    meta = seed_page.find("meta", attrs={"name": "viewport"})
    assert isinstance(meta, Tag) and "width=device-width" in str(meta["content"])
    # The parts a reader jumps to, in order, each a real heading with an anchor.
    assert [h["id"] for h in seed_page.find_all("h2")] == [
        "summary",
        "figures",
        "findings",
        "map",
        "changes",
    ]
    nav = seed_page.find("nav")
    assert isinstance(nav, Tag)
    assert [a["href"] for a in nav.find_all("a")] == [
        "#summary",
        "#figures",
        "#findings",
        "#map",
        "#changes",
    ]


def test_it_stands_alone_and_needs_no_script(seed_page: BeautifulSoup) -> None:
    assert seed_page.find_all("script") == []
    assert seed_page.find_all("link") == []
    assert [t for t in seed_page.find_all(True) if t.has_attr("src")] == []
    style = "".join(s.get_text() for s in seed_page.find_all("style"))
    assert "url(" not in style and "@import" not in style
    assert "@media (max-width: 48rem)" in style and "@media print" in style
    for link in seed_page.find_all("a"):
        assert str(link["href"]).startswith("#"), link
        assert seed_page.find(id=str(link["href"])[1:]) is not None, link


def test_every_table_has_column_headers_and_the_figures_row_headers(
    seed_page: BeautifulSoup,
) -> None:
    tables = seed_page.find_all("table")
    assert len(tables) > 5
    for table in tables:
        head = table.find("thead")
        assert isinstance(head, Tag), table.get_text()[:80]
        assert [th.get("scope") for th in head.find_all("th")] == ["col"] * len(head.find_all("th"))
    figures = seed_page.find("h2", id="figures")
    assert isinstance(figures, Tag)
    table = figures.find_next("table")
    assert isinstance(table, Tag)
    assert [words(th) for th in table.thead.find_all("th")] == [  # type: ignore[union-attr]
        "Figure",
        "Old",
        "New",
        "Change",
        "Section",
    ]
    rows = table.tbody.find_all("tr")  # type: ignore[union-attr]
    assert all(row.th is not None and row.th.get("scope") == "row" for row in rows)


def test_figures_and_summary_say_what_the_markdown_report_says() -> None:
    c = compare(load_document(NEWS), load_document(DELIVERY))
    page = soup(render_html(c))
    summary = page.find("h2", id="summary")
    assert isinstance(summary, Tag)
    listed = summary.find_next("ul")
    assert isinstance(listed, Tag)
    assert [words(li) for li in listed.find_all("li")] == summary_lines(c)
    table = page.find("h2", id="figures").find_next("table")  # type: ignore[union-attr]
    shown = [
        tuple(words(cell) for cell in row.find_all(["th", "td"]))
        for row in table.tbody.find_all("tr")  # type: ignore[union-attr]
    ]
    assert shown == [tuple(" ".join(c.split()) for c in cells) for _, cells in figure_rows(c)]
    findings = page.find("h2", id="findings").find_next("ul")  # type: ignore[union-attr]
    assert len(findings.find_all("li")) == len(c.findings) > 0  # type: ignore[union-attr]


def test_changed_pairs_stand_side_by_side_with_marks_and_a_legend(
    seed_page: BeautifulSoup,
) -> None:
    pairs = seed_page.select("section.pair")
    # Every pair the map calls changed has its part, linked from the map.
    statuses = [a.get_text() for a in seed_page.select("#map ~ table a")]
    assert statuses == [
        "removed",
        "added",
        "added",
        "renamed",
        "renamed",
        "added",
        "added",
        "added",
    ]
    assert len(pairs) == len(statuses)
    industry = next(p for p in pairs if words(p.h3).startswith("Industrie"))  # type: ignore[arg-type]
    assert words(industry.h3) == (  # type: ignore[arg-type]
        "Industrie (renamed from “Samenwerking met industrie en Oekraïne”)"
    )
    heads = [words(th) for th in industry.select("thead th")]
    assert heads == ["Old: Samenwerking met industrie en Oekraïne", "New: Industrie"]
    for row in industry.select("tbody tr"):
        old, new = row.find_all("td")
        assert old["class"] == ["old"] and new["class"] == ["new"]
        assert old["lang"] == new["lang"] == "nl"
        # Deletions only in the old column, insertions only in the new.
        assert not old.find("ins") and not new.find("del")
    assert industry.find("del") and industry.find("ins")
    # Whole sections added or removed are one marked block with words that say so.
    added = seed_page.select("ins.block")
    removed = seed_page.select("del.block")
    assert len(added) == 5 and len(removed) == 1
    assert all(words(b).startswith("Added section.") for b in added)
    assert all(words(b).startswith("Removed section.") for b in removed)
    legend = seed_page.select_one(".legend")
    assert legend is not None and legend.find("ins") and legend.find("del")
    assert "underlined" in words(legend) and "struck through" in words(legend)


@pytest.mark.parametrize(
    "case", ["fomc-2025-09-to-2025-10", "ecb-2025-09-to-2025-10", "seeds-001-to-000"]
)
def test_each_column_reads_as_its_own_letter(case: str) -> None:
    """Without the other side's marks, a row's old column is text of the old section and
    its new column text of the new one, in order."""
    old_path, new_path = (CASES / case / "letters.txt").read_text(encoding="utf-8").split()
    old_doc, new_doc = load_document(ROOT / old_path), load_document(ROOT / new_path)
    page = soup(render_html(compare(old_doc, new_doc)))
    old_text = " ".join(" ".join(s.text.split()) for s in old_doc.sections)
    new_text = " ".join(" ".join(s.text.split()) for s in new_doc.sections)
    rows = [r for r in page.select("table.sbs tbody tr") if r.find("td", class_="old")]
    assert rows
    for row in rows:
        for side, other, text in (("old", "ins", old_text), ("new", "del", new_text)):
            cell = row.find("td", class_=side)
            assert isinstance(cell, Tag)
            if cell.find(class_="moved") or cell.find(class_="block") or cell.find(class_="none"):
                continue
            for mark in cell.find_all([other, "span"]):
                if mark.name == other or "side-label" in (mark.get("class") or []):
                    mark.decompose()
            shown = words(cell)
            if shown:
                assert shown in text, (side, shown[:200])


def test_no_changes_says_so() -> None:
    page, _ = case_pages("seeds-self-000")
    parsed = soup(page)
    assert "No changes: all 7 sections are the same." in words(parsed)
    assert parsed.select("section.pair") == []
    assert parsed.find("h2", id="changes") is None


def test_hostile_letter_text_is_text(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["compare", *map(str, hostile), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parsed = soup(page)
    # Nothing from the letters became markup: no script, image, frame, link or comment.
    assert parsed.find_all(["script", "img", "iframe", "b"]) == []
    assert [a["href"] for a in parsed.find_all("a")] == [
        str(a["href"]) for a in parsed.find_all("a") if str(a["href"]).startswith("#")
    ]
    assert "<!--" not in page
    assert len(parsed.find_all("h1")) == 1
    # ... and every piece of it is there as text.
    text = words(parsed)
    for piece in (
        "Hostile <b>letter</b> & co",
        "Financiën <script>alert('heading')</script>",
        "<img src=x onerror=alert(1)>",
        "<script>alert('new')</script>",
        "</td></tr></table><h1>geen kop</h1>",
        "Weg </style><script>alert('gone')</script>",
        "<!-- commentaar --> en ]]>",
        '<a href="javascript:alert(3)">klik</a> &amp; &lt;ok&gt;.',
    ):
        assert piece in text, piece
    assert parsed.title is not None and "<b>letter</b>" in str(parsed.title.string)
    inserted = " ".join(words(t) for t in parsed.find_all("ins"))
    assert "<script>alert('new')</script>" in inserted
    deleted = " ".join(words(t) for t in parsed.find_all("del"))
    assert "<img src=x onerror=alert(1)>" in deleted


def test_characters_html_cannot_carry_keep_their_place() -> None:
    old = document("# Kop\n\nEen zin met\x01een pagina-einde.\n", title="oud\x00")
    new = document("# Kop\n\nEen zin met\x1bnog iets.\n", title="nieuw")
    parsed = soup(render_html(compare(old, new)))
    text = words(parsed)
    assert "met\ufffdeen pagina-einde" in text and "met\ufffdnog iets" in text
    assert parsed.title is not None and parsed.title.string == "Changes from oud\ufffd to nieuw"


def test_cli_writes_html_by_format_or_by_extension(tmp_path: Path) -> None:
    runner = CliRunner()
    by_format = runner.invoke(app, ["compare", str(NEWS), str(DELIVERY), "--format", "html"])
    assert by_format.exit_code == 0
    assert by_format.output.startswith("<!DOCTYPE html>")
    for name in ("report.html", "report.htm"):
        result = runner.invoke(
            app, ["compare", str(NEWS), str(DELIVERY), "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0 and result.output == ""
        assert (tmp_path / name).read_text(encoding="utf-8") == by_format.output
    explained = runner.invoke(
        app, ["compare", str(NEWS), str(DELIVERY), "--format", "html", "--explain"]
    )
    assert "Why figures were paired" in explained.output
    assert "Why figures were paired" not in by_format.output
    bad = run_main(tmp_path, "compare", str(NEWS), str(DELIVERY), "--format", "htm")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "tracker: error: unknown format 'htm' (use markdown, json, terminal, html)"
    ]


def test_rendering_is_stable() -> None:
    c = compare(load_document(NEWS), load_document(DELIVERY))
    assert render_html(c) == render_html(c)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", render_html(c))

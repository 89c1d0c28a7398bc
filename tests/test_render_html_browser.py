"""The HTML report in a real headless Chromium: it loads cleanly, and both columns render.

One browser serves the whole module (tests/browser.py). The pages are the reports of real
letters written by the real CLI. `make screenshot` runs the desktop test with
TRACKER_SCREENSHOT set, and that test then also writes the picture the README shows.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import Browser, Page
from PIL import Image
from typer.testing import CliRunner

from tracker.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "letters" / "oekraine-steun"
NEWS = SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt"
DELIVERY = SEEDS / "2026-02-27-leveringen-militaire-goederen.txt"
FOMC = ROOT / "tests" / "cases" / "fomc-2025-09-to-2025-10"
HOSTILE = """Kop <script>window.pwned = 1</script>

Sectie <img src=x onerror="window.pwned = 2">

Het budget is € {n} miljard. <iframe src="https://example.com/"></iframe>
<style>body{{display:none}}</style>

Een zin die {word} wordt. <link rel=stylesheet href=https://example.com/x.css>
"""

DESKTOP = (1280, 900)
PHONE = (390, 844)

# Shades of the marks' backgrounds (html_style.py): red behind deletions, green behind
# insertions. A screenshot shows a column rendered when it holds text and its own mark.
DELETED = (0xFB, 0xE1, 0xE1)
INSERTED = (0xD7, 0xF0, 0xDC)


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    browser = Browser()
    tab = browser.page()
    try:
        yield tab
    finally:
        tab.close()
        browser.close()


def report(tmp: Path, old: Path, new: Path, name: str) -> str:
    """Write the report with the CLI and return its file URL."""
    out = tmp / name
    result = CliRunner().invoke(app, ["compare", str(old), str(new), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.as_uri()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("pages")
    hostile = []
    for date, n, word in (("2025-01-01", 10, "anders"), ("2025-02-01", 12, "<b>nieuw</b>")):
        path = tmp / f"{date}-hostile.txt"
        path.write_text(HOSTILE.format(n=n, word=word), encoding="utf-8")
        hostile.append(path)
    return {
        "seeds": report(tmp, NEWS, DELIVERY, "seeds.html"),
        "fomc": report(
            tmp,
            FOMC / "2025-09-17_fomc-statement.txt",
            FOMC / "2025-10-29_fomc-statement.txt",
            "fomc.html",
        ),
        "hostile": report(tmp, *hostile, "hostile.html"),
    }


def show(page: Page, url: str, size: tuple[int, int], *, mobile: bool = False) -> None:
    page.media("")
    page.viewport(*size, mobile=mobile)
    page.load(url)


def row_boxes(page: Page, selector: str) -> dict[str, dict[str, float]]:
    """The page-coordinate boxes of a redline row and of its old and new cells."""
    boxes: dict[str, dict[str, float]] = page.evaluate(
        f"""(() => {{
        const row = document.querySelector({selector!r});
        row.scrollIntoView({{block: "start"}});
        const box = e => {{
            const r = e.getBoundingClientRect();
            return {{x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}};
        }};
        return {{row: box(row), old: box(row.querySelector("td.old")),
                 new: box(row.querySelector("td.new"))}};
    }})()"""
    )
    return boxes


def crop(png: bytes, box: dict[str, float], origin: dict[str, float], mode: str) -> Image.Image:
    """The part of a screenshot (taken of the region at `origin`) that `box` covers."""
    image = Image.open(io.BytesIO(png)).convert(mode)
    left, top = round(box["x"] - origin["x"]), round(box["y"] - origin["y"])
    return image.crop((left, top, left + round(box["width"]), top + round(box["height"])))


def shade_count(
    png: bytes, box: dict[str, float], origin: dict[str, float], shade: tuple[int, int, int]
) -> int:
    """Pixels of about `shade` inside `box`."""
    colours = crop(png, box, origin, "RGB").getcolors(maxcolors=1 << 24) or []
    return sum(
        count
        for count, colour in colours
        if all(abs(a - b) <= 6 for a, b in zip(colour, shade, strict=True))
    )


def dark_count(png: bytes, box: dict[str, float], origin: dict[str, float]) -> int:
    """Pixels of text (dark grey to black) inside `box`."""
    return sum(crop(png, box, origin, "L").histogram()[:100])


def test_the_reports_load_without_errors_or_requests(page: Page, pages: dict[str, str]) -> None:
    for name, url in pages.items():
        show(page, url, DESKTOP)
        assert page.problems() == [], name
        # Nothing but the page itself is fetched: no font, stylesheet, image or frame.
        assert page.requests() == [url], name
        assert page.evaluate("document.querySelectorAll('table').length") > 0


def test_hostile_letter_text_runs_nothing(page: Page, pages: dict[str, str]) -> None:
    show(page, pages["hostile"], DESKTOP)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script, img, iframe, link, b').length") == 0
    assert page.evaluate("getComputedStyle(document.body).display") == "block"
    shown = page.evaluate("document.body.innerText")
    assert "<script>window.pwned = 1</script>" in shown
    assert '<iframe src="https://example.com/"></iframe>' in shown
    assert page.requests() == [pages["hostile"]]


def test_desktop_screenshot_shows_both_columns_side_by_side(
    page: Page, pages: dict[str, str]
) -> None:
    show(page, pages["fomc"], DESKTOP)
    selector = "table.sbs tbody tr:not(.skip)"
    boxes = row_boxes(page, selector)
    old, new, row = boxes["old"], boxes["new"], boxes["row"]
    # Two columns of equal width, side by side on one line.
    assert old["y"] == new["y"]
    assert old["x"] + old["width"] <= new["x"] + 1
    assert abs(old["width"] - new["width"]) <= 2 and old["width"] > 0.45 * row["width"]
    png = page.screenshot(clip=row)
    origin = {"x": row["x"], "y": row["y"]}
    assert dark_count(png, old, origin) > 500 and dark_count(png, new, origin) > 500
    assert shade_count(png, old, origin, DELETED) > 200
    assert shade_count(png, new, origin, INSERTED) > 200
    assert shade_count(png, old, origin, INSERTED) == 0
    assert shade_count(png, new, origin, DELETED) == 0
    # The side labels are for stacked columns only.
    assert page.evaluate(f"document.querySelector({selector!r} + ' .side-label').offsetHeight") == 0
    target = os.environ.get("TRACKER_SCREENSHOT")
    if target:
        write_readme_picture(page, pages["seeds"], Path(target))


def test_phone_width_stacks_the_columns_and_nothing_scrolls_sideways(
    page: Page, pages: dict[str, str]
) -> None:
    for name in ("fomc", "seeds"):
        show(page, pages[name], PHONE, mobile=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0], name
        boxes = row_boxes(page, "table.sbs tbody tr:not(.skip)")
        old, new, row = boxes["old"], boxes["new"], boxes["row"]
        assert new["y"] >= old["y"] + old["height"] - 1, name
        assert old["width"] > 0.9 * row["width"] and new["width"] > 0.9 * row["width"], name
        labels = page.evaluate(
            "[...document.querySelector('table.sbs tbody tr:not(.skip)')"
            ".querySelectorAll('.side-label')].map(e => e.offsetHeight > 0 ? e.innerText : '')"
        )
        assert labels == ["Old", "New"], name
        png = page.screenshot(clip=row)
        origin = {"x": row["x"], "y": row["y"]}
        assert dark_count(png, old, origin) > 300 and dark_count(png, new, origin) > 300, name
        assert page.problems() == [], name


def test_print_keeps_the_columns_and_drops_the_contents(page: Page, pages: dict[str, str]) -> None:
    show(page, pages["fomc"], DESKTOP)
    page.media("print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    boxes = row_boxes(page, "table.sbs tbody tr:not(.skip)")
    assert boxes["old"]["y"] == boxes["new"]["y"]
    pdf = page.call("Page.printToPDF", printBackground=False)["data"]
    assert pdf.startswith("JVBERi")  # "%PDF" in base64
    page.media("")


def write_readme_picture(page: Page, url: str, target: Path) -> None:
    """The README's picture: the demo's report at desktop width, from the title down to the
    first section pair shown side by side with word changes."""
    show(page, url, DESKTOP)
    boxes = page.evaluate(
        """(() => {
        // The first pair with a word changed inside a kept sentence: a row whose old
        // column holds deleted words beside kept ones.
        const reworded = row => {
            const old = row.querySelector("td.old");
            const marked = [...old.querySelectorAll("del")].map(d => d.innerText).join("");
            return marked && old.innerText.length > marked.length + 40;
        };
        const rows = p => [...p.querySelectorAll("tbody tr")]
            .filter(r => r.querySelector("td.old"));
        const pair = [...document.querySelectorAll("section.pair")]
            .find(p => rows(p).some(reworded));
        pair.scrollIntoView({block: "start"});
        const r = pair.getBoundingClientRect();
        return {x: 0, y: r.top + scrollY - 8, width: innerWidth, height: Math.min(r.height, 760)};
    })()"""
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(page.screenshot(clip=boxes))

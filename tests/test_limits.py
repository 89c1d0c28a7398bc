"""Bounds checked while reading: deep nesting and long lines are refused in one line, quickly.

The campaign's hangs, reproduced through the real command line: `<table><tr><td>` nested
30,000 deep, `<ul><li>` 200,000 deep, and a sentence repeated 38,000 times on one line, each
ran 30 to 90 seconds and more. Each must now be refused well within the budget below; the
budget is generous because the machine is shared, and a hang would take far longer.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tracker.read.files import document_from_bytes
from tracker.read.limits import MAX_DEPTH, MAX_LINE, MAX_TEXT

SECONDS = 15
FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
SEED = Path(__file__).resolve().parents[1] / "letters" / "oekraine-steun"
LETTER = SEED / "2026-02-27-leveringen-militaire-goederen.txt"
SENTENCE = "De minister schrijft dat het budget € 13,6 miljard is. "


def _page(opening: str, closing: str, depth: int) -> bytes:
    body = opening * depth + "tekst" + closing * depth
    return f"<html><body><p>Den Haag, 1 maart 2025</p>{body}</body></html>".encode()


def _docx(body_xml: str) -> bytes:
    """seed-001.docx with its document body replaced."""
    source = zipfile.ZipFile(FORMATS / "seed-001.docx")
    out = io.BytesIO()
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = f'<w:document xmlns:w="{ns}"><w:body>{body_xml}</w:body></w:document>'.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, xml if item.filename == "word/document.xml" else data)
    return out.getvalue()


HOSTILE: dict[str, tuple[str, bytes, str]] = {
    "table-30000-deep": (
        "brief.html",
        _page("<table><tr><td>", "</td></tr></table>", 30_000),
        "nested too deeply",
    ),
    "list-200000-deep": (
        "brief.html",
        _page("<ul><li>", "</li></ul>", 200_000),
        "nested too deeply",
    ),
    "word-table-30000-deep": (
        "brief.docx",
        _docx("<w:tbl><w:tr><w:tc>" * 30_000 + "</w:tc></w:tr></w:tbl>" * 30_000),
        "not valid XML",
    ),
    "one-line-2-mb": (
        "brief.txt",
        ("Brief\n\nDen Haag, 1 maart 2025\n\n" + SENTENCE * 38_000 + "\n").encode(),
        "characters long",
    ),
    "one-line-8-mb": ("brief.txt", (SENTENCE * 150_000).encode(), "characters long"),
    "one-paragraph-of-wrapped-lines": (
        "brief.txt",
        LETTER.read_bytes() + (SENTENCE + "De\n").encode() * 7_000,
        "a paragraph of section",
    ),
    "long-line-in-a-letter": (
        "brief.txt",
        LETTER.read_bytes() + (SENTENCE * 400).encode() + b"\n",
        f"more than a paragraph (at most {MAX_LINE:,})",
    ),
    "html-paragraph-of-a-megabyte": (
        "brief.html",
        f"<html><body><h1>Brief</h1><p>{SENTENCE * 20_000}</p></body></html>".encode(),
        "more than a paragraph",
    ),
    "text-longer-than-a-letter": (
        "brief.txt",
        (
            "Brief\n\nDen Haag, 1 maart 2025\n\n" + (SENTENCE * 10 + "\n\n") * (MAX_TEXT // 500)
        ).encode(),
        f"more than a letter (at most {MAX_TEXT:,})",
    ),
    "html-of-more-text-than-a-letter": (
        "brief.html",
        (
            "<html><body><h1>Brief</h1>"
            + f"<p>{SENTENCE * 100}</p>" * (MAX_TEXT // (len(SENTENCE) * 100) + 1)
            + "</body></html>"
        ).encode(),
        f"more than {MAX_TEXT:,} characters of text",
    ),
    "html-of-60000-elements": (
        "brief.html",
        ("<html><body>" + "<span>a</span>" * 60_000 + "</body></html>").encode(),
        "more than 50,000 elements",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_outsized_letters_are_refused_quickly_with_one_line(tmp_path: Path, case: str) -> None:
    name, data, message = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(data)
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "show", str(path)],
        capture_output=True,
        text=True,
        timeout=SECONDS * 4,
        check=False,
    )
    assert time.monotonic() - start < SECONDS
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"tracker: error: {path}: ") or proc.stderr.startswith(
        f"tracker: error: {name}: "
    )
    assert message in proc.stderr
    assert proc.stdout == ""


def test_nesting_up_to_the_bound_is_read() -> None:
    html = (FORMATS / "seed-001.html").read_text(encoding="utf-8")
    start, end = html.index(">", html.index("<body")) + 1, html.index("</body>")
    depth = MAX_DEPTH - 10
    page = html[:start] + "<div>" * depth + html[start:end] + "</div>" * depth + html[end:]
    plain = document_from_bytes(html.encode(), "brief.html")
    assert document_from_bytes(page.encode(), "brief.html").sections == plain.sections


def test_a_long_real_paragraph_is_read() -> None:
    long = ("Nederland steunt Oekraïne. " * 700).strip()  # 18,900 characters on one line
    doc = document_from_bytes(LETTER.read_bytes() + f"\n{long}\n".encode(), "brief.txt")
    assert any(long in getattr(block, "text", "") for s in doc.sections for block in s.blocks)


def test_an_xhtml_page_is_read_without_a_warning_on_stderr(tmp_path: Path) -> None:
    html = (FORMATS / "seed-001.html").read_text(encoding="utf-8")
    body = html[html.index("<body") :]
    xhtml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Brief</title></head>' + body
    )
    path = tmp_path / "brief.xhtml.html"
    path.write_text(xhtml, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-W", "default", "-m", "tracker", "show", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""

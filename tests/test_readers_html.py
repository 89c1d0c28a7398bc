"""The HTML reader on publication-style pages of the seed letters and on Word's HTML."""

from __future__ import annotations

import re
from pathlib import Path

from tracker.read.formats import html

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


def read(name: str) -> str:
    result = html.read((FORMATS / name).read_bytes())
    assert result.markup == "markdown"
    return result.text


def test_navigation_header_footer_scripts_and_styles_are_dropped() -> None:
    raw = (FORMATS / "seed-000.html").read_text(encoding="utf-8")
    text = read("seed-000.html")
    for chrome in (
        "Direct naar content",
        "Kruimelpad",
        "Zoeken",
        "dataLayer",
        "Downloads",
        "Toegankelijkheid",
        "font-size",
        "querySelectorAll",
        "Pagina 1 van 1",
    ):
        assert chrome in raw, chrome  # the page really has it…
        assert chrome not in text, chrome  # …and the letter does not


def test_headings_table_and_footnotes() -> None:
    text = read("seed-000.html")
    assert "\n## Industrie\n" in text
    assert "| Commerciële verwervingen[^6] | € 6,1 mld. | € 8,9 mld. |" in text
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", text, re.M))
    assert list(notes) == ["2", "3", "4", "5", "6", "7"]
    assert notes["7"].startswith("De toetsing van specifieke transacties")
    assert "Voetnoten" not in text  # the footnote block's own heading goes with it


def test_html_and_word_versions_give_the_same_markdown() -> None:
    from tracker.read.formats import docx

    for seed in ("seed-000", "seed-002", "seed-003", "seed-004"):
        word = docx.read((FORMATS / f"{seed}.docx").read_bytes()).text
        assert read(f"{seed}.html") == word, seed


def test_word_exported_html_footnotes_and_lists() -> None:
    page = """<html><head><meta charset="windows-1252"><style>p {margin:0}</style></head>
    <body lang=NL><div class=WordSection1>
    <h1>Stand van zaken</h1>
    <p class=MsoNormal>De steun bedraagt € 2,5 mld.<a href="#_ftn1" name="_ftnref1"
    title=""><span class=MsoFootnoteReference>[1]</span></a> in totaal.</p>
    <ol start=3><li>derde punt</li><li>vierde punt<ul><li>sub</li></ul></li></ol>
    </div><div><br clear=all><hr align=left size=1 width="33%">
    <div id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1" title="">
    <span class=MsoFootnoteReference>[1]</span></a> Kamerstuk 22 054, nr. 463.</p></div></div>
    </body></html>"""
    text = html.read(page.encode("cp1252")).text
    assert text.splitlines() == [
        "# Stand van zaken",
        "",
        "De steun bedraagt € 2,5 mld.[^1] in totaal.",
        "",
        "3. derde punt",
        "",
        "4. vierde punt",
        "",
        "- sub",
        "",
        "[^1]: Kamerstuk 22 054, nr. 463.",
    ]


def test_text_outside_paragraphs_and_line_breaks() -> None:
    page = (
        b"<body><main><div>Den Haag,<br>4 maart 2026</div>"
        b"<p>Tekst <b>vet</b> en <i>schuin</i>.</p></main></body>"
    )
    assert html.read(page).text == "Den Haag, 4 maart 2026\n\nTekst vet en schuin.\n"


def test_footnotes_as_officiele_bekendmakingen_marks_them() -> None:
    # The publication site's markup: a "nootnum" link (not raised) to an empty anchor inside
    # the note, and each note in a "voet noot" block with a close button and "Noot" heading.
    page = """<html><body><div class="stuk">
    <h2 class="stuktitel no-toc"><a id="d1" name="d1"></a>Vraag 1</h2>
    <p>Wat is uw reactie op het bericht over de steun?<a class="nootnum supernote-click-ID-7"
    href="#ID-7">1</a></p>
    <h2 class="stuktitel no-toc"><a id="d2" name="d2"></a>Antwoord 1</h2>
    <p>De steun bedraagt € 3,5 miljard.</p>
    <div id="noten"><hr>
      <div class="voet noot snp-mouseoffset notedefault" id="supernote-note-ID-7">
        <h5 class="note-close"><a class="note-close" href="#close-ID-7">X</a> Noot</h5>
        <sup><span class="nootnum"><a id="ID-7" name="ID-7"></a>1</span></sup>
        <p><a href="https://nos.nl/l/2077649" class="externe_link">https://nos.nl/l/2077649</a></p>
      </div>
    </div></div></body></html>"""
    text = html.read(page.encode()).text
    assert text.splitlines() == [
        "## Vraag 1",
        "",
        "Wat is uw reactie op het bericht over de steun?[^1]",
        "",
        "## Antwoord 1",
        "",
        "De steun bedraagt € 3,5 miljard.",
        "",
        "[^1]: https://nos.nl/l/2077649",
    ]


def test_page_laid_out_in_a_table_reads_as_its_content() -> None:
    page = """<html><body><table width="600"><tr><td>
      <h1>Persbericht</h1>
      <p>De ECB verhoogt de rente met 0,25 procentpunt.</p>
      <table border="1"><tr><th>Rente</th><th>Stand</th></tr>
        <tr><td>Depositorente</td><td>4,00%</td></tr></table>
    </td></tr></table></body></html>"""
    assert html.read(page.encode()).text.splitlines() == [
        "# Persbericht",
        "",
        "De ECB verhoogt de rente met 0,25 procentpunt.",
        "",
        "| Rente | Stand |",
        "| --- | --- |",
        "| Depositorente | 4,00% |",
    ]

"""Regenerate tests/fixtures/formats/: the seed letters as real Word, PDF and HTML files.

    .venv/bin/python tools/make_fixtures.py        (or: make fixtures)

Word files are written with python-docx (Title and Heading styles, List Bullet / List Number
paragraphs, real tables, real Word footnotes in word/footnotes.xml, tracked changes in one
letter); PDFs are made from those .docx files by LibreOffice headless (`soffice`, Debian
package libreoffice-writer-nogui; hyphen-nl for Dutch hyphenation), with page headers and
"Pagina N van M" footers; HTML files imitate the official publication HTML of parliamentary
papers (navigation, header, footer, scripts and styles around an article with h1-h4, tables and
footnotes). Also writes the hostile files the readers must refuse.

The structure of each seed (which lines are headings, the table of seed 000, the two-column
form of seed 003) is written down here by hand; the text itself comes from the seed files.
One English letter from the shared corpus (a US Treasury refunding statement) is made the same
way. A rerun writes the same bytes, except for the two encrypted PDFs (random salts).
"""

from __future__ import annotations

import copy
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "letters" / "oekraine-steun"
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "tests" / "fixtures" / "formats"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTE_REF = re.compile(r"\[\^(\w+)\]")
# A hard-wrapped line is one that was broken by the layout, not by the author: long enough
# that the next line continues the paragraph. Seed lines that end a paragraph are shorter.
WRAPPED_LINE_MIN = 55


@dataclass
class Block:
    """One block of a letter, in the shape all three writers understand."""

    kind: str  # title, heading, para, bullet, number, table, form
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    # form rows: (label, paragraphs of the right-hand column)
    form: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Seed:
    """What the generator must know about one seed letter beyond its text."""

    key: str
    file: str
    headings: dict[str, int]
    title: str | None = None
    wrapped: bool = False
    page_header: str | None = None
    footer_pages: bool = True
    footnote_start: int = 1
    table: list[list[str]] | None = None
    table_span: tuple[str, str] | None = None
    form_labels: tuple[str, ...] = ()
    folder: Path = LETTERS
    language: str = "nl-NL"
    footer_words: tuple[str, str] = ("Pagina", "van")
    bold_lines: tuple[str, ...] = ()
    """Paragraphs set in bold, such as letterhead labels."""
    ruled_table: bool = True
    """Whether the table has borders (Table Grid) or none, as many statements print them."""
    sidebar: tuple[str, ...] = ()
    """Paragraphs set in small type in a frame in the right margin of page one, as the sender
    block of a letter in the government's house style is (its text column is narrow)."""


# US Treasury refunding statement: English, with headings, bullets and a table of auction
# sizes (flattened in the corpus text, a real table here).
TREASURY_TABLE = [
    ["", "2-Year", "3-Year", "5-Year", "7-Year", "10-Year", "20-Year", "30-Year", "FRN"],
    ["Aug-25", "69", "58", "70", "44", "42", "16", "25", "28"],
    ["Sep-25", "69", "58", "70", "44", "39", "13", "22", "28"],
    ["Oct-25", "69", "58", "70", "44", "39", "13", "22", "30"],
    ["Nov-25", "69", "58", "70", "44", "42", "16", "25", "28"],
    ["Dec-25", "69", "58", "70", "44", "39", "13", "22", "28"],
    ["Jan-26", "69", "58", "70", "44", "39", "13", "22", "30"],
]

SEEDS = [
    Seed(
        key="seed-000",
        file="2026-02-27-leveringen-militaire-goederen.txt",
        headings={
            "Financiële stand van zaken levering van militaire goederen": 2,
            "Industrie": 2,
            "Training": 2,
            "Toetsing": 2,
            "Effecten krijgsmacht": 2,
            "Europese Vredesfaciliteit": 2,
        },
        page_header="Ministerie van Defensie",
        footnote_start=2,
        bold_lines=("Datum", "Betreft", "Onze referentie"),
        table=[
            ["Type steun", "31 aug. 2025", "03 feb. 2026"],
            ["Directe levering (vervangingswaarde)", "€ 2,4 mld.", "€ 2,5 mld."],
            ["Commerciële verwervingen[^6]", "€ 6,1 mld.", "€ 8,9 mld."],
            ["NAVO-fonds", "€ 0,18 mld.", "€ 0,18 mld."],
            ["Totaal", "€ 8,7 mld.", "€ 11,7 mld."],
        ],
        table_span=("Type steun", "11,7 mld."),
    ),
    Seed(
        key="seed-001",
        file="2025-09-10-nieuwsbericht-militaire-steun.txt",
        title="Nederland levert in hoog tempo militaire steun aan Oekraïne",
        headings={
            "Samenwerking met industrie en Oekraïne": 2,
            "Training van Oekraïense militairen": 2,
        },
        footer_pages=False,
    ),
    Seed(
        key="seed-002",
        file="2025-11-27-antwoorden-kamervragen.txt",
        headings={},
        wrapped=True,
        page_header="Ministerie van Defensie",
        sidebar=(
            "Ministerie van Defensie",
            "Plein 4",
            "MPC 58 B",
            "Postbus 20701",
            "2500 ES Den Haag",
            "www.defensie.nl",
        ),
    ),
    Seed(
        key="seed-003",
        file="2025-04-15-voorjaarsnota-cw-3-1.txt",
        headings={},
        wrapped=True,
        page_header="Voorjaarsnota 2025",
        form_labels=(
            "Nagestreefde doelen",
            "Ingezette beleidsinstrument(en)",
            "Financiële gevolgen voor het Rijk",
            "Financiële gevolgen voor maatschappelijke sectoren – als van toepassing",
            "Nagestreefde doeltreffendheid",
            "Nagestreefde doelmatigheid",
            "Evaluatieparagraaf (of en hoe)",
        ),
    ),
    Seed(
        key="seed-004",
        file="2026-03-04-verslag-defensieraad-navo.txt",
        headings={
            "Raad van Buitenlandse Zaken Defensie (RBZ-Defensie)": 2,
            "NAVO Defensie Ministeriele bijeenkomst (DMM)": 2,
            "Verslag Ukraine Defence Contact Group (UDCG)": 2,
            "Overig": 2,
            "Verlenging inzet Nederlandse MQ-9’s in Roemenië": 3,
            "Non-paper interne markt voor defensie": 3,
        },
        page_header="Tweede Kamer, vergaderjaar 2025–2026, 21 501-28, nr. 299",
    ),
    Seed(
        key="treasury-2025-11-05",
        file="2025-11-05_refunding-statement-sb0305.txt",
        folder=CORPUS / "us-treasury-quarterly-refunding-statements-2023-2025",
        title="Quarterly Refunding Statement of Deputy Assistant Secretary for Federal Finance "
        "Brian Smith",
        headings={},
        language="en-US",
        page_header="U.S. Department of the Treasury",
        footer_words=("Page", "of"),
        table=TREASURY_TABLE,
        table_span=("**2-Year", "Jan-26"),
        ruled_table=False,
    ),
]


# --- the seed text as blocks ------------------------------------------------------------


def split_footnotes(text: str) -> tuple[str, dict[str, str]]:
    """Pull footnote bodies out of the text and write references as `[^n]`."""
    notes: dict[str, str] = {}
    text = text.replace("[bookmark: _GoBack]", "")

    def keep(match: re.Match[str]) -> str:
        notes[match.group(1)] = " ".join(match.group(2).split())
        return ""

    # Word-to-text style: "[footnoteRef:2]" in the text, "[2:  body]" somewhere after it.
    text = re.sub(r"\s*\[(\d+):\s+([^\]]*)\]", keep, text)
    text = re.sub(r"\[footnoteRef:(\d+)\]", r"[^\1]", text)
    # PDF-to-text style: "[1]" in the text, "[1] body" as a line at the end.
    text = re.sub(r"(?m)^\[(\d+)\] (.+)$", keep, text)
    text = re.sub(r"\s*\[(\d+)\]", r"[^\1]", text)
    return text, notes


def join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into paragraphs (a short line ends a paragraph)."""
    paragraphs: list[str] = []
    current = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if not current:
            current = line
        elif current.endswith("-") and not current.endswith(" -"):
            current += line  # "NAVO-" + "capaciteitsdoelen": a compound, keep the hyphen
        else:
            current += " " + line
        if len(raw.rstrip()) < WRAPPED_LINE_MIN:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def seed_blocks(seed: Seed) -> tuple[list[Block], dict[str, str]]:
    """The seed letter as blocks plus its footnote bodies."""
    text, notes = split_footnotes((seed.folder / seed.file).read_text(encoding="utf-8"))
    text = re.sub(r"\[([^\]]+)\]\((?:https?|mailto):[^)]*\)", r"\1", text)  # Markdown links
    lines = [line.replace("\t", " ").strip() for line in text.splitlines()]
    if seed.form_labels:
        return form_blocks(seed, lines), notes
    if seed.table and seed.table_span:
        first, last = seed.table_span
        start = next(i for i, line in enumerate(lines) if line.startswith(first))
        end = next(i for i in range(start, len(lines)) if last in lines[i])
        lines = [*lines[:start], "\x00table", *lines[end + 1 :]]
    blocks: list[Block] = []
    chunks = join_wrapped(lines) if seed.wrapped else [" ".join(ln.split()) for ln in lines]
    for chunk in chunks:
        if not chunk:
            continue
        if chunk == "\x00table":
            blocks.append(Block("table", rows=seed.table or []))
        elif chunk == seed.title:
            blocks.append(Block("title", chunk, level=1))
        elif chunk in seed.headings:
            blocks.append(Block("heading", chunk, level=seed.headings[chunk]))
        elif match := re.match(r"(#{1,4}) (\S.*)$", chunk):
            blocks.append(Block("heading", match.group(2), level=len(match.group(1))))
        elif chunk.startswith(("· ", "• ", "- ")):
            blocks.append(Block("bullet", chunk[2:]))
        elif match := re.match(r"(\d+)\. (\S.*)$", chunk):
            blocks.append(Block("number", match.group(2), level=int(match.group(1))))
        else:
            blocks.append(Block("para", chunk))
    return blocks, notes


def form_blocks(seed: Seed, lines: list[str]) -> list[Block]:
    """Seed 003: a title, then a two-column form of labels (left) and prose (right)."""
    paragraphs = join_wrapped(lines)
    header_at = paragraphs.index("Onderdeel Toelichting")
    title = " ".join(paragraphs[:header_at])
    body = "\n\n".join(paragraphs[header_at + 1 :])
    spans = []
    for label in seed.form_labels:
        pattern = r"\s+".join(re.escape(word) for word in label.split())
        match = re.search(pattern, body)
        if match is None:
            raise SystemExit(f"{seed.file}: form label {label!r} not found")
        spans.append((label, match.start(), match.end()))
    rows: list[tuple[str, list[str]]] = []
    for i, (label, _, end) in enumerate(spans):
        stop = spans[i + 1][1] if i + 1 < len(spans) else len(body)
        parts = [" ".join(p.split()) for p in body[end:stop].split("\n\n")]
        rows.append((label, [p for p in parts if p]))
    return [Block("title", title, level=1), Block("form", form=rows)]


# --- Word -------------------------------------------------------------------------------


W = nsdecls("w")


def run_xml(text: str, *, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r {W}>{props}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def footnote_ref_xml(note_id: int) -> str:
    return (
        f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def add_runs(paragraph: object, text: str, ids: dict[str, int], *, bold: bool = False) -> None:
    """Append text with `[^n]` references as real footnote-reference runs."""
    element = paragraph._p  # type: ignore[attr-defined]
    pos = 0
    for match in FOOTNOTE_REF.finditer(text):
        if match.start() > pos:
            element.append(parse_xml(run_xml(text[pos : match.start()], bold=bold)))
        element.append(parse_xml(footnote_ref_xml(ids[match.group(1)])))
        pos = match.end()
    if pos < len(text):
        element.append(parse_xml(run_xml(text[pos:], bold=bold)))


def add_tracked_change(paragraph: object, text: str, old: str, new: str) -> None:
    """Write `text` with `new` as a tracked insertion right after a tracked deletion of `old`."""
    before, after = text.split(new, 1)
    element = paragraph._p  # type: ignore[attr-defined]
    author = 'w:author="Redactie" w:date="2025-09-10T09:00:00Z"'
    element.append(parse_xml(run_xml(before)))
    element.append(
        parse_xml(
            f'<w:del {W} w:id="901" {author}><w:r><w:delText xml:space="preserve">'
            f"{html.escape(old)}</w:delText></w:r></w:del>"
        )
    )
    element.append(parse_xml(f'<w:ins {W} w:id="902" {author}>{run_xml(new)}</w:ins>'))
    element.append(parse_xml(run_xml(after)))


def add_footnotes_part(
    document: docx.document.Document, notes: dict[str, str], ids: dict[str, int]
) -> None:
    """word/footnotes.xml, which python-docx cannot write: separators plus one note per id."""
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for label, note_id in sorted(ids.items(), key=lambda item: item[1]):
        body.append(
            f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0"/>'
            '<w:rPr><w:sz w:val="16"/></w:rPr></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr>'
            "<w:footnoteRef/></w:r>"
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> '
            f"{html.escape(notes[label], quote=False)}</w:t></w:r></w:p></w:footnote>"
        )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
    xml += "".join(body) + "</w:footnotes>"
    part = Part(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def add_page_furniture(document: docx.document.Document, seed: Seed) -> None:
    """A running header and a "Pagina N van M" footer, as on every page of a real letter."""
    section = document.sections[0]
    if seed.page_header:
        header = section.header.paragraphs[0]
        header.text = seed.page_header
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if seed.footer_pages:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        page, of = seed.footer_words
        footer._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve">{page} </w:t></w:r>'))
        footer._p.append(
            parse_xml(f'<w:fldSimple {W} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        )
        footer._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve"> {of} </w:t></w:r>'))
        footer._p.append(
            parse_xml(f'<w:fldSimple {W} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        )
    if seed.footnote_start != 1:
        # Footnote numbering that continues an earlier part of the letter, as seed 000's does.
        sect_pr = section._sectPr
        sect_pr.insert(
            0,
            parse_xml(
                f'<w:footnotePr {W}><w:numStart w:val="{seed.footnote_start}"/></w:footnotePr>'
            ),
        )


def write_docx(seed: Seed, blocks: list[Block], notes: dict[str, str], *, tracked: bool) -> bytes:
    """The letter as a .docx; `tracked` adds a tracked change whose acceptance gives the seed."""
    document = docx.Document()
    document.core_properties.author = "letter tracker fixtures"
    document.core_properties.title = seed.key
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10)
    settings = document.settings.element
    settings.append(parse_xml(f"<w:autoHyphenation {W}/>"))
    lang = style.element.get_or_add_rPr()
    lang.append(parse_xml(f'<w:lang {W} w:val="{seed.language}"/>'))
    ids = {label: i + 1 for i, label in enumerate(notes)}
    if seed.sidebar:
        document.sections[0].right_margin = Cm(5.5)
    for block in blocks:
        if block.kind == "title":
            paragraph = document.add_paragraph(style="Title")
            add_runs(paragraph, block.text, ids)
        elif block.kind == "heading":
            paragraph = document.add_paragraph(style=f"Heading {block.level}")
            add_runs(paragraph, block.text, ids)
        elif block.kind == "bullet":
            add_runs(document.add_paragraph(style="List Bullet"), block.text, ids)
        elif block.kind == "number":
            add_runs(document.add_paragraph(style="List Number"), block.text, ids)
        elif block.kind == "para":
            paragraph = document.add_paragraph()
            change = TRACKED_CHANGES.get(seed.key)
            if tracked and change and change[1] in block.text:
                add_tracked_change(paragraph, block.text, *change)
            else:
                add_runs(paragraph, block.text, ids, bold=block.text in seed.bold_lines)
            if block.text in seed.sidebar:
                in_sidebar(paragraph, seed.sidebar.index(block.text))
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            if seed.ruled_table:
                table.style = document.styles["Table Grid"]
            for r, row in enumerate(block.rows):
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    add_runs(cell.paragraphs[0], cell_text, ids, bold=r == 0)
            document.add_paragraph()
        elif block.kind == "form":
            write_form(document, block, ids)
    if notes:
        add_footnotes_part(document, notes, ids)
    add_page_furniture(document, seed)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def in_sidebar(paragraph: object, index: int) -> None:
    """Put a paragraph in a frame in the right margin of the page, in 7-point type."""
    p = paragraph._p  # type: ignore[attr-defined]
    # Frames of the same size and position side by side stack into one block in Word and
    # LibreOffice; each line gets its own position so that the block reads top to bottom.
    y = 2200 + index * 200
    frame = (
        f'<w:framePr {W} w:w="2200" w:hSpace="142" w:wrap="around" w:hAnchor="page" '
        f'w:x="9600" w:vAnchor="page" w:y="{y}"/>'
    )
    p.get_or_add_pPr().insert(0, parse_xml(frame))
    for run in p.iter(qn("w:r")):
        props = run.find(qn("w:rPr"))
        if props is None:
            props = parse_xml(f"<w:rPr {W}/>")
            run.insert(0, props)
        props.append(parse_xml(f'<w:sz {W} w:val="14"/>'))


def write_form(document: docx.document.Document, block: Block, ids: dict[str, int]) -> None:
    """A borderless two-column table: the form's labels left, its prose right."""
    table = document.add_table(rows=len(block.form) + 1, cols=2)
    table.autofit = False
    widths = (Cm(4.5), Cm(11.5))
    add_runs(table.cell(0, 0).paragraphs[0], "Onderdeel", ids, bold=True)
    add_runs(table.cell(0, 1).paragraphs[0], "Toelichting", ids, bold=True)
    for r, (label, paragraphs) in enumerate(block.form, start=1):
        add_runs(table.cell(r, 0).paragraphs[0], label, ids, bold=True)
        right = table.cell(r, 1)
        for i, text in enumerate(paragraphs):
            paragraph = right.paragraphs[0] if i == 0 else right.add_paragraph()
            add_runs(paragraph, text, ids)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # w:gridCol, which LibreOffice lays the table out by
    for row in table.rows:
        for width, cell in zip(widths, row.cells, strict=True):
            cell.width = width


# The news item (seed 001) was edited with track changes on: the accepted text is the seed's.
TRACKED_CHANGES = {"seed-001": ("€ 8,5 miljard", "€ 8,7 miljard")}


# --- HTML -------------------------------------------------------------------------------

HTML_HEAD = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{title} | Officiële bekendmakingen</title>
<link rel="stylesheet" href="/static/css/main.css">
<style>.voetnoot {{ font-size: 80%; }} nav ul {{ display: flex; }}</style>
<script>window.dataLayer = window.dataLayer || [];
function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<a class="skiplink" href="#main-content">Direct naar content</a>
<header class="header">
  <div class="header__logo">Overheid.nl | Officiële bekendmakingen</div>
  <form class="search" action="/zoeken"><input type="text" name="q" placeholder="Zoeken"></form>
</header>
<nav class="breadcrumb" aria-label="Kruimelpad">
  <ul><li><a href="/">Home</a></li><li><a href="/zoeken">Zoeken</a></li><li>Kamerstuk</li></ul>
</nav>
<div class="container">
<aside class="sidebar"><h2>Downloads</h2><ul><li><a href="#">PDF (128 kB)</a></li>
<li><a href="#">XML</a></li></ul></aside>
<main id="main-content">
<article class="stuk">
"""

HTML_FOOT = """</article>
</main>
</div>
<footer class="footer"><ul><li><a href="/over">Over deze site</a></li>
<li><a href="/privacy">Privacy</a></li>
<li><a href="/toegankelijkheid">Toegankelijkheid</a></li></ul>
<p>Pagina 1 van 1</p></footer>
<script src="/static/js/main.js"></script>
<script>document.querySelectorAll('.noot')
  .forEach(function (n) {{ n.title = 'voetnoot'; }});</script>
</body>
</html>
"""


def inline_html(text: str) -> str:
    """Escape text and write `[^n]` as the publication HTML's superscript note links."""
    out = []
    pos = 0
    for match in FOOTNOTE_REF.finditer(text):
        out.append(html.escape(text[pos : match.start()], quote=False))
        label = match.group(1)
        out.append(
            f'<sup><a class="noot" href="#supernote-{label}" id="supernote-ref-{label}">'
            f"{label}</a></sup>"
        )
        pos = match.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def write_html(seed: Seed, blocks: list[Block], notes: dict[str, str]) -> bytes:
    title = next((b.text for b in blocks if b.kind == "title"), seed.key)
    parts = [HTML_HEAD.format(title=html.escape(title))]
    open_list: str | None = None
    for block in blocks:
        wanted = {"bullet": "ul", "number": "ol"}.get(block.kind)
        if open_list and wanted != open_list:
            parts.append(f"</{open_list}>\n")
            open_list = None
        if wanted and open_list is None:
            start = f' start="{block.level}"' if wanted == "ol" and block.level != 1 else ""
            parts.append(f"<{wanted}{start}>\n")
            open_list = wanted
        if block.kind == "title":
            parts.append(f'<h1 class="stuktitel">{inline_html(block.text)}</h1>\n')
        elif block.kind == "heading":
            parts.append(f"<h{block.level}>{inline_html(block.text)}</h{block.level}>\n")
        elif block.kind in ("bullet", "number"):
            parts.append(f"<li><p>{inline_html(block.text)}</p></li>\n")
        elif block.kind == "para":
            parts.append(f'<p class="standaard">{inline_html(block.text)}</p>\n')
        elif block.kind == "table":
            parts.append('<div class="table-wrapper"><table class="kio2">\n<thead><tr>')
            parts.extend(f"<th>{inline_html(cell)}</th>" for cell in block.rows[0])
            parts.append("</tr></thead>\n<tbody>\n")
            for row in block.rows[1:]:
                parts.append(
                    "<tr>" + "".join(f"<td>{inline_html(c)}</td>" for c in row) + "</tr>\n"
                )
            parts.append("</tbody></table></div>\n")
        elif block.kind == "form":
            parts.append('<table class="kio2 formulier">\n<thead><tr><th>Onderdeel</th>')
            parts.append("<th>Toelichting</th></tr></thead>\n<tbody>\n")
            for label, paragraphs in block.form:
                cell = "".join(f"<p>{inline_html(p)}</p>" for p in paragraphs)
                parts.append(
                    f"<tr><td><p><strong>{inline_html(label)}</strong></p></td><td>{cell}</td></tr>\n"
                )
            parts.append("</tbody></table>\n")
    if open_list:
        parts.append(f"</{open_list}>\n")
    if notes:
        parts.append('<div class="voetnoten">\n<h2 class="voetnoten-titel">Voetnoten</h2>\n<ol>\n')
        for label, text in notes.items():
            parts.append(
                f'<li id="supernote-{label}" value="{label}" class="voetnoot">'
                f"<p>{html.escape(text, quote=False)}</p></li>\n"
            )
        parts.append("</ol>\n</div>\n")
    parts.append(HTML_FOOT)
    return "".join(parts).encode("utf-8")


# --- PDF --------------------------------------------------------------------------------


def to_pdf(docx_files: dict[str, bytes], workdir: Path) -> dict[str, bytes]:
    """Convert .docx bytes to PDF bytes with LibreOffice headless, in one soffice run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-writer-nogui hyphen-nl")
    sources = []
    for name, data in docx_files.items():
        path = workdir / f"{name}.docx"
        path.write_bytes(data)
        sources.append(str(path))
    profile = (workdir / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir / "pdf"),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: (workdir / "pdf" / f"{name}.pdf").read_bytes() for name in docx_files}


# --- reproducible bytes -----------------------------------------------------------------


def fixed_zip(data: bytes) -> bytes:
    """The same package with every entry dated 1980-01-01, so a rerun writes the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def fixed_pdf(data: bytes) -> bytes:
    """LibreOffice's PDF with its creation date and file id fixed (same lengths, so the
    cross-reference offsets stay right)."""
    data = re.sub(
        rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})",
        lambda m: m.group(1) + b"20260101000000",
        data,
    )
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    return re.sub(rb"<[0-9A-F]{32}>", b"<" + b"0" * 32 + b">", data)


# --- hostile files ----------------------------------------------------------------------


def zip_bomb_docx(template: bytes) -> bytes:
    """A valid .docx whose document.xml inflates to 200 MB of whitespace inside a paragraph."""
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                continue
            target.writestr(item, source.read(item.filename))
        with target.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(200):
                stream.write(chunk)
            stream.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def pdf_bomb() -> bytes:
    """A valid one-page PDF whose content stream inflates to 300 MB of spaces."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(packer.compress(chunk) for _ in range(300)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def encrypted_pdf(pdf: bytes, user_password: str = "geheim") -> bytes:
    """The same PDF encrypted (pypdf, AES-256); with an empty user password anyone can open
    it, as many published PDFs that forbid editing are."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="nog-geheimer", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf(pdf: bytes) -> bytes:
    """A PDF of page images without a text layer, as a scanner makes: first page rendered."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        image = document.pages[0].to_image(resolution=60).original.convert("L")
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=60)
    return out.getvalue()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    docx_for_pdf: dict[str, bytes] = {}
    for seed in SEEDS:
        blocks, notes = seed_blocks(seed)
        (OUT / f"{seed.key}.docx").write_bytes(
            fixed_zip(write_docx(seed, blocks, notes, tracked=True))
        )
        # The PDF is made from the accepted text: LibreOffice would print both sides of a change.
        docx_for_pdf[seed.key] = write_docx(seed, blocks, notes, tracked=False)
        (OUT / f"{seed.key}.html").write_bytes(write_html(seed, blocks, notes))
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = to_pdf(docx_for_pdf, Path(tmp))
    pdfs = {key: fixed_pdf(data) for key, data in pdfs.items()}
    for key, data in pdfs.items():
        (OUT / f"{key}.pdf").write_bytes(data)
    hostile = OUT / "hostile"
    hostile.mkdir(exist_ok=True)
    letter_pdf = pdfs["seed-000"]
    letter_docx = (OUT / "seed-000.docx").read_bytes()
    (hostile / "encrypted.pdf").write_bytes(encrypted_pdf(letter_pdf))
    (OUT / "seed-000-owner-password.pdf").write_bytes(encrypted_pdf(letter_pdf, user_password=""))
    (hostile / "scanned.pdf").write_bytes(scanned_pdf(letter_pdf))
    (hostile / "truncated.pdf").write_bytes(letter_pdf[: len(letter_pdf) // 3])
    (hostile / "truncated.docx").write_bytes(letter_docx[: len(letter_docx) // 2])
    (hostile / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (hostile / "pdf-named.docx").write_bytes(letter_pdf)
    (hostile / "pdf-named.txt").write_bytes(letter_pdf)
    (hostile / "docx-named.pdf").write_bytes(letter_docx)
    (hostile / "zip-bomb.docx").write_bytes(zip_bomb_docx(letter_docx))
    (hostile / "pdf-bomb.pdf").write_bytes(pdf_bomb())
    (hostile / "binary.html").write_bytes(copy.copy(letter_pdf[:2048]))
    for path in sorted(OUT.rglob("*.*")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:>9,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

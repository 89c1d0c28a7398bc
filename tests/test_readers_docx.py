"""The Word reader on real .docx files written with python-docx (fixtures and tmp files)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tracker.errors import InputError
from tracker.read.formats import docx as reader

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


def read(name: str) -> str:
    result = reader.read((FORMATS / name).read_bytes())
    assert result.markup == "markdown"
    return result.text


def saved(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_headings_from_title_and_heading_styles() -> None:
    text = read("seed-001.docx")
    assert text.startswith("# Nederland levert in hoog tempo militaire steun aan Oekraïne\n")
    assert "\n## Samenwerking met industrie en Oekraïne\n" in text
    assert "\n## Training van Oekraïense militairen\n" in text


def test_footnotes_come_from_footnotes_xml_numbered_from_the_section_start() -> None:
    text = read("seed-000.docx")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", text, re.M))
    # The letter's footnotes start at 2 (w:numStart), as in the published letter.
    assert list(notes) == ["2", "3", "4", "5", "6", "7"]
    assert notes["5"].startswith("Overeenkomst inzake Veiligheidssamenwerking")
    assert "De vertrouwelijke bijlage[^2] bevat" in text


def test_table_is_a_pipe_table_and_page_furniture_is_not_read() -> None:
    text = read("seed-000.docx")
    assert "| Commerciële verwervingen[^6] | € 6,1 mld. | € 8,9 mld. |" in text
    assert "Pagina" not in text  # the footer's "Pagina N van M" lives in footer1.xml


def test_tracked_changes_are_accepted() -> None:
    data = (FORMATS / "seed-001.docx").read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:del " in xml and "<w:ins " in xml  # the fixture really holds a tracked change
    text = reader.read(data).text
    assert "op bijna € 8,7 miljard. Dat is" in text
    assert "8,5" not in text


def test_numbered_list_items_and_questions() -> None:
    text = read("seed-002.docx")
    assert re.findall(r"^# (\d+)\\\. ", text, re.M) == ["1", "2", "3", "4", "5", "6"]


def test_two_column_form_table_becomes_headings() -> None:
    text = read("seed-003.docx")
    assert "\n## Nagestreefde doelen\n" in text
    assert "Onderdeel" not in text  # the form's column headings
    assert "| " not in text


def test_lists_headings_levels_and_escaping_in_a_new_document(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Kamerbrief over de begroting", level=1)
    document.add_heading("Uitgaven", level=3)
    document.add_paragraph("Eerste punt met € 1,5 mld.", style="List Bullet")
    document.add_paragraph("Tweede punt", style="List Bullet")
    document.add_paragraph("Stap een", style="List Number")
    document.add_paragraph("Stap twee", style="List Number")
    document.add_paragraph("# geen kop, en *geen* nadruk_")
    document.add_paragraph("")  # empty paragraphs are dropped
    text = reader.read(saved(document)).text
    assert text.splitlines() == [
        "# Kamerbrief over de begroting",
        "",
        "### Uitgaven",
        "",
        "- Eerste punt met € 1,5 mld.",
        "",
        "- Tweede punt",
        "",
        "1. Stap een",
        "",
        "2. Stap twee",
        "",
        "\\# geen kop, en \\*geen\\* nadruk\\_",
    ]


def test_deleted_paragraph_text_and_field_codes_are_dropped() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Totaal: ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>€ 9 mld.</w:delText>'
            "</w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>€ 10 mld.</w:t></w:r></w:ins>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        )
    )
    assert reader.read(saved(document)).text == "Totaal: € 10 mld.\n"


def test_text_version_and_word_version_read_the_same_words() -> None:
    from tracker.read.files import load_document

    text = load_document(
        Path(__file__).resolve().parent.parent
        / "letters"
        / "oekraine-steun"
        / "2025-09-10-nieuwsbericht-militaire-steun.txt"
    )
    word = load_document(FORMATS / "seed-001.docx")
    assert [p.text for s in word.sections for p in s.paragraphs] == [
        p.text for s in text.sections for p in s.paragraphs
    ]


def test_a_zip_that_is_no_word_file(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="no Word document"):
        reader.read(buffer.getvalue())


NUMBERING = """<w:abstractNum {ns} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>"""
LETTERED = """<w:abstractNum {ns} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="%1)"/></w:lvl>
</w:abstractNum>"""


def test_numbered_headings_and_lettered_lists_keep_words_labels() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    # Abstract definitions go before the w:num elements, as the schema orders them.
    first_num = numbering.find(qn("w:num"))
    for xml in (NUMBERING, LETTERED):
        first_num.addprevious(parse_xml(xml.format(ns=nsdecls("w"))))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>')
    )

    def numbered(paragraph: object, num_id: int, ilvl: int) -> None:
        p_pr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
        num_pr = f'<w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
        p_pr.append(parse_xml(f"<w:numPr {nsdecls('w')}>{num_pr}</w:numPr>"))

    numbered(document.add_heading("Inleiding", level=1), 90, 0)
    numbered(document.add_heading("Financiën", level=1), 90, 0)
    numbered(document.add_heading("Begroting", level=2), 90, 1)
    numbered(document.add_paragraph("eerste voorwaarde"), 91, 0)
    numbered(document.add_paragraph("tweede voorwaarde"), 91, 0)
    text = reader.read(saved(document)).text
    assert [line for line in text.splitlines() if line] == [
        "# 1\\. Inleiding",
        "# 2\\. Financiën",
        "## 2.1 Begroting",
        "- a) eerste voorwaarde",
        "- b) tweede voorwaarde",
    ]


def test_first_page_header_letterhead_is_read_and_running_header_is_not() -> None:
    from tracker.read.files import document_from_bytes

    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.paragraphs[0].text = "Ministerie van Financiën"
    for line in ("Datum 3 maart 2026", "Betreft Stand van de begroting"):
        first.add_paragraph(line)
    section.header.paragraphs[0].text = "Ministerie van Financiën, pagina 2"
    section.footer.paragraphs[0].text = "Pagina 1 van 1"
    document.add_paragraph("Geachte voorzitter,")
    document.add_heading("Uitgaven", level=2)
    document.add_paragraph("De uitgaven stijgen met € 1,2 miljard tot € 40,5 miljard in 2026.")
    data = saved(document)
    text = reader.read(data).text
    assert text.splitlines()[:5] == [
        "Ministerie van Financiën",
        "",
        "Datum 3 maart 2026",
        "",
        "Betreft Stand van de begroting",
    ]
    assert "pagina 2" not in text and "Pagina 1 van 1" not in text
    letter = document_from_bytes(data, "brief.docx")
    assert letter.meta.date is not None and letter.meta.date.isoformat() == "2026-03-03"
    assert letter.meta.title == "Stand van de begroting"


def test_letterhead_laid_out_as_a_table_reads_as_its_lines() -> None:
    from tracker.read.files import document_from_bytes

    document = docx.Document()
    fields = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        fields.rows,
        [
            ("Datum", "27 februari 2026"),
            ("Betreft", "Leveringen militaire goederen aan Oekraïne"),
            ("Onze referentie", "MINDEF20260006976"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Geachte voorzitter,")
    document.add_paragraph(
        "De totale waarde van de geleverde militaire steun aan Oekraïne bedroeg op 2 februari "
        "2026 ca. €11,7 mld. Dit is een toename van €2,98 mld. ten opzichte van de vorige "
        "leveringenbrief. De Nederlandse steun bestaat uit:"
    )
    figures = document.add_table(rows=2, cols=2)
    figures.rows[0].cells[0].text, figures.rows[0].cells[1].text = "Type steun", "Bedrag"
    figures.rows[1].cells[0].text, figures.rows[1].cells[1].text = "Totaal", "€ 11,7 mld."
    data = saved(document)
    lines = reader.read(data).text.splitlines()
    assert lines[:5] == [
        "Datum 27 februari 2026",
        "",
        "Betreft Leveringen militaire goederen aan Oekraïne",
        "",
        "Onze referentie MINDEF20260006976",
    ]
    assert "| Totaal | € 11,7 mld. |" in lines  # a table of figures stays a table
    letter = document_from_bytes(data, "brief.docx")
    assert letter.meta.date is not None and letter.meta.date.isoformat() == "2026-02-27"
    assert letter.meta.title == "Leveringen militaire goederen aan Oekraïne"

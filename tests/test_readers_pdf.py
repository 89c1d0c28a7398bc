"""The PDF reader on real PDFs that LibreOffice made from the seed letters."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from tracker.errors import ExtractionError
from tracker.read.formats import pdf
from tracker.read.normalize import join_lines

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


@functools.cache
def markdown(name: str) -> str:
    result = pdf.read((FORMATS / name).read_bytes())
    assert result.markup == "markdown"
    return result.text


def headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def test_page_headers_footers_and_numbers_are_removed() -> None:
    text = markdown("seed-000.pdf")
    # The PDF has five pages, each with "Ministerie van Defensie" on top and "Pagina N van 5"
    # below; only the letterhead's own "Ministerie van Defensie" line is letter text.
    assert "Pagina" not in text
    assert text.count("Ministerie van Defensie") == 1
    # Seed 003's running header: a line of its own on each of three pages, gone.
    assert "Voorjaarsnota 2025" not in markdown("seed-003.pdf").splitlines()


def test_headings_come_from_the_larger_bold_type_and_are_unhyphenated() -> None:
    # LibreOffice hyphenated the first heading over two lines ("goede-" / "ren").
    assert headings(markdown("seed-000.pdf")) == [
        "Financiële stand van zaken levering van militaire goederen",
        "Industrie",
        "Training",
        "Toetsing",
        "Effecten krijgsmacht",
        "Europese Vredesfaciliteit",
    ]


def test_footnotes_are_lifted_from_the_page_foot_with_their_references() -> None:
    text = markdown("seed-000.pdf")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", text, re.M))
    assert list(notes) == ["2", "3", "4", "5", "6", "7"]
    assert notes["3"] == "Kamerstuk 22 054, nr. 463"
    assert notes["6"].startswith("Bestaat uit financiële realisatie")
    assert "versneld is gerealiseerd[^3]. Deze" in text
    assert "bilaterale veiligheidsovereenkomst.[^5] Het kabinet" in text
    # No footnote text is left in the running text.
    body = text.split("[^2]:")[0]
    assert "Centraal Informatiepunt" not in body


def test_ruled_table_becomes_a_pipe_table_with_its_footnote_reference() -> None:
    text = markdown("seed-000.pdf")
    assert "| Type steun | 31 aug. 2025 | 03 feb. 2026 |" in text
    # The first cell wraps in the PDF ("vervangings-" / "waarde)"): joined again.
    assert "| Directe levering (vervangingswaarde) | € 2,4 mld. | € 2,5 mld. |" in text
    assert "| Commerciële verwervingen[^6] | € 6,1 mld. | € 8,9 mld. |" in text
    assert "| Totaal | € 8,7 mld. | € 11,7 mld. |" in text


def test_end_of_line_hyphens_are_resolved_and_compound_hyphens_kept() -> None:
    text = markdown("seed-000.pdf") + markdown("seed-003.pdf") + markdown("seed-004.pdf")
    broken = re.findall(r"\b\w+-(?:ren|realiseerd|eel|aal)\b", text)
    assert not broken, broken
    for compound in ("NAVO-capaciteitsdoelen", "defensie-industrie", "EU-wapenexportcriteria"):
        assert compound in text
    assert "wet- en regelgeving" in text  # a hyphen standing for a shared word part


def test_two_column_form_labels_become_headings_over_their_text() -> None:
    text = markdown("seed-003.pdf")
    assert headings(text) == [
        "CW 3.1 €3,1 miljard additionele middelen via Defensie voor militaire "
        "steunverlening voor Oekraïne.",
        "Nagestreefde doelen",
        "Ingezette beleidsinstrument(en)",
        "Financiële gevolgen voor het Rijk",
        # This label wraps over three lines and across a page break in the PDF.
        "Financiële gevolgen voor maatschappelijke sectoren – als van toepassing",
        "Nagestreefde doeltreffendheid",
        "Nagestreefde doelmatigheid",
        "Evaluatieparagraaf (of en hoe)",
    ]
    after = text.split("## Financiële gevolgen voor het Rijk\n\n", 1)[1]
    assert after.startswith("Het kabinet heeft middels de Voorjaarsnota 2025 €3,1 mld. extra")


def test_bullets_and_numbered_questions() -> None:
    assert "- Directe levering: De totale vervangingswaarde" in markdown("seed-000.pdf")
    text = markdown("seed-002.pdf")
    questions = re.findall(r"^# (\d+)\\\. ", text, re.M)
    assert questions == ["1", "2", "3", "4", "5", "6"]


def test_reading_is_deterministic() -> None:
    data = (FORMATS / "seed-004.pdf").read_bytes()
    assert pdf.read(data).text == pdf.read(data).text


def test_scanned_pdf_without_text_layer_says_so() -> None:
    with pytest.raises(ExtractionError, match="no text layer"):
        pdf.read((FORMATS / "hostile" / "scanned.pdf").read_bytes())


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("vervangings-", "waarde)", "vervangingswaarde)"),
        ("NAVO-", "capaciteitsdoelen", "NAVO-capaciteitsdoelen"),
        ("defensie-", "uitgaven", "defensie-uitgaven"),
        ("materi-", "eel", "materieel"),
        ("wet-", "en regelgeving", "wet- en regelgeving"),
        ("Den", "Haag", "Den Haag"),
    ],
)
def test_joining_wrapped_lines(left: str, right: str, joined: str) -> None:
    assert join_lines(left, right) == joined


def test_pdf_with_only_an_owner_password_is_read() -> None:
    # Many published PDFs are encrypted to forbid editing but open without a password.
    data = (FORMATS / "seed-000-owner-password.pdf").read_bytes()
    assert b"/Encrypt" in data
    assert pdf.read(data).text == markdown("seed-000.pdf")


def test_english_running_header_and_page_footer_are_removed() -> None:
    lines = markdown("treasury-2025-11-05.pdf").splitlines()
    assert not [line for line in lines if re.fullmatch(r"Page \d+ of \d+", line)]
    assert "U.S. Department of the Treasury" not in lines
    assert "- A 30-year bond in the amount of $25 billion, maturing November 15, 2055." in lines


def test_bold_letterhead_labels_are_not_headings() -> None:
    import pdfplumber

    with pdfplumber.open(FORMATS / "seed-000.pdf") as document:
        words = document.pages[0].extract_words(extra_attrs=["fontname"])
    assert any(w["text"] == "Datum" and "Bold" in w["fontname"] for w in words)
    lines = markdown("seed-000.pdf").splitlines()
    assert "Datum" in lines and "Betreft" in lines and "Onze referentie" in lines


def test_sidebar_sender_block_is_read_on_its_own() -> None:
    # Seed 002's sender block is a 7-point frame in the right margin beside the addressee.
    lines = markdown("seed-002.pdf").splitlines()
    for line in ("Ministerie van Defensie", "Plein 4", "MPC 58 B", "Postbus 20701"):
        assert line in lines
    assert "der Staten-Generaal" in lines
    assert "Bezuidenhoutseweg 67" in lines


def test_sidebar_repeats_on_later_pages_are_dropped() -> None:
    from tracker.read.formats.pdflayout import Line, Word, first_sidebars

    def line(text: str, page: int, top: float) -> Line:
        words = [Word(w, 470 + 30 * i, 495 + 30 * i, top, top + 7, 7.0, False)
                 for i, w in enumerate(text.split())]  # fmt: skip
        return Line(words, page)

    pages = [
        [line("Ministerie van Defensie", 0, 100), line("Datum 27 november 2025", 0, 110)],
        [line("Datum 27 november 2025", 1, 100), line("Pagina 2 van 3", 1, 110)],
        [line("Datum 27 november 2025", 2, 100), line("Bijlage 1", 2, 110)],
    ]
    kept = [[" ".join(w.text for w in ln.words) for ln in lines] for lines in first_sidebars(pages)]
    assert kept == [["Ministerie van Defensie", "Datum 27 november 2025"], [], ["Bijlage 1"]]


def test_borderless_table_is_found_from_its_aligned_columns() -> None:
    import pdfplumber

    with pdfplumber.open(FORMATS / "treasury-2025-11-05.pdf") as document:
        page = document.pages[0]
        assert not page.find_tables()  # no rules: pdfplumber's own finder sees no table
    lines = markdown("treasury-2025-11-05.pdf").splitlines()
    assert "|  | 2-Year | 3-Year | 5-Year | 7-Year | 10-Year | 20-Year | 30-Year | FRN |" in lines
    assert "| Oct-25 | 69 | 58 | 70 | 44 | 39 | 13 | 22 | 30 |" in lines
    # The text around it stays running text.
    assert any(
        line.startswith("The table below presents, in billions of dollars") for line in lines
    )


def test_letterhead_fields_beside_their_values_are_not_form_headings() -> None:
    from tracker.read.formats.pdfblocks import FormRow, form_blocks

    rows = [
        FormRow("Onderdeel", ["Toelichting"]),
        FormRow("Datum", ["27 februari 2026"]),
        FormRow("Nagestreefde doelen", ["Doel van de Nederlandse militaire steun is …"]),
    ]
    assert form_blocks(rows) == [
        "Datum 27 februari 2026",
        "## Nagestreefde doelen",
        "Doel van de Nederlandse militaire steun is …",
    ]

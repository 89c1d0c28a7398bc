"""Metadata from real letterheads and headers: dates in both languages, titles, references."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.model import Document
from tracker.read.letterhead import date_line, detect_language, kamerstuk_references
from tracker.text.dates import parse_letter_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("27 februari 2026", dt.date(2026, 2, 27)),
        ("4 maart 2026", dt.date(2026, 3, 4)),
        ("8 oktober 2008", dt.date(2008, 10, 8)),
        ("31 aug. 2025", dt.date(2025, 8, 31)),
        ("October 29, 2025", dt.date(2025, 10, 29)),
        ("March 19, 2025", dt.date(2025, 3, 19)),
        ("30 October 2025", dt.date(2025, 10, 30)),
        ("2026-02-27", dt.date(2026, 2, 27)),
        ("10-09-2025", dt.date(2025, 9, 10)),  # Dutch numeric dates put the day first
        ("10/09/2025", None),  # day or month first? Not guessed.
        ("31 februari 2026", None),  # no such day
        ("Kamerstuk 22 054, nr. 463", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_letter_date(text) == date


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Datum 27 februari 2026", dt.date(2026, 2, 27)),
        ("Den Haag, 4 maart 2026", dt.date(2026, 3, 4)),
        ("Florence, 30 October 2025", dt.date(2025, 10, 30)),
        ("October 29, 2025", dt.date(2025, 10, 29)),
        ("14 December 2023", dt.date(2023, 12, 14)),
        ("Datum: 10-09-2025", dt.date(2025, 9, 10)),
        # A sentence that mentions a date is not a date line.
        ("Op 31 augustus 2025 stond de waarde op bijna € 8,7 miljard.", None),
        ("Verslag van de Raad Buitenlandse Zaken van 17 maart 2025", None),
    ],
)
def test_date_line(line: str, date: dt.date | None) -> None:
    assert date_line(line) == date


def test_language_by_common_words() -> None:
    assert (
        detect_language("Het kabinet heeft een deel van het budget naar dit jaar geschoven.")
        == "nl"
    )
    assert detect_language("The Committee decided to maintain the target range.") == "en"


def test_kamerstuk_references_as_written() -> None:
    text = (
        "(Kamerstuk 22 054, nr. 463, dd. 10 september 2025) en de motie "
        "(Kamerstuk 35 925 V, nr. 72 van 3 februari 2022)"
    )
    assert kamerstuk_references(text) == ["22 054, nr. 463", "35 925 V, nr. 72"]


def test_letterhead_of_a_ministry_letter(seed_docs: dict[str, Document]) -> None:
    meta = seed_docs["delivery"].meta
    assert meta.title == "Leveringen militaire goederen aan Oekraïne"
    assert meta.date == dt.date(2026, 2, 27)
    # Its own reference; the Kamerstuk its opening follows up on is another letter's.
    assert meta.references == ("MINDEF20260006976",)
    assert meta.cites == ("22 054, nr. 463",)
    assert meta.signatory == "Dilan Yeşilgöz-Zegerius"
    assert meta.language == "nl"


def test_subject_wrapping_over_lines_and_a_blank(seed_docs: dict[str, Document]) -> None:
    meta = seed_docs["questions"].meta
    assert meta.title is not None
    assert meta.title.startswith(
        "Beantwoording schriftelijke vragen van de leden Boswijk, Van Lanschot"
    )
    assert meta.title.endswith("over een gat in de steun aan Oekraïne.")
    assert meta.date == dt.date(2025, 11, 27)
    # The signature stands before the questions on the page; it is still found.
    assert meta.signatory == "Ruben Brekelman"


def test_kamerstuk_header(seed_docs: dict[str, Document]) -> None:
    meta = seed_docs["report"].meta
    assert meta.title == "Brief van de minister van Defensie"
    assert meta.date == dt.date(2026, 3, 4)
    assert meta.references == ("21 501-28 / 28 676, Nr. 299",)
    assert meta.signatory == "D. Yeşilgöz-Zegerius"


def test_letters_without_a_date_say_none(seed_docs: dict[str, Document]) -> None:
    assert seed_docs["news"].meta.date is None
    assert (
        seed_docs["news"].meta.title
        == "Nederland levert in hoog tempo militaire steun aan Oekraïne"
    )
    assert seed_docs["form"].meta.date is None
    assert seed_docs["form"].meta.signatory is None


@pytest.mark.parametrize(
    ("family", "title", "date", "language"),
    [
        ("fomc-statements-2024-2025", "Federal Reserve issues FOMC statement", "2025-10-29", "en"),
        ("fomc-statements-2008-2010", "FOMC statement", "2010-06-23", "en"),
        (
            "ecb-monetary-policy-statements-2024-2025",
            "MONETARY POLICY STATEMENT",
            "2025-10-30",
            "en",
        ),
        (
            "ecb-monetary-policy-decisions-2022-2023",
            "Monetary policy decisions",
            "2023-12-14",
            "en",
        ),
        (
            "ecb-persberichten-monetaire-beleidsbeslissingen-nl-1999-2009",
            "Monetaire-beleidsbeslissingen",
            "2009-05-07",
            "nl",
        ),
        (
            "us-treasury-marketable-borrowing-estimates-2022-2025",
            "Treasury Announces Marketable Borrowing Estimates",
            None,
            "en",
        ),
        (
            "nl-oekraine-militaire-leveringen-partial",
            "BRIEF VAN DE MINISTER VAN DEFENSIE",
            "2022-06-28",
            "nl",
        ),
    ],
)
def test_corpus_headers(
    corpus_docs: dict[str, Document],
    family: str,
    title: str,
    date: str | None,
    language: str,
) -> None:
    meta = corpus_docs[family].meta
    assert meta.title == title
    assert (meta.date.isoformat() if meta.date else None) == date
    assert meta.language == language


def test_kamerstuk_signature_on_one_line(corpus_docs: dict[str, Document]) -> None:
    meta = corpus_docs["nl-oekraine-militaire-leveringen-partial"].meta
    assert meta.signatory == "K.H. Ollongren"
    assert meta.references == ("22 054 / 36 045, Nr. 367",)


def test_english_letterhead_labels() -> None:
    from tracker.read.parse import parse

    text = (
        "Our reference: HMT-2025-0142\n"
        "Date: 19 March 2025\n"
        "Subject: Quarterly borrowing estimates\n\n"
        "Dear Chair,\n\n"
        "I am writing to set out the Treasury's current estimates of net marketable borrowing.\n\n"
        "Yours sincerely,\n\n"
        "Jane Smith\n"
    )
    meta = parse(text).meta
    assert meta.title == "Quarterly borrowing estimates"
    assert meta.date == dt.date(2025, 3, 19)
    assert meta.references == ("HMT-2025-0142",)
    assert meta.signatory == "Jane Smith"
    assert meta.language == "en"


def test_a_label_is_a_whole_word() -> None:
    from tracker.read.parse import parse

    # "Datumgrens" is not the label "Datum", and "Subjective" is not "Subject".
    text = (
        "Datumgrens 1 januari 2026\nSubjective views differ\n\nGeachte voorzitter,\n\n"
        "Hierbij informeer ik u over de stand van zaken van de steun aan Oekraïne.\n"
    )
    meta = parse(text).meta
    assert meta.date is None and meta.title is None


def test_english_letter_with_an_unlabelled_date_and_roman_headings() -> None:
    from tracker.read.parse import parse

    text = (
        "DEPARTMENT OF THE TREASURY\nWASHINGTON, D.C. 20220\n\nJanuary 16, 2025\n\n"
        "The Honorable Mike Johnson\nSpeaker\nU.S. House of Representatives\n\n"
        "Dear Mr. Speaker:\n\n"
        "I am writing to inform you that Treasury expects to reach the statutory debt limit.\n\n"
        "I. Background\n\n"
        "The debt limit was suspended through January 1, 2025 by the Fiscal Responsibility Act.\n\n"
        "II. Extraordinary measures\n\n"
        "Treasury will begin using extraordinary measures on January 21, 2025.\n\n"
        "Sincerely,\n\nJanet L. Yellen\n"
    )
    doc = parse(text)
    assert doc.meta.date == dt.date(2025, 1, 16)
    assert doc.meta.signatory == "Janet L. Yellen"
    assert [(s.level, s.heading) for s in doc.sections] == [
        (0, None),
        (1, "I. Background"),
        (1, "II. Extraordinary measures"),
    ]
    assert "Honorable" not in doc.sections[0].text


def test_memo_with_labels_and_no_salutation() -> None:
    from tracker.read.parse import parse

    text = (
        "Aan\tde minister van Defensie\n"
        "Datum\t3 maart 2026\n"
        "Onderwerp\tVoortgang leveringen aan Oekraïne\n"
        "Ons kenmerk\tBS2026003456\n"
        "\n"
        "Deze nota informeert u over de stand van de leveringen van militaire goederen aan "
        "Oekraïne in februari 2026 en vraagt uw instemming met de volgende brief aan de Kamer.\n"
    )
    doc = parse(text)
    assert doc.meta.title == "Voortgang leveringen aan Oekraïne"
    assert doc.meta.date == dt.date(2026, 3, 3)
    assert doc.meta.references == ("BS2026003456",)
    assert [s.text[:20] for s in doc.sections] == ["Deze nota informeert"]


def test_place_and_date_at_the_end_and_a_signature_per_procuration() -> None:
    from tracker.read.parse import parse

    text = (
        "Geachte voorzitter,\n\n"
        "Hierbij informeer ik uw Kamer over de verlenging van de inzet van twee MQ-9's.\n\n"
        "Den Haag, 4 maart 2026\n\n"
        "De minister van Defensie,\n"
        "w.g.\n"
        "D. Yeşilgöz-Zegerius\n"
    )
    doc = parse(text)
    assert doc.meta.date == dt.date(2026, 3, 4)
    assert doc.meta.signatory == "D. Yeşilgöz-Zegerius"
    assert [p.text for s in doc.sections for p in s.paragraphs] == [
        "Hierbij informeer ik uw Kamer over de verlenging van de inzet van twee MQ-9's."
    ]

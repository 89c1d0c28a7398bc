"""The parser on real letters: sections, levels, paragraphs, tables, footnotes, not-headings."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CORPUS_DIR, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import ExtractionError
from tracker.model import Document, Paragraph
from tracker.read.files import load_document
from tracker.read.parse import parse
from tracker.read.snapshot import from_markdown, to_markdown


def outline(doc: Document) -> list[tuple[int, str | None]]:
    return [(s.level, s.heading) for s in doc.sections]


def test_plain_headings_and_a_table(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["delivery"]
    assert outline(doc) == [
        (0, None),
        (1, "Financiële stand van zaken levering van militaire goederen"),
        (1, "Industrie"),
        (1, "Training"),
        (1, "Toetsing"),
        (1, "Effecten krijgsmacht"),
        (1, "Europese Vredesfaciliteit"),
    ]
    # The letterhead, the salutation and the signature are not body text.
    body = " ".join(s.text for s in doc.sections)
    for furniture in ("Retouradres", "Postbus", "www.defensie.nl", "Geachte", "Hoogachtend"):
        assert furniture not in body


def test_tab_indented_table(seed_docs: dict[str, Document]) -> None:
    [(section, table)] = seed_docs["delivery"].tables
    assert section.heading == "Financiële stand van zaken levering van militaire goederen"
    assert table.header == ("Type steun", "31 aug. 2025", "03 feb. 2026")
    assert table.rows == (
        ("Directe levering (vervangingswaarde)", "€ 2,4 mld.", "€ 2,5 mld."),
        ("Commerciële verwervingen", "€ 6,1 mld.", "€ 8,9 mld."),
        ("NAVO-fonds", "€ 0,18 mld.", "€ 0,18 mld."),
        ("Totaal", "€ 8,7 mld.", "€ 11,7 mld."),
    )
    assert table.footnotes == ("6",)
    assert (table.line, table.end_line) == (41, 68)


def test_footnotes_attach_to_paragraph_and_section(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["delivery"]
    opening = doc.sections[0]
    first = opening.paragraphs[0]
    assert first.footnotes == ("2",)
    assert "[footnoteRef" not in first.text and "bijlage bevat" in first.text
    assert [f.label for f in opening.footnotes] == ["2"]
    finance = doc.sections[1]
    assert [f.label for f in finance.footnotes] == ["3", "4", "5", "6"]
    assert finance.footnotes[0].text == "Kamerstuk 22 054, nr. 463"
    assert [f.label for f in doc.footnotes] == ["2", "3", "4", "5", "6", "7"]


def test_bullets_are_list_items(seed_docs: dict[str, Document]) -> None:
    items = [p for p in seed_docs["delivery"].sections[1].paragraphs if p.list_item]
    assert [p.text.split(":")[0] for p in items] == [
        "Directe levering",
        "Commerciële verwervingen",
        "NAVO-fonds",
    ]


def test_news_title_and_subheadings(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["news"]
    assert outline(doc) == [
        (0, None),
        (1, "Samenwerking met industrie en Oekraïne"),
        (1, "Training van Oekraïense militairen"),
    ]
    assert len(doc.sections[0].paragraphs) == 4


def test_numbered_questions_each_with_its_answer(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["questions"]
    headings = [s.heading or "" for s in doc.sections]
    assert headings[0] == ""  # the opening paragraph
    assert [h.split(".")[0] for h in headings[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert all(h.endswith("?") for h in headings[1:])
    assert headings[3] == (
        "3. Klopt het dat daarmee vaststaat dat de militaire steun aan Oekraïne in 2026 flink "
        "lager zal zijn dan in dit jaar? Zo ja, wat is het verschil?"
    )
    assert [p.text for p in doc.sections[1].paragraphs] == ["Ja."]
    assert doc.sections[1].heading_footnotes == ("1",)
    assert doc.sections[1].footnotes[0].text.startswith("Motie van het lid Boswijk c.s.")
    # Hard-wrapped lines are joined, and the figure broken over two lines is whole again.
    answer = doc.sections[3].text
    assert "bedraagt vooralsnog €2,1 miljard." in answer
    assert "ca. €0,4 miljard beschikbaar" in answer
    # The signature block printed before the questions is not part of any answer.
    assert "Brekelman" not in " ".join(s.text for s in doc.sections)


def test_two_column_form_labels_are_headings(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["form"]
    assert doc.meta.title == (
        "CW 3.1 €3,1 miljard additionele middelen via Defensie voor militaire steunverlening "
        "voor Oekraïne."
    )
    assert outline(doc) == [
        (1, "Nagestreefde doelen"),
        (1, "Ingezette beleidsinstrument(en)"),
        (1, "Financiële gevolgen voor het Rijk"),
        (1, "Financiële gevolgen voor maatschappelijke sectoren – als van toepassing"),
        (1, "Nagestreefde doeltreffendheid"),
        (1, "Nagestreefde doelmatigheid"),
        (1, "Evaluatieparagraaf (of en hoe)"),
    ]
    goals = doc.sections[0].text
    # Label and text on one line are split; the line continued after a blank is rejoined.
    assert goals.startswith(
        "Doel van de Nederlandse militaire steun aan Oekraïne is om het land in staat"
    )
    # "(zie o.a." at a line end does not end the paragraph.
    assert "(zie o.a. Kamerstuk 36 045, nr 190, dd. 17 februari 2025)" in goals
    effects = doc.sections[4].text
    assert "NAVO-capaciteitsdoelen" in effects and "defensie-uitgaven" in effects


def test_parent_heading_shown_by_the_text(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["report"]
    assert outline(doc) == [
        (0, None),
        (1, "Raad van Buitenlandse Zaken Defensie (RBZ-Defensie)"),
        (1, "NAVO Defensie Ministeriele bijeenkomst (DMM)"),
        (1, "Verslag Ukraine Defence Contact Group (UDCG)"),
        (1, "Overig"),
        (2, "Verlenging inzet Nederlandse MQ-9’s in Roemenië"),
        (2, "Non-paper interne markt voor defensie"),
    ]
    assert doc.sections[4].blocks == ()
    assert doc.sections[1].footnotes[0].text == "Kamerstuk 36 045, nr. 267."


def test_section_line_spans_point_into_the_letter(seed_docs: dict[str, Document]) -> None:
    for name, doc in seed_docs.items():
        lines = SEEDS[name].read_text(encoding="utf-8").split("\n")
        for section in doc.sections:
            first, last = section.lines
            assert 1 <= first <= last <= len(lines)
            if section.heading is not None:
                # The heading's first words stand on the section's first line.
                assert section.heading.split()[0] in lines[first - 1]
            for block in section.blocks:
                assert first <= block.line <= block.end_line <= last


def test_fomc_statement_has_no_headings(corpus_docs: dict[str, Document]) -> None:
    doc = corpus_docs["fomc-statements-2024-2025"]
    assert outline(doc) == [(0, None)]
    paragraphs = doc.sections[0].paragraphs
    assert len(paragraphs) == 6
    assert paragraphs[0].text.startswith("Available indicators suggest")
    assert "For release at" not in doc.sections[0].text


def test_ecb_statement_headings(corpus_docs: dict[str, Document]) -> None:
    doc = corpus_docs["ecb-monetary-policy-statements-2024-2025"]
    assert outline(doc) == [
        (0, None),
        (1, "Economic activity"),
        (1, "Inflation"),
        (1, "Risk assessment"),
        (1, "Financial and monetary conditions"),
        (1, "Conclusion"),
    ]
    # A one-sentence paragraph is not a heading, and a lone "." is no paragraph.
    texts = [p.text for s in doc.sections for p in s.paragraphs]
    meanwhile = (
        "Meanwhile, manufacturing was held back by higher tariffs, still-heightened uncertainty "
        "and a stronger euro."
    )
    assert meanwhile in texts
    assert "." not in texts


def test_treasury_markdown_headings_bullets_and_footnotes(corpus_docs: dict[str, Document]) -> None:
    doc = corpus_docs["us-treasury-quarterly-refunding-statements-2023-2025"]
    assert [h for _, h in outline(doc)][:6] == [
        None,
        "NOMINAL COUPON AND FRN FINANCING",
        "TIPS FINANCING",
        "BILL ISSUANCE",
        "BUYBACKS",
        "SMALL-VALUE CONTINGENCY AUCTION OPERATION",
    ]
    bullets = [p for p in doc.sections[0].paragraphs if p.list_item]
    assert len(bullets) == 3 and bullets[0].text.startswith("A 3-year note")


def test_treasury_footnote_styles(corpus_docs: dict[str, Document]) -> None:
    family = CORPUS_DIR / "us-treasury-marketable-borrowing-estimates-2022-2025"
    old = load_document(family / "2022-01-31_borrowing-estimates-jy0575.txt")
    first = old.sections[0].paragraphs[0]
    assert first.footnotes == ("1", "2")
    assert "borrowing for the January" in first.text
    assert old.footnotes[0].text.startswith("Privately-held net marketable borrowing excludes")
    glued = load_document(family / "2025-02-03_borrowing-estimates-sb0007.txt")
    april = next(p for p in glued.sections[0].paragraphs if p.text.startswith("During the April"))
    assert april.footnotes == ("3",)
    assert april.text.endswith("cash balance of $850 billion.")


def test_kamerbrief_with_wrapped_lines(corpus_docs: dict[str, Document]) -> None:
    from conftest import CORPUS_DIR

    from tracker.read.files import load_document

    doc = load_document(
        CORPUS_DIR
        / "nl-verslag-raad-buitenlandse-zaken-partial"
        / "2024-01-30_kst-21501-02-2822.txt"
    )
    assert doc.meta.title == "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN"
    assert doc.meta.signatory == "H.G.J. Bruins Slot"
    # The report's title in capitals is the parent of the headings in ordinary case.
    assert outline(doc) == [
        (0, None),
        (1, "VERSLAG RAAD BUITENLANDSE ZAKEN 22 JANUARI 2024"),
        (2, "Situatie in het Midden-Oosten"),
    ]
    report = doc.sections[1].paragraphs
    assert report[0].text.startswith(
        "Op maandag 22 januari jl. nam de Minister van Buitenlandse Zaken deel aan de Raad "
        "Buitenlandse Zaken (RBZ) in Brussel."
    )
    # "dreigingen,1" is a footnote marker; its text is missing from the source.
    assert report[-1].footnotes == ("1",)
    assert "dreigingen, en" in report[-1].text


@pytest.mark.parametrize(
    "text",
    [
        # List items are not headings, however short.
        "De steun bestaat uit:\n\n- Directe levering\n\n- Commerciële verwervingen\n\n"
        "Nederland heeft daarmee in 2025 ca. €5,6 mld. aan militaire steun geleverd aan Oekraïne.",
        # A salutation is not a heading.
        "Geachte voorzitter,\n\nHierbij bied ik u de antwoorden aan op de schriftelijke vragen "
        "van de leden over de steun aan Oekraïne.",
        # A short sentence is not a heading.
        "Ja.\n\nHet kabinet heeft tijdens de voorjaarsbesluitvorming besloten de steun voort te "
        "zetten.",
        # A lead-in ending in a colon is not a heading.
        "De Nederlandse steun bestaat uit drie delen:\n\nDefensie levert uit eigen voorraad en "
        "koopt bij de industrie, en draagt bij aan fondsen.",
        # Table debris and numbers are not headings.
        "Sep-25\n\n69\n\n58\n\nThe table above presents the auction sizes in billions of dollars.",
        # A short last line has nothing under it.
        "Het kabinet blijft de Kamer informeren over de steun aan Oekraïne.\n\nDen Haag",
    ],
)
def test_not_headings(text: str) -> None:
    doc = parse(text)
    assert all(s.heading is None for s in doc.sections), outline(doc)


def test_numbered_headings_give_levels() -> None:
    text = (
        "1. Inleiding\n\nDeze brief beschrijft de stand van zaken van de steun aan Oekraïne.\n\n"
        "2. Financiën\n\nHet kabinet heeft in totaal €14,3 mld. aan militaire steun begroot.\n\n"
        "2.1 Leveringen\n\nDe waarde van de geleverde steun bedroeg ca. €11,7 mld. in februari.\n"
    )
    assert outline(parse(text)) == [(1, "1. Inleiding"), (1, "2. Financiën"), (2, "2.1 Leveringen")]


def test_markdown_letter() -> None:
    text = (
        "# Leveringen militaire goederen\n\nIn vervolg op de vorige update informeer ik u.[^1]\n\n"
        "## Industrie\n\nDe voortzetting van de *militaire* steun hangt af van de industrie.\n\n"
        "| Type steun | 2025 |\n| --- | --- |\n| Directe levering | € 2,4 mld. |\n\n"
        "[^1]: Kamerstuk 22 054, nr. 463\n"
    )
    doc = parse(text, "markdown")
    assert doc.meta.title == "Leveringen militaire goederen"
    assert outline(doc) == [(0, None), (1, "Industrie")]
    assert doc.sections[0].paragraphs[0] == Paragraph(
        "In vervolg op de vorige update informeer ik u.", 3, 3, ("1",)
    )
    assert doc.sections[0].footnotes[0].text == "Kamerstuk 22 054, nr. 463"
    assert doc.sections[1].paragraphs[0].text.startswith("De voortzetting van de militaire steun")
    assert doc.sections[1].tables[0].rows == (("Directe levering", "€ 2,4 mld."),)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Pagina 1 van 1\n\n2",
        "�����\n\n%%%% #### @@@@ $$$$ ^^^^ &&&& **** (((( )))) ++++",
    ],
)
def test_empty_or_garbled_text_is_an_extraction_error(text: str) -> None:
    with pytest.raises(ExtractionError):
        parse(text)


def test_flattened_table_is_rebuilt(corpus_docs: dict[str, Document]) -> None:
    doc = corpus_docs["us-treasury-marketable-borrowing-estimates-2022-2025"]
    [(section, table)] = doc.tables
    assert section.heading == "Cash Balance"  # the table's title, right above it
    assert table.header == (
        "Assumptions",
        "July - September Quarter / Prior",
        "July - September Quarter / Current",
        "July - September Quarter / Change",
        "October - December Quarter / Prior",
        "October - December Quarter / Current",
        "October - December Quarter / Change",
    )
    assert table.rows[0] == ("Opening Balance", "$457", "$457", "$0", "$850", "$891", "$41")
    assert table.rows[-1] == ("Impact on Borrowing", "$393", "$434", "$41", "$0", "-$41", "-$41")
    # The lone "2" before the table is the artefact of a footnote image, not text.
    assert all(p.text != "2" for s in doc.sections for p in s.paragraphs)


def test_flattened_cells_without_their_headings_stay_together(
    corpus_docs: dict[str, Document],
) -> None:
    # The column headings were printed on one line with the first row label: the cells after
    # them cannot be put under the right heading, so they stay together as one paragraph.
    doc = corpus_docs["us-treasury-quarterly-refunding-statements-2023-2025"]
    cells = [p for s in doc.sections for p in s.paragraphs if p.text.startswith("69; 58; 70")]
    assert len(cells) == 1
    assert "; Sep-25; 69; 58; 70; 44; 39; 13; 22; 28; Oct-25;" in cells[0].text


def test_a_short_sentence_after_a_heading_is_its_text() -> None:
    text = (
        "MONETARY POLICY STATEMENT\n\n"
        "I will now outline in more detail how we see the economy and inflation developing.\n\n"
        "Economic activity\n\nThe economy remains weak.\n\n"
        "Consumers continued to hold back on their spending, and companies exported less.\n"
    )
    assert outline(parse(text)) == [(0, None), (1, "Economic activity")]


def test_markdown_levels_count_from_one() -> None:
    text = (
        "Geachte voorzitter,\n\nHierbij informeer ik u over de steun aan Oekraïne in 2026.\n\n"
        "## Industrie\n\nDe voortzetting van de steun hangt af van de industrie in Europa.\n\n"
        "### Samenwerking\n\nNederland werkt samen met de Oekraïense defensie-industrie.\n"
    )
    assert outline(parse(text, "markdown")) == [(0, None), (1, "Industrie"), (2, "Samenwerking")]


def test_questions_labelled_vraag_and_antwoord() -> None:
    text = (
        "Vraag 1\n"
        "Bent u bekend met het bericht dat de militaire steun aan Oekraïne in 2026 lager uitvalt?\n"
        "\n"
        "Antwoord 1\n"
        "Ja. Het kabinet heeft in de Voorjaarsnota €3,1 miljard extra toegekend.\n"
        "\n"
        "Vraag 2\n"
        "Kunt u aangeven hoeveel steun in 2026 beschikbaar is?\n"
        "\n"
        "Antwoord 2\n"
        "Voor 2026 is vooralsnog €2,1 miljard aan kasuitgaven begroot op de defensiebegroting.\n"
    )
    doc = parse(text)
    assert outline(doc) == [
        (
            1,
            "Vraag 1 Bent u bekend met het bericht dat de militaire steun aan Oekraïne in 2026 "
            "lager uitvalt?",
        ),
        (1, "Vraag 2 Kunt u aangeven hoeveel steun in 2026 beschikbaar is?"),
    ]
    assert [p.text for p in doc.sections[0].paragraphs] == [
        "Ja. Het kabinet heeft in de Voorjaarsnota €3,1 miljard extra toegekend."
    ]
    assert doc.sections[0].lines == (1, 5)


def test_page_headers_between_a_heading_and_its_text_are_dropped() -> None:
    text = (
        "Datum 12 mei 2025\n"
        "Betreft Voortgang van de inzet van F-35 jachtvliegtuigen\n\n"
        "Geachte voorzitter,\n\n"
        "Met deze brief informeer ik uw Kamer over de voortgang van de inzet boven Polen.\n\n"
        "2. Financiën\n"
        "Datum 12 mei 2025\n"
        "Onze referentie\n"
        "BS2025012345\n"
        "Pagina 2 van 3\n"
        "De kosten worden gedekt uit het Budget Internationale Veiligheid (BIV).\n"
    )
    doc = parse(text)
    assert doc.meta.date == dt.date(2025, 5, 12)
    assert outline(doc) == [(0, None), (1, "2. Financiën")]
    assert doc.sections[1].text == (
        "De kosten worden gedekt uit het Budget Internationale Veiligheid (BIV)."
    )


# Pieces of real letters, to build arbitrary and broken letters from.
PIECES = [
    "Geachte voorzitter,", "Hoogachtend,", "\t", "\n", "\n\n", " ", "Datum 27 februari 2026",
    "Betreft", "[footnoteRef:1]", "[1:  Kamerstuk 22 054, nr. 463]", "[1]", "[^1]", "[^1]: noot",
    "1. Bent u bekend met het bericht?", "- item", "NAVO-", "defensie-", "€", "2,4 mld.",
    "Industrie", "The Committee decided to raise the target range.", "Vraag 1", "Antwoord 1",
    "Het kabinet heeft besloten de militaire steun aan Oekraïne voort te zetten.", "##",
    "# Titel", "|", "a | b", "---", "Den Haag, 4 maart 2026", "Nr. 12 Brief van de minister",
    "21 501-02 Raad", "www.defensie.nl", "Postbus 20701", "2500 ES Den Haag",
    "De minister van Defensie,", "J. Jansen", "(zie o.a.", "x" * 60, "woord " * 20,
]  # fmt: skip


@given(
    st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.text(max_size=200)),
    st.sampled_from(["plain", "markdown"]),
)
@settings(max_examples=300, deadline=None)
def test_any_text_gives_a_clean_document_or_an_extraction_error(text: str, markup: str) -> None:
    try:
        doc = parse(text, markup)  # type: ignore[arg-type]
    except ExtractionError:
        return
    for section in doc.sections:
        assert section.heading is None or section.heading == section.heading.strip() != ""
        for paragraph in section.paragraphs:
            assert paragraph.text and paragraph.text == " ".join(paragraph.text.split())
            assert not set(paragraph.text) & {"\ue000", "\ue001"}
    assert from_markdown(to_markdown(doc)) == doc


def test_tables_one_row_per_line() -> None:
    text = (
        "Geachte voorzitter,\n\n"
        "De Nederlandse steun bestaat uit de volgende onderdelen, zoals in de tabel hieronder.\n\n"
        "Type steun                      31 aug. 2025    03 feb. 2026\n"
        "Directe levering                €  2,4 mld.     €  2,5 mld.\n"
        "Commerciële verwervingen        € 6,1 mld.      € 8,9 mld.\n"
        "\n"
        "| Quarter | Prior | Current |\n"
        "| --- | ---: | --- |\n"
        "| Oct-Dec | $457 | $891 |\n"
        "\n"
        "The Committee decided today.  It will keep the target range.  Inflation remains high.\n"
        "It is attentive to the risks.  It will adjust as appropriate.  It is committed.\n"
    )
    doc = parse(text)
    spaced, piped = (t for _, t in doc.tables)
    assert spaced.header == ("Type steun", "31 aug. 2025", "03 feb. 2026")
    assert spaced.rows == (
        ("Directe levering", "€ 2,4 mld.", "€ 2,5 mld."),
        ("Commerciële verwervingen", "€ 6,1 mld.", "€ 8,9 mld."),
    )
    assert (spaced.line, spaced.end_line) == (5, 7)
    assert piped.rows == (("Oct-Dec", "$457", "$891"),)
    # Two spaces after a full stop do not make prose a table.
    assert doc.sections[0].paragraphs[-1].text.startswith("It is attentive to the risks. It will")

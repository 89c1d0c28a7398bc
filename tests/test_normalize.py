"""Artefact clean-up on real phrasings: spaces, bookmarks, footnotes, wrapped lines, hyphens."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tracker.read.normalize import (
    SHARED_PART_WORDS,
    clean,
    join_lines,
    lift_markers,
    marker,
    vocabulary,
)


def lifted(text: str) -> tuple[str, tuple[str, ...]]:
    """Clean one line of text and lift its footnote markers, as the parser does."""
    return lift_markers(clean(text).lines[0])


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        # A capitalised prefix keeps its hyphen (seed 003).
        ("op het behalen van de NAVO-", "capaciteitsdoelen worden", "NAVO-capaciteitsdoelen"),
        # Two vowels meeting keep the hyphen, as Dutch spelling wants (seed 003).
        ("nieuwe NAVO-norm voor defensie-", "uitgaven en onderstreept", "defensie-uitgaven"),
        ("de inzet van de politie-", "eenheden", "politie-eenheden"),
        # A plain word broken in two is joined.
        ("om het land te verdedi-", "gen tegen de invasie", "verdedigen"),
        ("the Committee will continue to moni-", "tor the implications", "monitor"),
        # Before a capital or a digit the hyphen is part of the word.
        ("de Noord-", "Atlantische Raad", "Noord-Atlantische"),
        ("levering van F-", "16’s", "F-16’s"),
        # A word broken in two after a compound's hyphen is joined (seed 004 as PDF): the
        # hyphen a line break adds is not a compound's.
        ("fensieactiviteiten, MFK-midde-", "len voor de defensie-industrie", "MFK-middelen"),
        # After a digit the hyphen stays (the Treasury's refunding statement as PDF).
        ("to maintain the November 10-", "year TIPS reopening", "10-year"),
    ],
)
def test_end_of_line_hyphens(first: str, second: str, joined: str) -> None:
    assert joined in join_lines(first, second).split()


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        (
            "bondgenootschappelijke afspraken en geldende wet-",
            "en regelgeving.",
            "wet- en regelgeving.",
        ),
        ("een trainings-", "en opleidingsprogramma", "een trainings- en opleidingsprogramma"),
        ("short- and", "long-term", "short- and long-term"),
    ],
)
def test_a_hyphen_standing_for_a_shared_word_part(first: str, second: str, joined: str) -> None:
    assert join_lines(first, second).endswith(joined)


def test_the_letters_own_words_settle_doubtful_hyphens() -> None:
    # Two vowels meeting would keep the hyphen, unless the letter writes the word whole.
    assert join_lines("international co-", "operation") == "international co-operation"
    vocab = vocabulary(["in close cooperation with partners"])
    assert join_lines("international co-", "operation", vocab) == "international cooperation"
    vocab = vocabulary(["de mijnen-jagers en de mijnen-jagers"])
    assert join_lines("de mijnen-", "jagers", vocab) == "de mijnen-jagers"


def test_wrapped_figure_is_rejoined_with_a_space() -> None:
    assert join_lines("bedraagt vooralsnog €2,1", "miljard. Voor 2027") == (
        "bedraagt vooralsnog €2,1 miljard. Voor 2027"
    )


def test_no_break_spaces_become_spaces_and_soft_hyphens_vanish() -> None:
    text = "voor\u202f2026 bedraagt vooralsnog €2,1\u00a0miljard; defen\u00adsie"
    assert clean(text).lines == ("voor 2026 bedraagt vooralsnog €2,1 miljard; defensie",)


def test_bookmarks_are_removed() -> None:
    assert clean("[bookmark: _GoBack]In vervolg op de vorige update").lines == (
        "In vervolg op de vorige update",
    )


def test_word_footnotes_become_markers_and_bodies() -> None:
    text = (
        "De vertrouwelijke bijlage[footnoteRef:2] bevat een totaaloverzicht.  "
        "[2:  Ter vertrouwelijke inzage gelegd, alleen voor de leden.] "
    )
    cleaned = clean(text)
    assert cleaned.footnotes == {"2": "Ter vertrouwelijke inzage gelegd, alleen voor de leden."}
    assert lift_markers(cleaned.lines[0]) == (
        "De vertrouwelijke bijlage bevat een totaaloverzicht.",
        ("2",),
    )


def test_word_footnote_markers_before_a_full_stop() -> None:
    text = "versneld is gerealiseerd[footnoteRef:3]. Deze operatie [3:  Kamerstuk 22 054, nr. 463]"
    cleaned = clean(text)
    assert cleaned.footnotes == {"3": "Kamerstuk 22 054, nr. 463"}
    assert lift_markers(cleaned.lines[0]) == ("versneld is gerealiseerd. Deze operatie", ("3",))


def test_bracket_markers_with_bodies_at_the_end() -> None:
    text = (
        "geen ongewenste gaten vallen in de militaire steun aan Oekraïne? [1]\n"
        "\n"
        "[1] Motie van het lid Boswijk c.s., Tweede Kamer, vergaderjaar 2025–2026, nr. 2286"
    )
    cleaned = clean(text)
    assert len(cleaned.lines) == 3  # line numbers are kept
    assert cleaned.lines[2] == ""
    assert cleaned.footnotes["1"].startswith("Motie van het lid Boswijk c.s.")
    assert lift_markers(cleaned.lines[0]) == (
        "geen ongewenste gaten vallen in de militaire steun aan Oekraïne?",
        ("1",),
    )


def test_web_footnote_links_glued_to_the_next_word() -> None:
    text = (
        "net marketable borrowing[[1]](#_ftn1)for the January – March 2022 quarter.\n"
        "[[1]](#_ftnref1)Privately-held net marketable borrowing excludes rollovers."
    )
    cleaned = clean(text)
    assert cleaned.footnotes == {"1": "Privately-held net marketable borrowing excludes rollovers."}
    assert lift_markers(cleaned.lines[0]) == (
        "net marketable borrowing for the January – March 2022 quarter.",
        ("1",),
    )


def test_markdown_footnotes() -> None:
    cleaned = clean(
        "Het kabinet roept op tot burden-sharing.[^5]\n\n[^5]: Overeenkomst, 1 maart 2024."
    )
    assert cleaned.footnotes == {"5": "Overeenkomst, 1 maart 2024."}
    assert lift_markers(cleaned.lines[0])[1] == ("5",)


def test_glued_footnote_digits_counting_up_are_markers() -> None:
    text = (
        "de motie van het lid Sjoerdsma c.s.1 over het opschroeven van de steun, "
        "een lijst statelijke dreigingen,2 en de financiering van de faciliteit."
    )
    assert lifted(text) == (
        "de motie van het lid Sjoerdsma c.s. over het opschroeven van de steun, "
        "een lijst statelijke dreigingen, en de financiering van de faciliteit.",
        ("1", "2"),
    )


def test_glued_digits_cite_a_note_again() -> None:
    text = (
        "a cash balance of $850 billion.[2],[3] The estimate is lower.\n"
        "a cash balance of $850 billion.3\n"
        "[3] The cash balances assume enactment of a debt limit suspension."
    )
    cleaned = clean(text)
    assert lift_markers(cleaned.lines[0]) == (
        "a cash balance of $850 billion. The estimate is lower.",
        ("2", "3"),
    )
    assert lift_markers(cleaned.lines[1]) == ("a cash balance of $850 billion.", ("3",))


@pytest.mark.parametrize(
    "text",
    [
        "naar 3,5% van het BBP en 1,5% van het BBP",
        "Kamerstuk 36 045, nr. 267 en Kamerstuk 22 054, nr. 463",
        "Treasury borrowed $1.058 trillion and $1,015 billion",
        "the target range to 5-1/4 to 5-1/2 percent",
        "de inzet van twee MQ-9’s en F-16’s in 2025",
        "2.3 per cent in 2025, 1.9 per cent in 2026 and 2.0 per cent in 2027",
        "een totaal van €750 miljoen, nr.5 volgt",
    ],
)
def test_real_numbers_are_never_taken_for_footnotes(text: str) -> None:
    assert lifted(text) == (text, ())


def test_scraped_markdown_links_and_bold_keep_their_words() -> None:
    text = (
        "[Sources and Uses Table](https://home.treasury.gov/system/files/136/x.pdf)\n"
        "see [the debt limit page](https://home.treasury.gov/debt-limit) and **Opening Balance**"
    )
    assert clean(text).lines == ("", "see the debt limit page and Opening Balance")


def test_marker_sentinel_round_trips() -> None:
    assert lift_markers(f"tekst{marker('12')} en meer") == ("tekst en meer", ("12",))


def test_pdf_footnotes_at_the_foot_of_the_page() -> None:
    text = (
        "conform de motie van het lid Sjoerdsma c.s.1 over het opschroeven van de steun en de\n"
        "eerdere leveringen2 aan Oekraïne. Het gaat om een F16 en 2 500 militairen.\n"
        "\n"
        "1 Motie van het lid Sjoerdsma c.s., Kamerstuk 36 045, nr. 5\n"
        "2 Kamerstuk 22 054, nr. 463\n"
    )
    cleaned = clean(text)
    assert cleaned.footnotes == {
        "1": "Motie van het lid Sjoerdsma c.s., Kamerstuk 36 045, nr. 5",
        "2": "Kamerstuk 22 054, nr. 463",
    }
    assert cleaned.lines[3:5] == ("", "")
    assert lift_markers(cleaned.lines[1]) == (
        "eerdere leveringen aan Oekraïne. Het gaat om een F16 en 2 500 militairen.",
        ("2",),
    )


def test_a_number_glued_to_a_word_needs_its_footnote_body() -> None:
    # Without a body line "1 …" below, "covid19" and "leveringen1" stay as written.
    text = "de leveringen1 aan Oekraïne tijdens covid19 en daarna"
    assert lifted(text) == (text, ())


@given(
    st.text(alphabet="abcdeëfghijklmnoprstuvwxyzABEKNOV", min_size=1, max_size=12),
    st.text(alphabet="abcdeëfghijklmnoprstuvwxyzABEKNOV", min_size=1, max_size=12),
)
@example("A", "to")  # "to" was a conjunction: "het A- to volgt"
@example("wet", "en")
@example("short", "and")
def test_a_hyphen_at_a_line_end_is_kept_or_dropped_never_anything_else(
    head: str, tail: str
) -> None:
    joined = join_lines(f"het {head}-", f"{tail} volgt")
    if tail.lower() in SHARED_PART_WORDS:  # "wet- en regelgeving", "short- and long-term"
        assert joined == f"het {head}- {tail} volgt"
    else:
        assert joined in (f"het {head}-{tail} volgt", f"het {head}{tail} volgt")

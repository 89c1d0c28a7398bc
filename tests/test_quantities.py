"""Quantities over real phrasings from the seed letters and the corpus, in Dutch and English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.figures.numbers import format_quantity, parse_number
from tracker.figures.quantities import find_quantities
from tracker.figures.vocabulary import QUALIFIERS
from tracker.model import Language

# (language, sentence as written, [(value, high, unit, qualifier, noun), ...])
FIGURES: list[tuple[Language, str, list[tuple[str, str | None, str, str | None, str | None]]]] = [
    (
        "nl",
        "circa €14,3 mld. aan militaire steun begroot",
        [("14300000000", None, "EUR", "circa", None)],
    ),
    (
        "nl",
        "voor ongeveer € 13,6 miljard aan militaire steun",
        [("13600000000", None, "EUR", "ongeveer", None)],
    ),
    (
        "nl",
        "onderbesteding van in totaal EUR 700 mln. heeft aangewend",
        [("700000000", None, "EUR", None, None)],
    ),
    (
        "nl",
        "een bijdrage aan van bijna USD 107 miljoen (€90 miljoen) aan het",
        [("107000000", None, "USD", "bijna", None), ("90000000", None, "EUR", None, None)],
    ),
    (
        "nl",
        "ca. 60.000 Oekraïense militairen getraind",
        [("60000", None, "count", "circa", "Oekraïense militairen")],
    ),
    ("nl", "de inzet van twee MQ-9’s in Roemenië", [("2", None, "count", None, "MQ-9’s")]),
    (
        "nl",
        "50 donatie- en specialistische trainingen gegeven",
        [("50", None, "count", None, "donatie- en specialistische trainingen")],
    ),
    ("nl", "naar 3,5% van het BBP", [("3.5", None, "%", None, None)]),
    (
        "nl",
        "wordt met 50 basispunten verlaagd naar 3,75%",
        [("50", None, "bp", None, None), ("3.75", None, "%", None, None)],
    ),
    ("nl", "een stijging van 0,25 procentpunt", [("0.25", None, "pp", None, None)]),
    ("nl", "tussen de 20 en 30 militairen", [("20", "30", "count", None, "militairen")]),
    (
        "nl",
        "met maximaal 20 militairen een bijdrage",
        [("20", None, "count", "maximaal", "militairen")],
    ),
    (
        "nl",
        "reeds meer dan €1 miljard direct bij bedrijven",
        [("1000000000", None, "EUR", "meer dan", None)],
    ),
    ("nl", "ruim €5,5 mld. gedeclareerd", [("5500000000", None, "EUR", "ruim", None)]),
    (
        "nl",
        "zo’n 90 landmachtmilitairen per rotatie",
        [("90", None, "count", "zo'n", "landmachtmilitairen")],
    ),
    ("nl", "een lone 1.500 militairen", [("1500", None, "count", None, "militairen")]),
    ("nl", "een totaal van €1.250,5 mln.", [("1250500000", None, "EUR", None, None)]),
    (
        "nl",
        "Dit is een toename van €2,98 mld. ten opzichte van",
        [("2980000000", None, "EUR", None, None)],
    ),
    ("en", "at 0 to 1/4 percent and anticipates", [("0", "0.25", "%", None, None)]),
    (
        "en",
        "range for the federal funds rate to 4-1/4 to 4-1/2 percent.",
        [("4.25", "4.5", "%", None, None)],
    ),
    ("en", "to 1\u20111/2 to 1\u20113/4 percent", [("1.5", "1.75", "%", None, None)]),
    (
        "en",
        "purchasing up to an additional $750 billion of agency",
        [("750000000000", None, "USD", None, None)],
    ),
    (
        "en",
        "bringing its total purchases to up to $1.25 trillion this year",
        [("1250000000000", None, "USD", "up to", None)],
    ),
    (
        "en",
        "estimated borrowing of $1,015 billion and assumed",
        [("1015000000000", None, "USD", None, None)],
    ),
    ("en", "total debt of 1.058 trillion dollars", [("1058000000000", None, "USD", None, None)]),
    (
        "en",
        "decided to raise the key ECB interest rates by 50 basis points",
        [("50", None, "bp", None, None)],
    ),
    ("en", "inflation returns to its 2% target", [("2", None, "%", None, None)]),
    ("en", "a deficit of -$41 billion", [("-41000000000", None, "USD", None, None)]),
    ("en", "about 3.5 percent of GDP", [("3.5", None, "%", "about", None)]),
    (
        "en",
        "nearly 60,000 Ukrainian soldiers",
        [("60000", None, "count", "nearly", "Ukrainian soldiers")],
    ),
    ("en", "more than twelve new members", [("12", None, "count", "more than", "new members")]),
    ("en", "an increase of 0.25 percentage point", [("0.25", None, "pp", None, None)]),
    ("en", "£3.2 bn for the programme", [("3200000000", None, "GBP", None, None)]),
]

NOT_FIGURES: list[tuple[Language, str]] = [
    ("nl", "Kamerstuk 22 054, nr. 463, dd. 10 september 2025"),
    ("nl", "Onze referentie MINDEF20260006976"),
    ("nl", "met kenmerk 2025Z20069"),
    ("nl", "Kamerbrief 2867630806 nr. 442 d.d. 17 oktober 2023"),
    ("nl", "Retouradres Postbus 20701 2500 ES Den Haag"),
    ("nl", "Bezuidenhoutseweg 67 2594 AC Den Haag"),
    ("nl", "vergaderjaar 2025–2026, 21 501-20, nr. 2286"),
    ("nl", "1. Bent u op de hoogte van de aangenomen motie"),
    ("nl", "de verschillende trainingen, zoals Leopard 1 tankcrewtraining"),
    ("nl", "de donaties van F-16’s en F16-gerelateerde verplichtingen"),
    ("nl", "vergoedingen voor leveringen vanaf Q2 2023 ligt stil"),
    ("nl", "Sinds 2022 levert Nederland een bijdrage"),
    ("nl", "artikel 5 van het verdrag"),
    ("nl", "tot 30 september 2026"),
    ("nl", "om 14.00 uur"),
    ("nl", "tranche 1 en tranche 2"),
    ("en", "For release at 2:00 p.m. EST"),
    ("en", "will be released at 8:30 a.m. on Wednesday, February 2, 2022."),
    ("en", "Media inquiries: 202-452-2955"),
    ("en", "a 3-year note and a 30-year bond"),
    ("en", "the end of the year.3 Additional details"),
    ("en", "privately-held net marketable borrowing[1] for the quarter"),
    ("en", "March 18, 2009"),
    ("en", "Article 3 of the Statute"),
    ("en", "one of the members"),
]


@pytest.mark.parametrize(("language", "text", "expected"), FIGURES)
def test_real_phrasings(
    language: Language,
    text: str,
    expected: list[tuple[str, str | None, str, str | None, str | None]],
) -> None:
    found = find_quantities(text, language)
    got = [(q.value, q.high, q.unit, q.qualifier, q.noun) for q in found]
    want = [
        (Decimal(v), None if h is None else Decimal(h), unit, qualifier, noun)
        for v, h, unit, qualifier, noun in expected
    ]
    assert got == want
    for q in found:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(("language", "text"), NOT_FIGURES)
def test_not_figures(language: Language, text: str) -> None:
    assert find_quantities(text, language) == []


def test_conversion_in_parentheses_is_marked() -> None:
    found = find_quantities("bijna USD 107 miljoen (€90 miljoen) aan het", "nl")
    assert [q.conversion for q in found] == [False, True]


def test_figure_broken_across_lines_is_one_figure() -> None:
    found = find_quantities("voor 2026 bedraagt vooralsnog €2,1\nmiljard. Voor", "nl")
    assert [(q.value, q.unit) for q in found] == [(Decimal("2100000000"), "EUR")]


@pytest.mark.parametrize(
    ("raw", "language", "value", "decimals"),
    [
        ("1.500", "nl", "1500", 0),
        ("14,3", "nl", "14.3", 1),
        ("14.3", "nl", "14.3", 1),  # not three digits after the dot: a decimal, even in Dutch
        ("1.058", "en", "1.058", 3),
        ("1,015", "en", "1015", 0),
        ("1.234,56", "nl", "1234.56", 2),
        ("1,234.56", "en", "1234.56", 2),
        ("4-1/4", "en", "4.25", 2),
    ],
)
def test_parse_number_follows_the_letter_language(
    raw: str, language: Language, value: str, decimals: int
) -> None:
    assert parse_number(raw, language) == (Decimal(value), decimals)


_ENGLISH = {"about", "around", "approximately", "roughly", "nearly", "almost", "more than"}
_ENGLISH |= {"less than", "up to", "at least"}
# Each language's own qualifiers ("ten minste" in an English letter is "ten" of something).
QUALIFIER_FORMS: dict[Language, list[str]] = {
    "en": sorted(_ENGLISH),
    "nl": sorted(set(QUALIFIERS) - _ENGLISH - {"tot", "over", "some", "ca"}),
}


@given(
    cents=st.integers(min_value=1, max_value=10**9),
    decimals=st.integers(min_value=0, max_value=2),
    scale=st.sampled_from([0, 3, 6, 9, 12]),
    unit=st.sampled_from(["EUR", "USD", "GBP", "%", "pp", "bp", "count"]),
    language=st.sampled_from(["nl", "en"]),
    qualifier=st.integers(min_value=-1, max_value=20),
)
def test_format_then_parse_round_trips(
    cents: int, decimals: int, scale: int, unit: str, language: Language, qualifier: int
) -> None:
    forms = QUALIFIER_FORMS[language]
    written = forms[qualifier % len(forms)] if qualifier >= 0 else None
    shown = Decimal(cents).scaleb(-decimals)
    if unit in {"%", "pp", "bp", "count"}:
        scale = 0  # percentages and counts carry no scale word
    value = shown.scaleb(scale)
    noun = "militairen" if language == "nl" else "soldiers"
    text = format_quantity(
        value,
        unit,
        language,
        scale=scale,
        decimals=decimals,
        qualifier=written,
        noun=noun if unit == "count" else None,
    )
    found = find_quantities(f"Het gaat om {text} in totaal.", language)
    assert len(found) == 1, text
    assert found[0].value == value, text
    assert found[0].unit == unit, text
    assert found[0].qualifier == (QUALIFIERS[written] if written else None), text

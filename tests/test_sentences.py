"""Sentence splitting on real letter text: abbreviations, numbers, initials, both languages."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tracker.text.sentences import sentence_spans, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "letters" / "oekraine-steun"
FOMC = Path(__file__).resolve().parent / "cases" / "fomc-2025-09-to-2025-10"


def test_dutch_abbreviations_and_decimals_do_not_split() -> None:
    text = (
        "Nederland heeft sinds de aanvang circa €14,3 mld. aan militaire steun begroot. "
        "In vervolg op de update (Kamerstuk 22 054, nr. 463, dd. 10 september 2025) informeer "
        "ik u, o.a. over de stand per 31 aug. 2025. Minister H.G.J. Bruins Slot schreef dat "
        "het ca. €5,6 mld. is, d.d. 1 maart. De waarde bedroeg ca. €11,7 mld. Dit is een "
        "toename van 3,5% t.o.v. vorig jaar."
    )
    assert split_sentences(text, "nl") == [
        "Nederland heeft sinds de aanvang circa €14,3 mld. aan militaire steun begroot.",
        "In vervolg op de update (Kamerstuk 22 054, nr. 463, dd. 10 september 2025) informeer "
        "ik u, o.a. over de stand per 31 aug. 2025.",
        "Minister H.G.J. Bruins Slot schreef dat het ca. €5,6 mld. is, d.d. 1 maart.",
        "De waarde bedroeg ca. €11,7 mld.",
        "Dit is een toename van 3,5% t.o.v. vorig jaar.",
    ]


def test_english_abbreviations_and_decimals_do_not_split() -> None:
    text = (
        "Mr. Powell said the U.S. Treasury will raise the target to 5.25 percent, e.g. in "
        "March. See No. 5 and St. Louis, i.e. the Fed. The meeting ends at 2 p.m. Markets "
        "opened at 9 a.m. on Jan. 3. Why? Because inflation is 3.5%!"
    )
    assert split_sentences(text, "en") == [
        "Mr. Powell said the U.S. Treasury will raise the target to 5.25 percent, e.g. in March.",
        "See No. 5 and St. Louis, i.e. the Fed.",
        "The meeting ends at 2 p.m.",
        "Markets opened at 9 a.m. on Jan. 3.",
        "Why?",
        "Because inflation is 3.5%!",
    ]


def test_numbered_items_quotes_and_lines() -> None:
    text = '1. Het kabinet zegt: "dit is klaar." Daarna volgt meer\nEen nieuwe regel zonder punt'
    assert split_sentences(text, "nl") == [
        '1. Het kabinet zegt: "dit is klaar."',
        "Daarna volgt meer",
        "Een nieuwe regel zonder punt",
    ]


def test_spans_point_into_the_text_of_a_real_letter() -> None:
    text = (SEEDS / "2026-02-27-leveringen-militaire-goederen.txt").read_text(encoding="utf-8")
    spans = sentence_spans(text, "nl")
    assert len(spans) > 100
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    sentences = split_sentences(text, "nl")
    expected = (
        "In totaal heeft Nederland daarmee in 2025 ca. €5,6 mld. aan militaire steun geleverd."
    )
    assert expected in sentences


def test_fomc_statement_sentences() -> None:
    path = FOMC / "2025-10-29_fomc-statement.txt"
    text = path.read_text(encoding="utf-8")
    sentences = split_sentences(text, "en")
    assert sentences
    # No sentence may end on a leading abbreviation such as "Mr." or "U.S.".
    for sentence in sentences:
        assert not sentence.endswith((" Mr.", " U.S.", " e.g.", " i.e.", " No."))


@given(st.text(alphabet="ab .,?!\n3€Aé", max_size=200))
def test_spans_are_ordered_and_cover_every_word(text: str) -> None:
    spans = sentence_spans(text, "nl")
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(text.split()) == "".join(covered.split())
    ends = [0] + [end for _, end in spans]
    assert all(a <= s < e for a, (s, e) in zip(ends, spans, strict=False))

"""Each shortcut taken for speed gives what the plain form gives: on every corpus letter's
text, and on generated text made of the characters the plain form looks at."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest
from conftest import corpus_files
from hypothesis import example, given
from hypothesis import strategies as st

from tracker.figures import hinted
from tracker.figures.find import find_figures
from tracker.figures.kept import forget
from tracker.figures.lexicon import CLAUSE_WORDS, LINKS, RESPECTIVELY, VERBS
from tracker.figures.lists import _BOTH_BEFORE, _SHARED_HEAD, other_subject
from tracker.figures.quantities import (
    _NUMBER_WORD_HINTS,
    _NUMBER_WORD_PATTERNS,
    _QTY,
    _qualifier,
    search_quantity,
)
from tracker.figures.vocabulary import NUMBER_WORDS, QUALIFIERS
from tracker.read.files import load_document
from tracker.text.dates import MONTHS
from tracker.text.period_hints import NEEDS, possible_patterns
from tracker.text.period_patterns import PATTERNS
from tracker.text.trie import word_trie
from tracker.text.words import _NOT_TEXT, fold, text_key

Search = Callable[[str, int], re.Match[str] | None]


def spans(search: Search, text: str) -> list[tuple[int, int]]:
    """Every match `search` finds in `text`, from left to right, as a loop of finds does."""
    found, pos = [], 0
    while (m := search(text, pos)) is not None:
        found.append(m.span())
        pos = max(m.end(), pos + 1)
    return found


@pytest.fixture(scope="module")
def corpus_lines() -> list[str]:
    return [
        line
        for path in corpus_files()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ]


def test_quantities_are_searched_as_the_pattern_finds_them(corpus_lines: list[str]) -> None:
    for line in corpus_lines:
        assert spans(search_quantity, line) == spans(_QTY.search, line), line


# Digits, signs, currency signs and codes, spaces of several kinds, letters and punctuation.
# fmt: off
_PIECES = [
    "1", "25", "0,5", "3.500", "½", "4-1/4", "-", "\u2212", "€", "$", "US$", "S$", "EUR", "eur",
    "RM", "HKD", "m", "mld.", "bn", "%", "procent", "per cent", "a", "U", "S", "(", ".", ",",
    " ", "  ", "\u00a0", "\n", "\t",
]
# fmt: on
_QUANTITY_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


@given(_QUANTITY_TEXT, st.integers(min_value=0, max_value=6))
def test_generated_quantities_are_searched_as_the_pattern_finds_them(text: str, pos: int) -> None:
    plain, fast = _QTY.search(text, pos), search_quantity(text, pos)
    assert (plain and plain.span()) == (fast and fast.span())


def test_a_period_pattern_never_matches_without_its_hints(corpus_lines: list[str]) -> None:
    assert set(NEEDS) == {name for name, _ in PATTERNS}
    for line in corpus_lines:
        possible = possible_patterns(line)
        for name, pattern in PATTERNS:
            if pattern.compiled.search(line):
                assert (name, pattern.compiled) in possible, (name, line)


_PERIOD_PIECES = [
    *MONTHS, "Q2", "q4", "H1", "2024", "1999", "3", "12", "three", "months", "to", "quarter",
    "kwartaal", "second", "tweede", "half", "helft", "of", "van", "end", "eind", "ultimo", "the",
    "year", "jaar", "this", "dit", "next", "fiscal", "FY", "so", "far", "sinds", "het", "begin",
    "in", "for", "over", "voor", "-", "–", "t/m", ",", ".", "TIPS", "auction",
    # letters the patterns take, ignoring case, for "s", "i" and "k"
    "\u017feptember", "f\u0131scal", "\u212awartaal", "ult\u0131mo", "e\u0131nd", "J\u0130JAAR",
]  # fmt: skip


def _joined(pieces: list[str]) -> st.SearchStrategy[str]:
    """Up to eight of `pieces`, each followed by no, one or two spaces."""
    return st.lists(
        st.tuples(st.sampled_from(pieces), st.sampled_from([" ", "", "  "])), max_size=8
    ).map(lambda parts: "".join(piece + space for piece, space in parts))


_PERIOD_TEXT = _joined(_PERIOD_PIECES)


@given(_PERIOD_TEXT, st.booleans())
@example("ult\u0131mo 2023", False)
@example("f\u0131scal year 2024", False)
@example("by the end of the \u017feptember auct\u0131on", True)
@example("f\u0130scal year 2024", False)
@example("ult\u0130mo 2023", False)
def test_generated_periods_never_match_without_their_hints(text: str, upper: bool) -> None:
    text = text.upper() if upper else text
    possible = possible_patterns(text)
    for name, pattern in PATTERNS:
        if pattern.compiled.search(text):
            assert (name, pattern.compiled) in possible, (name, text)


def test_the_number_word_hint_finds_every_paragraph_with_a_number_word(
    corpus_lines: list[str],
) -> None:
    for language, lazy in _NUMBER_WORD_PATTERNS.items():
        pattern, hint = lazy.compiled, _NUMBER_WORD_HINTS[language].compiled
        for line in [*corpus_lines, *(w.upper() for w in NUMBER_WORDS[language])]:
            if pattern.search(line):
                assert hint.search(line), (language, line)


def test_a_word_trie_matches_exactly_its_words() -> None:
    words = ["jan", "januari", "june", "jun", "juli", "mei", "may", "m", ""]
    pattern = re.compile(word_trie(words))
    for text in [*words, "ja", "janu", "junex", "me", "x", "mayo"]:
        assert (pattern.fullmatch(text) is not None) == (text in words), text


def test_a_letter_read_after_another_has_the_figures_it_has_alone() -> None:
    letters = [load_document(path) for path in corpus_files()[:40]]
    after_others = [find_figures(doc) for doc in letters]
    for doc, figures in zip(letters, after_others, strict=True):
        forget()
        assert find_figures(doc) == figures, doc.meta.source


_HINTED = [hinted.ADVERBIALS, hinted.AS_EXPECTED, hinted.FORECAST, hinted.PREFERRED, hinted.SOURCE]


def test_a_hinted_pattern_finds_what_the_pattern_finds(corpus_lines: list[str]) -> None:
    for pattern in _HINTED:
        for line in corpus_lines:
            plain, found = pattern.pattern.search(line), pattern.search(line)
            assert (plain and plain.span()) == (found and found.span()), line
            assert pattern.sub(lambda m: "_", line) == pattern.pattern.sub("_", line), line


_HINTED_PIECES = [
    *("according", "to", "volgens", "the", "CBS", "estimates", "at", "present", "so", "far"),
    *("in", "total", "totaal", "lower", "half", "of", "de", "onderkant", "van", "as", "than"),
    *("expected", "more", "line", "with", "expectations", "meer", "dan", "verwacht"),
    *("projected", "forecasts", "likely", "assumed", "raming", "prognoses", "members"),
    *("voted", "against", "preferred", "dissenting", "leden", "stemden", "tegen", "minority"),
    # letters the patterns take, ignoring case, for "i" and "s"
    *("\u0130n", "\u0131n", "\u017fo", "ra\u0131ming", "\u017ftemde", "vol\u0130ens"),
    *(" ", ",", "."),
]
_HINTED_TEXT = _joined(_HINTED_PIECES)


@given(_HINTED_TEXT, st.booleans())
@example("\u0130n total", False)
@example("\u017fo far", False)
def test_generated_text_is_searched_by_a_hinted_pattern_as_by_the_pattern(
    text: str, upper: bool
) -> None:
    text = text.upper() if upper else text
    for pattern in _HINTED:
        plain, found = pattern.pattern.search(text), pattern.search(text)
        assert (plain and plain.span()) == (found and found.span()), text


# Every character, a space between each and the next, so that runs are cut everywhere too.
_EVERY_CHARACTER = " ".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_a_text_key_is_the_text_without_what_the_pattern_takes(corpus_lines: list[str]) -> None:
    for text in [*corpus_lines, _EVERY_CHARACTER, _EVERY_CHARACTER.replace(" ", "")]:
        assert text_key(text) == _NOT_TEXT.sub("", text), text


def test_a_folded_text_loses_exactly_its_combining_marks(corpus_lines: list[str]) -> None:
    def plain(text: str) -> str:
        if text.isascii():
            return text.lower()
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    for text in [*corpus_lines, _EVERY_CHARACTER, "Oekraïne", "İstanbul ﬁnanciën"]:
        assert fold(text) == plain(text), text


def _plain_other_subject(sentence: str, concept: str) -> str | None:
    """`other_subject` as one pattern per concept, searched in every sentence."""
    if not concept or RESPECTIVELY.search(sentence):
        return None
    both = re.search(_BOTH_BEFORE + re.escape(concept) + r"\b", sentence)
    if both:
        return both.group("first")
    words = concept.split()
    if len(words) == 2:
        shared = re.search(_SHARED_HEAD + re.escape(concept) + r"\b", sentence)
        if shared and shared.group("modifier").lower() not in CLAUSE_WORDS | VERBS | LINKS:
            return f"{shared.group('modifier')} {words[-1]}"
    return None


def _concepts_in(line: str) -> set[str]:
    """The concepts that may have an other subject: the two words after each joining word
    ("core and headline inflation"), and in a line that says "both"/"zowel" the runs of one to
    three words ("both A and B C")."""
    words = line.split()
    runs = (1, 2, 3) if re.search(r"both|zowel", line, re.IGNORECASE) else (2,)
    found: set[str] = set()
    for i, word in enumerate(words):
        if word.lower() in ("and", "en", "als"):
            found.update(" ".join(words[i + 1 : i + 1 + n]) for n in runs)
    return found


def test_an_other_subject_is_what_its_plain_pattern_finds(corpus_lines: list[str]) -> None:
    # It is asked of sentences that hold a figure.
    for line in filter(re.compile(r"\d").search, corpus_lines):
        for concept in _concepts_in(line):
            found = other_subject(line, concept)
            assert found == _plain_other_subject(line, concept), (line, concept)


# fmt: off
_JOINED_PIECES = [
    "both ", "Both ", "zowel ", "and ", "en ", "als ", "the ", "de ", "core ", "headline ",
    "inflation", "kern", "-", " ", "  ", "\n", ",", "respectively ", "rates", "are ", "N",
]
# fmt: on


@given(
    st.lists(st.sampled_from(_JOINED_PIECES), max_size=14).map("".join),
    st.lists(st.sampled_from(_JOINED_PIECES), min_size=1, max_size=3).map("".join),
)
@example("both core and headline inflation are", "headline inflation")
@example("core and headline inflation", "headline inflation")
@example("headline inflation rose, and core and headline inflation are", "headline inflation")
def test_generated_other_subjects_are_what_the_plain_pattern_finds(
    sentence: str, concept: str
) -> None:
    assert other_subject(sentence, concept) == _plain_other_subject(sentence, concept)


_QUALIFIERS_ONE_BY_ONE = [
    (written, re.compile(rf"(?:^|[\s(]){re.escape(written)}\s*$"))
    for written in sorted(QUALIFIERS, key=len, reverse=True)
]


def _plain_qualifier(text: str, start: int) -> str | None:
    """`_qualifier` as one pattern per qualifier, longest first."""
    head = text[max(0, start - 30) : start].lower()
    for written, pattern in _QUALIFIERS_ONE_BY_ONE:
        m = pattern.search(head)
        if m is None:
            continue
        moved = re.search(r"(?<!includ)(?<!exclud)\w+(?:ed|ing)\s*$", head[: m.start() + 1])
        if written.startswith("up") and moved:
            return None
        return QUALIFIERS[written]
    return None


def test_a_qualifier_is_the_longest_that_ends_before_the_figure(corpus_lines: list[str]) -> None:
    for line in corpus_lines:
        for digit in re.finditer(r"\d", line):
            start = digit.start()
            assert _qualifier(line, start) == _plain_qualifier(line, start), (line, start)

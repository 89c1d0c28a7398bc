"""Each shortcut taken for speed gives what the plain form gives: on every corpus letter's
text, and on generated text made of the characters the plain form looks at."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import corpus_files
from hypothesis import given
from hypothesis import strategies as st

from tracker.figures.quantities import _QTY, search_quantity

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

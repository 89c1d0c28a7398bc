"""What a paragraph and a sentence give, kept for the next letter that says them again.

Two letters of a series, and the two letters of a comparison, say most of their paragraphs
word for word. The quantities of a paragraph, its sentences and the meaning of a sentence's
figures depend only on the words (and the figures' places in them), so each is worked out once
and kept: the second letter reads only what it changed. Each answer is a pure function of
its arguments (lru_cache keys on all of them), and is handed out as a tuple, which no caller
can change under the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from tracker.figures.concepts import Meaning, meanings
from tracker.figures.quantities import Quantity, find_quantities
from tracker.figures.tokens import Spot
from tracker.model import Language
from tracker.text.sentences import sentence_spans

KEPT = 1 << 15
"""Paragraphs (and sentences) kept: all of a 5 MB letter's, so that its next version finds
them."""


@lru_cache(maxsize=KEPT)
def paragraph_quantities(text: str, language: Language) -> tuple[Quantity, ...]:
    """`find_quantities` of a paragraph."""
    return tuple(find_quantities(text, language))


@lru_cache(maxsize=KEPT)
def paragraph_sentences(text: str, language: Language) -> tuple[tuple[int, int], ...]:
    """`sentence_spans` of a paragraph."""
    return tuple(sentence_spans(text, language))


def sentence_meanings(
    sentence: str,
    spots: Sequence[Spot],
    previous: str | None,
    masked: str,
    language: Language,
) -> list[Meaning]:
    """`concepts.meanings` of a sentence's figures."""
    return list(_meanings(sentence, tuple(spots), previous, masked, language))


@lru_cache(maxsize=KEPT)
def _meanings(
    sentence: str, spots: tuple[Spot, ...], previous: str | None, masked: str, language: Language
) -> tuple[Meaning, ...]:
    return tuple(meanings(sentence, spots, previous, masked, language))


def forget() -> None:
    """Drop everything kept (for timing a letter read as if for the first time)."""
    for kept in (paragraph_quantities, paragraph_sentences, _meanings):
        kept.cache_clear()

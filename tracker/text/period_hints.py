"""Which period patterns (period_patterns.PATTERNS) can match a text at all, found cheaply.

`period_mentions` runs some twenty patterns over every sentence that holds a figure, most of
them led by a word boundary and a long alternation (the month names), which the regular
expression engine tries at every word of the text. Each pattern has words it cannot match
without: a month name, a year, "quarter", "jaar". A pattern whose words are not in the text is
not run: it would find nothing. tests/test_fast_paths.py checks, on every corpus line and on
generated text, that no pattern matches where one of its words is missing.
"""

from __future__ import annotations

import re

from tracker.text.dates import MONTHS
from tracker.text.period_patterns import PATTERNS, YEAR
from tracker.text.trie import word_trie

# The patterns ignore case, which lets "ı" and "İ" match "i" and "ſ" match "s": lower() keeps
# the first and last, and makes "İ" two characters, so a text holding one has its words looked
# for by the patterns' own rules.
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")
_MONTH = re.compile(rf"\b{word_trie(MONTHS)}", re.IGNORECASE)  # a boundary before each
_YEAR = re.compile(YEAR)

_WORDS: dict[str, tuple[str, ...]] = {
    "q": ("q1", "q2", "q3", "q4"),
    "months": ("months",),
    "quarter": ("quarter", "kwartaal"),
    "half": ("half", "helft"),
    "end": ("end", "eind", "ultimo"),
    "jaar": ("year", "jaar"),
    "fy": ("fiscal", "fy"),
    "event": ("year", "month", "week", "tips", "auction", "meeting", "refunding"),
}
"""Hints that are words, in lower case: the text holds one of them."""

_EACH_WORD = [(hint, word) for hint, words in _WORDS.items() for word in words]

NEEDS: dict[str, tuple[str, ...]] = {
    "dmy": ("year", "month"),
    "mdy": ("year", "month"),
    "mq": ("year", "quarter", "month"),
    "mq_end": ("quarter", "month"),
    "mm": ("year", "month"),
    "yq": ("year", "q"),
    "q": ("q",),
    "mto": ("months", "month"),
    "oq": ("quarter",),
    "h": ("h",),
    "oh": ("half",),
    "end": ("end",),
    "endyear": ("end", "jaar"),
    "my": ("year", "month"),
    "fy": ("year", "fy"),
    "ytd": ("jaar",),
    "rel": ("jaar",),
    "year": ("jaar",),
    "y": ("year",),
    "am": ("month", "event"),
    "m": ("month",),
}
"""Per pattern, the hints each of its matches holds: without one of them it cannot match."""


def possible_patterns(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns of PATTERNS, in their order, that can match `text`: those whose hints it
    holds, compiled. One pass over the hints per text; the choice is kept per set of hints
    found."""
    found = _hints(text)
    chosen = _CHOSEN.get(found)
    if chosen is None:
        chosen = _CHOSEN[found] = tuple(
            (name, pattern.compiled) for name, pattern in PATTERNS if found.issuperset(NEEDS[name])
        )
    return chosen


_CHOSEN: dict[frozenset[str], tuple[tuple[str, re.Pattern[str]], ...]] = {}


def _hints(text: str) -> frozenset[str]:
    found = set()
    if _MONTH.search(text):
        found.add("month")
    if _YEAR.search(text):
        found.add("year")
    if "H1" in text or "H2" in text:  # the one pattern that heeds case
        found.add("h")
    if _CASE_ODD.search(text) is not None:
        return frozenset(found | _WORDS.keys())
    low = text.lower()
    for hint, word in _EACH_WORD:
        if word in low:
            found.add(hint)
    return frozenset(found)

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
from tracker.text.period_patterns import YEAR
from tracker.text.trie import word_trie

# The patterns ignore case, which lets "ı" match "i" and "ſ" match "s": lower() keeps those, so
# a text holding one has its words looked for by the patterns' own rules.
_CASE_ODD = re.compile("[\u0131\u017f]")
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


class Hints:
    """The hints of one text, each looked for once, when a pattern first asks for it."""

    __slots__ = ("_found", "_low", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._low = text.lower() if _CASE_ODD.search(text) is None else None
        self._found: dict[str, bool] = {}

    def may_match(self, pattern: str) -> bool:
        """False when the pattern named `pattern` cannot match the text."""
        for hint in NEEDS[pattern]:
            found = self._found.get(hint)
            if found is None:
                found = self._found[hint] = self._holds(hint)
            if not found:
                return False
        return True

    def _holds(self, hint: str) -> bool:
        if hint == "month":
            return _MONTH.search(self._text) is not None
        if hint == "year":
            return _YEAR.search(self._text) is not None
        if hint == "h":
            return "H1" in self._text or "H2" in self._text  # the one pattern that heeds case
        if self._low is None:
            return True
        return any(word in self._low for word in _WORDS[hint])

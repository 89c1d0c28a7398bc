"""What a pronoun stands for when its noun is in a sentence without figures: "Staff have
revised up their projections for inflation excluding energy and food, especially for this year
and next year. They now see it reaching 5.1% in 2023" — "it" is inflation excluding energy and
food, not the concept of the last sentence with figures."""

from __future__ import annotations

import re

from tracker.figures.lexicon import ADVERBS
from tracker.figures.tokens import Token, is_name_word, phrase_of, tokens_of

_PROJECTED_FOR = re.compile(
    r"\b(?:projected\s+path|projections?|forecasts?|outlook|ramingen?|prognoses?)\s+(?:for|voor)\s+",
    re.IGNORECASE,
)
_TO_AFTER_COMMA = re.compile(
    r",\s*(?:to|naar|tot)\s+(?:(?:an?|een)\s+)?(?:(?:average|gemiddelde)\s+(?:of|van)\s+)?$",
    re.IGNORECASE,
)
_INNER = frozenset(["excluding", "including", "exclusief", "inclusief"])


def projected_topic(text: str) -> str | None:
    """The last thing `text` says is projected ("their projections for X, especially …"): X,
    cut at the first word that is no part of a name; None when it names none."""
    found = None
    for m in _PROJECTED_FOR.finditer(text):
        taken: list[Token] = []
        for t in tokens_of(text[m.end() :], m.end()):
            inner_and = t.low in ("and", "en") and any(x.low in _INNER for x in taken)
            if not (is_name_word(t) or inner_and) or t.low in ADVERBS:
                break
            taken.append(t)
        phrase = phrase_of(text, taken)
        if phrase:
            found = phrase
    return found


def revised_to(before: str) -> str | None:
    """ "ECB staff have slightly revised down the projected path for X, to an average of 5.1%":
    a value after ", to" is the projected thing the clause before it revised."""
    m = _TO_AFTER_COMMA.search(before)
    return projected_topic(before[: m.start()]) if m else None

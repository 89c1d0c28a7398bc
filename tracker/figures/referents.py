"""What a referring phrase stands for: a pronoun whose noun is in a sentence without figures
("Staff have revised up their projections for inflation excluding energy and food, especially
for this year and next year. They now see it reaching 5.1% in 2023" — "it" is inflation
excluding energy and food, not the concept of the last sentence with figures); the revised
projection a ", to N" gives; a sentence's opening "For X,"; and "and that for X"."""

from __future__ import annotations

import re

from tracker.figures.lexicon import ADVERBS, LINKS, QUALIFIER_WORDS
from tracker.figures.tokens import Token, is_agent, is_name_word, name_run, phrase_of, tokens_of

_PROJECTED_FOR = re.compile(
    r"\b(?:projected\s+path|projections?|forecasts?|outlook|ramingen?|prognoses?)\s+(?:for|voor)\s+",
    re.IGNORECASE,
)
# "their growth projections", "hun groeiramingen" is not read: a compound is one word.
_PROJECTIONS_OF = re.compile(
    r"\b(?:their|its|the|our|hun|haar|zijn|de)\s+(?P<what>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+"
    r"(?:projections?|forecasts?|ramingen?|prognoses?)\s*$",
    re.IGNORECASE,
)
# A comma or a dash, then "to (an average of)": "…, to an average of 5.1%", "… – to 0.9 per cent".
_TO_AFTER_COMMA = re.compile(
    r"\s*[,–—]\s*(?:to|naar|tot)\s+(?:(?:an?|een)\s+)?(?:(?:average|gemiddelde)\s+(?:of|van)\s+)?$",
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
    """ "ECB staff have slightly revised down the projected path for X, to an average of 5.1%",
    "staff have again marked down their growth projections – to 0.9 per cent": a value after
    ", to" or "– to" is the projected thing the clause before it revised."""
    m = _TO_AFTER_COMMA.search(before)
    if not m:
        return None
    clause = before[: m.start()]
    named = _PROJECTIONS_OF.search(clause)
    if named and not is_agent(named.group("what")):
        return named.group("what")
    return projected_topic(clause)


# "For inflation excluding energy and food, staff project an average of 2.2 per cent": the
# topic a sentence opens with, for a clause that names only who speaks and how the value stands.
_TOPIC = re.compile(r"\W*(?:for|voor)\s+(?P<what>[^,;:]{3,80}?)\s*,", re.IGNORECASE)


def opening_topic(sentence: str, text: str, before: int) -> str | None:
    """The X of a sentence that opens with "For X," (`text` being the sentence with its
    periods blanked, so "For 2025," names nothing), when X is a name and comes before
    position `before`; None otherwise."""
    m = _TOPIC.match(text)
    if not m or m.end() > before:
        return None
    taken: list[Token] = []
    for t in tokens_of(m.group("what"), m.start("what")):
        inner_and = t.low in ("and", "en") and any(x.low in _INNER for x in taken)
        if not (is_name_word(t) or inner_and):
            return None
        taken.append(t)
    phrase = phrase_of(sentence, taken)
    return phrase if phrase and not is_agent(phrase) else None


# "and that for the deposit facility", "en die voor de depositofaciliteit": a pronoun standing
# for the noun of the figure before, narrowed by what follows it.
_STANDS_FOR = frozenset(["that", "those", "die", "dat"])
_NARROWING = frozenset(["for", "on", "of", "voor", "op", "van"])
_THAT_FOR = re.compile(r"\b(?:that|those|die|dat)\s+(?:for|on|of|voor|op|van)\b", re.IGNORECASE)


def that_for(sentence: str, text: str, start: int, end: int, region: list[Token]) -> str | None:
    """ "de rentevoet voor de marginale beleningsfaciliteit 4,5% blijven, en die voor de
    depositofaciliteit 2,0%": what the pronoun's phrase between the figure before (ending at
    `start`) and this one (at `end`) names — the deposit facility. `region` holds the tokens
    between them."""
    if not _THAT_FOR.search(text, start, end):
        return None
    at = next(
        (
            k
            for k in range(len(region) - 2, 0, -1)
            if region[k].low in _STANDS_FOR
            and region[k + 1].low in _NARROWING
            and region[k - 1].low in ("and", "en", ",")
        ),
        None,
    )
    if at is None:
        return None
    rest = region[at + 2 :]
    while rest and rest[-1].low in LINKS | QUALIFIER_WORDS:
        rest.pop()  # "… and that on the deposit facility at 2.0%"
    named = name_run(rest, stop_at_prepositions=True)
    if not named or len(named) != len(rest):
        return None
    return phrase_of(sentence, named) or None

"""A sentence as word tokens, and the tests on them the clause readers share: is this a word,
a word of a name, a verb not in the word lists, the noun phrase ending here, a phrase naming who
acts rather than a quantity."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tracker.figures.lexicon import (
    ADVERBS,
    AGENTS,
    AGREEING_WITH,
    AUXILIARIES,
    CLAUSE_WORDS,
    CONJUNCTIONS,
    DETERMINERS,
    ING_MODIFIERS,
    LINKS,
    MATURITY_WORD,
    MAX_BACK,
    MAX_WORDS,
    OBJECT_VERBS,
    PARTICLES,
    PREPOSITIONS_IN_NAMES,
    SUBORDINATE,
    TOKEN,
    VERB_FILLER,
    VERBS,
    words_of,
)


@dataclass(frozen=True, slots=True)
class Spot:
    """One quantity in a sentence, as the concept finder needs it."""

    start: int
    end: int
    unit: str
    noun: str | None = None
    conversion: bool = False


class Token(NamedTuple):
    """A word (or a comma, colon, parenthesis) of a sentence. A named tuple, not a frozen
    dataclass: a sentence's tokens are made for every figure's region, and a tuple is made in a
    fifth of the time."""

    text: str
    low: str
    start: int
    end: int


def tokens_of(text: str, offset: int = 0) -> list[Token]:
    found: list[Token] = []
    append, make = found.append, tuple.__new__  # a sentence has dozens: no named-tuple call
    for m in TOKEN.finditer(text):
        word = m.group()
        if word.endswith(".") and len(word) > 2 and word[:-1].lower() not in ("ca", "mld", "mln"):
            word = word[:-1]
        start = m.start() + offset
        append(make(Token, (word, word.lower().rstrip("."), start, start + len(word))))
    return found


def is_word(t: Token) -> bool:
    return t.text[0].isalpha() or bool(MATURITY_WORD.fullmatch(t.text))


def is_name_word(t: Token) -> bool:
    if not is_word(t) or t.low in CONJUNCTIONS or t.low in CLAUSE_WORDS:
        return False
    # A capital inside a sentence starts a name ("Singapore Overnight Rate Average"), even
    # where the word could be a verb.
    return t.low not in VERBS or (t.text[0].isupper() and t.start > 0 and t.low not in AUXILIARIES)


# ("per annum rate of appreciation" keeps its "per").
OPENING_LINKS = (PREPOSITIONS_IN_NAMES - {"per"}) | CONJUNCTIONS | frozenset(["with", "by", "at"])


def phrase_of(sentence: str, tokens: Sequence[Token]) -> str:
    """The letter's own words from the first token to the last, determiners and adverbs at the
    start and dangling prepositions at the end dropped, at most `MAX_WORDS` words."""
    tokens = list(tokens)
    # A name never opens with a preposition or conjunction: "a decline in core inflation",
    # "with the unemployment rate at", "those of longer-term inflation expectations".
    while tokens and (
        tokens[0].low in DETERMINERS | ADVERBS | SUBORDINATE | OPENING_LINKS
        or not is_word(tokens[0])
    ):
        tokens.pop(0)
    while tokens and (
        not (is_word(tokens[-1]) or tokens[-1].text[0].isdigit())
        or tokens[-1].low in PREPOSITIONS_IN_NAMES | CONJUNCTIONS | DETERMINERS
    ):
        tokens.pop()
    if not tokens:
        return ""
    words = [t for t in tokens if is_word(t)]
    if len(words) > MAX_WORDS:
        tokens = [t for t in tokens if t.end <= words[MAX_WORDS - 1].end]
    end = tokens[-1].end
    if sentence[end : end + 1] == ")" and "(" in sentence[tokens[0].start : end]:
        end += 1  # "Official Cash Rate (OCR)"
    text = " ".join(sentence[tokens[0].start : end].split())
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    return text


def name_run(tokens: Sequence[Token], *, stop_at_prepositions: bool) -> list[Token]:
    """The tokens of a noun phrase from the start of `tokens`: words (and inner prepositions)
    up to a verb, a conjunction, a clause word, a comma or a number."""
    taken: list[Token] = []
    for t in tokens:
        if not is_name_word(t):
            break
        if stop_at_prepositions and taken and t.low in PREPOSITIONS_IN_NAMES - {"of", "van"}:
            break
        taken.append(t)
    return taken


_DIRECTIONS = frozenset(["up", "down", "back", "higher", "lower"])
_OPENS_PARTICIPLE = VERBS | CONJUNCTIONS | words_of("most all some")
"""Words after which an -ing word may open a verb ("are falling to", "most standing at")."""


def verb_like(tokens: list[Token], k: int) -> bool:
    """A verb not in the word lists: an infinitive after a verb and "to" ("continued to
    weaken"), a past tense that moves a value ("moved down to"), or a participle in -ing before
    a linking word ("falling to", "growing at")."""
    t = tokens[k]
    if not is_word(t):
        return False
    nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
    if (
        k >= 1
        and tokens[k - 1].low == "to"
        and ((k >= 2 and tokens[k - 2].low in VERBS) or nxt in LINKS | VERB_FILLER | CONJUNCTIONS)
    ):
        return True  # "continued to weaken", "the economy to pick up"
    if t.low.endswith("ed") and k >= 1 and tokens[k - 1].low in AUXILIARIES:
        return True  # "have been revised"
    if nxt in _DIRECTIONS and t.low.endswith("ed") and len(t.low) > 4 and k + 2 < len(tokens):
        return tokens[k + 2].low in LINKS  # "moved down to 3.5 per cent", "crept up to"
    before = tokens[k - 1] if k >= 1 else None
    opens = before is None or before.text == "," or before.low in _OPENS_PARTICIPLE
    return t.low.endswith("ing") and len(t.low) > 5 and nxt in LINKS | VERB_FILLER and opens


def noun_back(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The noun phrase ending at token `k`, walked back to a verb, a conjunction, a comma or
    `MAX_BACK` words: (first, last) token indices, or None when token `k` is no noun."""
    if (
        k >= 1
        and re.fullmatch(r"ge[^\W\d_]{3,}[dt]", tokens[k].low)
        and is_name_word(tokens[k - 1])
    ):
        k -= 1  # "wordt de groei geraamd op": the participle closes the verb, not the name
    if k < 0 or not is_name_word(tokens[k]) or tokens[k].low in LINKS | VERB_FILLER:
        return None
    if verb_like(tokens, k):
        return None
    first = k
    while first - 1 >= 0 and k - first < MAX_BACK:
        t = tokens[first - 1]
        inner_and = t.low in ("and", "en") and any(
            x.low in ("excluding", "including", "exclusief", "inclusief")
            for x in tokens[max(0, first - 4) : first - 1]
        )
        # "see average inflation at": "average" before a noun, after a verb or determiner,
        # describes it.
        adjective = (
            t.low in ("average", "gemiddelde")
            and first - 2 >= 0
            and tokens[first - 2].low in OBJECT_VERBS | DETERMINERS
        )
        if not (
            inner_and
            or adjective
            or is_name_word(t)
            or (t.text[0].isdigit() and first - 2 >= 0 and is_word(tokens[first - 2]))
        ):
            break
        if verb_like(tokens, first - 1) or t.low in PARTICLES:
            break
        if t.low in ("with", "met") and first - 2 >= 0 and tokens[first - 2].low in AGREEING_WITH:
            break  # "consistent with future inflation outcomes of"
        if (
            t.low.endswith("ing")
            and t.low not in ING_MODIFIERS
            and first - 2 >= 0
            and tokens[first - 2].text == ","
        ):
            break  # ", causing CPI-All Items inflation to …": a participle opens it
        after_verb = first - 2 >= 0 and tokens[first - 2].low in VERBS
        after_verb = after_verb and not (first - 3 >= 0 and tokens[first - 3].low in DETERMINERS)
        if t.low in PREPOSITIONS_IN_NAMES and after_verb:
            break  # "rose in the euro area": the preposition opens an adverbial
        first -= 1
    while first <= k and (
        tokens[first].low in PREPOSITIONS_IN_NAMES or tokens[first].low in ADVERBS
    ):
        first += 1  # a leading preposition is an adverbial's ("In line with …")
    return (first, k) if first <= k else None


def is_agent(phrase: str) -> bool:
    """True when the phrase names who acts ("the Committee", "Treasury", "de Raad van
    Bestuur van de ECB"), not a quantity: its head, the word before any preposition."""
    words = phrase.lower().replace("’s", "").replace("'s", "").split()
    while len(words) > 1 and words[-1] in ADVERBS:
        words.pop()  # "They now see it …"
    cut = next((k for k, w in enumerate(words) if w in PREPOSITIONS_IN_NAMES and k), len(words))
    return bool(words) and words[cut - 1] in AGENTS

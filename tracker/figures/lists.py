"""Names of the values of a list: "respectively" lists, maturities written "2-, 3- and 5-year",
the words after a list's last value, and "these securities" said of a list's earlier name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.figures.lexicon import (
    ADVERBS,
    CLAUSE_WORDS,
    DETERMINERS,
    LINKS,
    PREPOSITIONS_IN_NAMES,
    QUALIFIER_WORDS,
    RESPECTIVELY,
    SUSPENDED,
    VERB_FILLER,
    VERBS,
)
from tracker.figures.tokens import Spot, name_run, phrase_of, tokens_of


def resolve_these(concept: str, earlier: Sequence[str]) -> str:
    """ "total purchases of these securities", said after "$750 billion of agency
    mortgage-backed securities": the securities the sentence named before."""
    m = re.search(r"\b(?:these|those|such|deze|die)\s+([^\W\d_][\w\-]*)$", concept, re.IGNORECASE)
    if m is None:
        return concept
    head = m.group(1).lower()
    named = next((c for c in reversed(earlier) if c.lower().endswith(head)), None)
    return f"{concept[: m.start()]}{named}" if named else concept


def after_list(sentence: str, text: str, spots: Sequence[Spot], i: int) -> str | None:
    """The words after the last value of a list that starts at figure `i`: "ca. €0,7
    miljard, ca. €0,5 miljard en ca. €0,4 miljard beschikbaar op het defensiematerieelfonds"."""
    last = i
    while last + 1 < len(spots) and re.fullmatch(
        r"[\s,]*(?:(?:en|and|of|or)\s+)?(?:ca\.|circa|about|around|ongeveer|ruim|bijna)?\s*",
        text[spots[last].end : spots[last + 1].start],
        re.IGNORECASE,
    ):
        last += 1
    if last == i:
        return None
    end = spots[last + 1].start if last + 1 < len(spots) else len(text)
    after = tokens_of(text[spots[last].end : end], spots[last].end)
    taken = name_run(after, stop_at_prepositions=False)
    cut = next(
        (k for k, t in enumerate(taken) if k >= 2 and t.low in PREPOSITIONS_IN_NAMES), len(taken)
    )
    return phrase_of(sentence, taken[:cut]) or None


def respective_names(sentence: str, text: str, spots: Sequence[Spot]) -> dict[int, str]:
    """ "the interest rates on the main refinancing operations, the marginal lending facility
    and the deposit facility will be increased to 2.50%, 2.75% and 2.00% respectively": one
    name each, completed from the first ("interest rates on the marginal lending facility")."""
    m = RESPECTIVELY.search(text)
    if m is None or len(spots) < 2:
        return {}
    listed = [i for i, s in enumerate(spots) if s.start >= m.end()]
    if len(listed) < 2:
        listed = [i for i, s in enumerate(spots) if s.end <= m.start()]
    if len(listed) < 2:
        return {}
    tokens = tokens_of(text[: spots[listed[0]].start])
    k = len(tokens) - 1
    while k >= 0 and (
        tokens[k].low in QUALIFIER_WORDS | LINKS | VERB_FILLER | VERBS
        or tokens[k].text == ","
        or tokens[k].low.endswith("ly")
        or tokens[k].low in ("respectively", "respectievelijk")
    ):
        k -= 1
    end = k
    while (
        k >= 0
        and tokens[k].text not in (";", ":", "(")
        and tokens[k].low not in VERBS | CLAUSE_WORDS
    ):
        k -= 1
    if end <= k:
        return {}
    names_text = sentence[tokens[k + 1].start : tokens[end].end]
    names_text = re.sub(r"^\W*\d+[.)]\s*", "", names_text)  # "1. De rentetarieven …"
    suspended = SUSPENDED.search(names_text)
    if suspended:
        # "the auction sizes of the 2-, 3-, 5-, and 7-year": one maturity a value.
        unit = suspended.group(2)
        terms = [f"{n}-{unit}" for n in re.findall(r"\d+", suspended.group(1))]
        lead = " ".join(names_text[: suspended.start()].split())
        lead = re.sub(r"^(?:the|de|het)\s+", "", lead, flags=re.IGNORECASE)
        if len(terms) >= len(listed):
            return {
                i: f"{lead} {t}".strip() for i, t in zip(listed, terms[-len(listed) :], strict=True)
            }
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|en\s+)?|\s+(?:and|en)\s+", names_text)]
    parts = [p for p in parts if p]
    if len(parts) < len(listed):
        return {}
    parts = parts[-len(listed) :]
    lead = _lead_of(parts[0])
    tail = _tail_of(parts[-1])
    named = {}
    for i, part in zip(listed, parts, strict=True):
        lead = _lead_of(part) or lead  # the nearest name before that says what kind
        words = part.split()
        while words and words[0].lower() in ADVERBS:
            words = words[1:]
        bare = [w for w in words if w.lower() not in DETERMINERS]
        if lead and words and words[0].lower() in PREPOSITIONS_IN_NAMES:
            # "… on new loans to firms and on new mortgages"
            part = f"{lead.rsplit(' ', 1)[0]} {' '.join(words)}"
        elif lead and not any(w.lower() in PREPOSITIONS_IN_NAMES for w in bare) and len(bare) <= 5:
            part = f"{lead} {' '.join(words)}"  # "… and the deposit facility"
        elif tail and len(bare) == 1 and part != parts[-1]:
            part = f"{bare[0]} {tail}"  # "the ceiling and floor rates of …"
        else:
            part = " ".join(words[1:] if words and words[0].lower() in DETERMINERS else words)
        named[i] = part
    return named


def _lead_of(first: str) -> str:
    """ "the interest rates on the main refinancing operations" -> "interest rates on": what
    the other names of a list leave out."""
    words = [w for w in first.split()]
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    for k, word in enumerate(words):
        if word.lower() in ("on", "for", "of", "op", "voor", "van") and k:
            return " ".join(words[: k + 1])
    return ""


def _tail_of(last: str) -> str:
    """ "floor rates of the corridor of the OPR" -> "rates of the corridor of the OPR"."""
    words = last.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words[1:]) if len(words) >= 2 else ""


# "both MAS Core Inflation and CPI-All Items inflation are projected to …" (also at the head of
# a sentence), "zowel de kern- als …": the first of two subjects joined by "both … and"; "core
# and headline inflation are forecast at …": a modifier that shares the second subject's noun.
_BOTH_BEFORE = (
    r"\b(?:[Bb]oth|[Zz]owel)\s+(?:the\s+|de\s+|het\s+)?"
    r"(?P<first>[^\W\d_][\w\-’' ]{1,60}?)\s+(?:and|als)\s+"
)
_SHARED_HEAD = r"(?<![\w\-])(?P<modifier>[^\W\d_][\w\-]{2,})\s+(?:and|en)\s+"


def other_subject(sentence: str, concept: str) -> str | None:
    """The other subject a one-value sentence says its value of, where `concept` is the second
    of two joined ones ("both A and B are projected at N": A); None when there is none."""
    if not concept or concept not in sentence or RESPECTIVELY.search(sentence):
        return None
    # Each concept makes a pattern of its own: compile it only for a sentence it may match,
    # one that says the concept after the joining word.
    if _BOTH.search(sentence) and _said_after(sentence, concept, _AND_ALS_END):
        both = re.search(_BOTH_BEFORE + re.escape(concept) + r"\b", sentence)
        if both:
            return both.group("first")
    words = concept.split()
    if len(words) == 2 and _said_after(sentence, concept, _AND_END):
        shared = re.search(_SHARED_HEAD + re.escape(concept) + r"\b", sentence)
        if shared and shared.group("modifier").lower() not in CLAUSE_WORDS | VERBS | LINKS:
            return f"{shared.group('modifier')} {words[-1]}"
    return None


_BOTH = re.compile(_BOTH_BEFORE)
_AND_ALS_END = re.compile(r"(?:and|als)\s+$")
_AND_END = re.compile(r"(?:and|en)\s+$")


def _said_after(sentence: str, concept: str, joiner: re.Pattern[str]) -> bool:
    """Whether `joiner` comes right before one of the places `concept` is said."""
    at = sentence.find(concept)
    while at != -1:
        if at and joiner.search(sentence, 0, at):
            return True
        at = sentence.find(concept, at + 1)
    return False

"""Clauses as tokens, and the noun phrases a figure is said of: walking back from a number over
its linking words and verb group to the name before it (see concepts.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.figures.lexicon import (
    ADVERBS,
    AGENTS,
    ASIDE_OPENERS,
    AUXILIARIES,
    CHANGE_NOUNS,
    CLAUSE_WORDS,
    CONJUNCTIONS,
    DETERMINERS,
    EVALUATIVE,
    HOW,
    LINKS,
    MATURITY_WORD,
    MAX_BACK,
    MAX_WORDS,
    OBJECT_VERBS,
    OPENER,
    PARTICLES,
    POSSESSIVES,
    PREPOSITIONS_IN_NAMES,
    PRONOUNS,
    QUALIFIER_WORDS,
    QUANTIFIERS,
    SUBORDINATE,
    TOKEN,
    VALUE_NOUNS,
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


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    low: str
    start: int
    end: int


def tokens_of(text: str, offset: int = 0) -> list[Token]:
    found = []
    for m in TOKEN.finditer(text):
        word = m.group()
        if word.endswith(".") and len(word) > 2 and word[:-1].lower() not in ("ca", "mld", "mln"):
            word = word[:-1]
        start = m.start() + offset
        found.append(Token(word, word.lower().rstrip("."), start, start + len(word)))
    return found


def is_word(t: Token) -> bool:
    return t.text[0].isalpha() or bool(MATURITY_WORD.fullmatch(t.text))


def is_name_word(t: Token) -> bool:
    if not is_word(t) or t.low in CONJUNCTIONS or t.low in CLAUSE_WORDS:
        return False
    # A capital inside a sentence starts a name ("Singapore Overnight Rate Average"), even
    # where the word could be a verb.
    return t.low not in VERBS or (t.text[0].isupper() and t.start > 0 and t.low not in AUXILIARIES)


def phrase_of(sentence: str, tokens: Sequence[Token]) -> str:
    """The letter's own words from the first token to the last, determiners and adverbs at the
    start and dangling prepositions at the end dropped, at most `MAX_WORDS` words."""
    tokens = list(tokens)
    while tokens and (tokens[0].low in DETERMINERS | ADVERBS or not is_word(tokens[0])):
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


def sentence_subject(sentence: str, text: str, before: int) -> str | None:
    """The noun phrase a sentence opens with, up to its first verb, when that verb comes
    before `before` (the clause of the figure is a later one)."""
    tokens = tokens_of(text[:before])
    opener = OPENER.match(text)
    start = opener.end() if opener else 0
    taken: list[Token] = []
    for k, t in enumerate(tokens):
        if t.start < start:
            continue
        if t.low in VERBS or verb_like(tokens, k):
            break
        if not (
            is_name_word(t)
            or (
                t.low in ("and", "en")
                and any(
                    x.low in ("excluding", "including", "exclusief", "inclusief") for x in taken
                )
            )
        ):
            return None
        taken.append(t)
    else:
        return None
    phrase = phrase_of(sentence, taken)
    if not phrase or phrase.lower() in PRONOUNS or is_agent(phrase):
        return None
    return phrase


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


def of_phrase(sentence: str, region: list[Token]) -> str | None:
    """ "an end-of-March cash balance of" -> "end-of-March cash balance", "the pre-pandemic
    average of" -> "pre-pandemic average"; None when the head says how a value stands ("its
    historical low of", "an annual rate of") or is a change ("een toename van")."""
    words = list(region)
    while words and words[-1].low in QUALIFIER_WORDS:
        words.pop()
    if not words or words[-1].low not in ("of", "van"):
        return None
    words.pop()
    if len(words) >= 2 and [t.low for t in words[-2:]] in (["the", "amount"], ["ter", "hoogte"]):
        words = words[:-2]
        if words and words[-1].low == "in":
            words.pop()
    head: list[Token] = []
    for t in reversed(words):
        if (
            not is_word(t)
            or (t.low in VERBS and t.low not in VALUE_NOUNS)
            or t.low in LINKS | CONJUNCTIONS
        ):
            break
        head.insert(0, t)
        if t.low in DETERMINERS:
            break
    content = [t for t in head if t.low not in DETERMINERS]
    if not content or content[-1].low in CHANGE_NOUNS:
        return None
    if is_value_group(head):
        return None
    before_head = words[len(words) - len(head) - 1] if len(words) > len(head) else None
    if content[-1].low in VALUE_NOUNS and before_head is not None and before_head.low in HOW:
        return None  # "grew at a subdued rate of", "with an annual growth rate of"
    return phrase_of(sentence, head) or None


def is_value_group(head: Sequence[Token]) -> bool:
    """ "its historical low", "an annual rate", "the rate": a value noun that says how a value
    stands, not another quantity ("the pre-pandemic average" is one)."""
    content = [t for t in head if t.low not in DETERMINERS]
    if not content or content[-1].low not in VALUE_NOUNS:
        return False
    return (
        len(content) == 1
        or any(t.low in POSSESSIVES for t in head)
        or all(t.low in EVALUATIVE for t in content[:-1])
    )


def skip_to_name(tokens: list[Token], k: int) -> tuple[int, bool]:
    """Walk back from token `k` over qualifiers, links and value groups ("at its historical
    low of", "at an annual rate of"): the index reached, and whether a link was passed."""
    linked = False
    while k >= 0:
        t = tokens[k]
        if t.low in QUALIFIER_WORDS or t.low in ("a", "an", "the", "een"):
            k -= 1
        elif t.low in LINKS:
            linked = True
            k -= 1
            if k >= 1 and tokens[k].text == "," and is_name_word(tokens[k - 1]):
                k -= 1  # "The average rate on new mortgages, at 3.3 per cent"
        elif (
            is_word(t)
            and t.low in VALUE_NOUNS
            and k + 1 < len(tokens)
            and tokens[k + 1].low in ("of", "van")
        ):
            first = k
            while (
                first - 1 >= 0
                and k - first < 5
                and is_name_word(tokens[first - 1])
                and tokens[first - 1].low not in LINKS | HOW
            ):
                first -= 1
                if tokens[first].low in DETERMINERS | POSSESSIVES:
                    break
            before_group = tokens[first - 1].low if first >= 1 else ""
            if not (is_value_group(tokens[first : k + 1]) or before_group in HOW):
                break
            k = first - 1
            if before_group in HOW:
                k, linked = first - 2, True  # "…, with an annual growth rate of"
                if k >= 1 and tokens[k].text == ",":
                    k -= 1
        else:
            break
    return k, linked


def named_before(sentence: str, before: list[Token], language: str) -> tuple[str, str] | None:
    """The name the value is said of, walking back from the number over linking words, the verb
    group ("is now expected to average"), and then the noun phrase to the start of its clause.
    Where the verb comes first (Dutch inversion: "stond de waarde … op"), the noun phrase
    between verb and number is it; where a policy verb governs it, its object ("raise the
    target range … to"); where no verb stands between ("inflation at the rate of", "tranche 1
    ca."), the name right before the number. ("", "shared subject") says the verb shares the
    subject of a verb before it ("… and declined further to 2.6%")."""
    k, linked = skip_to_name(before, len(before) - 1)
    if k >= 0 and before[k].text[0].isdigit() and k >= 1 and is_word(before[k - 1]):
        # "tranche 1 ca. €1,4 mld.": a designation.
        span = noun_back(before, k - 1)
        if span is not None:
            return phrase_of(sentence, before[span[0] : k + 1]), "name"
    direct = _name_at(sentence, before, k, linked, language)
    if isinstance(direct, tuple):
        return direct
    k = direct
    k, verbs = _verb_group(before, k)
    if not verbs:
        return None
    return _subject(sentence, before, k)


def _name_at(
    sentence: str, before: list[Token], k: int, linked: bool, language: str
) -> tuple[str, str] | int:
    """The noun phrase ending at token `k` when it is the name (an object, a Dutch inverted
    subject, a name right before its value), else where the verb walk is to start."""
    span = noun_back(before, k)
    if span is None:
        return k
    first, last = span
    verb = first - 1
    phrase = phrase_of(sentence, before[first : last + 1])
    if not phrase:
        return k
    if verb >= 0 and before[verb].low in OBJECT_VERBS:
        return phrase, "object"
    if verb >= 0 and before[verb].low in VERBS and language == "nl":
        return phrase, "subject"  # Dutch inversion: "stond de waarde van … op"
    if linked and (verb < 0 or not is_word(before[verb])):
        return phrase, "name"
    if verb < 0 or before[verb].low in CONJUNCTIONS or before[verb].text == ",":
        return phrase, "name"  # "…, and headline inflation 4.5–5.5%"
    if last - first < 3:
        # "core inflation would remain above trend at", "grew marginally faster, at": a
        # complement of the verb before it.
        j = first - 1
        while (
            j >= 0 and first - j <= 3 and (before[j].low in ADVERBS or before[j].low.endswith("ly"))
        ):
            j -= 1
        if j >= 0 and before[j].low in VERBS:
            return j
    return k


def _verb_group(before: list[Token], k: int) -> tuple[int, int]:
    """Walk back from token `k` over the verb group: (where its subject ends, the verbs in it).
    An aside between commas ("…, as measured by core inflation, is") and a subordinate clause
    ("Services inflation, after remaining at") are passed."""
    verbs = 0
    while k >= 0:
        t = before[k]
        if verbs and t.low in SUBORDINATE and k >= 1 and before[k - 1].text == ",":
            return k - 2, verbs  # "Services inflation, after remaining at": the main clause's
        if t.text == "," and verbs:
            opening = next(
                (
                    j
                    for j in range(k - 1, max(-1, k - 16), -1)
                    if before[j].text == "," and before[j + 1].low in ASIDE_OPENERS
                ),
                None,
            )
            if opening is not None:
                return opening - 1, verbs
        if t.low in VERBS or verb_like(before, k):
            verbs += 1
        elif not (
            t.low in VERB_FILLER | ADVERBS | QUALIFIER_WORDS | LINKS
            or t.text == ","
            or t.low.endswith("ly")
        ):
            break
        k -= 1
    return k, verbs


def _subject(sentence: str, before: list[Token], k: int) -> tuple[str, str] | None:
    """The subject ending at token `k`, before the verb group."""
    if k >= 0 and before[k].text == ",":
        k -= 1
    if k >= 0 and before[k].low in ("and", "en", "but", "maar"):
        # "Inflation edged down to 2.8% … and declined to 2.6%", "The projections … have
        # been revised down and average 2.6%": the subject of the verb before.
        j = k - 1
        while j >= 0 and (
            before[j].low in VERBS | VERB_FILLER
            or before[j].low.endswith("ly")
            or verb_like(before, j)
        ):
            j -= 1
        if j == k - 1 or j < 0 or before[j].text[0].isdigit():
            return "", "shared subject"
        k = j
    span = noun_back(before, k)
    if span is not None and all(t.low in QUANTIFIERS for t in before[span[0] : span[1] + 1]):
        # "…expectations remain broadly stable, with most standing around 2 per cent"
        j = span[0] - 1
        passed = QUANTIFIERS | VERB_FILLER | ADVERBS | VERBS
        while j >= 0 and (
            before[j].text == "," or before[j].low in passed or before[j].low.endswith("ly")
        ):
            j -= 1
        span = noun_back(before, j)
    if span is not None and span[0] - 1 >= 0 and before[span[0] - 1].text == ",":
        # "underlying inflation, as measured by core inflation, is": an aside between commas.
        end = span[0] - 1
        opening = next(
            (j for j in range(end - 1, max(-1, end - 10), -1) if before[j].text == ","), None
        )
        if opening is not None and before[opening + 1].low in (
            "as",
            "zoals",
            "which",
            "die",
            "dat",
        ):
            span = noun_back(before, opening - 1)
    if span is None:
        return None
    phrase = phrase_of(sentence, before[span[0] : span[1] + 1])
    return (phrase, "subject") if phrase else None


def verb_like(tokens: list[Token], k: int) -> bool:
    """A verb not in the word lists: an infinitive after a verb and "to" ("continued to
    weaken"), or a participle in -ing before a linking word ("falling to", "growing at")."""
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
    before = tokens[k - 1] if k >= 1 else None
    opens = (
        before is None
        or before.text == ","
        or before.low in VERBS | CONJUNCTIONS | words_of("most all some")
    )
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
        if not (
            inner_and
            or is_name_word(t)
            or (t.text[0].isdigit() and first - 2 >= 0 and is_word(tokens[first - 2]))
        ):
            break
        if verb_like(tokens, first - 1) or t.low in PARTICLES:
            break
        if t.low.endswith("ing") and first - 2 >= 0 and tokens[first - 2].text == ",":
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
    cut = next((k for k, w in enumerate(words) if w in PREPOSITIONS_IN_NAMES and k), len(words))
    return bool(words) and words[cut - 1] in AGENTS

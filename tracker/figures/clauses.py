"""The noun phrases a figure is said of: walking back from a number over
its linking words and verb group to the name before it, and reading forward from it to what
it is of or for (see concepts.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.figures.lexicon import (
    ADVERBS,
    AGREEING_WITH,
    ASIDE_OPENERS,
    CHANGE_NOUNS,
    CONJUNCTIONS,
    DETERMINERS,
    EVALUATIVE,
    HOW,
    LINKS,
    OBJECT_VERBS,
    OPENER,
    POSSESSIVES,
    PRONOUNS,
    QUALIFIER_WORDS,
    QUANTIFIERS,
    SUBORDINATE,
    TIME_NOUNS,
    VALUE_NOUNS,
    VERB_FILLER,
    VERBS,
)
from tracker.figures.tokens import (
    Token,
    is_agent,
    is_name_word,
    is_word,
    name_run,
    noun_back,
    phrase_of,
    tokens_of,
    verb_like,
)


def sentence_subject(sentence: str, text: str, before: int) -> str | None:
    """The noun phrase a sentence opens with, up to its first verb, when that verb comes
    before `before` (the clause of the figure is a later one)."""
    tokens = tokens_of(text[:before])
    opener = OPENER.match(text)
    start = opener.end() if opener else 0
    taken: list[Token] = []
    aside = False
    for k, t in enumerate(tokens):
        if t.start < start:
            continue
        if aside:
            aside = t.text != ","  # "Underlying inflation, as measured by core inflation, is"
            continue
        if t.text == "," and taken and k + 1 < len(tokens) and tokens[k + 1].low in ASIDE_OPENERS:
            aside = True
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


def main_subject(sentence: str, text: str, before: int) -> str | None:
    """The subject of a sentence's first verb, before `before`: the noun phrase right before
    that verb, after whatever opens the sentence ("All in, beyond the near-term pickup, MAS
    Core Inflation is forecast to rise … and come in at 0–1%")."""
    subject = sentence_subject(sentence, text, before)
    if subject is not None:
        return subject
    tokens = tokens_of(text[:before])
    verb = next((k for k, t in enumerate(tokens) if t.low in VERBS or verb_like(tokens, k)), None)
    if verb is None or verb == 0:
        return None
    span = noun_back(tokens, verb - 1)
    if span is None:
        return None
    # What opens the sentence ends with a comma, or is the paragraph's number ("9. MAS Core
    # Inflation is hence forecast …").
    opening = tokens[: span[0]]
    numbered = all(t.text in ".)" or t.text.isdigit() for t in opening)
    if opening and opening[-1].text != "," and not numbered:
        return None
    phrase = phrase_of(sentence, tokens[span[0] : span[1] + 1])
    if not phrase or phrase.lower() in PRONOUNS or is_agent(phrase):
        return None
    return phrase


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
    for k in range(len(words) - 1, -1, -1):
        t = words[k]
        if (
            not is_word(t)
            or (t.low in VERBS and t.low not in VALUE_NOUNS)
            or t.low in LINKS | CONJUNCTIONS
        ):
            break
        if t.low in ("with", "met") and k >= 1 and words[k - 1].low in AGREEING_WITH:
            break  # "consistent with future inflation outcomes of"
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
    if k >= 1 and before[k].low in SUBORDINATE:
        # "reaching 8.4% in 2022 before decreasing to 6.3%": the value's subject goes on (the
        # period is blanked out; its preposition stays).
        j = k - 1
        while j >= 0 and before[j].low in ("in", "for", "by", "voor", "per"):
            j -= 1
        if j >= 0 and before[j].text[0].isdigit():
            return "", "shared subject"
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


def of_word(sentence: str, region: list[Token]) -> str | None:
    """ "het opleiden van ca. 650 Oekraïense militairen": what the counted are the object of,
    the word before "van", "aan" or "of" ("opleiden van")."""
    words = [t for t in region if t.low not in QUALIFIER_WORDS]
    if len(words) < 2 or words[-1].low not in ("van", "aan", "of") or not is_name_word(words[-2]):
        return None
    if words[-2].low in DETERMINERS | VALUE_NOUNS | QUALIFIER_WORDS:
        return None
    return f"{words[-2].text} {words[-1].text}"


def count_phrase(sentence: str, after: list[Token], noun: str) -> str:
    """The counted noun and a participle right after it: "Oekraïense militairen getraind"."""
    first = noun.split()[0].lower()
    at = next((k for k, t in enumerate(after) if t.low == first), None)
    if at is None:
        return noun
    k = at + len(noun.split())
    if k < len(after) and re.fullmatch(r"(?:ge|be|ver|ont)[^\W\d_]+(?:d|t|en)", after[k].low):
        return phrase_of(sentence, after[at : k + 1])
    return phrase_of(sentence, after[at:k]) or noun


def amount_of(sentence: str, after: list[Token], unit: str) -> str | None:
    """An amount of something: "€ 13,6 miljard aan militaire steun begroot", "$125 billion of
    Treasury securities", "$776 billion in privately-held net marketable debt"."""
    if unit in ("%", "pp", "bp") or len(after) < 2:
        return None
    lead = after[0].low
    if lead not in ("aan", "of", "in", "worth"):
        return None
    body = after[1:]
    if lead == "worth" and body and body[0].low == "of":
        body = body[1:]
    if lead == "in" and (
        not body or re.fullmatch(r"(?:ge|be|ver|ont|uit)[^\W\d_]+(?:d|t)", body[0].low)
    ):
        return None  # "€52,8 mln. in 2024 uitbetaald": the period, then a participle
    taken = name_run(body, stop_at_prepositions=False)
    if lead == "aan" and len(taken) < len(body):
        # Dutch puts the participle last: "aan militaire steun begroot".
        rest = body[len(taken)]
        if re.fullmatch(r"(?:ge|be|ver|ont|in)[^\W\d_]+(?:d|t|en)", rest.low):
            taken = [*taken, rest]
    return phrase_of(sentence, taken) or None


def for_what(sentence: str, after: list[Token]) -> str | None:
    """ "for business loans" right after the number: what the value is for."""
    if len(after) < 2 or after[0].low not in ("for", "voor"):
        return None
    taken = name_run(after[1:], stop_at_prepositions=True)
    phrase = phrase_of(sentence, taken)
    if phrase.lower() in TIME_NOUNS:
        return None  # "for the period January-November 2022": when, not what for
    return f"{after[0].text} {phrase}" if phrase else None


def after_phrase(sentence: str, after: list[Token]) -> str | None:
    """What the words after the number name: "van de beroepsbevolking werkloos", "its 2
    percent objective" ("N objective"), "for the 10-year note"."""
    if not after:
        return None
    lead = after[0].low
    body = after
    if (
        len(after) >= 3
        and after[1].low == "aan"
        and (lead == "bij" or re.fullmatch(r"(?:ge|bij|be|ver)[^\W\d_]+(?:d|t|en)", lead))
    ):
        # "draagt Nederland € 179 miljoen bij aan NAVO-fondsen", "€179 mln. bijgedragen aan …"
        taken = name_run(after[2:], stop_at_prepositions=True)
        return phrase_of(sentence, [after[0], after[1], *taken]) if taken else None
    if lead in ("van", "of", "voor", "for", "aan"):
        body = after[1:]
    elif lead in VERBS or lead in LINKS or lead in CONJUNCTIONS or not is_word(after[0]):
        return None
    taken = name_run(body, stop_at_prepositions=True)
    if (
        lead == "van"
        and len(taken) < len(body)
        and body[len(taken)].low in ("werkloos", "werkzaam")
    ):
        taken = [*taken, body[len(taken)]]
    return phrase_of(sentence, taken) or None

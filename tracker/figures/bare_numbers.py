"""Bare numbers: digits that name rather than measure, and the thing a count counts."""

from __future__ import annotations

import re

from tracker.figures.vocabulary import (
    MATURITY,
    NOT_NOUNS,
    NUMBER_WORDS,
    QUALIFIERS,
    REFERENCE_WORDS,
    SCALES,
)
from tracker.model import Language
from tracker.text.dates import MONTHS

_WORD = re.compile(r"[^\W\d_][\w’'\-\u2011]*")


def is_year(num: str) -> bool:
    """A year as written: 1900 to 2099."""
    return bool(re.fullmatch(r"(19|20)\d\d", num))


def is_date(text: str, start: int, end: int) -> bool:
    """The day of a date: a month name right after the number or right before it."""
    after = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if after and after.group().lower().rstrip(".") in MONTHS:
        return True
    prev = re.search(r"([^\W\d_]+)\.?\s+$", text[max(0, start - 15) : start])
    return bool(prev and prev.group(1).lower() in MONTHS)


_HYPHEN_RANGE = re.compile(
    r"[-\u2010\u2011]\d+(?:[.,]\d+)?\s*(?:%|per\s?cent|procent)(?!\w)", re.IGNORECASE
)


def is_identifier(text: str, start: int, end: int, *, has_unit: bool, glued: bool = False) -> bool:
    """True for digits that name rather than measure: references, codes, dates, times.
    `glued` says a currency sign of letters stands right before them ("RM1.5")."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    # Glued to letters or codes: MINDEF20260006976, 2025Z20069, Q2, F-16, MQ-9, 2nd, 1e.
    if (before[-1:].isalpha() and not glued) or after[:1].isalpha() or after[:1] in {"_", "’", "'"}:
        return True
    if before[-1:] in "-\u2010\u2011" and before[:1].isalnum() and not has_unit:
        return True
    if after[:1] in "-\u2010\u2011/" and after[1:2].isdigit():
        # 202-452-2955, 21 501-28, 10/09/2025; but "3.5-4.5%" is a range, its unit at the end
        return not _HYPHEN_RANGE.match(text, end)
    if (after[:1] == ":" and after[1:2].isdigit()) or (before[-1:] == ":" and before[:1].isdigit()):
        return True  # 2:00 p.m.
    if before[-1:] in "./:" and before[:1].isalpha():
        return True  # a footnote number glued after a word: "expenditures.3"
    if before[-1:] == "[" or after[:1] == "]":
        return True  # [1]
    if MATURITY.match(text, end):
        return True
    if has_unit:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and after[:1] in {".", ")"}:
        return True  # list and question numbering: "1. Bent u …", "2) …"
    if before[-1:] == "(" and after[:1] == ")":
        return True  # (1)
    prev = re.search(r"(\S+)\s+$", text[max(0, start - 30) : start])
    if prev:
        word = prev.group(1).lower()
        if word in REFERENCE_WORDS or word.rstrip(".,") in REFERENCE_WORDS:
            return True
        if re.fullmatch(r"\d+", word):
            return True  # "22 054": the second half of a number split by a space
        raw = prev.group(1)
        sentence_start = re.search(r"[.!?:;]\s*$|^\s*$", text[: prev.start(1)]) is not None
        if raw[:1].isupper() and raw.isalpha() and not sentence_start and word not in QUALIFIERS:
            return True  # model names and designations: "Leopard 1", "Patriot 3"
    # A Dutch postcode: four digits and two capitals, "2500 ES".
    return end - start == 4 and re.match(r"\s?[A-Z]{2}\b", text[end:]) is not None


EN_ADJ = frozenset({"new", "additional", "other", "further", "extra", "more", "key", "major"})


def counted_noun(text: str, end: int, language: Language) -> str | None:
    """The thing a bare number counts: the word(s) right after it, if they can be a noun."""
    if end < len(text) and text[end] not in " \u00a0":
        return None
    first = _WORD.match(text, end + 1)
    if first is None:
        return None
    w1 = first.group()
    low = w1.lower()
    if low in NOT_NOUNS or low.rstrip(".") in MONTHS or low in QUALIFIERS:
        return None
    if len(w1) < 2:
        return None
    if w1.isupper() and len(w1) <= 3:
        # Postcode letters and state codes ("2500 ES Den Haag") stand alone; an acronym
        # before a noun is an adjective ("27 EU lidstaten").
        nxt = _WORD.match(text, first.end() + 1)
        if nxt is None or nxt.start() != first.end() + 1 or not nxt.group()[:1].islower():
            return None
        if nxt.group().lower() in NOT_NOUNS:
            return None
        return f"{w1} {nxt.group()}"
    if low in NUMBER_WORDS[language] or low in SCALES:
        return None
    second = _WORD.match(text, first.end() + 1) if text[first.end() : first.end() + 1] else None
    adjective = (language == "nl" and low.endswith("e")) or (
        language == "en"
        and (w1[:1].isupper() or low.endswith(("al", "an", "ed", "ish", "ese")) or low in EN_ADJ)
    )
    if w1.endswith(("-", "\u2011")):
        # "50 donatie- en specialistische trainingen": the hyphen promises a second noun.
        rest = re.match(r"\s+(?:en|and|of|or)\s+(\S+(?:\s+[^\W\d_]+)?)", text[first.end() :])
        return f"{w1} {rest.group(0).strip()}" if rest else w1
    if (
        adjective
        and second is not None
        and second.start() == first.end() + 1
        and second.group().lower() not in NOT_NOUNS
        and second.group()[:1].islower()
    ):
        return f"{w1} {second.group()}"
    return w1.rstrip("-")

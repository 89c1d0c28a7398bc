"""Sentence splitting for Dutch and English letters, aware of abbreviations and numbers."""

from __future__ import annotations

import re

from tracker.model import Language

# Abbreviations that stand before what they qualify ("ca. €5 mld.", "nr. 463", "Mr. Powell",
# "e.g. the"): a full stop after them never ends a sentence. Compared in lower case.
_LEADING_COMMON = frozenset({"ca", "nr", "nrs", "no", "nos", "vs", "cf", "art", "prof", "dr"})
_LEADING: dict[Language, frozenset[str]] = {
    "nl": _LEADING_COMMON
    | {
        "dd",
        "d.d",
        "o.a",
        "o.m",
        "m.n",
        "bijv",
        "bv",
        "vgl",
        "resp",
        "d.w.z",
        "i.p.v",
        "i.v.m",
        "m.b.t",
        "m.i.v",
        "n.a.v",
        "o.b.v",
        "t.a.v",
        "t.b.v",
        "t.o.v",
        "c.q",
        "i.c.m",
        "z.g",
        "zgn",
        "blz",
        "incl",
        "excl",
        "evt",
        "ong",
        "max",
        "min",
        "gem",
        "dhr",
        "mevr",
        "mw",
        "drs",
        "ir",
        "mr",
        "ds",
        "st",
        "red",
    },
    "en": _LEADING_COMMON
    | {
        "e.g",
        "i.e",
        "mr",
        "mrs",
        "ms",
        "st",
        "mt",
        "approx",
        "fig",
        "figs",
        "vol",
        "p",
        "pp",
        "sec",
        "gov",
        "sen",
        "rep",
        "gen",
        "col",
        "lt",
        "capt",
        "incl",
        "excl",
        "est",
    },
}

# Abbreviations that may end a sentence ("… ca. €14,3 mld. Dit is …", "… 2 p.m. The …"): a
# full stop after them ends the sentence only when the next word starts with a capital.
_TRAILING_COMMON = frozenset(
    {"etc", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov"}
    | {"dec", "inc", "ltd", "co", "corp", "jr", "sr", "bn", "mn"}
)
_TRAILING: dict[Language, frozenset[str]] = {
    "nl": _TRAILING_COMMON
    | {"mld", "mln", "mrd", "jl", "a.s", "enz", "e.d", "e.a", "e.v", "z.s.m", "m.u.v", "v.w.b"},
    "en": _TRAILING_COMMON | {"a.m", "p.m", "u.s.a", "bln", "mln", "tn"},
}

# A candidate boundary: terminal punctuation, closing quotes or brackets, then white space.
# Full stops inside numbers ("3.5", "60.000") are not followed by white space, so they never
# reach the tests below.
_BOUNDARY = re.compile(r"(?:\.{3}|…|[.!?])[\"'”’»)\]]*(?=\s)")
_SPACE = re.compile(r"\s+")
# The word just before a full stop: letters, digits and inner dots ("o.a", "H.G.J", "U.S").
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# Longer "words" before a full stop are not abbreviations or numbering, so a look back this
# far is enough to classify them.
_LONGEST_WORD = 24
# Initials and dotted acronyms ("H.G.J", "U.S", "J"): single letters joined by dots.
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]$")
# List numbering at the start of a sentence: "1." or "2.3." or "a." before the item's text.
_NUMBERING = re.compile(r"(?:\d+\.)*\d+$|[a-z]$")


def sentence_spans(text: str, language: Language) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`, in order.

    A newline is a hard boundary: the model keeps one paragraph per line, so a line break is
    a paragraph break. Spans exclude surrounding white space; `text[start:end]` is the
    sentence with its closing punctuation.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        for start, end in _line_spans(line, language):
            spans.append((offset + start, offset + end))
        offset += len(line) + 1
    return spans


def split_sentences(text: str, language: Language) -> list[str]:
    """The sentences of `text`, in order, without surrounding white space."""
    return [text[start:end] for start, end in sentence_spans(text, language)]


def _line_spans(line: str, language: Language) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = _skip_space(line, 0)
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        if end <= start:
            continue
        if _ends_sentence(line, start, match, language):
            spans.append((start, end))
            start = _skip_space(line, end)
    if start < len(line):
        end = len(line.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def _ends_sentence(line: str, start: int, match: re.Match[str], language: Language) -> bool:
    """Whether the punctuation in `match` closes the sentence that began at `start`."""
    after = _skip_space(line, match.end())
    if after >= len(line):
        return True
    first = line[after]
    if match.group().startswith(("!", "?")):
        # "?" and "!" end a sentence unless the text runs on in lower case ("Why? because").
        return not first.islower()
    if first.islower() or first in ",;:":
        return False
    # Look only at the few characters before the stop: searching from the sentence's start
    # would try every position of a long sentence.
    window = max(start, match.start() - _LONGEST_WORD)
    word_match = _WORD_BEFORE.search(line[window : match.start()])
    if word_match is None or match.group().startswith(("...", "…")):
        return True
    word = word_match.group(1)
    lowered = word.lower()
    if lowered in _LEADING[language]:
        return False
    if _INITIALS.fullmatch(word) and not word.isdigit():
        return False
    if window + word_match.start() == start and _NUMBERING.fullmatch(word):
        return False
    if lowered in _TRAILING[language] or "." in word:
        # An abbreviation that may close a sentence: only a capital letter opens the next one
        # ("31 aug. 2025", "ca. €14,3 mld. aan", but "ca. €11,7 mld. Dit is").
        return first.isupper()
    return True


def _skip_space(text: str, position: int) -> int:
    found = _SPACE.match(text, position)
    return found.end() if found else position

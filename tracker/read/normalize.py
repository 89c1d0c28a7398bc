"""Clean-up of extraction artefacts: spaces, bookmarks, footnote markers and bodies, hyphenation.

`clean(text)` keeps the line structure (one output line per input line) so that line numbers
stay those of the text the reader produced. Footnote markers are replaced by a sentinel the
parser lifts out per paragraph (`MARKER_RE`); footnote bodies are removed from the text and
returned by label. `join_lines` joins hard-wrapped lines and resolves end-of-line hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field

from tracker.text.lazy import LazyPattern
from tracker.text.words import squash

# Footnote markers become "\ue000label\ue001" (private-use code points never found in letters),
# so that later steps can see where a marker stood without mistaking it for text.
MARKER_OPEN, MARKER_CLOSE = "\ue000", "\ue001"
MARKER_RE = re.compile(f"{MARKER_OPEN}([^{MARKER_CLOSE}]*){MARKER_CLOSE}")

# Spaces that PDF and Word extraction leave: no-break, narrow no-break, figure and thin spaces.
_SPACES = "\u00a0\u202f\u2007\u2009\u2002\u2003\u3000"
# Characters that are no text: the soft hyphen (only a hint where a word may break), zero-width
# spaces and joiners, the byte order mark.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Two substitutions of a character class, not str.translate: translate looks every character
# up in its table and takes ~20 times as long on a long letter, where these are rare.
_SPACES_RE = re.compile(f"[{_SPACES}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")

_BOOKMARK_RE = re.compile(r"\[bookmark:[^\]\n]*\]")
_LINK_RE = re.compile(r"\[([^\[\]\n]+)\]\((?:https?://|mailto:|www\.)[^)\s]*\)")
_LINK_LINE_RE = re.compile(r"^[ \t]*\[[^\[\]\n]+\]\((?:https?://|www\.)[^)\s]*\)[ \t]*$", re.M)
_BOLD_RE = re.compile(r"\*\*([^*\n]+?)\*\*")
# Word export: "[footnoteRef:2]" marks the reference, "[2: text]" holds the body (inline).
_WORD_REF_RE = re.compile(r"\[footnoteRef:\s*([0-9A-Za-z*]{1,4})\]")
_WORD_BODY_RE = re.compile(r"\[([0-9]{1,3}|[*†‡]):\s*((?:[^\[\]]|\[[^\[\]]*\])*)\]")
# Web pages: "[[1]](#_ftn1)" marks a reference, a line "[[1]](#_ftnref1) text" holds the body.
_LINK_REF_RE = re.compile(r"\[\[([0-9]{1,3})\]\]\(#_ftn[0-9]+\)")
_LINK_BODY_RE = re.compile(r"^\s*\[\[([0-9]{1,3})\]\]\(#_ftnref[0-9]+\)\s*(.*)$")
# Markdown: "[^1]" marks a reference, a line "[^1]: text" holds the body.
_MD_BODY_RE = re.compile(r"^\s*\[\^([^\]\s]{1,10})\]:\s*(.*)$")
_MD_REF_RE = re.compile(r"\[\^([^\]\s]{1,10})\]")
# PDF text: "[1]" after a word marks a reference, a line "[1] text" at the end holds the body.
_BRACKET_BODY_RE = re.compile(r"^\s*\[([0-9]{1,3})\]\s+(\S.*)$")
_BRACKET_REF_RE = re.compile(r"\s?\[([0-9]{1,3})\](?!\()")
# A footnote number glued to a word and its punctuation: "dreigingen,1 en", "c.s.1 over",
# "expenditures.3". Accepted only when the numbers run 1, 2, 3… through the letter, so that
# real numbers written without a space ("nr.5") are left alone.
# Both patterns start at the digit and look behind it from there: a pattern that starts with a
# look-behind is tried at every character of the letter, one that starts with a digit only at
# digits.
_GLUED_RE = re.compile(r"([1-9](?<=[^\W\d_][.,;:”’\")][1-9])[0-9]?)(?=\s|$)")
# A number glued straight to a lower-case word: "de leveringen1 aan", "Oekraïne2."
_WORD_GLUED_RE = re.compile(r"([1-9](?<=[a-zà-ÿ]{4}[1-9])[0-9]?)(?=[\s.,;:]|$)")
# A footnote body at the foot of a PDF page: "1 Kamerstuk 22 054, nr. 463".
_PAGE_FOOT_BODY_RE = re.compile(r"^[ \t]*([1-9][0-9]?)[ \t]+([A-Z(“‘\"][^\n]*)$", re.M)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Letter text with artefacts removed: as many lines as went in, and footnote bodies."""

    lines: tuple[str, ...]
    footnotes: dict[str, str] = field(default_factory=dict)
    """Footnote bodies by label, in order of appearance."""


def marker(label: str) -> str:
    """The sentinel that stands for a footnote marker in cleaned text."""
    return f"{MARKER_OPEN}{label}{MARKER_CLOSE}"


def clean(text: str) -> Cleaned:
    """Remove extraction artefacts, keeping one output line per input line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_RE.sub("", _SPACES_RE.sub(" ", text))
    text = _BOOKMARK_RE.sub("", text)
    # Markdown left in scraped text: "[link text](https://…)" and "**bold**" keep their words.
    # A line that is nothing but a link is navigation or an attachment, not letter text.
    text = _LINK_LINE_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _BOLD_RE.sub(r"\1", text)
    bodies: dict[str, str] = {}

    def take_word_body(match: re.Match[str]) -> str:
        bodies.setdefault(match.group(1), squash(match.group(2)))
        return "\n" * match.group(0).count("\n")

    text = _WORD_REF_RE.sub(lambda m: marker(m.group(1)), text)
    if "[footnoteRef:" in text or MARKER_OPEN in text:
        text = _WORD_BODY_RE.sub(take_word_body, text)

    lines = text.split("\n")
    for i, line in enumerate(lines):
        for body_re in (_LINK_BODY_RE, _MD_BODY_RE, _BRACKET_BODY_RE):
            match = body_re.match(line)
            if match and match.group(1) not in bodies:
                bodies[match.group(1)] = squash(strip_markers(match.group(2)))
                lines[i] = ""
                break
    text = "\n".join(lines)
    text = _LINK_REF_RE.sub(lambda m: marker(m.group(1)), text)
    text = _MD_REF_RE.sub(lambda m: marker(m.group(1)), text)
    if "[" in text:  # the pattern starts with an optional space: it is tried at every character
        text = _BRACKET_REF_RE.sub(lambda m: marker(m.group(1)), text)
    text = _mark_glued(text, bodies)
    # A marker glued to the next word ("[[1]](#_ftn1)for the") still separates two words;
    # the comma between two markers ("[2],[3]") goes with them.
    text = re.sub(f"({MARKER_CLOSE})(?=\\w)", r"\1 ", text)
    text = text.replace(f"{MARKER_CLOSE},{MARKER_OPEN}", MARKER_CLOSE + MARKER_OPEN)
    return Cleaned(tuple(line.rstrip() for line in text.split("\n")), bodies)


def _mark_glued(text: str, bodies: dict[str, str]) -> str:
    """Turn glued footnote digits into markers when they count up from the next free label.

    PDF text prints a footnote's body at the foot of the page as a line "1 Kamerstuk …"; such
    a line becomes the body of the marker before it. A number glued straight to a word
    ("leveringen1") counts as a marker only when such a body line confirms it.
    """
    taken = [int(label) for label in bodies if label.isdigit()]
    taken += [int(label) for label in MARKER_RE.findall(text) if label.isdigit()]
    expected = max(taken, default=0) + 1
    body_lines = {
        match.start(): match for match in _PAGE_FOOT_BODY_RE.finditer(text)
    }  # position -> "N text" line
    candidates = sorted(
        [(m, False) for m in _GLUED_RE.finditer(text)]
        + [(m, True) for m in _WORD_GLUED_RE.finditer(text)],
        key=lambda item: item[0].start(1),
    )
    spans: list[tuple[int, int, str]] = []
    used_bodies: list[re.Match[str]] = []
    for match, needs_body in candidates:
        label = match.group(1)
        body = next(
            (
                b
                for pos, b in body_lines.items()
                if pos > match.end() and b.group(1) == label and b not in used_bodies
            ),
            None,
        )
        if int(label) == expected and (body is not None or not needs_body):
            expected += 1
        elif label not in bodies or needs_body:
            continue  # neither the next note nor one cited again
        spans.append((match.start(1), match.end(1), label))
        if body is not None and label not in bodies:
            bodies[label] = squash(body.group(2))
            used_bodies.append(body)
    edits = [(m.start(), m.end(), "") for m in used_bodies]
    edits += [(start, end, marker(label)) for start, end, label in spans]
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def strip_markers(text: str) -> str:
    """Remove footnote sentinels from a text."""
    return MARKER_RE.sub("", text)


def lift_markers(text: str) -> tuple[str, tuple[str, ...]]:
    """Split a text into its words without footnote markers, and the labels in order."""
    labels = tuple(dict.fromkeys(MARKER_RE.findall(text)))
    return squash(MARKER_RE.sub("", text)), labels


# --- joining wrapped lines ---------------------------------------------------------------

SHARED_PART_WORDS = ("en", "of", "tot", "t/m", "and", "or")
"""Conjunctions after which a line-end hyphen stands for a word part shared with the next word
("wet- en regelgeving", "in- of verkoop", "short- and long-term"): the line break after it is
an ordinary space. Only words that join word parts in the letters: English "to" ("short- to
medium-term") is not among them, as no letter breaks a line there and a Dutch letter's "to" is
the rest of a word ("A-" + "to")."""
_SHARED_PART = re.compile(
    "^(?:" + "|".join(re.escape(word) for word in SHARED_PART_WORDS) + r")\b", re.IGNORECASE
)
# Vowel pairs that would read as one sound, so a compound keeps its hyphen ("zee-egel",
# "defensie-uitgaven"); i+e is left out because typesetters split "materi-eel" there.
_VOWEL_CLASHES = {
    "aa", "ae", "ai", "au", "ee", "ei", "eu", "oe", "oi", "oo", "ou", "ue", "ui", "uu", "ij",
}  # fmt: skip
# Only a line ending in a hyphen needs the letter's words (`LazyVocabulary`), and the class of
# letters takes some 3 ms to compile.
_VOCABULARY_WORD = LazyPattern(r"[^\W\d_][\w-]*[^\W\d_]")


def join_lines(first: str, second: str, vocabulary: Container[str] = frozenset()) -> str:
    """Join a wrapped line to the text before it, resolving a hyphen at the end of the first.

    A plain word broken in two is joined ("verdedi-" + "gen", "cruci-" + "aal"). The hyphen is
    kept after a capital or a digit ("NAVO-" + "fonds", "10-" + "year"), before a capital or a
    digit ("Noord-" + "Atlantische", "F-" + "16"), and where two vowels would read as one sound
    ("defensie-" + "uitgaven"); before a conjunction (`SHARED_PART_WORDS`) it stands for a
    shared word part and the line break is a space. `vocabulary`, the letter's own words
    (`vocabulary()`), settles the doubtful cases both ways: "materieel", "mijnen-jagers".
    """
    first, second = first.rstrip(), second.strip()
    if not first:
        return second
    if not second:
        return first
    stem = first.rstrip("-\u00ad")
    if stem == first or not stem[-1:].isalnum():
        return f"{first} {second}"  # no hyphen at the end, or a dash standing alone
    if second[0].isdigit() and stem[-1].isalpha():
        return f"{stem}-{second}"  # "F-" + "16’s", "MQ-" + "9": a type, never a broken word
    if not second[0].isalpha() or _SHARED_PART.match(second):
        return f"{first} {second}"
    head = re.search(r"[\w-]*$", stem)
    tail = re.match(r"[\w-]*", second)
    left = head.group(0) if head else ""
    right = tail.group(0) if tail else ""
    # The letter itself often shows the word unbroken elsewhere: "materieel", "NAVO-fonds".
    if (left + right).casefold() in vocabulary:
        return stem + second
    if f"{left}-{right}".casefold() in vocabulary:
        return f"{stem}-{second}"
    last = left[-1:]
    if second[0].islower() and not (
        last.isupper() or last.isdigit() or (last + second[0]).casefold() in _VOWEL_CLASHES
    ):
        return stem + second
    return f"{stem}-{second}"


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The case-folded words of a text, hyphenated compounds included, for `join_lines`."""
    words = _VOCABULARY_WORD.compiled
    return frozenset(word.casefold() for text in texts for word in words.findall(text))


class LazyVocabulary:
    """`vocabulary(lines)`, read only when `join_lines` first asks for a word: only a line that
    ends in a hyphen needs it, and most letters have none."""

    __slots__ = ("_lines", "_words")

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = vocabulary(self._lines)
        return word in self._words

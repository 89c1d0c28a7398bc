"""Clean-up of extraction artefacts: spaces, bookmarks, footnote markers and bodies, hyphenation.

`clean(text)` keeps the line structure (one output line per input line) so that line numbers
stay those of the text the reader produced. Footnote markers are replaced by a sentinel the
parser lifts out per paragraph (`MARKER_RE`); footnote bodies are removed from the text and
returned by label. `join_lines` joins hard-wrapped lines and resolves end-of-line hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.text.words import squash

# Footnote markers become "\ue000label\ue001" (private-use code points never found in letters),
# so that later steps can see where a marker stood without mistaking it for text.
MARKER_OPEN, MARKER_CLOSE = "\ue000", "\ue001"
MARKER_RE = re.compile(f"{MARKER_OPEN}([^{MARKER_CLOSE}]*){MARKER_CLOSE}")

# Spaces that PDF and Word extraction leave: no-break, narrow no-break, figure and thin spaces.
_SPACES = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\u00ad": "",  # soft hyphen: only a hint where a word may break
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
    }
)

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
_GLUED_RE = re.compile(r"(?<=[^\W\d_][.,;:”’\")])([1-9][0-9]?)(?=\s|$)")
# A number glued straight to a lower-case word: "de leveringen1 aan", "Oekraïne2."
_WORD_GLUED_RE = re.compile(r"(?<=[a-zà-ÿ]{4})([1-9][0-9]?)(?=[\s.,;:]|$)")
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
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
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

_WORD_CHAR_RE = re.compile(r"[^\W\d_]")
_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "and", "or", "to", "nor", "en/of"})
_VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")


def join_lines(first: str, second: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Join two wrapped lines, resolving a hyphen at the end of the first.

    "NAVO-" + "capaciteitsdoelen" and "defensie-" + "uitgaven" keep the hyphen (a capitalised
    prefix; two vowels meeting, which Dutch spelling separates by a hyphen); a plain word broken
    in two ("verdedi-" + "gen") is joined. `vocabulary` holds the letter's own words, which
    settle the doubtful cases both ways.
    """
    first, second = first.rstrip(), second.strip()
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and len(first) >= 2 and _WORD_CHAR_RE.match(first[-2]):
        head = re.split(r"[\s/(]", first[:-1])[-1]
        tail_match = re.match(r"[^\s]+", second)
        tail = tail_match.group(0) if tail_match else ""
        if tail in _CONJUNCTIONS:
            return f"{first} {second}"  # "wet-" + "en regelgeving": the hyphen stands for a part
        if _keep_hyphen(head, tail, vocabulary):
            return first + second
        return first[:-1] + second
    return f"{first} {second}"


def _keep_hyphen(head: str, tail: str, vocabulary: frozenset[str]) -> bool:
    """Whether "head-" at a line end and "tail" on the next line form a hyphenated word."""
    tail_word = re.sub(r"[^\w-]+$", "", tail)
    if not tail_word or not tail_word[0].isalpha() or not tail_word[0].islower():
        return True  # "Noord-" + "Atlantisch", "F-" + "16": never a broken plain word
    last_part = head.rsplit("-", 1)[-1]
    joined = (last_part + tail_word).lower()
    hyphenated = f"{last_part}-{tail_word}".lower()
    if hyphenated in vocabulary and joined not in vocabulary:
        return True
    if joined in vocabulary:
        return False
    if any(ch.isupper() for ch in last_part):
        return True  # "NAVO-capaciteitsdoelen", "EU-lidstaten", "Oekraïne-steun"
    if "-" in head:
        return True  # already a compound with hyphens: "co-productie-project"
    # Dutch separates two vowels that would run together: "defensie-uitgaven", "zee-egel".
    return last_part[-1:].lower() in _VOWELS and tail_word[0].lower() in _VOWELS


def vocabulary(lines: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The lower-cased words of a text, hyphenated compounds included, for hyphen decisions."""
    words: set[str] = set()
    for line in lines:
        for word in re.findall(r"[^\W\d_][\w-]*[^\W\d_]", line):
            words.add(word.lower())
    return frozenset(words)

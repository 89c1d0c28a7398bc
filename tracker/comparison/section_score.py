"""How surely two sections are one: what alignment reads of a section, and the pair's score.

The thresholds say why they are where they are; `score_pair` gives the weight of a pair for the
assignment and the similarity a report shows, or None for a pair too weak to count.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from tracker.model import Paragraph, Section
from tracker.text.words import same_word, text_key

# A pair needs this combined score (0.8 body + 0.2 heading) to count as the same section. Word
# similarity of two unrelated passages in one language and on one subject stays below ~0.35
# (the function words match); a section that was edited, even heavily, stays above ~0.5.
MIN_SCORE = 0.5
# A pair also needs this much body similarity on its own, so that an equal heading over
# unrelated text ("Overig", "Inleiding") does not carry the pair.
MIN_BODY = 0.4
# Sections whose heading is the same and occurs once on each side are the same section even
# when the body was rewritten (ECB statements keep fixed headings over new text; a treasury's
# "BILL ISSUANCE" is rewritten every quarter), and so are the two opening sections (a press
# release of one section), unless the bodies share almost nothing. Unrelated letters of one
# series share 0.05-0.2 of their words in order and 0.15-0.2 of their vocabulary; an equal
# heading is evidence of its own, the opening section's place is weaker evidence.
MIN_BODY_SAME_PLACE = 0.2
MIN_VOCABULARY_SAME_HEADING = 0.15
MIN_VOCABULARY_OPENING = 0.3
# A section rewritten from scratch under a shorter or longer heading ("Samenwerking met
# industrie en Oekraïne" -> "Industrie") shares few word sequences but its heading words and
# vocabulary. Such a pair counts when every content word of the shorter heading is in the
# other, both headings are short (numbered questions are long and share words by chance),
# and at least this share of the smaller body's vocabulary is in the other's. Unrelated
# sections of one letter series share 0.2-0.3 of it; rewritten ones ~0.4.
MIN_SHARED_VOCABULARY = 0.35
MAX_HEADING_WORDS = 6

_WORD = re.compile(r"\w+")
# Words that say nothing about a heading's or a body's subject (a word list reads best as text).
_FUNCTION_WORD_LIST = (
    "de het een van en in op voor met aan te of bij door naar over uit als om tot dat die "
    "deze dit zijn is wordt worden ook niet nog al the of and for to an on with by at from "
    "in into as is are be was were that this these those it its"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())


class Side:
    """What alignment needs to know of one section.

    Heading and key are needed for every section; the word-level views only for sections
    that the exact anchors leave unpaired, so they are computed on first use.
    """

    __slots__ = (
        "_heading_words",
        "_text",
        "_trigrams",
        "_vocabulary",
        "_words",
        "heading",
        "is_opening",
        "key",
    )

    def __init__(self, section: Section) -> None:
        self._text = section_text(section)
        self.is_opening = section.heading is None
        """The section before the first heading."""
        self.heading = " ".join((section.heading or "").casefold().split())
        """Heading in a comparable form: case-folded, single spaces; "" for the opening one."""
        self.key = text_key(self._text)
        """The text without white space and hyphens: equal keys mean no change in substance."""
        self._words: list[str] | None = None
        self._trigrams: dict[tuple[str, ...], None] | None = None
        self._heading_words: tuple[str, ...] | None = None
        self._vocabulary: frozenset[str] | None = None

    @property
    def words(self) -> list[str]:
        """Case-folded words of paragraphs and table cells, in order."""
        if self._words is None:
            self._words = _WORD.findall(self._text.casefold())
        return self._words

    @property
    def trigrams(self) -> dict[tuple[str, ...], None]:
        """Distinct word trigrams in order of first occurrence (a dict keeps the order)."""
        if self._trigrams is None:
            words = self.words
            if len(words) >= 3:
                self._trigrams = dict.fromkeys(zip(words, words[1:], words[2:], strict=False))
            else:
                self._trigrams = {tuple(words): None} if words else {}
        return self._trigrams

    @property
    def heading_words(self) -> tuple[str, ...]:
        """Content words of the heading, in order."""
        if self._heading_words is None:
            found = _WORD.findall(self.heading)
            self._heading_words = tuple(w for w in found if _is_content(w))
        return self._heading_words

    @property
    def vocabulary(self) -> frozenset[str]:
        """Content words of the body (four letters or more, no function words)."""
        if self._vocabulary is None:
            distinct = set(self.words)
            self._vocabulary = frozenset(w for w in distinct if len(w) >= 4 and _is_content(w))
        return self._vocabulary


def section_text(section: Section) -> str:
    """The section's paragraphs and table rows as text, one block per line."""
    lines: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(" | ".join(row) for row in (block.header, *block.rows))
    return "\n".join(lines)


def _is_content(word: str) -> bool:
    return len(word) >= 3 and not word.isdigit() and word not in _FUNCTION_WORDS


def _heading_contained(a: Side, b: Side) -> bool:
    """Every content word of the shorter heading is in the other; both headings are short."""
    short, long = sorted((a.heading_words, b.heading_words), key=len)
    if not short or len(long) > MAX_HEADING_WORDS:
        return False
    return all(any(same_word(w, v) for v in long) for w in short)


def _shared_vocabulary(a: Side, b: Side) -> float:
    """Share of the smaller body's content words that the other body uses too."""
    smaller = min(len(a.vocabulary), len(b.vocabulary))
    return len(a.vocabulary & b.vocabulary) / smaller if smaller else 0.0


def headings_seen_once(sides: list[Side]) -> set[str]:
    counts: dict[str, int] = {}
    for side in sides:
        counts[side.heading] = counts.get(side.heading, 0) + 1
    return {heading for heading, count in counts.items() if count == 1 and heading}


def score_pair(a: Side, b: Side, unique_headings: set[str]) -> tuple[float, float] | None:
    """(weight for the assignment, similarity to report), or None when the pair is too weak."""
    heading_similarity = 1.0 if a.heading == b.heading else fuzz.ratio(a.heading, b.heading) / 100
    if not a.words and not b.words:
        # Heading-only sections: the heading is all there is to compare.
        return (heading_similarity, heading_similarity) if heading_similarity >= 0.8 else None
    # Below the lowest bar any rule uses, the exact value does not matter (0.0 comes back),
    # and the cut-off lets rapidfuzz stop early: most candidates are weak neighbours.
    body = Indel.normalized_similarity(a.words, b.words, score_cutoff=MIN_BODY_SAME_PLACE)
    combined = 0.8 * body + 0.2 * heading_similarity
    if combined >= MIN_SCORE and body >= MIN_BODY:
        return combined, body
    if a.heading == b.heading and (a.heading in unique_headings or a.is_opening):
        shared = _shared_vocabulary(a, b)
        needed = MIN_VOCABULARY_OPENING if a.is_opening else MIN_VOCABULARY_SAME_HEADING
        if body >= MIN_BODY_SAME_PLACE or shared >= needed:
            # The similarity shown is the word-sequence one, or the vocabulary's below its bar.
            return MIN_SCORE, body or shared
    if a.heading != b.heading and _heading_contained(a, b):
        # Rewritten under a related heading: the shared vocabulary is the similarity to show.
        shared = _shared_vocabulary(a, b)
        if shared >= MIN_SHARED_VOCABULARY:
            return MIN_SCORE * shared, shared
    return None

"""How much a letter may hold: bounds checked while reading, before any slow work.

A letter is untrusted input, and some of the work on it grows faster than its size: joining
a paragraph's lines, finding a paragraph's figures, walking a page's nested elements. Each
bound is checked in one linear pass before that work starts, and a letter over it is refused
with one line that says which bound and by how much. The bounds are far above real letters:
the longest letter of the corpora has 20,000 characters of text, its longest line 1,700, and
a government page nests its elements about 30 deep.
"""

from __future__ import annotations

from typing import Any

from tracker.errors import InputError
from tracker.model import Document, Paragraph

MAX_TEXT = 6_000_000
"""Characters of text in a letter: 300 times the longest real one, and more than the largest
generated pair `make bench` compares (5 MB). Every step grows in proportion to the text (the
bench prints each step's growth), so this bound is about memory, not time: the work that grows
faster, within a paragraph, is bounded by MAX_LINE."""
MAX_LINE = 20_000
"""Characters in one line of the text read, or one paragraph, heading, cell or footnote:
twelve times the longest real paragraph."""
MAX_DEPTH = 256
"""Elements nested in one another on an HTML page (libxml2 allows Word's XML as many)."""
MAX_ELEMENTS = 50_000
"""Elements on an HTML page: a long page with its menus has a few thousand."""

_PIECE = 64 * 1024

_HINT = "give the letter itself; if it is one, its text may have lost its line breaks"


def check_text(text: str) -> None:
    """Refuse text longer than a letter, or with a line longer than a paragraph."""
    if len(text) > MAX_TEXT:
        raise InputError(
            f"the text is {len(text):,} characters long, more than a letter (at most {MAX_TEXT:,})",
            _HINT,
        )
    start = number = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        number += 1
        if end - start > MAX_LINE:
            raise InputError(
                f"line {number} is {end - start:,} characters long, more than a paragraph "
                f"(at most {MAX_LINE:,})",
                _HINT,
            )
        start = end + 1


def check_paragraphs(doc: Document) -> None:
    """Refuse a letter whose paragraphs, joined from their lines, are longer than any letter's."""
    for section in doc.sections:
        texts = [section.heading or "", *(note.text for note in section.footnotes)]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            else:
                texts += [*block.header, *(cell for row in block.rows for cell in row)]
        longest = max(texts, key=len)
        if len(longest) > MAX_LINE:
            raise InputError(
                f"a paragraph of section {section.heading or '(opening)'!r:.60} is "
                f"{len(longest):,} characters long, more than a paragraph (at most "
                f"{MAX_LINE:,})",
                _HINT,
            )


class _TooBig(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Shape:
    """An lxml parser target that only counts: how deep, how many elements, how much text."""

    def __init__(self) -> None:
        self.depth = 0
        self.elements = 0
        self.text = 0
        self.hidden = 0
        """Depth inside <script> and <style>, whose text is no letter's."""

    def start(self, tag: str, attrib: Any) -> None:
        self.depth += 1
        self.elements += 1
        if tag in ("script", "style"):
            self.hidden += 1
        if self.depth > MAX_DEPTH:
            raise _TooBig(f"the HTML page is nested too deeply (over {MAX_DEPTH} elements deep)")
        if self.elements > MAX_ELEMENTS:
            raise _TooBig(f"the HTML page has more than {MAX_ELEMENTS:,} elements")

    def end(self, tag: str) -> None:
        self.depth -= 1
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def data(self, data: str) -> None:
        if not self.hidden:
            self.text += len(data)
            if self.text > MAX_TEXT:
                raise _TooBig(f"the HTML page holds more than {MAX_TEXT:,} characters of text")

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def check_html(data: bytes) -> None:
    """Refuse a page nested deeper, or with more elements or text, than a letter's page.

    One pass of lxml's HTML parser, which only counts (linear, and stopped at the first bound
    passed): the tree building and walking that follow grow faster than that on deep pages.
    """
    # start-up time: lxml (some 6 ms) only for an HTML page, which plain text never needs
    from lxml import etree

    parser = etree.HTMLParser(target=_Shape(), recover=True, no_network=True)
    try:
        # In pieces: a bound passed stops the pass at the end of its piece.
        for start in range(0, len(data), _PIECE):
            parser.feed(data[start : start + _PIECE])
        parser.close()
    except _TooBig as exc:
        raise InputError(exc.message, "save only the letter's own page") from None
    except (etree.LxmlError, ValueError):
        pass  # damage is for the reader proper to report

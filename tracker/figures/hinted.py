"""Word patterns run only over texts that hold one of the words every match needs.

The meaning of each sentence blanks out its adverbials, its sources and "as expected"
(concepts.meanings), and looks for a forecast or a dissent before each figure (roles.role_of).
Each pattern is a long alternation led by a word boundary, which the regular expression engine
tries at every word of the text, and most sentences hold none of the words a match needs: a
text without them is not searched, as it would give no match. tests/test_fast_paths.py checks,
on every corpus line and on generated text, that each pattern gives what it gives unhinted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker.figures import lexicon

# The patterns ignore case, which lets "ı" and "İ" match "i" and "ſ" match "s": lower() keeps
# those apart, so a text holding one is searched whatever its words.
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")


class Hinted:
    """`pattern`, searched only in a text that holds (in lower case) one of `words`."""

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.words = words

    def may_match(self, text: str) -> bool:
        if _CASE_ODD.search(text) is not None:
            return True
        low = text.lower()
        return any(map(low.__contains__, self.words))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def sub(self, repl: Callable[[re.Match[str]], str], text: str) -> str:
        return self.pattern.sub(repl, text) if self.may_match(text) else text


ADVERBIALS = Hinted(
    lexicon.ADVERBIALS,
    (
        *("ten slotte", "tenslotte", "onder meer", "in tota", "tot nu toe", "op heden"),
        *("op dit moment", "to date", "so far", "at present", "currently", "momenteel"),
        *("thans", "reeds", "in particular", "in het bijzonder", "correspondingly"),
        *("accordingly", "naar verwachting", "waarschijnlijk", "vermoedelijk"),
        # "the lower half of", "de onderkant van"
        *("lower", "upper", "top", "bottom", "onderste", "bovenste", "onderkant", "bovenkant"),
    ),
)
SOURCE = Hinted(lexicon.SOURCE, ("according to", "volgens"))
AS_EXPECTED = Hinted(
    lexicon.AS_EXPECTED, ("expect", "anticipated", "projected", "forecast", "verwacht")
)
FORECAST = Hinted(
    lexicon.FORECAST,
    (
        *("project", "forecast", "expect", "anticipat", "estimat", "outlook", "predict"),
        *("likely", "assum", "verwacht", "raming", "geraamd", "prognose", "voorzien"),
        "veronderstel",
    ),
)
PREFERRED = Hinted(
    lexicon.PREFERRED,
    (*("prefer", "dissent", "voted", "voting", "stemde", "voorkeur", "minority"),),
)

"""Words of a letter compared and named: white space, case and accents, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_SLUG = 60
"""Longest slug of a file name: long enough for a subject line's gist, far below the 255-byte
limit of file systems once the date and the extension are added."""
ALIKE_RATIO = 75
"""Least rapidfuzz ratio for two words to be one word spelled otherwise (`alike_word`)..."""
ALIKE_PREFIX = 5
"""...or the letters they must share at the start ("assuming", "assumed")..."""
ALIKE_ENDING = 4
"""...with endings of at most this many letters after it."""

_NOT_TEXT = re.compile(r"[\s\u00ad\-‐‑]+")


def squash(text: str) -> str:
    """Collapse runs of white space (no-break spaces included) into single spaces and trim."""
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents, for comparing words across letters."""
    if text.isascii():
        return text.lower()  # nothing to decompose; pairing folds the same labels many times
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Only the characters from U+0300 on can be combining marks: the rest pass untested.
    return _MAY_COMBINE.sub(_unless_combining, decomposed)


_MAY_COMBINE = re.compile("[^\x00-\u02ff]")


def _unless_combining(m: re.Match[str]) -> str:
    return "" if unicodedata.combining(m.group()) else m.group()


def text_key(text: str) -> str:
    """Text with white space and hyphens removed: changes of wrapping or hyphenation vanish.
    `_NOT_TEXT.sub("", text)` in a third of the time: str.split() drops the characters its
    white space class matches (str.isspace), and replace() each hyphen."""
    joined = "".join(text.split())
    return joined.replace("\u00ad", "").replace("-", "").replace("\u2010", "").replace("\u2011", "")


def same_word(a: str, b: str) -> bool:
    """Equal, or one a longer form of the other ("training", "trainingen"): the strict test,
    for the few content words of two headings."""
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


@lru_cache(maxsize=1 << 16)
def alike_word(a: str, b: str) -> bool:
    """One word inflected or spelled otherwise: "assuming"/"assumed", "Goods"/"goods"; the
    loose test, for the first words of two figure labels."""
    common = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    # A shared start with short endings is one word inflected ("assuming", "assumed"); with
    # long ones it is two words ("end-of-march", "end-of-september").
    inflected = common >= ALIKE_PREFIX and max(len(a), len(b)) - common <= ALIKE_ENDING
    if a == b or inflected:
        return True
    # start-up time: rapidfuzz (some 12 ms) only for comparing; reading a letter never asks
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= ALIKE_RATIO and common >= 3


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word boundary; "" when none remain."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Cut at the last hyphen so a word is not chopped in half, unless that loses too much.
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_length // 2 :] else cut
    return slug.strip("-")

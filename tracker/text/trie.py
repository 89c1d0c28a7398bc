"""Alternations of many words as a regular expression that branches one letter at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_trie(words: Iterable[str]) -> str:
    """A group matching exactly the given words, written as a trie: "(?:j(?:an|u(?:l|n)))"
    for jan, jul and jun. Python's engine tries an alternation's branches one by one at each
    place, so a place where no word starts costs one comparison per first letter, not one per
    word: a quick test of whether a text holds any of the words at all."""
    heads: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not heads:
        return ""
    branches = "|".join(re.escape(head) + word_trie(tails) for head, tails in sorted(heads.items()))
    return f"(?:{branches}{'|' if ends else ''})"

"""What pairing works out of one figure, kept under the figure object itself.

Pairing asks for the same words of a figure many times (each figure meets a dozen others, and
the scoring reads several of its features). `functools.lru_cache` keyed those answers on the
figure's value, and hashing a Figure hashes all its twenty fields (Decimals, a Period) anew on
every call: a third of the pairing time of a large letter. `per_figure` keys them on the
object's identity instead, keeping the figure alive beside its answer so that the identity
stays its own; an equal figure that is another object is worked out again, to the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from tracker.model import Figure

T = TypeVar("T")

CACHE = 1 << 16
"""Figures kept at most; all are dropped when it is full (a letter holds a few thousand)."""


def per_figure(function: Callable[[Figure], T]) -> Callable[[Figure], T]:
    """`function`, its answer for each figure object worked out once."""
    kept: dict[int, tuple[Figure, T]] = {}

    @wraps(function)
    def cached(figure: Figure) -> T:
        hit = kept.get(id(figure))
        if hit is not None and hit[0] is figure:
            return hit[1]
        answer = function(figure)
        if len(kept) >= CACHE:
            kept.clear()
        kept[id(figure)] = (figure, answer)
        return answer

    return cached

"""What is worked out of one figure (or one ledger row) kept under the object itself.

Pairing asks for the same words of a figure many times (each figure meets a dozen others, and
the scoring reads several of its features), and a series matches each letter against the
figures of the twelve letters before it. `functools.lru_cache` keyed those answers on the
figure's value, and hashing a Figure hashes all its twenty fields (Decimals, a Period) anew on
every call: a third of the pairing time of a large letter. `per_object` keys them on the
object's identity instead, keeping the object alive beside its answer so that the identity
stays its own; an equal object that is another one is worked out again, to the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")

CACHE = 1 << 16
"""Objects kept at most; all are dropped when it is full (a letter holds a few thousand)."""


def per_object(function: Callable[[K], T]) -> Callable[[K], T]:
    """`function`, its answer for each object worked out once."""
    kept: dict[int, tuple[K, T]] = {}

    @wraps(function)
    def cached(key: K) -> T:
        hit = kept.get(id(key))
        if hit is not None and hit[0] is key:
            return hit[1]
        answer = function(key)
        if len(kept) >= CACHE:
            kept.clear()
        kept[id(key)] = (key, answer)
        return answer

    return cached

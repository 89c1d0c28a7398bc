"""Rounding: the step a printed figure implies, and whether two printed values can be one."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from tracker.figures.quantities import parse_quantity
from tracker.figures.vocabulary import SCALES
from tracker.model import Figure, Language


def rounding_step(figure: Figure, language: Language) -> Decimal:
    """The unit of the last printed digit, in base units: €14,3 mld. -> 100000000."""
    return _scale(figure.text, language) * Decimal(1).scaleb(-figure.decimals)


@lru_cache(maxsize=1 << 16)
def _scale(text: str, language: Language) -> Decimal:
    """The scale a figure is written in ("mld." is 1000000000), 1 without one."""
    quantity = parse_quantity(text, language)
    return SCALES[quantity.scale] if quantity is not None and quantity.scale else Decimal(1)


def agree(a: Figure, b: Figure, language: Language) -> bool:
    """True when both printed values can be roundings of one true value."""
    if a.unit != b.unit:
        return False
    slack = (rounding_step(a, language) + rounding_step(b, language)) / 2
    return abs(a.value - b.value) <= slack and (a.high is None) == (b.high is None)

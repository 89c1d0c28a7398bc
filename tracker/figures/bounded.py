"""One number as written, read without ever raising: what cannot be read is not a number.

A letter is untrusted input. "1/0", "13,613,6" or a run of 5000 digits would make Decimal
raise, or make a value that no report can print (Python refuses to turn an int of more than
4300 digits into text), so `read_number` gives None for them and the number is no figure.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.figures.numbers import parse_number
from tracker.model import Language

MAX_DIGITS = 15
"""Most digits a figure is written with. Real figures have at most 13 ("1.000.000.000.000");
15 digits times the largest scale word (10**12, "biljoen") still fits Decimal's 28 digits, so
scaling and tidying a value stay exact."""


def read_number(raw: str, language: Language) -> tuple[Decimal, int] | None:
    """`parse_number`, or None for a number that cannot be read or is too long to be one."""
    if sum(ch.isdigit() for ch in raw) > MAX_DIGITS:
        return None
    try:
        value, decimals = parse_number(raw, language)
    except (ArithmeticError, ValueError):
        # DivisionByZero ("1/0"), InvalidOperation and ConversionSyntax ("13,613,6").
        return None
    return (value, decimals) if value.is_finite() else None

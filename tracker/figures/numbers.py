"""One number as a letter writes it: read with the letter's separators, tidied, and written
back in the letter's style with its unit and scale (the two round-trip)."""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.figures.vocabulary import CURRENCY_UNITS, SCALES, VULGAR
from tracker.model import Language, Unit


def parse_number(raw: str, language: Language) -> tuple[Decimal, int]:
    """Value and printed decimals of one number as written in a letter of `language`."""
    raw = raw.replace("\u2011", "-").replace("\u2010", "-")
    if raw and raw[-1] in VULGAR:
        integral = Decimal(int(raw[:-1])) if raw[:-1] else Decimal(0)
        return integral + VULGAR[raw[-1]], 2
    if "/" in raw:
        whole, _, frac = raw.rpartition("-") if "-" in raw else ("0", "", raw)
        num, den = frac.split("/")
        value = Decimal(int(whole)) + Decimal(int(num)) / Decimal(int(den))
        return value.normalize() if value != value.to_integral() else value, 2
    decimal_mark, group_mark = (",", ".") if language == "nl" else (".", ",")
    if "." in raw and "," in raw:
        # Both marks: the last one is the decimal mark whatever the language says.
        last = max(raw.rfind("."), raw.rfind(","))
        decimal_mark, group_mark = raw[last], "," if raw[last] == "." else "."
    elif group_mark in raw and not re.fullmatch(rf"\d{{1,3}}(?:\{group_mark}\d{{3}})+", raw):
        # "14.3" in a Dutch letter cannot be grouping (groups are three digits): a decimal.
        decimal_mark, group_mark = group_mark, decimal_mark
    digits = raw.replace(group_mark, "")
    whole, _, fraction = digits.partition(decimal_mark)
    return Decimal(f"{whole}.{fraction}" if fraction else whole), len(fraction)


def tidy(value: Decimal) -> Decimal:
    """Whole numbers without trailing decimal zeros: 14,3 mld. is 14300000000, not
    14300000000.0, so values print and compare as people expect."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


SCALE_WORDS: dict[Language, dict[int, str]] = {
    "nl": {3: "duizend", 6: "mln.", 9: "mld.", 12: "biljoen"},
    "en": {3: "thousand", 6: "million", 9: "billion", 12: "trillion"},
}
_PREFIX: dict[Language, dict[str, str]] = {
    "nl": {"EUR": "€", "USD": "USD ", "GBP": "£"},
    "en": {"EUR": "€", "USD": "$", "GBP": "£"},
}
_SUFFIX: dict[Language, dict[str, str]] = {
    "nl": {"%": "%", "pp": " procentpunt", "bp": " basispunten"},
    "en": {"%": " percent", "pp": " percentage points", "bp": " basis points"},
}


def format_number(value: Decimal, language: Language, decimals: int | None = None) -> str:
    """`value` with the letter's separators: 60.000 and 14,3 in Dutch, 60,000 and 14.3 in
    English; `decimals` fixes the digits after the mark, None keeps the value's own."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals)) if decimals else round(value, 0)
    text = f"{abs(value):,f}" if decimals is None else f"{abs(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".") if decimals is None else text
    if language == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if value < 0 else "") + text


def format_quantity(
    value: Decimal,
    unit: Unit,
    language: Language,
    *,
    scale: int = 0,
    decimals: int | None = None,
    qualifier: str | None = None,
    noun: str | None = None,
    sign: bool = False,
) -> str:
    """Write a quantity in the letter's style, e.g. "ca. €14,3 mld." or "+$1.2 billion".

    `scale` is the power of ten to write the value in (9 for mld./billion, 0 for none);
    `sign` writes a "+" before positive values, as delta columns do.
    """
    shown = value.scaleb(-scale) if scale else value
    number = format_number(abs(shown), language, decimals)
    scale_word = f" {SCALE_WORDS[language][scale]}" if scale else ""
    if unit in CURRENCY_UNITS:
        body = f"{_PREFIX[language].get(unit, unit + ' ')}{number}{scale_word}"
    elif unit in _SUFFIX[language]:
        body = f"{number}{scale_word}{_SUFFIX[language][unit]}"
    else:
        body = f"{number}{scale_word}" + (f" {noun}" if noun else "")
    if value < 0:
        body = "-" + body
    elif sign:
        body = "+" + body
    return f"{qualifier} {body}" if qualifier else body


def scale_of(q_scale: str | None) -> int:
    """Power of ten of a scale word as normalised on `Quantity.scale` (0 for None)."""
    if q_scale is None:
        return 0
    return SCALES[q_scale].adjusted()

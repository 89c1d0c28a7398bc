"""How reports name letters, sections and numbers: shared by the comparison renderers."""

from __future__ import annotations

from decimal import Decimal

from tracker.model import Document, Meta, SectionPair

OPENING = "(opening)"
"""Readable name of the opening section, which has no heading."""


def heading(doc: Document, index: int) -> str | None:
    """The heading of section `index` as written; None for the opening section."""
    return doc.sections[index].heading


def section_name(doc: Document, index: int) -> str:
    """A heading fit for a reader: the opening section gets a name of its own."""
    return doc.sections[index].heading or OPENING


def side_names(doc: Document, indices: tuple[int, ...]) -> str:
    """Readable names of one side of a pair, joined with " + " for split and merged sides."""
    return " + ".join(section_name(doc, i) for i in indices)


def letter_name(meta: Meta) -> str:
    """The letter's title, else its file name, else a placeholder."""
    return meta.title or meta.source or "untitled letter"


def number(value: Decimal) -> int | float:
    """A Decimal as a plain JSON number: an int when whole, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def pair_key(pair: SectionPair) -> tuple[int, int]:
    """Stable position of a pair: first new index, else first old index."""
    return (min(pair.new, default=-1), min(pair.old, default=-1))

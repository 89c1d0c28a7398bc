"""Words of a letter compared and named: white space, case and accents, slugs."""

from __future__ import annotations


def squash(text: str) -> str:
    """Collapse runs of white space (no-break spaces included) into single spaces and trim."""
    return " ".join(text.split())

"""A figure's standing toward the letter's date: a value for a period the letter cannot report
yet is a forecast, whatever the verb; a sentence of plans, budgets or goals keeps its values;
a standing goal's value is the goal's own level."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from tracker.figures.concepts import Meaning
from tracker.figures.lexicon import PLANNED
from tracker.model import Period

FUTURE = re.compile(r"\b(?:will|shall|zal|zullen)\b", re.IGNORECASE)


def projected(
    said: list[Meaning], periods: list[Period | None], letter_date: dt.date | None, sentence: str
) -> list[Meaning]:
    """A value for a year, half or quarter the letter cannot report yet (`_ahead`) cannot have
    been observed: it is a forecast, whatever the verb ("They now see inflation reaching 8.4% in
    2022 before decreasing to 6.3% in 2023"). A sentence that gives one is a projection, so its
    values for periods not yet over are forecasts too (2022's 8.4%, in December 2022). A
    sentence of plans, budgets or goals is not: its values are decided or aimed at. A sentence
    that says what a period not yet over "will" come to projects it as well."""
    if letter_date is None:
        return said
    spans = [
        p if p is not None and p.grain in ("year", "half", "quarter") else None for p in periods
    ]
    # The periods first: most sentences name none ahead, and need no search for plans.
    ahead = any(p is not None and _ahead(p, letter_date) for p in spans)
    if not ahead and not (
        # "For 2022 as a whole, MAS Core Inflation will average around 4%", in October 2022:
        # what a period not yet over will come to is projected too.
        any(p is not None and p.end >= letter_date for p in spans) and FUTURE.search(sentence)
    ):
        return said
    if PLANNED.search(sentence):
        return said
    return [
        replace(meaning, role="forecast", estimate=True)
        if meaning.role == "level" and span is not None and span.end >= letter_date
        else meaning
        for meaning, span in zip(said, spans, strict=True)
    ]


def _ahead(period: Period, letter_date: dt.date) -> bool:
    """A period the letter cannot report yet: one that starts after it, or a quarter or half
    not over by its date ("should peak around 5 percent in the September quarter of this year",
    written in July). A year under way may be reported so far ("dit jaar is al … geleverd")."""
    if period.start > letter_date:
        return True
    return period.grain in ("quarter", "half") and period.end >= letter_date


GOALS = frozenset(
    ["target", "band", "objective", "goal", "aim", "doel", "doelstelling", "streefwaarde"]
)
"""Heads of a standing goal's name ("the target band of 1 to 3 percent", "its 2 percent
objective"), said with "of" or before the name."""


def standing_goal(meaning: Meaning) -> bool:
    words = meaning.concept.lower().split()
    return (
        bool(words)
        and words[-1] in GOALS
        and meaning.how in ("of", "after")
        and meaning.role in ("level", "forecast")
    )

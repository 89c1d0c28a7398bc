"""The role of a figure in its sentence: a level, a change ("by 25 basis points", "met €1
mld."), a forecast ("projected", "verwacht"), a preferred or dissenting view, a previous value
cited rather than reported ("from 8.0 percent to 7.5 percent"), or a conversion ("(€90
miljoen)")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.figures import hinted
from tracker.figures.lexicon import (
    CHANGE_BY,
    CHANGE_NOUNS,
    CITED,
    CITED_AFTER,
    CLAUSE_BREAK,
    COMPARED_AFTER,
    FROM_VALUE,
    GROWS,
    GROWTH_BY,
    INCREMENT,
    OPENER,
    TO_AFTER,
)
from tracker.figures.tokens import Spot
from tracker.model import Role

TO_BETWEEN = re.compile(r"\b(?:to|naar|tot|at|op)\b", re.IGNORECASE)


def clause_before(text: str, spots: Sequence[Spot], i: int) -> str:
    """The text before figure `i` from the last clause break or the figure before it, an
    opening adverbial left out ("Based on the Advance Estimates released …, the economy")."""
    start = spots[i - 1].end if i else 0
    part = text[start : spots[i].start]
    cut = 0
    for m in CLAUSE_BREAK.finditer(part):
        cut = m.end()
    part = part[cut:]
    if not i:
        opener = OPENER.match(part)
        if opener:
            part = part[opener.end() :]
    return part


def inherited_roles(text: str, spots: Sequence[Spot], i: int) -> tuple[Role, ...]:
    """The roles a listed value takes from the one before it: a forecast's and a dissent's,
    and a change's when no "to" stands between ("by $9 billion, $6 billion and $3 billion",
    not "by 25 basis points to 3%")."""
    between = text[spots[i - 1].end : spots[i].start] if i else ""
    if TO_BETWEEN.search(between):
        return ("forecast", "preferred")
    return ("forecast", "preferred", "change")


def role_of(sentence: str, text: str, spots: Sequence[Spot], i: int) -> tuple[Role, bool]:
    spot = spots[i]
    if spot.conversion:
        return "conversion", False
    before = text[: spot.start]
    after = text[spot.end :]
    if hinted.PREFERRED.search(before):
        return "preferred", False
    clause = clause_before(text, spots, i)
    if CITED.search(clause) or CITED.match(sentence) or CITED_AFTER.match(after):
        return "previous", False
    near = before[-60:]
    from_m = FROM_VALUE.search(near)
    if from_m and from_m.group().lower().startswith("after"):
        return "previous", True
    if from_m and (
        (i + 1 < len(spots) and TO_AFTER.match(text[spot.end : spots[i + 1].start]))
        or (
            i > 0
            and from_m.group().lower().startswith(("from", "tegen", "against", "compared"))
            and not re.search(r"\b(?:to|naar|tot)\b", text[spots[i - 1].end : spot.start])
        )
    ):
        return "previous", True
    growth = spot.unit == "%" and GROWTH_BY.search(near)
    if not growth and (
        CHANGE_BY.search(near)
        or (COMPARED_AFTER.match(after) and spot.unit != "%")  # "3,5 procent lager dan …": a rate
        or _change_noun_before(near)
        or INCREMENT.search(near)
    ):
        return "change", False
    if hinted.FORECAST.search(clause):
        return "forecast", False
    return "level", False


def _change_noun_before(text: str) -> bool:
    m = re.search(
        r"([^\W\d_]+)\s+(?:of|van)\s+(?:(?:about|around|ongeveer|ca\.|circa|ruim|bijna)\s+)?$", text
    )
    return bool(m and m.group(1).lower() in CHANGE_NOUNS)


def grows(text: str, spots: Sequence[Spot], i: int, concept: str, role: Role) -> bool:
    """True for a rate by which its subject grows ("the economy growing by 3.4%"): the value
    measures the subject's growth, not the subject."""
    if spots[i].unit != "%" or role not in ("level", "forecast") or not concept:
        return False
    if re.search(r"grow|groei", concept, re.IGNORECASE):
        return False
    return GROWS.search(clause_before(text, spots, i)) is not None

"""What two figures must agree on before their words are weighed, and the words of a concept.

A pair must agree in role (a level with a level, a dissent with a dissent, a forecast with its
outcome only for one period), in period (a fixed period with the same period, a current
reading with a current reading) and in maturity ("3-year" is not "10-year"). A concept is
compared by its stems, generic heads ("rate", "rentevoet") left out, its compounds also by their
parts, and the abbreviations it names ("PURL", "NAVO").
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.figures.find import LABEL_STOPWORDS
from tracker.model import Figure, Period
from tracker.text.words import fold

TEXTS = 1 << 16
"""Concepts and labels whose words are kept: pairing reads each many times, and a series'
letters repeat them."""


@lru_cache(maxsize=TEXTS)
def stem(word: str) -> str:
    """A crude stem shared by Dutch and English inflections: "geleverde" ~ "geleverd",
    "mortgages" ~ "mortgage", and hyphenation: "belenings-faciliteit" ~ "beleningsfaciliteit"."""
    word = word.replace("-", "").replace("\u2011", "")
    if word.endswith(("’s", "'s")):
        word = word[:-2]  # "Singapore’s GDP growth" ~ "Singapore GDP growth"
    if word.endswith("s") and len(word) > 4:
        word = word[:-1]  # "mortgages" ~ "mortgage": the plural first, then the ending
    for suffix in ("en", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def concept_names(figure: Figure) -> frozenset[str]:
    """Capitalised abbreviations in the concept, also inside compounds: "NAVO-fondsen" names
    "NAVO"."""
    return _concept_names(figure.concept or "")


@lru_cache(maxsize=TEXTS)
def _concept_names(concept: str) -> frozenset[str]:
    found = re.findall(r"(?<![^\W\d_])[A-Z]{2,}[A-Z0-9]*(?![^\W\d_])", concept)
    return frozenset(stem(fold(m)) for m in found)


def acronyms(figure: Figure) -> frozenset[str]:
    """Capitalised abbreviations in the concept: "SORA", "PURL", "NAVO"."""
    return _acronyms(figure.concept or "")


@lru_cache(maxsize=TEXTS)
def _acronyms(concept: str) -> frozenset[str]:
    found = re.findall(r"(?<![\w\-\u2011])[A-Z]{3,}(?![\w\-\u2011])", concept)
    return frozenset(m.lower() for m in found)


def roles_agree(a: Figure, b: Figure) -> bool:
    """Figures of one kind: a level with a level, a change with a change, a dissent with a
    dissent. A forecast meets its outcome only for the very same period (the estimate for a
    quarter, then what was borrowed in it). A value the letter cites from an earlier one ("from
    8.0 percent") pairs with nothing: the old letter's own report of it does."""
    if a.role == "previous" or b.role == "previous":
        # A value cited as before ("from 8.0 percent") is the same citation again, or nothing.
        return a.role == b.role and a.value == b.value and a.high == b.high
    if a.role == b.role:
        return True
    if {a.role, b.role} == {"level", "forecast"}:
        return a.period is not None and b.period is not None and a.period.key == b.period.key
    return False


def ranges_agree(a: Figure, b: Figure) -> bool:
    """A range pairs with a range and a single value with a single value, except a forecast
    range with the single value of the very same fixed period: "3–4% in 2022", then "3.6%
    last year" (its outcome) or "estimated to have expanded by 1.2%" in 2023 (its estimate)."""
    if (a.high is None) == (b.high is None):
        return True
    ranged = a if a.high is not None else b
    return (
        ranged.role == "forecast"
        and not a.current
        and not b.current
        and a.period is not None
        and b.period is not None
        and a.period.key == b.period.key
    )


def periods_agree(a: Figure, b: Figure) -> bool:
    """A fixed period pairs only with the same period (the forecast for 2025 never with the one
    for 2026); a current reading pairs with the other letter's current reading, whatever month
    each names ("2.2% in August" -> "1.7% in September")."""
    if (a.period and a.period.key) == (b.period and b.period.key):
        return True  # the same period, or none named on either side
    if a.period is not None and b.period is not None and _within(a.period, b.period):
        return True  # "$1.25 trillion this year" and "by the end of the year"
    return a.current and b.current


def _within(a: Period, b: Period) -> bool:
    """True when one period lies inside the other and one of them is a single day: a total
    "this year" and the same total "by the end of the year"."""
    if a.grain != "day" and b.grain != "day":
        return False
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


# Rates move by points, not by factors: 2,75% to 0,25% in one winter is one rate moving.
PERCENT_UNITS = frozenset({"%", "pp", "bp"})


_TERM = re.compile(
    r"\b(?!12[-\u2011]month)(?:\d+|one|two|three|six|een|twee|drie|zes)[-\u2011](?:year|month|week|day|"
    r"jarige?|jaars|maands)\b",
    re.IGNORECASE,
)


def terms(figure: Figure) -> frozenset[str]:
    """Maturities in the figure's label ("3-year", "10-year"): they name a security."""
    return _terms(figure.label)


@lru_cache(maxsize=TEXTS)
def _terms(label: str) -> frozenset[str]:
    return frozenset(m.group().lower().replace("\u2011", "-") for m in _TERM.finditer(label))


def label_stems(figure: Figure) -> frozenset[str]:
    """The stems of the concept (or table row): "medium-term target" and "target over the
    medium term" share "medium", "term" and "target"; function words left out."""
    return _label_stems(row_or_label(figure))


@lru_cache(maxsize=TEXTS)
def _label_stems(label: str) -> frozenset[str]:
    words = [w for w in re.split(r"[\s/]+", fold(label)) if w]
    stems = [stem(w) for w in words if w not in LABEL_STOPWORDS and not w.isdigit()]
    specific = [
        w
        for k, w in enumerate(stems)
        if w not in GENERIC_HEADS
        # "lending rates", "borrowing costs": an -ing word before a generic head is its kind.
        and not (w.endswith("ing") and k + 1 < len(stems) and stems[k + 1] in GENERIC_HEADS)
    ]
    return frozenset(specific or stems)


def label_parts(figure: Figure) -> frozenset[str]:
    """`label_stems` with each compound also by its parts: "medium-term target" meets "target
    over the medium term" (for how alike two concepts read, not whether one is narrower)."""
    return _label_parts(row_or_label(figure))


@lru_cache(maxsize=TEXTS)
def _label_parts(label: str) -> frozenset[str]:
    words = [w for w in re.split(r"[\s/]+", fold(label)) if "-" in w]
    parts = [p for w in words for p in w.split("-") if len(p) >= 3 and p not in LABEL_STOPWORDS]
    return _label_stems(label) | frozenset(stem(p) for p in parts if p not in GENERIC_HEADS)


# Words that name the kind of a quantity, not which one: "the interest rate on the deposit
# facility" and "the deposit facility rate", "rentevoet voor" and "rentetarieven voor" are
# told apart by what follows them.
GENERIC_HEADS = frozenset(
    stem(w)
    for w in [
        "rate",
        "rates",
        "interest",
        "rente",
        "rentevoet",
        "rentetarief",
        "rentetarieven",
        "tarief",
        "tarieven",
        "percentage",
        "annual",
        "jaarlijkse",
        "twelve-month",
        "12-month",
        "year-on-year",
        "y-o-y",
        "yoy",
        "headline",
        "average",
        "gemiddelde",
        "economy",
        "economie",
    ]
)


# Generic for how alike two labels read ("the euro area economy (growth)" ~ "growth"), but a
# subject for whose the quantity is: "economy growth" is not "wage growth".
SUBJECT_HEADS = frozenset(stem(w) for w in ["economy", "economie"])


def row_or_label(figure: Figure) -> str:
    """What a figure is of, for comparing: its table row, else its concept (which may hold more
    words than its label: "opleiden van Oekraïense militairen"), in the words `same_words`
    gives one quantity's names."""
    return same_words(figure.row if figure.row is not None else (figure.concept or figure.label))


# One quantity's names: "economic growth", "real GDP growth" and "the economy (growth)" are the
# growth of the economy; "core inflation" is inflation excluding energy and food; "growth
# projections" are of growth (that they are projections is the figure's role), and growth of
# nothing named is the economy's.
_SAME_QUANTITY = (
    (re.compile(r"\b(?:real\s+)?(?:gdp|bbp)(?:\s*-?\s*)(?=growth\b|groei\b)", re.I), "economy "),
    (re.compile(r"\b(?:economic|economische)\b", re.I), "economy"),
    (
        re.compile(
            r"\binflation\s+excluding\s+(?:energy\s+and\s+food|food\s+and\s+energy)\b", re.I
        ),
        "core inflation",
    ),
    (
        re.compile(
            r"\binflatie\s+exclusief\s+(?:energie\s+en\s+voeding\w*|voeding\w*\s+en\s+energie)\b",
            re.I,
        ),
        "kerninflatie",
    ),
    (
        re.compile(
            r"(?<!\bthe)(?<!\btheir)(?<!\bits)(?<!\bour)(?<!\bde)(?<!\bhet)(?<!\bhun)(?<=\w)\s+(?:projections?|forecasts?|ramingen?|prognoses?)\b",
            re.I,
        ),
        "",
    ),
    # Growth said of nothing is the economy's: "see growth picking up to 0.8% for 2024".
    (re.compile(r"^\W*(?:growth|groei)\W*$", re.I), "economy growth"),
)


@lru_cache(maxsize=TEXTS)
def same_words(concept: str) -> str:
    """`concept` with the names of one quantity made one ("economic growth" -> "economy
    growth", "inflation excluding energy and food" -> "core inflation")."""
    for pattern, replacement in _SAME_QUANTITY:
        concept = pattern.sub(replacement, concept)
    return concept

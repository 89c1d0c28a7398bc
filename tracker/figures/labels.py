"""Labels a reader can quote: the concept as the letter words it, told apart within a report.

A figure's label is its concept phrase. Where one report holds several figures of one concept,
each label adds what sets it apart, in parentheses: its period, then its role ("annual
inflation (September 2024)", "GDP growth (2025, forecast)"), then, for table cells, the
column. Two different figures of one report never share a label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tracker.model import Figure, Language, Period

MONTH_NAMES: dict[Language, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ),
}  # fmt: skip

ROLE_WORDS: dict[Language, dict[str, str]] = {
    "en": {
        "change": "change",
        "forecast": "forecast",
        "preferred": "preferred",
        "previous": "before",
        "conversion": "converted",
    },
    "nl": {
        "change": "mutatie",
        "forecast": "raming",
        "preferred": "voorkeur",
        "previous": "eerder",
        "conversion": "omgerekend",
    },
}


def period_text(period: Period, language: Language) -> str:
    """A period as a reader writes it: "2025", "H2 2025", "Q2 2024", "September 2024",
    "januari–februari 2023", "2 februari 2026"."""
    months = MONTH_NAMES[language]
    start, end = period.start, period.end
    if period.grain == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if period.grain == "half":
        return f"H{1 if start.month <= 6 else 2} {start.year}"
    if period.grain == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if period.grain == "month":
        if (start.year, start.month) == (end.year, end.month):
            return f"{months[start.month - 1]} {start.year}"
        return f"{months[start.month - 1]}–{months[end.month - 1]} {end.year}"
    day = start.day
    return f"{day} {months[start.month - 1]} {start.year}"


def qualifiers(figure: Figure, language: Language) -> list[str]:
    """What sets a figure apart from others of its concept, most telling first."""
    found = []
    if figure.period is not None:
        found.append(period_text(figure.period, language))
    if figure.role != "level":
        found.append(ROLE_WORDS[language][figure.role])
    return found


def unique_labels(
    labels: Sequence[str],
    figures: Sequence[Figure],
    language: Language,
) -> list[str]:
    """`labels` (one for each figure, usually its concept) made distinct: a label several
    figures share gets each figure's qualifiers, then its table column, then its kind (a
    number, an amount) where kinds tell them apart, then a sequence number."""
    result = list(labels)
    steps: list[Callable[[Figure], list[str]]] = [
        lambda f: qualifiers(f, language),
        lambda f: [*qualifiers(f, language), *([f.column] if f.column else [])],
    ]
    for step in steps:
        clashes = _clashes(result)
        if not clashes:
            return result
        for i in clashes:
            extra = [q for q in step(figures[i]) if q]
            result[i] = f"{labels[i]} ({', '.join(extra)})" if extra else labels[i]
    for group in _clash_groups(result):
        kinds = {_kind(figures[i], language) for i in group}
        if len(kinds) > 1:  # a number and an amount in one phrase: say which is which
            for i in group:
                result[i] = _add(result[i], _kind(figures[i], language))
    clashes = _clashes(result)
    seen: dict[str, int] = {}
    for i in sorted(clashes):
        key = result[i].casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            result[i] = f"{result[i]} [{seen[key]}]"
    return result


def _kind(figure: Figure, language: Language) -> str:
    """ "twee tranches van in totaal €3,3 mld.": the number of tranches and their amount."""
    if figure.unit == "count":
        return "aantal" if language == "nl" else "number"
    if figure.unit in ("%", "pp", "bp"):
        return figure.unit
    return "bedrag" if language == "nl" else "amount"


def _add(label: str, qualifier: str) -> str:
    """ "rate (2025)" + "pp" → "rate (2025, pp)"; "rate" + "pp" → "rate (pp)"."""
    if label.endswith(")"):
        return f"{label[:-1]}, {qualifier})"
    return f"{label} ({qualifier})"


def _clash_groups(labels: Sequence[str]) -> list[list[int]]:
    """Groups of indices whose labels are the same (case-insensitively)."""
    by_key: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        by_key.setdefault(label.casefold(), []).append(i)
    return [group for group in by_key.values() if len(group) > 1]


def _clashes(labels: Sequence[str]) -> set[int]:
    """Indices of labels that another index shares (case-insensitively)."""
    return {i for group in _clash_groups(labels) for i in group}

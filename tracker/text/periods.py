"""The time a figure is about: years, quarters, halves, months and days, resolved to dates.

`period_mentions(text, letter_date)` finds every mention of a period in a piece of text ("in
2025", "the second quarter", "Q2 2024", "in September", "dit jaar", "op 2 februari 2026",
"by the end of October 2023", "the January – March 2024 quarter") with its span, resolved
against the letter's date: "in September" is the latest September that began before the
letter, "next year" the year after the letter's. Mentions that only give the base of a
comparison or of a cumulative total ("than in March", "dan in september", "since 2022",
"sinds 2022"), or the time of something excluded, are marked as such: they are not the period
of the figure beside them. The patterns are in period_patterns.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tracker.model import Period
from tracker.text.dates import MONTHS
from tracker.text.period_hints import possible_patterns
from tracker.text.period_patterns import (
    AFTER_MOVE,
    AND_MONTH,
    BASE,
    DATED,
    EVENT,
    EXCLUDED,
    ORDINAL,
    RELATIVE_YEAR,
    RELEASED,
    SINCE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A period named in a text, with where it stands."""

    period: Period
    start: int
    end: int
    base: bool = False
    """True when the text names it as a comparison's base or a total's start ("than in March",
    "sinds 2022"), or as the time of something excluded ("Excluding the impact of the increase
    in the GST rate in January"): not the period of the figure beside it."""
    names: bool = False
    """True for a date that says which holding or issue the figure is of ("holdings dated
    September 30, 2023"): its own period, and a fixed one. `start` is then that of "dated"."""
    the_year: bool = False
    """True for "for the year (as a whole)" that no year named before it in the text resolves:
    the year the letter spoke of last, else the letter's own (`period`)."""


def year_span(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def quarter_span(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(dt.date(year, first, 1), _month_end(year, first + 2), "quarter")


def half_span(year: int, half: int) -> Period:
    first = 1 if half == 1 else 7
    return Period(dt.date(year, first, 1), _month_end(year, first + 5), "half")


def month_span(
    year: int, month: int, last_year: int | None = None, last: int | None = None
) -> Period:
    last_year = year if last_year is None else last_year
    last = month if last is None else last
    return Period(dt.date(year, month, 1), _month_end(last_year, last), "month")


def day_span(day: dt.date) -> Period:
    return Period(day, day, "day")


_KEY = re.compile(
    r"(?P<year>\d{4})(?:/(?P<last_year>\d{4})|-H(?P<half>[12])|-Q(?P<quarter>[1-4])"
    r"|-(?P<month>\d\d)(?:/(?P<to_year>\d{4})-(?P<to_month>\d\d)|-(?P<day>\d\d))?)?"
)


def period_from_key(key: str) -> Period | None:
    """The period `Period.key` names ("2025", "2024/2025", "2025-H2", "2025-Q2", "2025-09",
    "2025-01/2025-02", "2026-02-02"); None for text that is no key."""
    m = _KEY.fullmatch(key)
    if m is None:
        return None
    g = {name: int(value) for name, value in m.groupdict().items() if value is not None}
    try:
        year = g["year"]
        if "last_year" in g:
            return Period(dt.date(year, 1, 1), dt.date(g["last_year"], 12, 31), "year")
        if "half" in g:
            return half_span(year, g["half"])
        if "quarter" in g:
            return quarter_span(year, g["quarter"])
        if "day" in g:
            return day_span(dt.date(year, g["month"], g["day"]))
        if "month" in g:
            return month_span(year, g["month"], g.get("to_year"), g.get("to_month"))
        return year_span(year)
    except ValueError:  # "2025-13": no such month
        return None


def _month_end(year: int, month: int) -> dt.date:
    # The day before the next month's first: the calendar module costs start-up time.
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def period_mentions(text: str, letter_date: dt.date | None) -> list[Mention]:
    """Every period `text` names, in order, resolved against `letter_date` (None: a period
    that needs the letter's date, such as "next year" or "in September", is left out)."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    relative: set[int] = set()  # starts of "for the year" mentions
    for name, pattern in possible_patterns(text):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            period = _resolve(name, m, letter_date)
            if period is None:
                continue
            start = m.start("m") if name == "m" else m.start()
            base = (
                BASE.search(text, max(0, start - 40), start) is not None
                or RELEASED.search(text, max(0, start - 90), start) is not None
                or AFTER_MOVE.search(text, max(0, start - 60), start) is not None
                or SINCE.search(text, max(0, start - 70), start) is not None
                or EXCLUDED.search(text, max(0, start - 90), start) is not None
                or EVENT.match(text, m.end()) is not None
            )
            dated = DATED.search(text, max(0, start - 12), start)
            if dated is not None:
                found.append(Mention(period, dated.start(), m.end(), names=True))
            else:
                found.append(Mention(period, start, m.end(), base))
            taken.append((m.start(), m.end()))
            if name == "m":
                for more in _coordinated_months(text, m.end(), letter_date, base):
                    if any(a < more.end and more.start < b for a, b in taken):
                        break  # "in May, June and July 2023": "July 2023" is read already
                    found.append(more)
                    taken.append((more.start, more.end))
            if name == "year":
                relative.add(start)
    found.sort(key=lambda mention: mention.start)
    # "In 2023, … on average over the year": the year the text has named is that year.
    named_years = [m for m in found if m.period.grain == "year" and not m.base]
    for k, mention in enumerate(found):
        if mention.start in relative:
            earlier = [
                m for m in named_years if m.start < mention.start and m.start not in relative
            ]
            if earlier:
                found[k] = Mention(earlier[-1].period, mention.start, mention.end, mention.base)
            else:
                found[k] = replace(mention, the_year=True)
    return found


def _coordinated_months(
    text: str, at: int, letter_date: dt.date | None, base: bool
) -> list[Mention]:
    """The months coordinated after a month alone ("in December and January"), each resolved
    as a month alone; a base ("than in May and June") is a base throughout."""
    found = []
    while (m := AND_MONTH.compiled.match(text, at)) is not None:
        period = _resolve("m", m, letter_date)
        if period is None:
            break
        found.append(Mention(period, m.start("m"), m.end(), base))
        at = m.end()
    return found


Groups = dict[str, str | None]
Resolver = Callable[[Groups, dt.date | None], Period | None]


def _year(raw: str | None, letter_date: dt.date | None) -> int | None:
    if raw is None:
        return None
    if raw[:1].isdigit():
        return int(raw)
    if letter_date is None:
        return None
    return letter_date.year + RELATIVE_YEAR[" ".join(raw.lower().split())]


def _month(raw: str | None) -> int:
    return MONTHS[(raw or "").lower().rstrip(".")]


def _latest(
    letter_date: dt.date | None, make: Callable[[int], Period], year: int | None
) -> Period | None:
    """The period `make(year)` for the given year, or without one the latest such period that
    began before the letter's date."""
    if year is not None:
        return make(year)
    if letter_date is None:
        return None
    for candidate in (letter_date.year, letter_date.year - 1):
        period = make(candidate)
        if period.start < letter_date:
            return period
    return None


def _nearest(letter_date: dt.date | None, month: int) -> Period | None:
    """The month of that name nearest the letter's date: an auction "in September" named in
    August is next month's, one named "May" in August this year's."""
    if letter_date is None:
        return None
    options = [month_span(letter_date.year + d, month) for d in (-1, 0, 1)]
    return min(options, key=lambda p: abs((p.start - letter_date).days))


def _day(g: Groups, _: dt.date | None) -> Period:
    return day_span(dt.date(int(g["y"] or 0), _month(g["m"]), int(g["d"] or 0)))


def _months_quarter(g: Groups, _: dt.date | None) -> Period | None:
    """ "the January – March 2024 quarter": a quarter when the months are one."""
    year, first, last = int(g["y"] or 0), _month(g["m1"]), _month(g["m2"])
    if last - first == 2 and first % 3 == 1:
        return quarter_span(year, (first - 1) // 3 + 1)
    return month_span(year, first, year, last) if first <= last else None


def _months(g: Groups, _: dt.date | None) -> Period | None:
    year, first, last = int(g["y"] or 0), _month(g["m1"]), _month(g["m2"])
    return month_span(year, first, year, last) if first <= last else None


def _quarter(g: Groups, letter_date: dt.date | None) -> Period | None:
    quarter = int(g["q"] or 0) if g.get("q") else ORDINAL[(g["o"] or "").lower()]
    year = _year(g.get("y"), letter_date)
    return _latest(letter_date, lambda y: quarter_span(y, quarter), year)


def _quarter_ending(g: Groups, letter_date: dt.date | None) -> Period | None:
    quarter = _month(g["m"]) // 3
    year = _year(g.get("y"), letter_date)
    return _latest(letter_date, lambda y: quarter_span(y, quarter), year)


def _half(g: Groups, letter_date: dt.date | None) -> Period | None:
    half = int(g["h"] or 0) if g.get("h") else ORDINAL[(g["o"] or "").lower()]
    return _latest(letter_date, lambda y: half_span(y, half), _year(g.get("y"), letter_date))


def _end(g: Groups, letter_date: dt.date | None) -> Period | None:
    year = _year(g["y"], letter_date)
    if year is None:
        return None
    return day_span(_month_end(year, _month(g["m"]) if g.get("m") else 12))


def _month_of_year(g: Groups, _: dt.date | None) -> Period:
    return month_span(int(g["y"] or 0), _month(g["m"]))


def _year_to_date(_: Groups, letter_date: dt.date | None) -> Period | None:
    """The months of the letter's year before its own: the latest a reading can be of."""
    if letter_date is None:
        return None
    return month_span(letter_date.year, 1, letter_date.year, max(1, letter_date.month - 1))


def _whole_year(g: Groups, _: dt.date | None) -> Period:
    return year_span(int(g["y"] or 0))


def _end_of_year(_: Groups, letter_date: dt.date | None) -> Period | None:
    return day_span(dt.date(letter_date.year, 12, 31)) if letter_date else None


def _the_year(_: Groups, letter_date: dt.date | None) -> Period | None:
    return year_span(letter_date.year) if letter_date else None


def _relative(g: Groups, letter_date: dt.date | None) -> Period | None:
    year = _year(g["r"], letter_date)
    return year_span(year) if year is not None else None


def _months_to(g: Groups, letter_date: dt.date | None) -> Period | None:
    """ "the three months to August": the run of months ending then."""
    months = {"three": 3, "3": 3, "six": 6, "6": 6, "twelve": 12, "12": 12}[(g["n"] or "").lower()]
    month = _month(g["m"])
    last = _latest(letter_date, lambda y: month_span(y, month), _year(g.get("y"), letter_date))
    if last is None:
        return None
    first = (last.start.month - months) % 12 + 1
    first_year = last.start.year - (1 if first > last.start.month else 0)
    return month_span(first_year, first, last.start.year, last.start.month)


def _event_month(g: Groups, letter_date: dt.date | None) -> Period | None:
    return _nearest(letter_date, _month(g["m"]))


def _month_alone(g: Groups, letter_date: dt.date | None) -> Period | None:
    written = g["m"] or ""
    if written.lower().rstrip(".") in ("may", "mar") and not written[:1].isupper():
        return None  # "may" and "mar" are words too
    month = _month(written)
    return _latest(letter_date, lambda y: month_span(y, month), None)


_RESOLVERS: dict[str, Resolver] = {
    "dmy": _day,
    "mdy": _day,
    "mq": _months_quarter,
    "mm": _months,
    "yq": _quarter,
    "q": _quarter,
    "oq": _quarter,
    "mq_end": _quarter_ending,
    "h": _half,
    "oh": _half,
    "end": _end,
    "endyear": _end_of_year,
    "my": _month_of_year,
    "fy": _whole_year,
    "ytd": _year_to_date,
    "rel": _relative,
    "year": _the_year,
    "y": _whole_year,
    "mto": _months_to,
    "am": _event_month,
    "m": _month_alone,
}


def _resolve(name: str, m: re.Match[str], letter_date: dt.date | None) -> Period | None:
    try:
        return _RESOLVERS[name](m.groupdict(), letter_date)
    except (ValueError, KeyError):
        return None  # "31 februari", an unknown month word: no period

"""Dates as letters write them: one month table, and the two ways a date is read.

A letter's own date (`parse_letter_date`) may be written in words, in ISO or in numbers; the
date a value holds for (`parse_as_of_date`, in table headings and before figures) is read only
when written out in full with the month in words, as letters write it there.
"""

from __future__ import annotations

import datetime as dt
import re

# Month names and abbreviations in both languages, lower case, to the month's number.
MONTHS: dict[str, int] = {
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "mar": 3, "oct": 10,
}  # fmt: skip

_MONTH = r"([A-Za-z]{3,9})\.?"
_DAY_FIRST_RE = re.compile(rf"(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})")
_MONTH_FIRST_RE = re.compile(rf"{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})")
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Dutch numeric dates put the day first: "10-09-2025". (With slashes the order is ambiguous
# between Dutch and American writing, so "10/09/2025" is not read.)
_NUMERIC_DMY_RE = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])")
# A full date with the month in words: "2 februari 2026", "31 aug. 2025", "March 18, 2009".
FULL_DATE = re.compile(
    r"\b(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})\b"  # 2 februari 2026, 31 aug. 2025
    r"|\b([A-Z][a-z]+)\.?\s+(\d{1,2}),\s+(\d{4})\b"  # March 18, 2009
)


def parse_letter_date(text: str) -> dt.date | None:
    """The date a letter gives itself, in its letterhead, its closing line or its front matter:
    the first date written in Dutch or English ("4 maart 2026", "October 29, 2025"), ISO
    ("2026-03-04") or numeric with the day first ("04-03-2026")."""
    text = text.strip()
    patterns = (
        (_DAY_FIRST_RE, "dmy"),
        (_MONTH_FIRST_RE, "mdy"),
        (_ISO_RE, "ymd"),
        (_NUMERIC_DMY_RE, "numeric"),
    )
    for regex, order in patterns:
        match = regex.search(text)
        if not match:
            continue
        try:
            if order == "ymd":
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            if order == "numeric":
                return dt.date(int(match[3]), int(match[2]), int(match[1]))
            day, month_name, year = (
                (match[1], match[2], match[3]) if order == "dmy" else (match[2], match[1], match[3])
            )
            month = MONTHS.get(month_name.lower())
            if month is None:
                continue
            return dt.date(int(year), month, int(day))
        except ValueError:
            continue
    return None


def parse_as_of_date(text: str) -> dt.date | None:
    """The date a value holds for, as a table's column heading or the words before a figure
    write it: the first full date in `text` with the month in words ("2 februari 2026",
    "31 aug. 2025", "March 18, 2009"); numeric dates are not read."""
    for m in FULL_DATE.finditer(text):
        day, month, year = (
            (m.group(1), m.group(2), m.group(3))
            if m.group(1)
            else (m.group(5), m.group(4), m.group(6))
        )
        number = MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            return dt.date(int(year), number, int(day))
        except ValueError:
            continue
    return None


# A file name that starts with its letter's date: "2026-02-27-leveringen.txt".
DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=$|[^0-9])")


def date_from_name(name: str) -> dt.date | None:
    """The date a file name starts with ("2026-02-27-brief.txt"); None when it has none or
    it is no date."""
    match = DATE_PREFIX.match(name)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None

"""How letters name a period: the patterns `period_mentions` (periods.py) reads, in order,
and the words around a period that make it a base rather than the figure's own."""

from __future__ import annotations

import re

from tracker.text.dates import MONTHS
from tracker.text.lazy import LazyPattern

MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH = rf"(?:{MONTH_NAMES})\.?"
YEAR = r"(?:19|20)\d\d"
DASH = r"\s*(?:[-\u2010\u2011\u2013\u2014]|to|tot|t/m|through)\s*"
ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4, "eerste": 1,
    "tweede": 2, "derde": 3, "vierde": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
ORD = "|".join(ORDINAL)
RELATIVE_YEAR = {
    "this year": 0, "dit jaar": 0, "the current year": 0, "het lopende jaar": 0,
    "lopend jaar": 0, "next year": 1, "volgend jaar": 1, "komend jaar": 1,
    "het komende jaar": 1, "the coming year": 1, "last year": -1, "vorig jaar": -1,
    "afgelopen jaar": -1, "het afgelopen jaar": -1, "the previous year": -1,
    "the past year": -1, "vorige jaar": -1,
}  # fmt: skip
REL = "|".join(sorted((re.escape(k) for k in RELATIVE_YEAR), key=len, reverse=True))

# Each pattern has named groups; periods.py turns a match into a Period. Order matters: the
# first pattern that matches at a place wins, so longer forms come first. Each is compiled
# when a text first holds its hints (period_hints.py): a letter needs only some of them.
PATTERNS: list[tuple[str, LazyPattern]] = [
    # "31 aug. 2025", "2 februari 2026"
    ("dmy", LazyPattern(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTH})\s+(?P<y>{YEAR})\b", re.I)),
    # "March 31, 2024"
    ("mdy", LazyPattern(rf"\b(?P<m>{MONTH})\s+(?P<d>\d{{1,2}}),\s+(?P<y>{YEAR})\b", re.I)),
    # "the January – March 2024 quarter", "October – December 2021 quarter"
    (
        "mq",
        LazyPattern(
            rf"\b(?P<m1>{MONTH}){DASH}(?P<m2>{MONTH})\s+(?P<y>{YEAR})\s+(?:quarter|kwartaal)\b",
            re.I,
        ),
    ),
    # "January–February 2023", "januari-maart 2024"
    ("mm", LazyPattern(rf"\b(?P<m1>{MONTH}){DASH}(?P<m2>{MONTH})\s+(?P<y>{YEAR})\b", re.I)),
    # "Q2 2024", "Q2 of 2024", "2024Q2", "2Q24" is not read
    ("yq", LazyPattern(rf"\b(?P<y>{YEAR})\s*Q(?P<q>[1-4])\b", re.I)),
    ("q", LazyPattern(rf"\bQ(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b", re.I)),
    # "in the three months to August": the run of months ending then
    (
        "mto",
        LazyPattern(
            rf"\b(?P<n>three|3|six|6|twelve|12)\s+months\s+to\s+(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?",
            re.I,
        ),
    ),
    # "the September quarter (of this year)", "the current June quarter": a quarter named by
    # its last month, as New Zealand and Australia write
    (
        "mq_end",
        LazyPattern(
            r"\b(?P<m>march|june|september|december|maart|juni)\s+(?:quarter|kwartaal)"
            rf"(?:\s+(?:of|van)\s+(?P<y>{YEAR}|{REL}))?",
            re.I,
        ),
    ),
    # "the second quarter (of 2024)", "het tweede kwartaal (van 2024)"
    (
        "oq",
        LazyPattern(
            rf"\b(?P<o>{ORD})\s+(?:quarter|kwartaal)(?:\s+(?:of|van)\s+(?P<y>{YEAR}|{REL}))?", re.I
        ),
    ),
    # "H2 2023", "the second half of 2023", "de tweede helft van 2023"
    ("h", LazyPattern(rf"\bH(?P<h>[12])(?:\s+(?P<y>{YEAR}))?\b")),
    (
        "oh",
        LazyPattern(
            rf"\b(?P<o>first|second|eerste|tweede)\s+(?:half|helft)(?:\s+(?:of|van)\s+(?P<y>{YEAR}|{REL}))?",
            re.I,
        ),
    ),
    # "end-2023", "end of 2023", "eind 2023", "ultimo 2023", "by the end of October 2023"
    (
        "end",
        LazyPattern(
            rf"\b(?:end[-\s](?:of\s+)?|eind(?:e)?\s+|ultimo\s+)(?:(?P<m>{MONTH})\s+)?(?P<y>{YEAR}|{REL})\b",
            re.I,
        ),
    ),
    # "by the end of the year", "eind dit jaar": the last day of the letter's year
    (
        "endyear",
        LazyPattern(
            r"\b(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+year|einde?\s+(?:van\s+)?(?:dit|het)\s+jaar)\b",
            re.I,
        ),
    ),
    # "September 2024", "augustus 2023"
    ("my", LazyPattern(rf"\b(?P<m>{MONTH})\s+(?P<y>{YEAR})\b", re.I)),
    # "fiscal year 2025", "FY2025", "FY 2025"
    ("fy", LazyPattern(rf"\b(?:fiscal\s+year|FY)\s*(?P<y>{YEAR})\b", re.I)),
    # "year-to-date", "so far this year": the months of the letter's year up to its own
    (
        "ytd",
        LazyPattern(
            r"\b(?:year[-\u2011\s]to[-\u2011\s]date|so\s+far\s+this\s+year|"
            r"sinds\s+(?:het\s+)?begin\s+van\s+(?:dit|het)\s+jaar)\b",
            re.I,
        ),
    ),
    # "this year", "volgend jaar"
    ("rel", LazyPattern(rf"\b(?P<r>{REL})\b", re.I)),
    # "for the year (as a whole)", "voor het hele jaar": the letter's own year
    (
        "year",
        LazyPattern(
            r"\b(?:for|over|voor|in)\s+(?:the|het)\s+(?:whole\s+|hele\s+)?(?:year|jaar)\b", re.I
        ),
    ),
    # a bare year: "in 2025", "for 2024", "2025"
    (
        "y",
        LazyPattern(
            rf"(?<![\d.,/-])(?P<y>{YEAR})(?![\d%]|[-\u2011]\d|\s*(?:procent|percent|per cent))"
        ),
    ),
    # a month naming an event of its month: "the September 10-year TIPS reopening"
    (
        "am",
        LazyPattern(
            rf"\bthe\s+(?P<m>{MONTH})\s+(?=\d+[-\u2011](?:year|month|week)|TIPS|auction|meeting|refunding)",
            re.I,
        ),
    ),
    # a month alone: "in September", "in oktober"
    (
        "m",
        LazyPattern(
            rf"\b(?:in|for|voor|during|tijdens|over|of|van|per|at|op)\s+(?P<m>{MONTH})(?!\w)", re.I
        ),
    ),
]

# Words before a period that make it a base, not the figure's own period.
BASE = re.compile(
    r"(?:\bmaturing(?:\s+on)?|\bmatures(?:\s+on)?|\bdue(?:\s+on)?|\bvervallend(?:\s+op)?|"
    r"\bthan|\bdan|\bsince|\bsinds|\bvanaf|\bcompared\s+(?:with|to)|\bvergeleken\s+met|"
    r"\b(?:announced|estimated|projected|expected|assumed|aangekondigd|gemeld|geraamd)\s+in|"
    r"\bten\s+opzichte\s+van|\bt\.o\.v\.|\bfrom|\bvan)\s+(?:in\s+|de\s+|het\s+|the\s+|end[-\s]|eind\s+)?$",
    re.I,
)


# "Sinds de start van de grootschalige Russische invasie in 2022": the start of a total.
SINCE = re.compile(r"\b(?:since|sinds|vanaf)\b[^,;:.]*$", re.IGNORECASE)


# "Excluding the impact of the increase in the GST rate in January, core inflation is …": the
# time of what is left out.
EXCLUDED = re.compile(
    r"\b(?:excluding|including|apart\s+from|exclusief|inclusief|afgezien\s+van)\b[^,;:.]*$",
    re.IGNORECASE,
)


# "de reeds in 2025 toegezegde €750 miljoen": when something was done to the amount, said in
# a participle before it, not the period it measures.
EVENT = re.compile(
    r"\s+(?:ge|toe|be|ver|aan|in|over|uit)?[^\W\d_]+(?:de|te)\s+[€$£]", re.IGNORECASE
)


# "the Advance Estimates released by the Ministry … on 3 January 2022": when a source came
# out, not what its figures are about.
RELEASED = re.compile(
    r"\b(?:released|published|issued|gepubliceerd|verschenen)\b[^,.;]{0,70}?\b(?:on|op)\s+$",
    re.IGNORECASE,
)


# "$22 billion of SOMA Treasury holdings dated September 30, 2023": the date says which
# holding the figure is of.
DATED = re.compile(r"\b(?:dated|gedateerd)\s+(?:on\s+|op\s+)?$", re.IGNORECASE)


# "Energy prices fell by 1.0 per cent, after a slight rise in February": the time of a move
# before, not of the figure.
AFTER_MOVE = re.compile(
    r"\b(?:after|following|na)\s+(?:a|an|een)\s+(?:[^\W\d_]+\s+){0,2}?(?:rise|fall|increase|"
    r"decrease|decline|drop|jump|stijging|daling|toename|afname)\s+(?:in\s+)?$",
    re.IGNORECASE,
)


# "in December and January": a month coordinated with the one before (after a month alone).
AND_MONTH = LazyPattern(rf"(?:\s*,\s*|\s+(?:and|en|or|of)\s+)(?P<m>{MONTH})(?!\w)", re.I)

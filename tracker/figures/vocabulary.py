"""The words around numbers in both languages: scales, currencies, units, number words,
qualifiers, and the words that make a number an identifier or leave it uncounted."""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.model import Language, Unit

SCALES: dict[str, Decimal] = {
    "duizend": Decimal(1000),
    "thousand": Decimal(1000),
    "mln": Decimal(10) ** 6,
    "miljoen": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "mld": Decimal(10) ** 9,
    "miljard": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "biljoen": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
}

CURRENCY_SIGNS: dict[str, Unit] = {
    "€": "EUR",
    "EUR": "EUR",
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "£": "GBP",
    "GBP": "GBP",
    "NZ$": "NZD",
    "NZD": "NZD",
    "S$": "SGD",
    "SGD": "SGD",
    "A$": "AUD",
    "AUD": "AUD",
    "HK$": "HKD",
    "HKD": "HKD",
    "C$": "CAD",
    "CAD": "CAD",
    "RM": "MYR",
    "MYR": "MYR",
    "¥": "JPY",
    "JPY": "JPY",
    "CHF": "CHF",
}

# Vulgar fractions as printed: "5¼%", "4½ per cent".
VULGAR: dict[str, Decimal] = {
    "¼": Decimal("0.25"), "½": Decimal("0.5"), "¾": Decimal("0.75"), "⅛": Decimal("0.125"),
    "⅜": Decimal("0.375"), "⅝": Decimal("0.625"), "⅞": Decimal("0.875"),
}  # fmt: skip

CURRENCY_WORDS: dict[str, Unit] = {
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "us-dollar": "USD",
    "pond": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "ringgit": "MYR",
}

PERCENT_WORDS: dict[str, Unit] = {
    "%": "%",
    "procent": "%",
    "percent": "%",
    "per cent": "%",
    "procentpunt": "pp",
    "procentpunten": "pp",
    "procentpoint": "pp",
    "procentpoints": "pp",
    "percentage point": "pp",
    "percentage points": "pp",
    "basispunt": "bp",
    "basispunten": "bp",
    "basis point": "bp",
    "basis points": "bp",
    "bps": "bp",
    "bp": "bp",
}

NUMBER_WORDS: dict[Language, dict[str, int]] = {
    "nl": {
        "nul": 0, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
        "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
        "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
        "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
        "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100,
    },
    "en": {
        "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100,
    },
}  # fmt: skip

# Qualifier as written (lower case) -> normalised form kept on the figure.
QUALIFIERS: dict[str, str] = {
    "ca.": "circa",
    "ca": "circa",
    "circa": "circa",
    "ongeveer": "ongeveer",
    "zo'n": "zo'n",
    "zo’n": "zo'n",
    "bijna": "bijna",
    "ruim": "ruim",
    "meer dan": "meer dan",
    "minder dan": "minder dan",
    "maximaal": "maximaal",
    "ten minste": "ten minste",
    "tenminste": "ten minste",
    "minimaal": "minimaal",
    "tot": "tot",
    "about": "about",
    "around": "around",
    "approximately": "approximately",
    "roughly": "roughly",
    "nearly": "nearly",
    "almost": "almost",
    "more than": "more than",
    "over": "more than",
    "less than": "less than",
    "up to": "up to",
    "at least": "at least",
    "at most": "at most",
    "maximum of": "maximaal",
    "a maximum of": "maximaal",
    "some": "about",
}

# Words right before a number that make it an identifier, not a quantity.
REFERENCE_WORDS = {
    "nr", "nr.", "nrs.", "no", "no.", "nos.", "nummer", "number", "kamerstuk", "kamerstukken",
    "kenmerk", "referentie", "artikel", "art.", "article", "section", "sectie", "lid",
    "motie", "bijlage", "annex", "pagina", "page", "p.", "pp.", "blz.", "postbus", "box",
    "tranche", "fase", "phase", "versie", "version", "vergaderjaar", "kamerbrief", "dd.",
    "d.d.", "q", "week", "hoofdstuk", "chapter", "paragraaf", "stap", "step", "rule",
    "regel", "resolutie", "resolution", "ibid", "zie", "see", "tabel", "table", "figuur",
    "figure", "grafiek", "chart",
}  # fmt: skip

# Words that cannot be what a bare number counts.
NOT_NOUNS = {
    # Dutch function words and verbs
    "de", "het", "een", "en", "of", "van", "in", "op", "tot", "met", "voor", "aan", "uit",
    "bij", "naar", "over", "om", "te", "is", "zijn", "was", "waren", "wordt", "worden",
    "heeft", "hebben", "door", "dat", "die", "dit", "als", "ook", "nog", "al", "per", "tegen",
    "na", "vanaf", "sinds", "tussen", "uur", "jl.", "jl", "nr.", "nr", "ca.", "ca",
    "mld.", "mln.", "keer", "maal", "procent", "bedraagt", "bedroeg", "betreft", "waarvan",
    "hiervan", "daarvan", "zal", "zullen", "kan", "kunnen", "moet",
    # English function words and verbs
    "the", "a", "an", "and", "or", "on", "to", "with", "for", "at", "by", "from",
    "as", "are", "were", "be", "been", "has", "have", "had", "that", "this",
    "which", "than", "into", "under", "percent", "times", "through", "p.m.", "a.m.",
    "pm", "am", "will", "would", "could", "may", "each", "plus", "minus", "but",
}  # fmt: skip

# Nouns of time: "3 years" is a duration a reader may track, kept as a count, but a number
# glued to one of these by a hyphen is a maturity or an adjective ("10-year note", "tienjarige").
MATURITY = re.compile(r"[-\u2010\u2011](?:year|month|week|day|jaars?|jarige?|maands|weeks)\b", re.I)

CURRENCY_UNITS = frozenset(CURRENCY_SIGNS.values())

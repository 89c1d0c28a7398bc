"""Letterhead and metadata: title, date, references, signatory and language of a letter.

`read_letterhead(lines)` looks at cleaned lines (as `normalize.clean` leaves them) and returns
the metadata it found together with the indices of the lines that are letterhead, address
blocks, signatures or page furniture and so do not belong to the body. Nothing is guessed:
a field the text does not give is None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.model import Language
from tracker.read.normalize import join_lines, strip_markers
from tracker.read.signature import read_signature
from tracker.text.dates import parse_letter_date
from tracker.text.words import squash

# A line that is only a date, optionally after a label or a place: "Datum 27 februari 2026",
# "Den Haag, 4 maart 2026", "Florence, 30 October 2025", "October 29, 2025".
_DATE_LINE_RE = re.compile(
    r"^(?:(?:Datum|Date|Dated)\s*:?\s*|[A-Z][\w'’ -]{1,30},\s*)?"
    r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}-\d{1,2}-\d{4})"
    r"\s*$",
    re.IGNORECASE,
)

_SALUTATION_RE = re.compile(
    r"^\s*(Geachte|Zeer geachte|Beste|Dear)\b.{0,60}?[,:]?\s*$", re.IGNORECASE
)
# Address blocks and page furniture: Dutch government letterheads and PDF page headers.
_ADDRESS_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^>?\s*Retouradres\b",
        r"^Postbus\s+\d+",
        r"(?-i:^\d{4}\s?[A-Z]{2}\s+[A-Z][\w' -]+$)",  # postcode and town, in capitals
        r"^(www\.|https?://)\S+$",
        r"^Ministerie van\s+[\w ,-]{3,60}$",
        r"^(T|F|Tel\.?|Telefoon|Fax)\s*[:.]?\s*\+?[\d ()-]{8,}$",
        r"^\S+@\S+\.\w+$",
        r"^Contactpersoon\b",
        r"^Bijlage\(?n?\)?\s*:?\s*\d*$",
    )
]
# A reference label repeated in the header of later pages: "Onze referentie" and its value.
_REFERENCE_LABEL_RE = re.compile(r"^(Onze|Uw) referentie|^(Ons|Uw) kenmerk", re.IGNORECASE)
_FURNITURE_RES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(Pagina|Page|Blad)\s+\d+(\s+(van|of)\s+\d+)?$",
        r"^[-–]\s*\d{1,3}\s*[-–]$",
        r"^Tweede Kamer, vergaderjaar \d{4}\s*[-–]\s*\d{4}.{0,60}$",
        r"^Tweede Kamer der Staten-Generaal[\s|]*\d{0,3}[\s|]*$",
        r"^Vergaderjaar \d{4}\s*[-–/]\s*\d{2,4}[\s|]*$",
        r"^(For immediate release|For release at .{1,30}|Embargo.{0,40})$",
        r"^(PRESS RELEASE|PERSBERICHT|PRESS CONFERENCE|NEWS RELEASE|NIEUWSBERICHT)$",
    )
]
# A place and date at the end of a letter stand within this many lines of its last line.
_CLOSING_MAX_LINES = 15
# A letterhead without a salutation after it ends within this many lines.
_LETTERHEAD_MAX_LINES = 40
# Header lines are short; a Kamerstuk's "Nr. 2 BRIEF VAN DE MINISTERS …" line can be long.
_HEADER_MAX_CHARS = 200
_KIND_LABELS = {"press release", "persbericht", "press conference", "news release"}
_DOSSIER_RE = re.compile(r"^(\d{2} ?\d{3}(?:-[\w]+)?)(?:\s+(.*))?$")
_NUMBER_RE = re.compile(r"^(Nr\.|nr\.|NR\.)\s*(\d+)\s*(.*)$")
_KAMERSTUK_RE = re.compile(
    r"Kamerstuk(?:ken)?\s+(\d{2}\s?\d{3}(?:-[\w]+)?(?:\s[IVXLC]+|\s[A-Z])?),?\s+(?:nr\.?|Nr\.?)\s*(\d+)"
)
# Letterhead labels and what they hold; the value follows on the line or on the next one.
_LABEL_FIELDS = {
    "datum": "date",
    "date": "date",
    "betreft": "title",
    "onderwerp": "title",
    "subject": "title",
    "onze referentie": "reference",
    "ons kenmerk": "reference",
    "our reference": "reference",
    "uw referentie": "other",
    "uw kenmerk": "other",
    "uw brief": "other",
    "your reference": "other",
}
_LABEL_RE = re.compile(
    r"^(" + "|".join(sorted(_LABEL_FIELDS, key=len, reverse=True)) + r")\b\s*:?\s*(.*)$",
    re.IGNORECASE,
)

_NL_WORDS = frozenset(
    "de het een van en dat op te voor met zijn niet aan om ook als bij wordt door naar "  # noqa: SIM905
    "heeft worden deze dit zich nog over uit wij ik kabinet".split()
)
_EN_WORDS = frozenset(
    "the of and to a that for on with as by at be this are from will has have was which "  # noqa: SIM905
    "its been were their would".split()
)


@dataclass(frozen=True, slots=True)
class Letterhead:
    """What the letterhead, header and signature say, and which lines they take up."""

    title: str | None
    date: dt.date | None
    references: tuple[str, ...]
    signatory: str | None
    skip: frozenset[int]
    """0-based indices of lines that are not body text."""
    title_is_first_block: bool = False
    """True when no header gave a title and the parser may take the first block as title."""


def date_line(line: str) -> dt.date | None:
    """The date a line consists of ("Den Haag, 4 maart 2026"), or None for any other line."""
    match = _DATE_LINE_RE.match(line.strip())
    return parse_letter_date(match.group(1)) if match else None


def detect_language(text: str) -> Language:
    """Dutch or English, by which language's common words occur more often."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    nl = sum(1 for w in words if w in _NL_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    return "en" if en > nl else "nl"


def kamerstuk_references(text: str) -> list[str]:
    """Kamerstuk numbers cited in a text, as "22 054, nr. 463"."""
    return [f"{m[1]}, nr. {m[2]}" for m in _KAMERSTUK_RE.finditer(text)]


def is_salutation(line: str) -> bool:
    return bool(_SALUTATION_RE.match(line)) and len(line.strip()) <= 60


def read_letterhead(lines: Sequence[str]) -> Letterhead:
    """Find metadata in the letterhead, header and signature; mark those lines as not body."""
    texts = [squash(strip_markers(line)) for line in lines]
    skip: set[int] = set()
    title: str | None = None
    date: dt.date | None = None
    references: list[str] = []

    salutation = _find_salutation(texts)
    if salutation is not None:
        skip.update(range(salutation + 1))
        title, date, refs, _ = _labelled_fields(texts, salutation)
        references += refs
        if date is None:  # an unlabelled date line in the letterhead: "January 16, 2025"
            date = next(filter(None, (date_line(t) for t in texts[:salutation])), None)
    furniture: set[int] = set()
    _furniture(texts, furniture)
    labelled = False
    if salutation is None:
        # A memo or note: "Datum" and "Onderwerp" labels, but no "Geachte voorzitter,".
        memo_title, memo_date, refs, last = _labelled_fields(texts, _first_prose(texts))
        if memo_title is not None:
            labelled = True
            title, date = memo_title, memo_date
            skip.update(range(last + 1))
            references += refs
    header = _header_zone(texts, furniture) if salutation is None and not labelled else None
    if header is not None:
        end, header_title, header_date, refs = header
        skip.update(range(end + 1))
        title, date = header_title, header_date
        references += refs

    signatory = read_signature(texts, skip)
    _address_blocks(texts, skip)
    skip.update(furniture)
    if date is None:
        # Some letters give place and date at the end, above the signature.
        for i in range(len(texts) - 1, max(-1, len(texts) - _CLOSING_MAX_LINES), -1):
            found = date_line(texts[i]) if "," in texts[i] else None
            if found is not None:
                date = found
                skip.add(i)
                break
    # The date repeated in the header of later pages ("Datum 27 februari 2026").
    for i, text in enumerate(texts):
        if text.lower().startswith("datum") and date_line(text) is not None:
            skip.add(i)
    return Letterhead(
        title=title,
        date=date,
        references=tuple(dict.fromkeys(references)),
        signatory=signatory,
        skip=frozenset(skip),
        title_is_first_block=title is None
        and salutation is None
        and header is None
        and not labelled,
    )


def _first_prose(texts: list[str]) -> int:
    """Index of the first line of running text (where a letterhead must have ended)."""
    for i, text in enumerate(texts[:_LETTERHEAD_MAX_LINES]):
        if len(text) > 100 or (len(text) > 40 and text.endswith(".")):
            return i
    return min(len(texts), _LETTERHEAD_MAX_LINES)


def _find_salutation(texts: list[str]) -> int | None:
    """Index of "Geachte voorzitter," when it closes a letterhead near the top."""
    limit = max(40, len(texts) * 6 // 10)
    for i, text in enumerate(texts[:limit]):
        if is_salutation(text):
            return i
    return None


def _labelled_fields(
    texts: list[str], end: int
) -> tuple[str | None, dt.date | None, list[str], int]:
    """Read "Datum", "Betreft" and "Onze referentie" from the letterhead lines before `end`.

    Also returns the index of the last line a label or its value took (-1 for none).
    """
    title: str | None = None
    date: dt.date | None = None
    references: list[str] = []
    last = -1
    i = 0
    while i < end:
        text = texts[i]
        match = _LABEL_RE.match(text)
        if match is None:
            i += 1
            continue
        field, value = _LABEL_FIELDS[match.group(1).lower()], match.group(2).strip()
        j = i + 1
        if not value:  # the value stands on the next non-blank line (a two-column letterhead)
            while j < end and not texts[j]:
                j += 1
            value, j = (texts[j], j + 1) if j < end else ("", j)
        if field == "date":
            date = date or parse_letter_date(value)
        elif field == "title":
            title, j = _wrapped_value(texts, value, j, end)
        elif field == "reference" and value:
            references.append(value)
        last = j - 1
        i = j
    return title, date, references, last


def _wrapped_value(texts: list[str], value: str, j: int, end: int) -> tuple[str, int]:
    """A subject line that wraps over several lines, possibly with single blank lines between."""
    while j < end:
        if not texts[j]:
            if j + 1 < end and texts[j + 1] and not _stops_value(texts[j + 1]):
                j += 1
                continue
            break
        if _stops_value(texts[j]):
            break
        value = join_lines(value, texts[j])
        j += 1
    return value, j


def _stops_value(text: str) -> bool:
    return bool(_LABEL_RE.match(text)) or _is_address(text) or is_salutation(text)


def _header_zone(
    texts: list[str], furniture: set[int]
) -> tuple[int, str | None, dt.date | None, list[str]] | None:
    """A short header ending in a date line: Kamerstuk, press release or statement header.

    Returns the index of the last header line, the title, the date and the references.
    """
    seen: list[int] = []
    for i, text in enumerate(texts):
        if not text or i in furniture:
            continue
        seen.append(i)
        if (
            len(seen) > 8
            or len(text) > _HEADER_MAX_CHARS
            or (text.endswith(".") and date_line(text) is None)
        ):
            return None
        found = date_line(text)
        if found is None:
            continue
        end = i
        # "For release at 2:00 p.m. EDT" right after the date still belongs to the header.
        for k in range(i + 1, min(i + 4, len(texts))):
            if texts[k] and any(r.match(texts[k]) for r in _FURNITURE_RES):
                end = k
            elif texts[k]:
                break
        title, references = _header_title(texts, seen[:-1])
        return end, title, found, references
    return None


def _header_title(texts: list[str], indices: list[int]) -> tuple[str | None, list[str]]:
    """Title and references from header lines: dossier numbers, "Nr. 299 Brief van…", a title."""
    dossiers: list[str] = []
    number: str | None = None
    title: str | None = None
    for i in indices:
        text = texts[i]
        dossier = _DOSSIER_RE.match(text)
        numbered = _NUMBER_RE.match(text)
        if dossier:
            dossiers.append(dossier.group(1))
        elif numbered:
            number = numbered.group(2)
            title = title or (numbered.group(3).strip() or None)
        elif (
            text.lower().startswith(("aan de ", "to the "))
            or text.lower() in _KIND_LABELS
            or any(r.match(text) for r in _FURNITURE_RES)
        ):
            continue
        elif title is None and not text.endswith(","):
            title = text
    references = []
    if dossiers:
        references.append(" / ".join(dossiers) + (f", Nr. {number}" if number else ""))
    return title, references


def _address_blocks(texts: list[str], skip: set[int]) -> None:
    """Skip runs of short lines that hold at least two address lines (ministry blocks)."""
    i = 0
    while i < len(texts):
        if not texts[i]:
            i += 1
            continue
        j = i
        while j < len(texts) and texts[j]:
            j += 1
        run = range(i, j)
        hits = sum(1 for k in run if _is_address(texts[k]))
        if hits >= 2:
            skip.update(k for k in run if len(texts[k]) <= 60)
        for k in run:
            # "Onze referentie" repeated on a later page, with its value on the next line.
            if _REFERENCE_LABEL_RE.match(texts[k]) and len(texts[k]) <= 60:
                skip.add(k)
                if k + 1 < j and len(texts[k + 1].split()) == 1:
                    skip.add(k + 1)
        i = j


def _is_address(text: str) -> bool:
    return any(r.match(text) for r in _ADDRESS_RES) or bool(_REFERENCE_LABEL_RE.match(text))


def _furniture(texts: list[str], skip: set[int]) -> None:
    """Skip page numbers, running headers and press-release labels."""
    for i, text in enumerate(texts):
        if any(r.match(text) for r in _FURNITURE_RES):
            skip.add(i)
        elif re.fullmatch(r"\d{1,3}", text) and not _near_numbers(texts, i):
            skip.add(i)  # a page number on a line of its own


def _near_numbers(texts: list[str], i: int) -> bool:
    """Whether a number-only line stands among other short numeric lines (a flattened table)."""
    neighbours = [t for t in texts[max(0, i - 4) : i + 5] if t]
    numeric = [t for t in neighbours if re.fullmatch(r"[-$€£]*[\d.,]+%?", t)]
    return len(numeric) >= 3

"""Find a letter's figures: every tracked quantity with its label, context and as-of date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from tracker.figures.kept import paragraph_quantities, paragraph_sentences
from tracker.figures.meaning import mark_current, with_meaning
from tracker.figures.quantities import Quantity, find_quantities
from tracker.figures.vocabulary import CURRENCY_WORDS, PERCENT_WORDS, SCALES
from tracker.model import Document, Figure, Language, Paragraph, Table
from tracker.text.dates import FULL_DATE, MONTHS, date_from_name, parse_as_of_date
from tracker.text.periods import day_span

# Words left out of labels: function words of both languages and empty verbs. A label keeps
# what the figure is of ("militaire steun begroot"), not the grammar around it.
_STOPWORD_TEXT = """
    de het een en of van in op tot met voor aan uit bij naar over om te is zijn was waren
    wordt worden werd heeft hebben had door dat die dit deze als ook nog al per tegen na
    vanaf sinds tussen er hier daar daarmee hiermee waarbij waarvan hiervan daarvan zo zal
    zullen kan kunnen moet wel niet geen dan dus reeds nu toe mede circa ca ongeveer bijna
    ruim meer minder dan maximaal minimaal ten minste zo'n zo’n totaal in totaal bedraagt
    bedroeg bedragen betreft u uw wij we ik hij zij ze het hun haar zich the a an and or of
    in on to with for at by from as is are was were be been has have had that this these
    those which than into over under will would could may per each also its their it about
    nearly more less than up approximately around some almost least respectievelijk respectively
    while whereas terwijl
"""
LABEL_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
LABEL_WORDS = 4
"""Content words a label keeps: enough to tell figures apart, short enough for a table."""

# Words before a date that make it the date a value holds for, not an event's date.
_AS_OF = re.compile(
    r"(?:\bop|\bper|\btot en met|\bt/m|\bstand|\bas of|\bas at|\bon|\bthrough|\bat end of|"
    r"\bend of|\bvan)\s+$",
    re.IGNORECASE,
)
_UNIT_WORDS = frozenset(SCALES) | frozenset(CURRENCY_WORDS) | frozenset(PERCENT_WORDS) | {"cent"}
_WORD = re.compile(r"[^\W\d_][\w’'\-\u2011]*")
# Label words: words, and years, which tell "€52,8 mln. in 2024" from "€79,7 mln. in 2025".
# Maturities name a security: "3-year note" and "10-year note" are different figures.
_LABEL_WORD = re.compile(
    r"\b\d+[-\u2011](?:year|month|week|day)\b|[^\W\d_][\w’'\-\u2011]*|\b(?:19|20)\d\d\b"
)


def find_figures(doc: Document) -> tuple[Figure, ...]:
    """The figures of a letter in reading order: running text first within each block, table
    cells labelled by row and column."""
    figures: list[Figure] = []
    language = doc.meta.language
    # "in September" is the latest September before the letter: dated by its text, else by
    # its file name.
    letter_date = doc.meta.date or date_from_name(doc.meta.source or "")
    for index, section in enumerate(doc.sections):
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found = _paragraph_figures(block, index, language, len(figures))
                figures.extend(with_meaning(block.text, found, language, letter_date))
            else:
                figures.extend(_table_figures(block, index, language))
    return tuple(mark_current(figures))


def _paragraph_figures(
    paragraph: Paragraph, section: int, language: Language, offset: int
) -> list[Figure]:
    text = paragraph.text
    spans = paragraph_sentences(text, language) or ((0, len(text)),)
    found = paragraph_quantities(text, language)
    figures: list[Figure] = []
    years: dict[int, str] = {}
    for start, end in spans:
        if not _RESPECTIVELY.search(text[start:end]):
            continue  # `_respectively` finds nothing: the quantities need not be shifted
        inside = [q for q in found if start <= q.start < end]
        shifted = [replace(q, start=q.start - start, end=q.end - start) for q in inside]
        for i, said in _respectively(text[start:end], shifted).items():
            years[found.index(inside[i])] = said
    for i, q in enumerate(found):
        start, end = next(((a, b) for a, b in spans if a <= q.start < b), (0, len(text)))
        sentence = text[start:end]
        inside = [other for other in found if start <= other.start < end and other is not q]
        label = label_of(
            sentence,
            q.start - start,
            q.end - start,
            q.noun,
            low=max((o.end - start for o in inside if o.end <= q.start), default=0),
            high=min((o.start - start for o in inside if o.start >= q.end), default=None),
        )
        if i in years and not years[i].startswith("+"):
            label = years[i]  # the name this value is for, in a "respectively" list
        figures.append(
            Figure(
                value=q.value,
                unit=q.unit,
                text=q.text,
                label=label,
                section=section,
                line=paragraph.line,
                high=q.high,
                qualifier=q.qualifier,
                noun=q.noun,
                as_of=_as_of(sentence[: q.start - start]),
                context=sentence,
                conversion_of=offset + i - 1 if q.conversion and i else None,
                decimals=q.decimals,
            )
        )
    return _borrow_labels(_share_year_labels(figures, years), set(years))


# Words that say what happened to a value, or that it is a total, not what it is of.
_CHANGE_TEXT = """verlaagd verhoogd gestegen gedaald gegroeid afgenomen toegenomen verruimd
    increased decreased raised lowered reduced cut rose fell grew declined total totale sum"""
CHANGE_WORDS = frozenset(_CHANGE_TEXT.split())


def _borrow_labels(figures: list[Figure], listed: set[int]) -> list[Figure]:
    """A figure whose label says little takes the words of the one before it in its sentence:
    projections for several years ("5.6% in 2023, 3.2% in 2024 and 2.1% in 2025"), or a new
    level after a change ("met 25 basispunten verlaagd naar 1,00%")."""
    for i in range(1, len(figures)):
        if i in listed:
            continue  # a "respectively" list has named each value already
        own, before = figures[i], figures[i - 1]
        words = own.label.split()
        if before.context != own.context or len(before.label.split()) < 2:
            continue
        base = [w for w in before.label.split() if not _YEAR.fullmatch(w)]
        if words and all(_YEAR.fullmatch(w) for w in words):
            figures[i] = replace(own, label=" ".join([*base, *words]))
        elif own.noun is None and words and all(w.lower() in CHANGE_WORDS for w in words):
            # "met 25 basispunten verlaagd naar 1,00%": the second figure of a clause is of
            # the same subject as the first; its own word says what happened to it.
            extra = [w for w in words if w not in base]
            figures[i] = replace(own, label=" ".join([*base[:LABEL_WORDS], *extra]))
    return figures


def _share_year_labels(figures: list[Figure], years: dict[int, str]) -> list[Figure]:
    """A list of amounts for several years shares one label, that of its last amount (which
    the words after the list describe), each with its own year."""
    listed = sorted(i for i, said in years.items() if said.startswith("+"))
    if not listed:
        return figures
    base = " ".join(w for w in figures[listed[-1]].label.split() if not _YEAR.fullmatch(w))
    for i in listed:
        figures[i] = replace(figures[i], label=f"{base} {years[i][1:]}".strip())
    return figures


def _table_figures(table: Table, section: int, language: Language) -> list[Figure]:
    """A table's cells: the concept is the row (and the column, unless the column is a date);
    a date column is the cell's period, the latest date column the current reading and the
    earlier ones restated data points."""
    figures: list[Figure] = []
    dates = [parse_as_of_date(heading) for heading in table.header]
    latest = max((d for d in dates if d is not None), default=None)
    for row in table.rows:
        row_label = _clean_label(row[0])
        context = " | ".join(cell for cell in row if cell)
        for column, cell in enumerate(row[1:], 1):
            heading = table.header[column].strip() if column < len(table.header) else ""
            date = dates[column] if column < len(dates) else None
            for q in find_quantities(cell, language):
                label = " / ".join(part for part in (row_label, heading) if part)
                figure = _cell_figure(q, label, section, table.line, context)
                figure = _with_cell(figure, row_label, heading, date)
                concept = row_label if date is not None or not heading else label
                figures.append(
                    replace(
                        figure,
                        concept=concept or label,
                        period=day_span(date) if date is not None else None,
                        current=date is None or date == latest,
                        found_by="table",
                    )
                )
    return figures


def _cell_figure(q: Quantity, label: str, section: int, line: int, context: str) -> Figure:
    return Figure(
        value=q.value,
        unit=q.unit,
        text=q.text,
        label=label,
        section=section,
        line=line,
        high=q.high,
        qualifier=q.qualifier,
        noun=q.noun,
        context=context,
        decimals=q.decimals,
    )


def _with_cell(figure: Figure, row: str, column: str, as_of: dt.date | None) -> Figure:
    return replace(figure, row=row, column=column, as_of=as_of)


def _clean_label(text: str) -> str:
    text = re.sub(r"\[footnoteRef:\d+\].*$|\[\^?\d+\]", "", text)
    return " ".join(text.split()).strip(" :")


def _as_of(before: str) -> dt.date | None:
    """The date the value holds for: "op 2 februari 2026 ca. €11,7 mld.", "as of March 31"."""
    best = None
    for m in FULL_DATE.finditer(before):
        if _AS_OF.search(before[: m.start()]):
            best = parse_as_of_date(m.group())
    return best


def label_of(
    sentence: str,
    start: int,
    end: int,
    noun: str | None = None,
    *,
    low: int = 0,
    high: int | None = None,
) -> str:
    """A short label for the figure at [start, end) of `sentence`: the content words after it
    in its clause ("aan militaire steun begroot" -> "militaire steun begroot"), or, when the
    clause ends there, the content words before it. `low` and `high` bound the words to the
    stretch between the neighbouring figures, so that two figures do not share one label."""
    high = len(sentence) if high is None else high
    lead: list[str] = []
    if noun:
        # A count's noun is what it counts: it opens the label ("Oekraïense militairen …").
        at = sentence.find(noun, end)
        if at >= 0:
            lead, end = [noun], at + len(noun)
    clause_end = min(_clause_end(sentence, end), high)
    after = lead + _content_words(sentence[end:clause_end])
    if len(" ".join(after).split()) >= 2:
        return " ".join(after[:LABEL_WORDS])
    clause_start = max(_clause_start(sentence, start), min(low, start))
    before = _content_words(sentence[clause_start:start])
    words = before[-(LABEL_WORDS - len(after)) :] + after
    terms = [w for w in before if _TERM_WORD.fullmatch(w) and w not in words]
    if terms:
        # A maturity names the security ("the June 5-year TIPS reopening auction size"): keep it.
        words = [terms[-1], *words[1:]] if len(words) >= LABEL_WORDS else [terms[-1], *words]
    if not words:
        # A figure alone in its clause, as in a list of amounts: the sentence names it.
        words = _content_words(sentence[clause_end:])[:LABEL_WORDS]
        words = words or _content_words(sentence[:start])[-LABEL_WORDS:]
    return " ".join(words) if words else sentence.strip()[:60]


def _respectively(sentence: str, found: list[Quantity]) -> dict[int, str]:
    """Lists that give several values "respectively" for several named things: which thing
    each value is for, by position; empty when the counts do not match.

    "in 2025, 2026 en 2027 respectievelijk €0,7, €0,5 en €0,4 miljard" gives a year each (added
    to the label); "the rates on A, B and C will be increased to 0.50%, 0.75% and 0.00%
    respectively" gives a name each (the label)."""
    m = _RESPECTIVELY.search(sentence)
    if m is None:
        return {}
    listed = [i for i, q in enumerate(found) if q.start >= m.end()]
    if len(listed) < 2:
        # English puts the word after the values: "… to 0.50%, 0.75% and 0.00% respectively".
        listed = [i for i, q in enumerate(found) if q.end <= m.start()]
        listed = listed[-len(listed) :] if len(listed) >= 2 else []
    if len(listed) < 2:
        return {}
    first = min(found[i].start for i in listed)
    head = sentence[: min(first, m.start())]
    years = re.findall(r"\b(?:19|20)\d\d\b", head)
    if len(years) == len(listed):
        return {i: f"+{year}" for i, year in zip(listed, years, strict=True)}
    suspended = _SUSPENDED.search(head)
    if suspended:
        # "the 2-, 3-, 5-, and 7-year": one maturity per value.
        unit = suspended.group(2)
        terms = [f"{n}-{unit}" for n in re.findall(r"\d+", suspended.group(1))]
        if len(terms) == len(listed):
            return dict(zip(listed, terms, strict=True))
    names = [n for n in _NAME_SPLIT.split(_clause_tail(head)) if _content_words(n)]
    if len(names) < len(listed):
        return {}
    # The names stand right before the values; commas further back belong to other clauses.
    names = names[-len(listed) :]
    names[-1] = _VERB_AFTER_NAME.split(names[-1])[0]
    return {i: " ".join(_name_words(n)) for i, n in zip(listed, names, strict=True)}


_RESPECTIVELY = re.compile(r"\b(respectievelijk|respectively)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_TERM_WORD = re.compile(r"\d+[-\u2011](?:year|month|week|day)", re.IGNORECASE)
# Where the last listed name ends and the verb phrase begins: "de depositofaciliteit |
# onveranderd zullen blijven op", "the deposit facility | will be increased to".
_VERB_AFTER_NAME = re.compile(
    r"\s(?:onveranderd|zullen|zal|worden|wordt|werd|blijven|blijft|will|would|are|is|were|was|"
    r"remain|remains|unchanged)\b",
    re.IGNORECASE,
)
_SUSPENDED = re.compile(r"((?:\d+-,?\s*(?:and\s+|en\s+)?)+\d+)-(year|month|week|day)\b")
_NAME_SPLIT = re.compile(r",\s*|\s+(?:and|en|or|of)\s+", re.IGNORECASE)


def _clause_tail(text: str) -> str:
    """The text after the last strong break (";", ":", "(" or a sentence adverb's comma)."""
    cut = max(text.rfind(";"), text.rfind(":"), text.rfind("("))
    text = text[cut + 1 :]
    lead = re.match(r"\s*[A-Z][a-z]+,\s*", text)  # "Accordingly, …"
    return text[lead.end() :] if lead else text


def _name_words(name: str) -> list[str]:
    """The words naming one listed thing (the verb phrase after the last is already cut)."""
    return _content_words(name)[-3:]


# Where a clause ends: punctuation, a dash, a full stop, or a conjunction that starts the next
# statement ("$1,015 billion and assumed an end-of-December cash balance of …").
_CLAUSE_END = re.compile(
    r"[,;:()]|\s[–—]\s|\.(?:\s|$)|\s(?:and|but|while|whereas|en|maar|terwijl)\s", re.IGNORECASE
)


# The same without the full stop: before a figure, a dot ends an abbreviation ("ca.", "mld."),
# never the sentence, which the sentence splitter has already cut.
_CLAUSE_START = re.compile(
    r"[,;:()]|\s[–—]\s|\s(?:and|but|while|whereas|en|maar|terwijl)\s", re.IGNORECASE
)


def _clause_end(sentence: str, position: int) -> int:
    m = _CLAUSE_END.search(sentence, position)
    return m.start() if m else len(sentence)


def _clause_start(sentence: str, position: int) -> int:
    cut = 0
    for m in _CLAUSE_START.finditer(sentence[:position]):
        cut = m.end()
    return cut


def _content_words(text: str) -> list[str]:
    words = []
    for m in _LABEL_WORD.finditer(FULL_DATE.sub(" ", text)):
        word = m.group()
        low = word.lower()
        if (
            low == "footnoteref"
            or low in LABEL_STOPWORDS
            or low.rstrip(".") in MONTHS
            or low.rstrip(".") in _UNIT_WORDS
        ):
            continue
        words.append(word)
    return words

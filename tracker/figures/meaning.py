"""What each figure of a paragraph measures: its concept and role (concepts.py) and its period.

A figure's period is the one its sentence names for it (text/periods.py): right after it
("1.9% for 2024"), else between it and the figure before ("In oktober 2013 waren er …"),
else where the sentence opens, else after a list it stands in ("$1.25 trillion of A and $200
billion of B by the end of the year"). A sentence without one may take the paragraph's: the
period a sentence of it opened with ("During the January – March 2022 quarter, …"), the month
it reports its readings for, or, for a forecast, the year it last named. A figure is a current
reading unless it is an estimate, the value before a move, or for a year or a half.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tracker.figures.concepts import Meaning
from tracker.figures.kept import sentence_meanings
from tracker.figures.lexicon import KEY_DROP, VERBS
from tracker.figures.lists import other_subject
from tracker.figures.outlook import projected, standing_goal
from tracker.figures.referents import projected_topic
from tracker.figures.tokens import Spot
from tracker.model import Figure, Language, Period
from tracker.text.periods import Mention, period_mentions, year_span

# "16 duizend meer dan in mei": the word after the number says how it compares, not what it
# counts.
COMPARATIVES = frozenset(
    ["meer", "minder", "more", "fewer", "less", "hoger", "lager", "higher", "lower"]
)
# A paragraph that opens with a short label and a colon: "NAVO-fonds: Nederland heeft …".
RUN_IN = re.compile(r"^\W*([A-Z][^\W\d_][\w\-’' ]{1,40}?)\s*:\s+(?=[A-Z])")
RESPECTIVELY = re.compile(r"\b(?:respectievelijk|respectively)\b", re.IGNORECASE)
# What hands a period named after a figure on to the one that follows it ("1.2% this year
# and next year 1.5%").
HANDS_ON = re.compile(
    r";|\b(?:and|en|or|of|but|maar|while|whilst|whereas|terwijl|although|hoewel)\b", re.IGNORECASE
)
WORD = re.compile(r"[^\W\d_]+")
# "in both 2024 and 2025", "voor zowel 2024 als 2025": right before the first of two periods.
BOTH = re.compile(r"\b(?:both|zowel)\s+$", re.IGNORECASE)
COORDINATED = re.compile(r"\b(?:and|en)\b", re.IGNORECASE)
# Clauses that report a value of something ("lending rates remain elevated, at 5.2 per cent"),
# as against one that names a standing goal ("our two per cent medium-term target").
READING_CLAUSES = frozenset(["subject", "list", "sentence subject", "name"])
OPENING_REACH = 40
"""Characters from a sentence's start within which a period opens it."""


@dataclass(slots=True)
class _Paragraph:
    """What a paragraph has said so far that a later sentence may lean on."""

    previous: str | None = None
    """The concept the last sentence ended with ("Dit zijn er …")."""
    named: Period | None = None
    """The last period the paragraph named: a forecast's year when its sentence names none."""
    opening: Period | None = None
    """The period a sentence of the paragraph opened with ("In oktober 2013 …")."""
    reading: Period | None = None
    """The month (or quarter) of the paragraph's readings ("… in February. Food price
    inflation rose to 2.7 per cent")."""
    earlier: _Earlier | None = None
    """The periods the sentences before the current one named, figures or not."""
    at: int = 0
    """Where the current sentence starts in the paragraph."""


@dataclass(slots=True)
class _Earlier:
    """The periods a paragraph named before the current sentence, with or without figures: the
    sentences with figures as they were read, the text between them only when asked."""

    text: str
    letter_date: dt.date | None
    parts: list[tuple[int, int] | list[Period]] = field(default_factory=list)
    """In order: a stretch of text not read yet (start, end), or the periods read."""
    done: int = 0

    def read(self, start: int, end: int, mentions: list[Mention]) -> None:
        """The sentence at `start`..`end` has been read, naming `mentions`."""
        if start > self.done:
            self.parts.append((self.done, start))
        self.parts.append([m.period for m in mentions if not m.base])
        self.done = max(self.done, end)

    def periods(self, at: int) -> list[Period]:
        """The periods named before offset `at` (the current sentence's start)."""
        if at > self.done:
            self.parts.append((self.done, at))
            self.done = at
        found: list[Period] = []
        for k, part in enumerate(self.parts):
            if isinstance(part, tuple):
                stretch = self.text[part[0] : part[1]]
                part = [m.period for m in period_mentions(stretch, self.letter_date) if not m.base]
                self.parts[k] = part
            found += part
        return found

    def latest_month(self, at: int) -> Period | None:
        """The latest month named before, and before the letter's date ("mortgage rates
        declined in December and January. Nevertheless, lending rates remain elevated, at 5.2
        per cent"): the month an undated reading after it is of."""
        date = self.letter_date
        months = [p for p in self.periods(at) if p.grain == "month" and (not date or p.end < date)]
        return max(months, key=lambda p: p.end) if months else None

    def year(self, at: int) -> Period | None:
        """The last year named before: what a later "for the year as a whole" is."""
        years = [p for p in self.periods(at) if p.grain == "year"]
        return years[-1] if years else None


def with_meaning(
    text: str, figures: list[Figure], language: Language, letter_date: dt.date | None
) -> list[Figure]:
    """The figures of one paragraph (`text`) with their concept, role and period."""
    earlier = _Earlier(text, letter_date)
    paragraph = _Paragraph(earlier=earlier)
    found: dict[int, tuple[Meaning, Period | None, bool]] = {}
    both: dict[int, tuple[Meaning, Period | None, bool]] = {}
    runin = RUN_IN.match(text)
    at = 0
    for sentence, members in _by_sentence(figures).items():
        at = max(text.find(sentence, at), at)
        paragraph.at = at
        spots, placed = _spots(sentence, members, figures)
        # Sentences without figures since the last one may name what a pronoun stands for.
        topic = projected_topic(text[earlier.done : at]) if at > earlier.done else None
        if topic:
            paragraph.previous = topic
        read = period_mentions(sentence, letter_date)
        mentions = _the_year(read, earlier, at)
        masked = _masked(sentence, mentions)
        said = sentence_meanings(sentence, spots, paragraph.previous, masked, language)
        if runin and len(said) == 1 and sentence.startswith(runin.group(0).strip()[:20]):
            # "Directe levering: De totale vervangingswaarde … €2,5 mld.": the run-in label
            # names what the paragraph's one figure is.
            said = [replace(said[0], concept=runin.group(1), how="run-in label")]
        yearly = respective_years(sentence, mentions, spots)
        periods = [
            _period(paragraph, meaning, mentions, spots, n, sentence, yearly)
            for n, meaning in enumerate(said)
        ]
        said = projected(said, periods, letter_date, sentence)
        for n, (k, meaning, period) in enumerate(zip(placed, said, periods, strict=True)):
            names = period is not None and any(m.names and m.period == period for m in mentions)
            found[k] = (meaning, period, names)
            also = _for_both(sentence, mentions, spots, n, period)
            if also is not None:
                both[k] = (meaning, also, names)
            other = other_subject(sentence, meaning.concept) if len(said) == 1 else None
            if other is not None:
                # "both MAS Core Inflation and CPI-All Items inflation are projected to come in
                # at an average of 2.5–3.5%": one value, a data point of each subject.
                both[k] = (replace(meaning, concept=other, label=""), period, names)
        _remember(paragraph, said, mentions, spots)
        earlier.read(at, at + len(sentence), read)
    meant: list[Figure] = []
    for k, f in enumerate(figures):
        meant.append(_meant(f, *found[k]) if k in found else f)
        if k in both:
            meant.append(_meant(f, *both[k]))
    return meant


def _for_both(
    sentence: str, mentions: list[Mention], spots: list[Spot], n: int, period: Period | None
) -> Period | None:
    """ "to pick up further, to 1.6%, in both 2024 and 2025", "voor zowel 2024 als 2025": one
    value said for two periods is a data point of each; the second period, or None."""
    if period is None:
        return None
    end = spots[n + 1].start if n + 1 < len(spots) else len(sentence)
    after = [m for m in mentions if not m.base and spots[n].end <= m.start < end]
    if len(after) < 2 or after[0].period != period:
        return None
    first, second = after[0], after[1]
    if not BOTH.search(sentence, spots[n].end, first.start):
        return None
    if not re.fullmatch(r"\s*(?:and|als)\s*", sentence[first.end : second.start]):
        return None
    return second.period


def _the_year(mentions: list[Mention], earlier: _Earlier, at: int) -> list[Mention]:
    """ "for the year as a whole" is the last year the paragraph named before, if any."""
    if not any(m.the_year for m in mentions):
        return mentions
    year = earlier.year(at)
    return [replace(m, period=year) if m.the_year and year else m for m in mentions]


def _by_sentence(figures: Sequence[Figure]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for k, figure in enumerate(figures):
        grouped.setdefault(figure.context, []).append(k)
    return grouped


def _spots(
    sentence: str, members: list[int], figures: Sequence[Figure]
) -> tuple[list[Spot], list[int]]:
    """Where each figure stands in its sentence, in order; figures not found there are left
    out (the second list says which figure each spot is)."""
    spots, placed = [], []
    at = 0
    for k in members:
        figure = figures[k]
        start = sentence.find(figure.text, at)
        if start < 0:
            start = sentence.find(figure.text)
        if start < 0:
            continue
        at = start + len(figure.text)
        spots.append(Spot(start, at, figure.unit, figure.noun, figure.conversion_of is not None))
        placed.append(k)
    return spots, placed


def _masked(sentence: str, mentions: list[Mention]) -> str:
    """The sentence with its periods blanked out, so no period is read as a concept."""
    chars = list(sentence)
    for m in mentions:
        chars[m.start : m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _period(
    paragraph: _Paragraph,
    meaning: Meaning,
    mentions: list[Mention],
    spots: list[Spot],
    n: int,
    sentence: str,
    yearly: dict[int, Period],
) -> Period | None:
    own = own_period(mentions, spots, n, sentence)
    if meaning.role == "previous" and not meaning.cited_from:
        # "In July 2023, Treasury estimated borrowing of $1.007 trillion": the date says when
        # it was said, not what it is about.
        own = own_period(mentions, spots, n, sentence, before=False)
    period = yearly.get(n) or own or paragraph.opening
    if period is None and meaning.estimate:
        period = paragraph.named
    if period is None and meaning.role == "level":
        # "Annual inflation stood at 2.4 per cent in February … food price inflation rose to
        # 2.7 per cent": the paragraph reports one month.
        period = paragraph.reading
    if period is None and meaning.role == "level" and meaning.how in READING_CLAUSES:
        period = paragraph.earlier.latest_month(paragraph.at) if paragraph.earlier else None
    reading = (
        own is not None
        and own.grain in ("month", "quarter")
        and meaning.role == "level"
        and not meaning.cited_from
        and not meaning.estimate
    )
    if reading and (n == 0 or paragraph.reading is None):
        paragraph.reading = own
    return period


def _remember(
    paragraph: _Paragraph, said: list[Meaning], mentions: list[Mention], spots: list[Spot]
) -> None:
    if said:
        paragraph.previous = said[-1].concept or paragraph.previous
    named = [m.period for m in mentions if not m.base]
    if named:
        paragraph.named = named[-1]
    first = spots[0].start if spots else OPENING_REACH
    openers = [m for m in mentions if not m.base and m.start < min(first, OPENING_REACH)]
    if openers and openers[0].period.grain != "day":
        paragraph.opening = openers[0].period  # "During the January – March 2022 quarter, …"


def _meant(figure: Figure, meaning: Meaning, period: Period | None, names: bool) -> Figure:
    """The figure with its meaning; `names` says its period names which holding it is of."""
    if standing_goal(meaning):
        # "return to the target band of 1 to 3 percent around the middle of 2009": the band's
        # value is the goal's own; the forecast and the date are of what returns to it.
        meaning, period = replace(meaning, role="level", estimate=False), None
    role = meaning.role
    if role == "previous" and meaning.cited_from and period is not None:
        role = "level"  # "from 2.5% in October 2022": a data point of its own
    if period is None and figure.label[:4].isdigit():
        period = _year_period(figure.label)
    fixed = (
        meaning.estimate
        or names  # "holdings dated September 30, 2023": that holding, not the latest one
        or meaning.cited_from  # "from 2.5% in July": the value before a move
        or (period is not None and period.grain in ("year", "half"))
    )
    noun = figure.noun
    if noun is not None and noun.split()[0].lower() in COMPARATIVES:
        noun = None
    return replace(
        figure,
        noun=noun,
        label=meaning.label or meaning.concept or figure.label,
        concept=meaning.concept or figure.label,
        role=role,
        period=period,
        current=not fixed,
        found_by=meaning.how,
    )


def mark_current(figures: Sequence[Figure]) -> list[Figure]:
    """Of the readings of one concept a letter gives for several months, quarters or days, the
    latest is its current reading; the earlier ones are data points of their own periods
    ("5.6 per cent in January and 4.0 per cent in February")."""

    def dated(f: Figure) -> bool:
        return f.row is None and f.current and f.period is not None and f.role != "previous"

    latest: dict[tuple[str, str, str], dt.date] = {}
    for f in figures:
        if dated(f):
            assert f.period is not None
            key = (concept_key(f.concept), f.unit, f.role)
            latest[key] = max(latest.get(key, f.period.end), f.period.end)
    marked = []
    for f in figures:
        if dated(f):
            assert f.period is not None
            if f.period.end < latest[(concept_key(f.concept), f.unit, f.role)]:
                f = replace(f, current=False)
        marked.append(f)
    return marked


def respective_years(
    sentence: str, mentions: list[Mention], spots: list[Spot]
) -> dict[int, Period]:
    """ "in 2025, 2026 en 2027 nog respectievelijk ca. €0,7, €0,5 en €0,4 miljard": the
    periods named before "respectively", one a value in order."""
    m = RESPECTIVELY.search(sentence)
    if m is None or not spots:
        return {}
    listed = [n for n, s in enumerate(spots) if s.start >= m.end()]
    limit = min(m.start(), spots[0].start)
    named = [x.period for x in mentions if not x.base and x.end <= limit]
    if len(listed) < 2 or len(named) != len(listed):
        return {}
    return dict(zip(listed, named, strict=True))


def own_period(
    mentions: list[Mention], spots: list[Spot], n: int, sentence: str, *, before: bool = True
) -> Period | None:
    """The period the sentence names for its n-th figure (see the module's docstring);
    `before=False` takes only one named after it."""
    spot = spots[n]
    low = spots[n - 1].end if n else 0
    high = spots[n + 1].start if n + 1 < len(spots) else len(sentence) + 1
    own = [m for m in mentions if not m.base]
    after = [
        m
        for m in own
        if spot.end <= m.start < high
        and (m.names or not HANDS_ON.search(sentence[spot.end : m.start]))
    ]
    if after:
        return after[0].period
    if not before:
        return None
    # A period named right after the figure before is that figure's, not this one's, when a
    # clause of its own (a verb) stands between: "above 3% for much of 2008, the current level
    # … remains consistent with … 1 to 3 percent"; not "€3,1 miljard … voor 2026 (binnen het
    # totaal van €3,5 miljard".
    taken = [
        m
        for m in own
        if n and low <= m.start < spot.start
        and (m.names or not HANDS_ON.search(sentence[low : m.start]))
        and any(w.lower() in VERBS for w in WORD.findall(sentence[m.end : spot.start]))
    ]  # fmt: skip
    ahead = [m for m in own if low <= m.start < spot.start and m not in taken]
    if ahead:
        return ahead[-1].period
    opening = [m for m in own if m.start < spots[0].start]
    if opening:
        return opening[-1].period
    return _after_list(own, spots, n, sentence)


def _after_list(own: list[Mention], spots: list[Spot], n: int, sentence: str) -> Period | None:
    """ "up to $1.25 trillion of agency MBS and up to $200 billion of agency debt by the end of
    the year": a period after a list of coordinated values holds for each of them."""
    k = n
    while k + 1 < len(spots) and COORDINATED.search(sentence[spots[k].end : spots[k + 1].start]):
        k += 1
        stop = spots[k + 1].start if k + 1 < len(spots) else len(sentence) + 1
        tail = [m for m in own if spots[k].end <= m.start < stop]
        if tail:
            return tail[0].period
    return None


def _year_period(label: str) -> Period | None:
    m = re.match(r"(?:19|20)\d\d", label)
    return year_span(int(m.group())) if m else None


def concept_key(concept: str) -> str:
    """The concept reduced for comparing: lower case, accents folded, function words out,
    crude stems ("rates on the marginal lending facility" -> "rat marginal lend facility")."""
    text = unicodedata.normalize("NFKD", concept.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.findall(r"[^\W_][\w\-\u2011/&]*", text)
    return " ".join(_stem(w) for w in words if w not in KEY_DROP and not w.isdigit())


def _stem(word: str) -> str:
    word = word.replace("-", "").replace("\u2011", "")
    for suffix in ("ing", "en", "es", "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word

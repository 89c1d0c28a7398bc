"""What a figure in running text measures: its concept, as a phrase of the letter, and its role.

The concept is the quantity the number is said of, found from the clause it stands in:
- a count counts the noun after it: "674 duizend werklozen", "60.000 Oekraïense militairen
  getraind";
- an amount of something: "€ 13,6 miljard aan militaire steun begroot", "$125 billion of
  Treasury securities", "borrow $776 billion in privately-held net marketable debt";
- "X of N": "an end-of-March cash balance of $750 billion" (but not "its historical low of N"
  or "an increase of N", which say how the value stands, not what it is of);
- the subject of the verb before the number, found by walking back from it over the verb
  group: "Annual inflation fell further to N", "inflation is now expected to average N", "De
  totale waarde van de geleverde militaire steun bedroeg op 2 februari 2026 ca. N"; after the
  verb where Dutch inverts ("stond de waarde van de … steun op bijna N"); the object of a
  policy verb ("raise the target range for the federal funds rate to N"); a name right before
  its value ("inflation at the rate of N", "tranche 1 ca. N");
- what follows the number: "N van de beroepsbevolking werkloos", "its 2 percent objective";
- in a "respectively" list, each listed name: "the interest rates on the main refinancing
  operations, the marginal lending facility and the deposit facility … 2.50%, 2.75% and
  2.00% respectively";
- a number with nothing of its own between it and the one before ("8.1% in 2022, 5.5% in
  2023", "from 8.0 percent to 7.5 percent") has the concept of that one, and a sentence that
  opens with "Dit" or "This" has the concept the sentence before ended with.

The role says what kind of number it is: a level; a change ("by 25 basis points", "met €1
mld.", "een toename van", "16 duizend meer dan in mei"); a forecast ("projected", "expected",
"verwacht", "raming"); a preferred or dissenting view ("who preferred to raise …"); a previous
value, cited rather than reported ("from 8.0 percent to 7.5 percent", "In July, Treasury
estimated …"); or a conversion ("(€90 miljoen)").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tracker.figures import hinted
from tracker.figures.clauses import (
    after_phrase,
    amount_of,
    count_phrase,
    for_what,
    main_subject,
    named_before,
    of_phrase,
    of_word,
    sentence_subject,
)
from tracker.figures.lexicon import (
    CHANGE_NOUNS,
    CLAUSE_BREAK,
    COMPARATIVES,
    CONJUNCTIONS,
    DASH_ASIDE,
    DETERMINERS,
    FROM_VALUE,
    JOINED,
    LINKS,
    NAME_IN_PARENTHESES,
    PROJECTION_OF,
    PRONOUNS,
    QUALIFIER_WORDS,
    ROLE_NOUNS,
    VALUE_NOUNS,
    VERB_FILLER,
    VERBS,
)
from tracker.figures.lists import after_list, resolve_these, respective_names
from tracker.figures.referents import opening_topic, revised_to, that_for
from tracker.figures.roles import clause_before, grows, inherited_roles, role_of
from tracker.figures.tokens import (
    Spot,
    Token,
    is_agent,
    is_word,
    noun_back,
    phrase_of,
    tokens_of,
)
from tracker.model import Role


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one figure measures, found from its sentence."""

    concept: str
    """The quantity as a phrase of the letter: its words in their order, cut at word
    boundaries ("" when the sentence names nothing)."""
    role: Role
    how: str
    """Which structure gave the concept: "count", "amount of", "of", "subject", "object",
    "name", "after", "respectively", "list", "previous sentence", "projected" (what a revised
    projection is of), "topic" (a sentence's opening "For X,") or "words"."""
    cited_from: bool = False
    """True for "from N": the value before a move, unless it names a period of its own."""
    estimate: bool = False
    """True when the clause speaks of a projection or an estimate ("is expected to", "the
    borrowing estimate", "verwacht"): its value is for a fixed period, never a reading."""
    label: str = ""
    """Where the concept joins words the letter puts apart, the phrase as written and the rest
    in parentheses ("het opleiden van ca. 650 Oekraïense militairen": concept "opleiden van
    Oekraïense militairen", label "Oekraïense militairen (opleiden van)"); "" where the concept
    is one phrase, and its own label."""


# A sentence that opens by pointing back: "Dit zijn er 16 duizend meer", "This was …".
POINTS_BACK = re.compile(r"\W*(?:dit|dat|this|that|it|het|deze)\s+\w+", re.IGNORECASE)


def meanings(
    sentence: str,
    spots: Sequence[Spot],
    previous: str | None = None,
    masked: str | None = None,
    language: str = "en",
) -> list[Meaning]:
    """The meaning of each quantity of one sentence, in order. `previous` is the concept the
    sentence before ended with, for sentences that refer back to it ("Dit zijn er …");
    `masked` is the sentence with its periods blanked out (same length), so that "In juni
    2013" or "in the second quarter" is never taken for a concept."""
    text = masked if masked is not None else sentence
    text = NAME_IN_PARENTHESES.sub(lambda m: " " + m.group(1) + " ", text)  # same length
    text = hinted.SOURCE.sub(_blank, text)
    cues = text  # before adverbials go: "naar verwachting" says it is a forecast
    for pattern in (hinted.ADVERBIALS, DASH_ASIDE, hinted.AS_EXPECTED):
        text = pattern.sub(_blank, text)
    names = respective_names(sentence, text, spots)
    found: list[Meaning] = []
    tokens: dict[tuple[int, int], list[Token]] = {}
    for i in range(len(spots)):
        place = _Place(sentence, text, spots, i, found, previous, language, tokens)
        found.append(_meaning(place, cues, names.get(i)))
    return found


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _meaning(place: _Place, cues: str, listed_name: str | None) -> Meaning:
    sentence, text, spots, i, found = place.sentence, place.text, place.spots, place.i, place.found
    role, cited_from = role_of(sentence, text, spots, i)
    estimate = bool(hinted.FORECAST.search(clause_before(cues, spots, i)))
    if estimate and role == "level":
        role = "forecast"
    if listed_name is not None:
        concept, how = listed_name, "respectively"
        if role == "level" and found and found[-1].how == "respectively":
            role = found[-1].role  # "will increase by $9 billion, $6 billion, … respectively"
    else:
        concept, how = _concept(place)
    if how == "projected":
        estimate = True  # "marked down their growth projections – to 0.9 per cent"
        role = "forecast" if role == "level" else role
    concept = resolve_these(concept, [f.concept for f in found])
    if concept.lower() in ROLE_NOUNS:
        # "…, while the projection for 2027 is unchanged at 1.3 per cent": of what came before.
        concept = found[-1].concept if found else place.previous or concept
    head = concept.split()[:1]
    if role == "level" and how == "subject" and head and head[0].lower() in CHANGE_NOUNS:
        role = "change"  # "The increase in … borrowing was $3 billion"
    if role == "level" and how == "list" and found[-1].role in inherited_roles(text, spots, i):
        role = found[-1].role  # "expected to average 8.1% in 2022, 5.5% in 2023"
    if how == "list" and found[-1].estimate:
        estimate = True
    label = ""
    projected = PROJECTION_OF.match(concept)
    if projected and role in ("level", "forecast"):
        concept, label = projected.group("what"), concept  # "baseline projections for growth"
    if how in ("subject", "object", "sentence subject") and grows(text, spots, i, concept, role):
        growth = "groei" if place.language == "nl" else "growth"
        concept, label = f"{concept} {growth}", f"{concept} ({growth})"
    if how == "list" and found and found[-1].concept == concept and found[-1].label:
        label = found[-1].label  # "economy (growth)" for each value of the list
    if how == "count" and place.spot.noun:
        counted = count_phrase(place.sentence, place.after, place.spot.noun)
        if concept.endswith(f" {counted}"):
            label = f"{counted} ({concept.removesuffix(f' {counted}')})"
    return Meaning(concept, role, how, cited_from, estimate, label)


@dataclass(frozen=True, slots=True)
class _Place:
    """Where figure `i` stands: its sentence, the text between it and its neighbours, and
    what the figures before it in the sentence were found to measure."""

    sentence: str
    text: str
    """The sentence with periods and asides blanked out (same length)."""
    spots: Sequence[Spot]
    i: int
    found: list[Meaning]
    previous: str | None
    language: str
    tokens: dict[tuple[int, int], list[Token]]
    """Tokens of the sentence's stretches by (start, end), made once for all figures; read only."""

    @property
    def spot(self) -> Spot:
        return self.spots[self.i]

    def _tokens(self, start: int, end: int) -> list[Token]:
        found = self.tokens.get((start, end))
        if found is None:
            found = self.tokens[(start, end)] = tokens_of(self.text[start:end], start)
        return found

    @property
    def region(self) -> list[Token]:
        """The tokens between the figure before it (or the sentence's start) and it."""
        return self._tokens(self.spots[self.i - 1].end if self.i else 0, self.spot.start)

    @property
    def after(self) -> list[Token]:
        """The tokens between it and the next figure (or the sentence's end)."""
        i, spots = self.i, self.spots
        end = spots[i + 1].start if i + 1 < len(spots) else len(self.text)
        return self._tokens(self.spot.end, end)

    @property
    def clause(self) -> list[Token]:
        """The tokens of its clause, from the last break before it, the other figures standing
        as numbers ("0"), so that a walk back passes an aside that holds one ("Services
        inflation, after remaining at 4.0 per cent for three months, edged lower to …")."""
        blanked = list(self.text[: self.spot.start])
        for other in self.spots[: self.i]:
            blanked[other.start : other.end] = "0" * (other.end - other.start)
        head = "".join(blanked)
        cut = 0
        for m in CLAUSE_BREAK.finditer(head):
            cut = m.end()
        return tokens_of(head[cut:], cut)

    @property
    def before(self) -> str:
        """The figure before it in the sentence, as found."""
        return self.found[-1].concept if self.found else ""


Found = tuple[str, str] | None


def _counted(p: _Place) -> Found:
    noun = p.spot.noun
    if not noun or noun.split()[0].lower() in COMPARATIVES:
        return None
    counted = count_phrase(p.sentence, p.after, noun)
    of = of_word(p.sentence, p.region)
    return (f"{of} {counted}" if of else counted), "count"


def _attributive(p: _Place) -> Found:
    """ "its 2 percent objective", "the ECB’s 2% medium-term target", "de reeds in 2025
    toegezegde €750 miljoen voor PURL": the noun after the number."""
    region = p.region
    if not region:
        return None
    participle = (
        len(region) >= 2
        and re.fullmatch(r"[^\W\d_]{3,}(?:de|te|ed)", region[-1].low) is not None
        and any(t.low in DETERMINERS for t in region[-5:-1])
    )
    last = region[-1].low
    if not (last in DETERMINERS or last.endswith(("’s", "'s")) or participle):
        return None
    attributive = after_phrase(p.sentence, p.after)
    if attributive and attributive.split()[-1].lower() not in VALUE_NOUNS:
        return attributive, "after"
    return None


def _from_before(p: _Place) -> Found:
    """ "rose to 3.6% in March from 2.5% in October": the value before a move is of the same."""
    start = p.spots[p.i - 1].end if p.i else 0
    if p.i and p.found[-1].cited_from is False and FROM_VALUE.search(p.text[start : p.spot.start]):
        return p.before, "list"
    return None


def _amount(p: _Place) -> Found:
    amount = amount_of(p.sentence, p.after, p.spot.unit)
    return (amount, "amount of") if amount else None


def _of(p: _Place) -> Found:
    of = of_phrase(p.sentence, p.region)
    return (of, "of") if of else None


def _listed(p: _Place) -> Found:
    """ "8.1% in 2022, 5.5% in 2023", "from 8.0 to 7.5": nothing of its own between them."""
    plain = LINKS | CONJUNCTIONS | QUALIFIER_WORDS | VERB_FILLER | VALUE_NOUNS | DETERMINERS
    if p.i and not any(is_word(t) and t.low not in plain for t in p.region):
        return p.before, "list"
    return None


def _for_each(p: _Place) -> Found:
    """ "at 5.2 per cent for business loans and 3.9 per cent for mortgages"."""
    region = p.region
    qualified = for_what(p.sentence, p.after)
    if not (p.i and qualified and region and region[0].low in ("for", "voor")):
        return None
    if region[-1].low not in ("and", "en"):
        return None
    lead = region[0].low
    base = p.before
    base = base.rsplit(f" {lead} ", 1)[0] if f" {lead} " in base else base
    return f"{base} {qualified}", "list"


def _that_for(p: _Place) -> Found:
    """ "de rentevoet voor de marginale beleningsfaciliteit 4,5% blijven, en die voor de
    depositofaciliteit 2,0%": what the pronoun's phrase names (the deposit facility)."""
    if not p.i:
        return None
    phrase = that_for(p.sentence, p.text, p.spots[p.i - 1].end, p.spot.start, p.region)
    return (phrase, "that for") if phrase else None


# "…, having averaged 2.7% year-to-date", "remains close to our target, edging up to 2.1 per
# cent": a participle whose subject is the main clause's ("including" names a part instead).
_PARTICIPLE = re.compile(
    r",\s*(?:having\s+[^\W\d_]+|(?!(?:in|ex)cluding\b|according\b)[^\W\d_]+ing)"
    r"(?:\s+(?:up|down|back|further))?(?:\s+(?:at|to|around|about|by|between))?\s*$",
    re.I,
)


def _participle(p: _Place) -> Found:
    if not _PARTICIPLE.search(p.text, 0, p.spot.start):
        return None
    subject = sentence_subject(p.sentence, p.text, p.spot.start)
    return (subject, "sentence subject") if subject else None


def _named(p: _Place) -> Found:
    """The name before it: the subject, object or name its clause gives (clauses.py)."""
    clause = p.clause
    named = named_before(p.sentence, clause, p.language)
    if named is None and clause and JOINED.search(p.text, 0, clause[0].start):
        # "… is forecast to pick up in the near term, and could reach 3%": a verb joined to
        # the one before shares its subject.
        named = ("", "shared subject") if clause[0].low in VERBS else None
    if named is None:
        return None
    phrase, how = named
    if how == "shared subject":
        if p.found:
            return p.before, "list"
        # "MAS Core Inflation is forecast to rise … and come in at 0–1%": the first verb's.
        subject = main_subject(p.sentence, p.text, p.spot.start)
        return (subject, "sentence subject") if subject else None
    if not phrase:
        return None
    qualified = for_what(p.sentence, p.after)
    if qualified and how == "subject" and not is_agent(phrase):
        return f"{phrase} {qualified}", how  # "lending rates … at 5.2 per cent for business loans"
    opener = phrase.split()[0].lower()
    if phrase.lower() in PRONOUNS or opener in ("dit", "dat", "this", "that", "deze"):
        own = sentence_subject(p.sentence, p.text, p.spot.start)
        if own:
            # "Inflation … continued to increase and staff expect it to average 4.6%": the
            # subject the sentence opened with.
            return own, "sentence subject"
        return (p.previous, "previous sentence") if p.previous else None
    if is_agent(phrase) or phrase.lower() in CHANGE_NOUNS | VALUE_NOUNS:
        return None
    return phrase, how


_RELATIVE = re.compile(r",\s*(?:which|who|die|welke)\s*$", re.IGNORECASE)


def _relative(p: _Place) -> Found:
    """ "Employment, which grew by 0.3 per cent": a relative clause is said of the noun right
    before its comma."""
    head = p.text[: p.spot.start]
    breaks = list(CLAUSE_BREAK.finditer(head))
    if not breaks or not _RELATIVE.match(breaks[-1].group()):
        return None
    before = tokens_of(head[: breaks[-1].start()])
    span = noun_back(before, len(before) - 1)
    if span is None:
        return None
    phrase = phrase_of(p.sentence, before[span[0] : span[1] + 1])
    return (phrase, "subject") if phrase and not is_agent(phrase) else None


def _revised_to(p: _Place) -> Found:
    topic = revised_to(p.text[: p.spot.start])
    return (topic, "projected") if topic else None


def _topic(p: _Place) -> Found:
    topic = opening_topic(p.sentence, p.text, p.spot.start)
    return (topic, "topic") if topic else None


def _points_back(p: _Place) -> Found:
    if p.previous and not p.found and POINTS_BACK.match(p.text):
        return p.previous, "previous sentence"
    return None


def _after(p: _Place) -> Found:
    right = after_phrase(p.sentence, p.after)
    return (right, "after") if right else None


def _as_before(p: _Place) -> Found:
    return (p.before, "list") if p.found else None


def _list_tail(p: _Place) -> Found:
    tail = after_list(p.sentence, p.text, p.spots, p.i)
    return (tail, "after list") if tail else None


# The structures tried in order; the first that names something gives the concept.
_FINDERS: tuple[Callable[[_Place], Found], ...] = (
    _counted,
    _attributive,
    _from_before,
    _amount,
    _of,
    _listed,
    _for_each,
    _that_for,
    _participle,
    _named,
    _relative,
    _revised_to,
    _topic,
    _points_back,
    _after,
    _as_before,
    _list_tail,
)


def _concept(place: _Place) -> tuple[str, str]:
    for finder in _FINDERS:
        found = finder(place)
        if found is not None:
            return found
    words = [t for t in place.clause[-6:] if is_word(t)]
    return phrase_of(place.sentence, words[-4:]), "words"

"""The words a clause is read by: function words, verbs, value and change nouns, and the cue
patterns of a figure's role, in Dutch and English (see concepts.py and clauses.py)."""

from __future__ import annotations

import re


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = words_of(
    """the a an its their our his her this that these those such de het een hun zijn haar
    ons onze deze dit die dat"""
)


POSSESSIVES = words_of("its their his her our zijn haar hun onze ons")


QUALIFIER_WORDS = words_of(
    """about around approximately roughly some nearly almost close just over under more less
    than least most up ongeveer circa ca ruim bijna zo'n zo’n maximaal minimaal ten minste meer
    minder dan tot cumulative total totaal additional another further nog extra respectively
    respectievelijk"""
)


# Words that join a name to its value: "stood at", "rose to", "bedroeg op", "van … naar".
LINKS = words_of(
    "at to by from of on in op naar tot met van between tussen around after na for voor over tegen"
)


PREPOSITIONS_IN_NAMES = words_of("of for on in to from van voor aan op bij uit onder met per")


CONJUNCTIONS = words_of("and or but while whereas en maar terwijl nor as than dan")


VALUE_NOUNS = words_of(
    """low high level peak pace rate total amount sum value figure average bedrag totaal
    niveau waarde hoogte omvang stand record range bandbreedte"""
)


EVALUATIVE = words_of(
    """historic historical record all-time new multi-year lowest highest current recent
    annual annualised annualized monthly yearly jaarlijkse historisch historische unchanged
    subdued moderate steady stable slower faster higher lower robust solid modest still
    elevated"""
)


CHANGE_NOUNS = words_of(
    """increase increases decrease decreases rise rises fall falls reduction reductions cut
    cuts decline declines drop gain gains jump hike hikes toename afname stijging daling
    verhoging verlaging vermindering teruggang verschil difference change changes adjustment
    revision"""
)


OBJECT_VERBS = words_of(
    """raise raised raises raising lower lowered lowers lowering increase increased increases
    increasing reduce reduced reduces reducing cut cuts cutting maintain maintained maintains
    maintaining keep kept keeps keeping hold held holds holding leave leaves leaving set sets
    setting lift lifted lifts lifting decrease decreased decreases decreasing adjust adjusted
    adjusting slow slowed slowing trim trimmed boost boosted verhogen verhoogt verhoogd
    verhoogde verlagen verlaagt verlaagd verlaagde handhaven handhaaft gehandhaafd houden
    houdt gehouden vaststellen vastgesteld brengen brengt gebracht revise revised revises
    see sees"""
)


AMOUNT_VERBS = words_of(
    """borrow borrowed borrows issue issued issues issuing offer offering offered offers
    refund buy bought purchase purchased purchases purchasing spend spent deliver delivered
    provide provided allocate allocated allocates redeem redeemed pay paid invest invested
    lend lent earmark earmarked reserve reserved contribute contributed contributes"""
)


VERBS = OBJECT_VERBS | words_of(
    """is are was were be been being will would should could may might can has have had
    rose rise rises risen rising fell fall falls fallen falling increased decreased declined
    decline declines dropped drops grew grow grows grown growing edged edge edges ticked tick ticks
    stood stand stands standing stayed stay stays staying remained remains remain remaining
    came come comes averaged
    average averages averaging amounted amounts reached reach reaches totalled totaled totals
    eased eases easing slowed slows picked moderated moderate moderates climbed jumped
    expanded expand contracted contract went go goes continues continued continue
    accelerated decelerated softened registered recorded posted hovered hover peaked peak
    dipped slipped surged widened narrowed improved worsened returned return step steps
    stepped trend trends trended expected projected forecast estimated seen stabilised
    stabilized settled show shows showed reflects reflected expects expect anticipates
    anticipated project projects see sees saw turned turn turns became become becomes hit
    weaken weakened strengthen strengthened reaching declining dropping picking ensure ensures
    ensured ensuring
    bedraagt bedroeg bedragen bedroegen waren zijn wordt worden werd werden zal zullen steeg
    stijgt stegen daalde daalt daalden liep loopt kwam komt bleef blijft lag ligt groeide
    groeit kromp krimpt nam neemt ging gaat heeft hebben had hadden stond staat stonden
    staan kwamen blijven uitkwam"""
)


# Words that may stand between a verb and the number: "is now expected to average",
# "fell further to", "remained subdued, at", "kwam uit op".
VERB_FILLER = words_of(
    """not now still further slightly sharply marginally somewhat also again only already
    just broadly modestly significantly substantially markedly strongly well to be in come
    nu nog verder iets licht sterk fors flink ook weer al slechts wel er ca circa ongeveer
    down up out back subdued unchanged steady stable high low elevated onveranderd higher
    lower uit positive negative albeit muted overall gradually then dan therefore daarom"""
)


AGENTS = words_of(
    """committee treasury we i bank council mpc mas ecb fed government kabinet minister
    regering wij ik governor board staff it they markets participants president nederland
    defensie ministerie eurosysteem eurosystem department raad"""
)


PRONOUNS = words_of("this that it these dit dat het deze die er hiervan daarvan hierbij")


ADVERBS = words_of(
    """further slightly sharply marginally somewhat also still again only already moreover
    overall however meanwhile nevertheless now nu verder ook nog al slechts wel weer
    inmiddels vervolgens daarnaast bovendien echter most all voorts gemiddeld"""
)


COMPARATIVES = words_of("meer minder more fewer less hoger lager higher lower extra")


CLAUSE_WORDS = words_of("that which who waarbij waarmee welke die dat")


# Adverbials that stand anywhere in a clause and are no part of a name; blanked out first.
ADVERBIALS = re.compile(
    r"\b(?:ten slotte|tenslotte|onder meer|in totaal|in total|tot nu toe|tot op heden|"
    r"op dit moment|op heden|to date|so far|at present|currently|momenteel|thans|reeds|"
    r"in particular|in het bijzonder|correspondingly|accordingly|naar verwachting|"
    r"waarschijnlijk|vermoedelijk)\b"
    # Where in a range a value is expected: "at the lower half of the 0.5–1.5% forecast range".
    r"|\b(?:the\s+|de\s+)?(?:(?:lower|upper|top|bottom|onderste|bovenste)\s+"
    r"(?:half|end|part|helft)|onderkant|bovenkant)\s+(?:of|van)(?:\s+the|\s+de|\s+het)?\b",
    re.IGNORECASE,
)


# Where a value comes from, not what it is: "according to Eurostat’s flash estimate".
SOURCE = re.compile(
    r"\b(?:according to|volgens)\s+(?:[^,.;]*?\s)?(?:estimates?|flash|data|figures|statistics|"
    r"calculations|raming|ramingen|cijfers|schatting|berekeningen|CBS|Eurostat|DNB|CPB)\b[^,.;]*",
    re.IGNORECASE,
)


# "Broad money – as measured by M3 – grew": an aside between dashes.
DASH_ASIDE = re.compile(r"\s[–—]\s[^–—.;]{1,80}?\s[–—]\s")


# Comparisons with what was expected are no forecasts: "rose by more than expected".
AS_EXPECTED = re.compile(
    r"\b(?:by\s+)?(?:more|less|higher|lower|better|worse|faster|slower)\s+than\s+"
    r"(?:expected|anticipated|projected|forecast)|\b(?:as|than)\s+(?:expected|anticipated)|"
    r"\bin\s+line\s+with\s+expectations|\b(?:meer|minder|hoger|lager)\s+dan\s+verwacht",
    re.IGNORECASE,
)


PREFERRED = re.compile(
    r"\b(?:preferred|preferring|prefer|dissent\w*|voted\s+against|voting\s+against|"
    r"stemde\s+tegen|stemden\s+tegen|voorkeur|minority)\b"
    r"|\b(?:members?|leden|lid)\s+(?:\w+\s+)?(?:voted|stemden|stemde)\b",
    re.IGNORECASE,
)


FORECAST = re.compile(
    r"\b(?:project(?:ed|ion|ions|s)?|forecast\w*|expect(?:ed|s)?|anticipat\w*|estimat\w*|"
    r"outlook|predict\w*|likely|assum\w*|verwacht\w*|raming\w*|geraamd|prognose\w*|voorzien|"
    r"veronderstel\w*)\b",
    re.IGNORECASE,
)


# "the economy growing by 3.4%", "expect the euro area economy to expand by 0.7%", "de economie
# groeit met 2%": the value is how fast its subject grows (not "contract": a value said with it
# is a fall).
GROWS = re.compile(
    r"\b(?:grow|grows|grew|grown|growing|expand|expands|expanded|expanding|groei\w*)"
    r"\s+(?:\w+\s+)?(?:by|met)?\s*$",
    re.IGNORECASE,
)
# "the baseline projections for growth": a projection of what follows "for".
ROLE_NOUNS = words_of(
    """projection projections forecast forecasts estimate estimates raming ramingen prognose
    prognoses"""
)
"""Nouns that say what kind of figure a value is, not what it is of: "the projection for 2027
is unchanged at 1.3 per cent" is of what the sentence spoke of before."""


PROJECTION_OF = re.compile(
    r"^(?:[^\W\d_]+\s+)?(?:projections?|forecasts?|estimates?|outlook|ramingen?|prognoses?)\s+"
    r"(?:for|of|voor|van)\s+(?:the\s+|de\s+|het\s+)?(?P<what>.+)$",
    re.IGNORECASE,
)


# A sentence of plans, budgets and goals: its values for years ahead are decided or aimed at,
# not forecast ("uiterlijk in 2035 te verhogen naar 3,5% van het BBP", "€0,5 miljard beschikbaar
# voor 2026", "the 2% target in 2025").
PLANNED = re.compile(
    r"\b(?:targets?|goals?|objectives?|aim\w*|commit\w*|pledg\w*|budget\w*|allocat\w*|"
    r"available|reserved|planned|agreed|doel\w*|norm\w*|afspra\w*|afgesproken|begro\w*|"
    r"beschikbaar|toegezegd\w*|gereserveerd\w*|besloten|gepland\w*|vrijgemaakt|voortgezet|"
    r"voortzett\w*|continu\w*(?!\s+to\s+(?:expect|project|forecast|see|anticipate|assume)))\b",
    re.IGNORECASE,
)


MONTH_WORDS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|januari|februari|maart|mei|juni|juli|augustus|oktober)"
)


# Cited, not reported: a value an earlier letter gave ("In July 2023, Treasury estimated …",
# "higher than announced in May", "the previous range", "in de vorige brief").
CITED = re.compile(
    r"\b(?:previous|earlier|prior|eerdere?|vorige|voorgaande)\s+(?:[^\W\d_]+\s+){0,3}(?:of\s+|van\s+)?$"
    rf"|\b(?:estimated|announced|projected|expected|assumed|reported|gemeld|aangekondigd|"
    rf"geraamd)\s+in\s+{MONTH_WORDS}\b"
    rf"|^\W*(?:In|Op)\s+{MONTH_WORDS}(?:\s+(?:19|20)\d\d)?,?\s+(?:the\s+)?\w+\s+(?:estimated|"
    r"announced|projected|expected|assumed|raamde|verwachtte)\b",
    re.IGNORECASE,
)


# "an additional $750 billion", "een extra €1 mld.": an increment, not a level.
INCREMENT = re.compile(
    r"\b(?:additional|extra|further|another|aanvullende?|extra)\s+(?:(?:of\s+)?(?:up\s+to|about|"
    r"around|nearly|ongeveer|ruim|ca\.)\s+)?$",
    re.IGNORECASE,
)


CITED_AFTER = re.compile(
    r"\s*(?:expected|forecast|projected|estimated|announced|verwacht|geraamd)\s+(?:in|at|on|op)\b",
    re.IGNORECASE,
)


CHANGE_BY = re.compile(
    r"(?<!\ben\s)\b(?:by|met)\s+(?:(?:a|an|another|nog|cumulative|total|further|additional|ruim|bijna|"
    r"about|around|ongeveer|circa|ca\.)\s+)*$",
    re.IGNORECASE,
)


COMPARED_AFTER = re.compile(
    r"^\s*(?:[^\W\d_]+\s+){0,2}?(?:meer|minder|hoger|lager|more|fewer|less|higher|lower|"
    r"above|below|boven|onder)\s+(?:dan|than|in|the|vergeleken)\b",
    re.IGNORECASE,
)


FROM_VALUE = re.compile(
    r"\b(?:from|van|tegen|against|compared\s+with)\s+(?:its\s+|the\s+|a\s+)?(?:[^\W\d_]+\s+)?$"
    r"|\bafter\s+(?:remaining|standing|being|hovering|holding)\s+(?:at\s+)?$",
    re.IGNORECASE,
)


TO_AFTER = re.compile(r"^\s*(?:to|naar|tot)\b", re.IGNORECASE)


GROWTH_BY = re.compile(
    r"\b(?:grow|grew|grown|growing|expand\w*|contract\w*|shrink\w*|shrank|rise|rose|risen|"
    r"fall|fell|fallen|increased?|decreased?|declined?|dropp?e?d?|groei\w*|krimp\w*|kromp|"
    r"stijg\w*|steeg|daal\w*)\s+(?:\w+\s+)?(?:by|met)\s+$",
    re.IGNORECASE,
)


SUSPENDED = re.compile(r"((?:\d+-,?\s*(?:and\s+|en\s+)?)+\d+)-(year|month|week|day|jarige?)\b")


RESPECTIVELY = re.compile(r"\b(?:respectievelijk|respectively)\b", re.IGNORECASE)


NAME_IN_PARENTHESES = re.compile(r"\(([^()\d]{1,40})\)")


TOKEN = re.compile(r"[^\W_][\w’'\-\u2011/&.]*[\w’]|[^\W_]|[,;:()]")


OPENER = re.compile(
    r"\s*(?:Based on|According to|In line with|Following|Given|As|On|In|Over|For|During|"
    r"Op basis van|Volgens|Na|In|Tijdens)\b[^,]{0,120},\s*"
)


JOINED = re.compile(r",\s*(?:and|en)\s*$", re.IGNORECASE)
"""A clause break that joins a verb to the one before: "…, and could reach 3%"."""
CLAUSE_BREAK = re.compile(
    r"[;:()]|\s[–—]\s|,\s*(?:while|whereas|but|and|terwijl|maar|en|which|who|waarbij|having)\b"
    r"|\b(?:that|dat)\s(?=(?:the|de|het|a|an|its|\w+’s)\b)",
    re.IGNORECASE,
)


MAX_WORDS = 10

"""Most words a concept phrase keeps: enough for "interest rates on the marginal lending
facility", short enough for a table."""


MAX_BACK = 14

"""Most words walked back over to find a noun phrase."""


MATURITY_WORD = re.compile(r"\d+[-\u2011](?:year|month|week|day|jarige?|jaars)", re.IGNORECASE)


PARTICLES = words_of("down up out back uit op")


# Words before "a … rate of N" that make it say how a value stands: "at an annual rate of",
# "with an annual growth rate of".
HOW = words_of("at with op met")


QUANTIFIERS = words_of("with most all some many both each met meeste alle")


AUXILIARIES = words_of("be been being is are was were has have had wordt worden werd is zijn")


SUBORDINATE = words_of(
    "after before while following since although though whereas na voordat nadat terwijl hoewel"
)
# "consistent with future inflation outcomes of 1 to 3 percent": "with" after these opens the
# name, it does not belong to it.
AGREEING_WITH = words_of("consistent compatible inconsistent line accordance overeenstemming lijn")


# What "for the …" names when the period itself stands after it ("for the period January-November
# 2022", blanked out before the concept is read).
TIME_NOUNS = words_of("period periode year jaar quarter kwartaal month maand")


# Words in -ing that modify a noun rather than open a participle clause after a comma:
# ", underlying inflation, as measured by …", "Nevertheless, lending rates remain …" (as against
# ", causing CPI-All Items inflation to …").
ING_MODIFIERS = words_of(
    """underlying lending housing funding borrowing outstanding existing prevailing operating
    banking financing spending pricing"""
)


ASIDE_OPENERS = words_of(
    """as zoals which who die dat including after before following since na nadat voordat
    excluding exclusief inclusief"""
)


KEY_DROP = DETERMINERS | PREPOSITIONS_IN_NAMES | CONJUNCTIONS | words_of("’s 's")

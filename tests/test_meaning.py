"""What figures measure: concept, period and role, on real phrasings in both languages.

Each case is a sentence as letters write it (most taken from the corpus letters, a few from
the Bank of England and CBS releases the issue names), the figure's text as written, and what
a careful reader says it measures. The letter's date resolves "in September" and "this year".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tracker.comparison.compare import compare
from tracker.figures.find import find_figures
from tracker.model import Document, Figure
from tracker.read.parse import parse


def figures_of(text: str, date: dt.date) -> list[Figure]:
    """The figures of a short letter that holds `text` as its one paragraph of substance."""
    dutch = " de " in f" {text.lower()} " or " het " in f" {text.lower()} "
    filler = (
        "Deze brief beschrijft de stand van zaken en de ontwikkelingen sinds de vorige brief."
        if dutch
        else "This statement sets out the decisions taken and the reasons for them."
    )
    doc = parse(f"Brief\n\n{text}\n\n{filler} {filler}\n")
    return list(find_figures(replace(doc, meta=replace(doc.meta, date=date))))


def figure(text: str, date: dt.date, written: str) -> Figure:
    found = [f for f in figures_of(text, date) if f.text == written]
    assert found, f"{written!r} not found in {[f.text for f in figures_of(text, date)]}"
    return found[0]


D = dt.date(2024, 10, 17)
NL = dt.date(2026, 2, 27)

# (sentence, the letter's date, figure as written, concept, role, period key, current reading)
CASES = [
    # A sentence that opens with its topic: "For X, staff project an average of N".
    (
        "For inflation excluding energy and food, staff project an average of 2.2 per cent in "
        "2025, 2.0 per cent in 2026 and 1.9 per cent in 2027.",
        dt.date(2025, 3, 6),
        "2.0 per cent",
        "inflation excluding energy and food",
        "forecast",
        "2026",
        False,
    ),
    # What revised projections are of, after a dash: "their growth projections – to N".
    (
        "The economy faces continued challenges and staff have again marked down their growth "
        "projections – to 0.9 per cent for 2025, 1.2 per cent for 2026 and 1.3 per cent for 2027.",
        dt.date(2025, 3, 6),
        "1.2 per cent",
        "growth",
        "forecast",
        "2026",
        False,
    ),
    # A period after "while" is the next clause's; "the projection" is of what came before.
    (
        "The growth projection for 2026 is now slightly lower, at 1.0 per cent, while the "
        "projection for 2027 is unchanged at 1.3 per cent.",
        dt.date(2025, 9, 11),
        "1.0 per cent",
        "growth projection",
        "forecast",
        "2026",
        False,
    ),
    (
        "The growth projection for 2026 is now slightly lower, at 1.0 per cent, while the "
        "projection for 2027 is unchanged at 1.3 per cent.",
        dt.date(2025, 9, 11),
        "1.3 per cent",
        "growth projection",
        "forecast",
        "2027",
        False,
    ),
    # A participle after a comma is said of the main clause's subject.
    (
        "Annual inflation remains close to our target, edging up to 2.1 per cent in August "
        "from 2.0 per cent in July.",
        dt.date(2025, 9, 11),
        "2.1 per cent",
        "Annual inflation",
        "level",
        "2025-08",
        True,
    ),
    (
        "While the labour market has softened over recent months it continues to be robust, "
        "with the unemployment rate staying low, at 6.3 per cent in December.",
        dt.date(2025, 1, 30),
        "6.3 per cent",
        "unemployment rate",
        "level",
        "2024-12",
        True,
    ),
    # A past tense that moves a value is a verb, though no list names it.
    (
        "The average interest rate on new loans to firms moved down to 3.5 per cent in July, "
        "from 3.6 per cent in June.",
        dt.date(2025, 9, 11),
        "3.5 per cent",
        "average interest rate on new loans to firms",
        "level",
        "2025-07",
        True,
    ),
    # A verb joined to the one before by ", and" shares its subject.
    (
        "Barring renewed shocks to costs, core inflation should step down more discernibly in "
        "Q4, and fall further to around 2% in 2025.",
        dt.date(2024, 7, 26),
        "2%",
        "core inflation",
        "forecast",
        "2025",
        False,
    ),
    (
        "9. MAS Core Inflation is hence forecast to pick up further in the near term, and could "
        "reach 3% by the middle of the year before moderating.",
        dt.date(2022, 1, 25),
        "3%",
        "MAS Core Inflation",
        "level",
        None,
        True,
    ),
    # What a period not yet over "will" come to is projected.
    (
        "For 2022 as a whole, MAS Core Inflation will average around 4% and CPI-All Items "
        "inflation around 6%.",
        dt.date(2022, 10, 14),
        "4%",
        "MAS Core Inflation",
        "forecast",
        "2022",
        False,
    ),
    # "continue to expect" is a projection, not a plan that continues.
    (
        "At the same time, staff continue to expect a rapid decline in core inflation, from 2.9 "
        "per cent this year to 2.3 per cent in 2025 and 2.0 per cent in 2026.",
        dt.date(2024, 9, 12),
        "2.3 per cent",
        "core inflation",
        "forecast",
        "2025",
        False,
    ),
    (
        "Annual inflation fell further to 1.7 per cent in September.",
        D,
        "1.7 per cent",
        "Annual inflation",
        "level",
        "2024-09",
        True,
    ),
    (
        "The unemployment rate stayed at its historical low of 6.4 per cent in August.",
        D,
        "6.4 per cent",
        "unemployment rate",
        "level",
        "2024-08",
        True,
    ),
    (
        "The Monetary Policy Committee voted by a majority of 7–2 to maintain Bank Rate at 5.25%.",
        D,
        "5.25%",
        "Bank Rate",
        "level",
        None,
        True,
    ),
    (
        "The saving rate stood at 15.7 per cent in the second quarter.",
        D,
        "15.7 per cent",
        "saving rate",
        "level",
        "2024-Q2",
        True,
    ),
    (
        "Treasury expects to borrow $776 billion in privately-held net marketable debt, assuming "
        "an end-of-December cash balance of $750 billion.",
        D,
        "$750 billion",
        "end-of-December cash balance",
        "forecast",
        None,
        False,
    ),
    (
        "Treasury expects to borrow $776 billion in privately-held net marketable debt.",
        D,
        "$776 billion",
        "privately-held net marketable debt",
        "forecast",
        None,
        False,
    ),
    (
        "In support of these goals, the Committee decided to raise the target range for the "
        "federal funds rate to 1-1/2 to 1-3/4 percent.",
        D,
        "1-1/2 to 1-3/4 percent",
        "target range for the federal funds rate",
        "level",
        None,
        True,
    ),
    (
        "Goods inflation remained subdued, at 0.4 per cent, while services inflation edged down "
        "to 3.9 per cent.",
        D,
        "3.9 per cent",
        "services inflation",
        "level",
        None,
        True,
    ),
    (
        "Goods inflation remained subdued, at 0.4 per cent, while services inflation edged down "
        "to 3.9 per cent.",
        D,
        "0.4 per cent",
        "Goods inflation",
        "level",
        None,
        True,
    ),
    (
        "MAS Core Inflation is expected to average 3.5–4.5% in 2023.",
        D,
        "3.5–4.5%",
        "MAS Core Inflation",
        "forecast",
        "2023",
        False,
    ),
    (
        "The Committee is strongly committed to returning inflation to its 2 percent objective.",
        D,
        "2 percent",
        "objective",
        "level",
        None,
        True,
    ),
    (
        "De totale waarde van de geleverde militaire steun aan Oekraïne bedroeg op 2 februari "
        "2026 ca. €11,7 mld.",
        NL,
        "€11,7 mld.",
        "totale waarde van de geleverde militaire steun aan Oekraïne",
        "level",
        "2026-02-02",
        True,
    ),
    (
        "Nederland heeft sinds de aanvang van de grootschalige agressieoorlog circa €14,3 mld. "
        "aan militaire steun begroot.",
        NL,
        "€14,3 mld.",
        "militaire steun begroot",
        "level",
        None,
        True,
    ),
    (
        "Tot nu toe zijn via operatie Interflex ca. 60.000 Oekraïense militairen getraind.",
        D,
        "60.000",
        "Oekraïense militairen getraind",
        "level",
        None,
        True,
    ),
    (
        "In oktober 2013 waren er, gecorrigeerd voor seizoeninvloeden, 674 duizend werklozen.",
        D,
        "674 duizend",
        "werklozen",
        "level",
        "2013-10",
        True,
    ),
    (
        "In oktober was 8,5 procent van de beroepsbevolking werkloos.",
        dt.date(2025, 11, 20),
        "8,5 procent",
        "beroepsbevolking werkloos",
        "level",
        "2025-10",
        True,
    ),
    (
        "De commerciële aankopen bij de industrie bedragen € 6,1 miljard.",
        NL,
        "€ 6,1 miljard",
        "commerciële aankopen bij de industrie",
        "level",
        None,
        True,
    ),
    (
        "Het saldo van de positieve en negatieve antwoorden kwam uit op -55.",
        NL,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "Staff now project inflation to average 2.3 per cent in 2024, 2.0 per cent in 2025 and "
        "1.9 per cent in 2026.",
        D,
        "2.0 per cent",
        "inflation",
        "forecast",
        "2025",
        False,
    ),
    (
        "Inflation is projected at 1.9% for 2024, 1.6% for 2025 and 1.1% for 2026.",
        D,
        "1.1%",
        "Inflation",
        "forecast",
        "2026",
        False,
    ),
    (
        "This year, growth is expected at 1.2% and next year at 1.5%.",
        dt.date(2024, 5, 1),
        "1.5%",
        "growth",
        "forecast",
        "2025",
        False,
    ),
    (
        "Volgend jaar wordt de groei geraamd op 1,4%.",
        NL,
        "1,4%",
        "groei",
        "forecast",
        "2027",
        False,
    ),
    (
        "De economie groeit dit jaar naar verwachting met 1,1%.",
        NL,
        "1,1%",
        "economie groei",
        "forecast",
        "2026",
        False,
    ),
    # A rate by which a subject grows measures its growth; contracting is a fall, not growth.
    (
        "Overall, the staff projections now see the economy growing by 3.4% in 2022, 0.5% in "
        "2023 and 1.9% in 2024.",
        dt.date(2022, 12, 15),
        "3.4%",
        "economy growth",
        "forecast",
        "2022",
        False,
    ),
    (
        "Loans to firms grew by 2.8 per cent, slightly more strongly than in June.",
        dt.date(2025, 9, 11),
        "2.8 per cent",
        "Loans to firms growth",
        "level",
        None,
        True,
    ),
    # A value for a period that starts after the letter's date is a forecast whatever the verb,
    # and so are the values of its sentence for periods not yet over.
    (
        "They now see average inflation reaching 8.4% in 2022 before decreasing to 6.3% in 2023.",
        dt.date(2022, 12, 15),
        "6.3%",
        "average inflation",
        "forecast",
        "2023",
        False,
    ),
    (
        "They now see average inflation reaching 8.4% in 2022 before decreasing to 6.3% in 2023.",
        dt.date(2022, 12, 15),
        "8.4%",
        "average inflation",
        "forecast",
        "2022",
        False,
    ),
    (
        "Inflation is then projected to average 3.4% in 2024 and 2.3% in 2025.",
        dt.date(2022, 12, 15),
        "3.4%",
        "Inflation",
        "forecast",
        "2024",
        False,
    ),
    # A period named right after a figure is that figure's, not the next one's; "consistent
    # with" opens the name; "Although" opens the clause.
    (
        "Although inflation is expected to stay above 3 percent during 2008, we believe that "
        "policy remains consistent with future inflation outcomes of 1 to 3 percent over the "
        "medium term.",
        dt.date(2008, 1, 24),
        "1 to 3 percent",
        "future inflation outcomes",
        "level",
        None,
        True,
    ),
    (
        "Although CPI inflation is expected to stay above 3 percent during 2008, we believe "
        "that policy remains consistent with future inflation outcomes of 1 to 3 percent over "
        "the medium term.",
        dt.date(2008, 1, 24),
        "3 percent",
        "CPI inflation",
        "forecast",
        "2008",
        False,
    ),
    # A relative clause is said of the noun before its comma; a name never opens with a
    # preposition.
    (
        "Our past interest rate cuts have continued to reduce bank lending rates for firms, "
        "which averaged 3.5 per cent in August.",
        dt.date(2025, 10, 30),
        "3.5 per cent",
        "bank lending rates for firms",
        "level",
        "2025-08",
        True,
    ),
    (
        "Employment, which grew by 0.3 per cent in the first quarter, was supported by a further "
        "increase in the labour force.",
        dt.date(2025, 6, 5),
        "0.3 per cent",
        "Employment growth",
        "level",
        "2025-Q1",
        True,
    ),
    (
        "Even if demand for labour is softening, the labour market remains a source of strength, "
        "with the unemployment rate at 6.2 per cent in July.",
        dt.date(2025, 9, 11),
        "6.2 per cent",
        "unemployment rate",
        "level",
        "2025-07",
        True,
    ),
    # Plans and goals for years ahead are decided or aimed at, not forecast.
    (
        "De VS verwees daarbij naar de NAVO-top in 2025 als een kantelpunt voor het "
        "bondgenootschap, doelend op de afspraak om de defensie-uitgaven uiterlijk in 2035 te "
        "verhogen naar 3,5% van het BBP.",
        NL,
        "3,5%",
        None,
        "level",
        "2035",
        False,
    ),
    (
        "Op het defensiematerieelfonds is in 2027 nog circa €0,4 miljard beschikbaar.",
        NL,
        "€0,4 miljard",
        None,
        "level",
        "2027",
        False,
    ),
    (
        "By the end of October 2023, the balance sheet had shrunk by $1 trillion.",
        D,
        "$1 trillion",
        "balance sheet",
        "change",
        "2023-10-31",
        True,
    ),
    (
        "Singapore’s GDP growth is projected to step down to 0.5–2.5% in 2023, from 3.6% last "
        "year.",
        D,
        "3.6%",
        "Singapore’s GDP growth",
        "level",
        "2023",
        False,
    ),
    (
        "The Governing Council today decided to lower the three key ECB interest rates by 25 "
        "basis points.",
        D,
        "25 basis points",
        "three key ECB interest rates",
        "change",
        None,
        True,
    ),
    (
        "Het kabinet heeft de bijdrage met €1 mld. verhoogd.",
        NL,
        "€1 mld.",
        "bijdrage",
        "change",
        None,
        True,
    ),
    (
        "Dit is een toename van €2,98 mld. ten opzichte van de vorige leveringenbrief.",
        NL,
        "€2,98 mld.",
        None,
        "change",
        None,
        True,
    ),
    (
        "Treasury plans to increase the June 5-year TIPS reopening auction size by $1 billion to "
        "$21 billion.",
        dt.date(2024, 5, 1),
        "$1 billion",
        "5-year TIPS reopening auction size",
        "change",
        "2024-06",
        True,
    ),
    (
        "Treasury plans to increase the June 5-year TIPS reopening auction size by $1 billion to "
        "$21 billion.",
        dt.date(2024, 5, 1),
        "$21 billion",
        "5-year TIPS reopening auction size",
        "level",
        "2024-06",
        True,
    ),
    (
        "Two members preferred to increase Bank Rate by 0.25 percentage points, to 5.5%.",
        D,
        "5.5%",
        "Bank Rate",
        "preferred",
        None,
        True,
    ),
    (
        "Voting against this action was Esther L. George, who preferred at this meeting to raise "
        "the target range for the federal funds rate by 0.5 percentage point to 1-1/4 percent to "
        "1-1/2 percent.",
        D,
        "1-1/4 percent to 1-1/2 percent",
        "target range for the federal funds rate",
        "preferred",
        None,
        True,
    ),
    (
        "Nederland kondigde een financiële bijdrage aan van bijna USD 107 miljoen (€90 miljoen).",
        D,
        "€90 miljoen",
        None,
        "conversion",
        None,
        True,
    ),
    (
        "The Reserve Bank today reduced the Official Cash Rate (OCR) by 50 basis points from 8.0 "
        "percent to 7.5 percent.",
        D,
        "8.0 percent",
        "Official Cash Rate (OCR)",
        "previous",
        None,
        False,
    ),
    (
        "The Reserve Bank today reduced the Official Cash Rate (OCR) by 50 basis points from 8.0 "
        "percent to 7.5 percent.",
        D,
        "7.5 percent",
        "Official Cash Rate (OCR)",
        "level",
        None,
        True,
    ),
    # An undated reading takes the latest month its paragraph named before it.
    (
        "Lending rates on business loans have broadly stabilised, while mortgage rates declined "
        "in December and January. Nevertheless, lending rates remain elevated, at 5.2 per cent "
        "for business loans and 3.9 per cent for mortgages.",
        dt.date(2024, 3, 7),
        "3.9 per cent",
        "lending rates for mortgages",
        "level",
        "2024-01",
        True,
    ),
    (
        "De werkloosheid daalde in juli en augustus. Het werkloosheidspercentage bedraagt nu "
        "8,6 procent.",
        dt.date(2013, 9, 19),
        "8,6 procent",
        "werkloosheidspercentage",
        "level",
        "2013-08",
        True,
    ),
    # ... but a standing goal is of no month.
    (
        "Inflation has continued to develop as staff expected, with both headline and core "
        "inflation declining in March. Most measures of underlying inflation suggest that "
        "inflation will settle at around our two per cent medium-term target.",
        dt.date(2025, 4, 17),
        "two per cent",
        "medium-term target",
        "level",
        None,
        True,
    ),
    # Bare numbers listed before a percentage are each a figure in its unit.
    (
        "The average interest rates on new loans to firms and on new mortgages stayed high in "
        "July, at 5.1 and 3.8 per cent respectively.",
        dt.date(2024, 9, 12),
        "5.1",
        "interest rates on new loans to firms",
        "level",
        "2024-07",
        True,
    ),
    (
        "De rentetarieven voor de basis-herfinancieringstransacties en de depositofaciliteit "
        "blijven onveranderd op respectievelijk 2,5 en 1,5%.",
        dt.date(1999, 4, 22),
        "2,5",
        "rentetarieven voor de basis-herfinancieringstransacties",
        "level",
        None,
        True,
    ),
    # "and that for X": the pronoun stands for the figure before, narrowed to X.
    (
        "Verder zal de rentevoet voor de marginale beleningsfaciliteit 4,5% blijven, en die voor "
        "de depositofaciliteit 2,0%.",
        dt.date(1999, 3, 4),
        "2,0%",
        "depositofaciliteit",
        "level",
        None,
        True,
    ),
    (
        "The rate on the marginal lending facility will remain at 4.5%, and that on the deposit "
        "facility at 2.0%.",
        dt.date(1999, 3, 4),
        "2.0%",
        "deposit facility",
        "level",
        None,
        True,
    ),
    # "underlying", "lending": words in -ing that modify the noun after an opening comma.
    (
        "Given the improvement in economic activity amid lingering cost pressures, underlying "
        "inflation, as measured by core inflation, is expected to trend higher to average "
        "between 2.0% - 3.0% in 2022.",
        dt.date(2022, 5, 11),
        "2.0% - 3.0%",
        "underlying inflation",
        "forecast",
        "2022",
        False,
    ),
    # "…, having averaged N year-to-date": the main clause's subject, a reading to date.
    (
        "Underlying inflation, as measured by core inflation, is projected to average closer to "
        "the upper end of the 2.0% - 3.0% forecast range in 2022, having averaged 2.7% "
        "year-to-date, given some demand-driven price pressures.",
        dt.date(2022, 11, 3),
        "2.7%",
        "Underlying inflation",
        "level",
        "2022-01/2022-10",
        True,
    ),
    (
        "De inflatie bedroeg sinds het begin van dit jaar gemiddeld 3,1 procent.",
        dt.date(2023, 6, 15),
        "3,1 procent",
        "inflatie",
        "level",
        "2023-01/2023-05",
        True,
    ),
    # "for the period <months>" says when, not what for.
    (
        "Headline inflation has averaged 3.4% for the period January-November 2022.",
        dt.date(2023, 1, 19),
        "3.4%",
        "Headline inflation",
        "level",
        "2022-01/2022-11",
        True,
    ),
    # "zero" and "nul" are number words; no article reads like them.
    (
        "MAS will therefore maintain a zero percent per annum rate of appreciation of the "
        "policy band.",
        dt.date(2021, 4, 14),
        "zero percent",
        "per annum rate of appreciation of the policy band",
        "level",
        None,
        True,
    ),
    (
        "De ECB handhaaft de depositorente op nul procent.",
        dt.date(2021, 4, 14),
        "nul procent",
        "depositorente",
        "level",
        None,
        True,
    ),
    # "… and come in at N": the subject of the sentence's first verb, after its openers.
    (
        "All in, beyond the near-term pickup, MAS Core Inflation is forecast to rise only "
        "gradually for the rest of the year and come in at 0–1% in 2021.",
        dt.date(2021, 4, 14),
        "0–1%",
        "MAS Core Inflation",
        "forecast",
        "2021",
        False,
    ),
    # "for the year as a whole" is the year the paragraph spoke of, not the letter's.
    (
        "In 2024, MAS Core Inflation should be on a broad moderating trend. MAS Core Inflation "
        "is projected to slow to an average of 2.5–3.5% for the year as a whole.",
        dt.date(2023, 10, 13),
        "2.5–3.5%",
        "MAS Core Inflation",
        "forecast",
        "2024",
        False,
    ),
    (
        "In 2024 zal de kerninflatie verder dalen. De kerninflatie komt naar verwachting uit op "
        "gemiddeld 2,5% voor het hele jaar.",
        dt.date(2023, 10, 13),
        "2,5%",
        "kerninflatie",
        "forecast",
        "2024",
        False,
    ),
    # The time of what is excluded is not the figure's.
    (
        "CPI-All Items inflation is projected to average between 3.0–4.0% in 2024. Excluding "
        "the impact of the increase in the GST rate in January, headline inflation is forecast "
        "at 2.5–3.5%.",
        dt.date(2023, 10, 13),
        "2.5–3.5%",
        "headline inflation",
        "forecast",
        "2024",
        False,
    ),
    (
        "Exclusief het effect van de btw-verhoging in januari wordt de kerninflatie geraamd op "
        "1,5%.",
        dt.date(2023, 10, 13),
        "1,5%",
        "kerninflatie",
        "forecast",
        None,
        False,
    ),
    # Where in a range a value is expected says nothing of what it is.
    (
        "MAS expects Singapore’s GDP growth in 2023 to come in at the lower half of the "
        "0.5–1.5% forecast range.",
        dt.date(2023, 10, 13),
        "0.5–1.5%",
        "Singapore’s GDP growth",
        "forecast",
        "2023",
        False,
    ),
    (
        "De kerninflatie komt dit jaar naar verwachting uit in de bovenste helft van de "
        "bandbreedte van 2 tot 3 procent.",
        dt.date(2022, 10, 14),
        "2 tot 3 procent",
        "kerninflatie",
        "forecast",
        "2022",
        False,
    ),
    # "after a rise in February" is when the move before was, not the figure's month.
    (
        "Annual inflation edged down to 2.2 per cent in March. Energy prices fell by 1.0 per "
        "cent, after a slight rise in February.",
        dt.date(2025, 4, 17),
        "1.0 per cent",
        "Energy prices",
        "level",
        "2025-03",
        True,
    ),
    (
        "De inflatie daalde in maart naar 2,2 procent. De energieprijzen daalden met 1,0 "
        "procent, na een lichte stijging in februari.",
        dt.date(2025, 4, 17),
        "1,0 procent",
        "energieprijzen",
        "level",
        "2025-03",
        True,
    ),
    # "dated <day>" says which holding a figure is of: its own, fixed period.
    (
        "$22 billion of SOMA Treasury holdings dated September 30, 2023, are projected to be "
        "redeemed on October 2, 2023.",
        dt.date(2023, 7, 31),
        "$22 billion",
        "SOMA Treasury holdings",
        "level",
        "2023-09-30",
        False,
    ),
    (
        "Van de leningen gedateerd 31 december 2023 is €2 miljard afgelost.",
        dt.date(2024, 1, 10),
        "€2 miljard",
        "leningen",
        "level",
        "2023-12-31",
        False,
    ),
    (
        "In July 2023, Treasury estimated borrowing of $1.007 trillion.",
        D,
        "$1.007 trillion",
        "borrowing",
        "previous",
        None,
        False,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "date", "written", "concept", "role", "period", "current"),
    [c for c in CASES if c[2] is not None],
    ids=lambda value: value[:40] if isinstance(value, str) else None,
)
def test_what_a_figure_measures(
    sentence: str,
    date: dt.date,
    written: str,
    concept: str | None,
    role: str,
    period: str | None,
    current: bool,
) -> None:
    f = figure(sentence, date, written)
    if concept is not None:
        assert f.concept == concept
    assert f.role == role
    assert (f.period.key if f.period else None) == period
    assert f.current is current


def letter(text: str, date: dt.date) -> Document:
    """A short letter holding `text` as its one paragraph of substance, dated `date`."""
    doc = parse(f"Brief\n\n{text}\n\nThis statement sets out the decisions taken.\n")
    return replace(doc, meta=replace(doc.meta, date=date))


# Two letters' paragraphs and what a careful reader pairs: (old paragraph, its date, new
# paragraph, its date, the pairs made as (old figure, new figure) as written).
PAIRS = [
    # A new letter's restatement of the old one's month is its pair, not the new month.
    (
        "Lending rates on business loans have broadly stabilised, while mortgage rates declined "
        "in December and January. Nevertheless, lending rates remain elevated, at 5.2 per cent "
        "for business loans.",
        dt.date(2024, 3, 7),
        "The average interest rate on business loans edged down to 5.1 per cent in February, "
        "from 5.2 per cent in January.",
        dt.date(2024, 4, 11),
        {("5.2 per cent", "5.2 per cent")},
    ),
    # Plural and singular are one word: "mortgages" ~ "Mortgage".
    (
        "Interest rates on mortgages stood at 3.9 per cent in January.",
        dt.date(2024, 3, 7),
        "Mortgage rates were 3.8 per cent in February.",
        dt.date(2024, 4, 11),
        {("3.9 per cent", "3.8 per cent")},
    ),
    # "lending rates", like "interest rates", name the kind of rate, not which one.
    (
        "Mortgage rates declined in December and January. Nevertheless, lending rates remain "
        "elevated, at 3.9 per cent for mortgages.",
        dt.date(2024, 3, 7),
        "Mortgage rates were 3.8 per cent in February.",
        dt.date(2024, 4, 11),
        {("3.9 per cent", "3.8 per cent")},
    ),
    # Holdings of one date pair with themselves, not with the next date's.
    (
        "$22 billion of SOMA Treasury holdings dated September 30, 2023, are projected to be "
        "redeemed on October 2, 2023. $32 billion of SOMA Treasury holdings dated December 31, "
        "2023, are projected to be redeemed on January 2, 2024.",
        dt.date(2023, 7, 31),
        "$22 billion of SOMA Treasury holdings dated September 30, 2023, were redeemed on "
        "October 2, 2023. $39 billion of SOMA Treasury holdings dated March 31, 2024, are "
        "projected to be redeemed on April 1, 2024.",
        dt.date(2023, 10, 30),
        {("$22 billion", "$22 billion")},
    ),
    # A forecast range meets the outcome of its year, and only of its year.
    (
        "Singapore’s GDP growth is projected to come in at 3–4% in 2022.",
        dt.date(2022, 10, 14),
        "Singapore’s GDP growth is projected to step down to 0.5–2.5% in 2023, from 3.6% last "
        "year.",
        dt.date(2023, 4, 14),
        {("3–4%", "3.6%")},
    ),
    (
        "De groei van de economie komt in 2022 naar verwachting uit tussen 3 en 4 procent.",
        dt.date(2022, 10, 14),
        "De groei van de economie kwam vorig jaar uit op 3,6 procent.",
        dt.date(2023, 4, 14),
        {("3 en 4 procent", "3,6 procent")},
    ),
    (
        "Core inflation is forecast at 2.5–3.5% in 2023.",
        dt.date(2023, 1, 14),
        "Core inflation rose to 3.1% in March.",
        dt.date(2023, 4, 14),
        set(),
    ),
]


@pytest.mark.parametrize(
    ("old", "old_date", "new", "new_date", "pairs"),
    PAIRS,
    ids=lambda value: value[:40] if isinstance(value, str) else None,
)
def test_what_pairs(
    old: str, old_date: dt.date, new: str, new_date: dt.date, pairs: set[tuple[str, str]]
) -> None:
    made = compare(letter(old, old_date), letter(new, new_date)).figures
    assert {(c.old.text, c.new.text) for c in made if c.old and c.new} == pairs


@pytest.mark.parametrize(
    ("sentence", "written", "concept", "label"),
    [
        (
            "Nederland heeft in 2025 bijgedragen aan het opleiden van ca. 650 Oekraïense "
            "militairen.",
            "650",
            "opleiden van Oekraïense militairen",
            "Oekraïense militairen (opleiden van)",
        ),
        (
            "The Netherlands contributed to the training of about 650 Ukrainian soldiers.",
            "650",
            "training of Ukrainian soldiers",
            "Ukrainian soldiers (training of)",
        ),
        (
            "Tot nu toe zijn via operatie Interflex ca. 60.000 Oekraïense militairen getraind.",
            "60.000",
            "Oekraïense militairen getraind",
            "Oekraïense militairen getraind",
        ),
    ],
)
def test_a_label_is_the_letters_phrase(
    sentence: str, written: str, concept: str, label: str
) -> None:
    """A count's concept may join words the letter puts apart ("opleiden van … Oekraïense
    militairen"); its label is then the phrase as written, the rest in parentheses."""
    f = figure(sentence, NL, written)
    assert (f.concept, f.label) == (concept, label)


@pytest.mark.parametrize(
    ("sentence", "concepts"),
    [
        (
            "For 2024 as a whole, both MAS Core Inflation and CPI-All Items inflation are "
            "projected to come in at an average of 2.5–3.5%.",
            ["CPI-All Items inflation", "MAS Core Inflation"],
        ),
        (
            "Excluding the impact of the increases in the GST rate, core and headline inflation "
            "are forecast at 1.5–2.5%.",
            ["headline inflation", "core inflation"],
        ),
        # At the head of a sentence too.
        (
            "Both goods price inflation and services price inflation were unchanged in June, "
            "at 2.5%.",
            ["services price inflation", "goods price inflation"],
        ),
        # Two values, one each: "respectively" names them, nothing is said twice.
        (
            "In the third quarter, headline and core inflation averaged at 2.0% and 2.5%, "
            "respectively.",
            ["headline inflation", "core inflation"],
        ),
    ],
)
def test_one_value_of_two_subjects_is_a_data_point_of_each(
    sentence: str, concepts: list[str]
) -> None:
    assert [f.concept for f in figures_of(sentence, dt.date(2024, 4, 12))] == concepts

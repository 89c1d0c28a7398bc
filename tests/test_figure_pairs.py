"""Figure pairing on the real seed pairs, checked against the hand-made gold answers."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tracker.comparison.pairing import delta_text, pair_figures
from tracker.comparison.restated import restated_cells
from tracker.comparison.sections import align_sections
from tracker.figures.find import find_figures
from tracker.model import Document, Figure, FigureChange
from tracker.read.files import load_document

LETTERS = Path(__file__).resolve().parent.parent / "letters" / "oekraine-steun"
SEEDS = {
    "000": LETTERS / "2026-02-27-leveringen-militaire-goederen.txt",
    "001": LETTERS / "2025-09-10-nieuwsbericht-militaire-steun.txt",
    "002": LETTERS / "2025-11-27-antwoorden-kamervragen.txt",
    "003": LETTERS / "2025-04-15-voorjaarsnota-cw-3-1.txt",
    "004": LETTERS / "2026-03-04-verslag-defensieraad-navo.txt",
}
# The gold answers of ../shared/eval/gold, figures part, as the evaluation states them.
GOLD: dict[tuple[str, str], dict[str, Any]] = {
    ("001", "000"): {
        "paired": [
            (13600000000, 14300000000),
            (8700000000, 11700000000),
            (2400000000, 2500000000),
            (6100000000, 8900000000),
            (179000000, 179000000),
            (60000, 60000),
        ],
        "unpaired_old": [90, 20],
        "unpaired_new": [2980000000, 5600000000, 2000000000, 750000000, 6000000000, 433000000, 900],
    },
    ("002", "000"): {
        "paired": [],
        "unpaired_old": [750000000, 700000000, 4300000000, 1000000000],
        "unpaired_new": [750000000, 700000000, 5600000000],
    },
    ("000", "004"): {
        "paired": [(750000000, 750000000)],
        "unpaired_old": [11700000000],
        "unpaired_new": [90000000000, 500000000],
    },
}


def _compare(old_key: str, new_key: str) -> tuple[Document, Document, tuple[FigureChange, ...]]:
    old, new = load_document(SEEDS[old_key]), load_document(SEEDS[new_key])
    sections = align_sections(old.sections, new.sections)
    return old, new, pair_figures(old, new, find_figures(old), find_figures(new), sections)


@pytest.mark.parametrize("pair", sorted(GOLD))
def test_seed_pairs_match_the_gold(pair: tuple[str, str]) -> None:
    _, _, changes = _compare(*pair)
    gold = GOLD[pair]
    both = [(c.old.value, c.new.value) for c in changes if c.old and c.new]
    for old_value, new_value in gold["paired"]:
        assert (Decimal(old_value), Decimal(new_value)) in both
    for value in gold["unpaired_old"]:
        assert any(c.old and not c.new and c.old.value == value for c in changes)
        assert not any(old == value for old, _ in both)
    for value in gold["unpaired_new"]:
        assert any(c.new and not c.old and c.new.value == value for c in changes)
        assert not any(new == value for _, new in both)


def test_statuses_and_deltas_001_to_000() -> None:
    _, _, changes = _compare("001", "000")
    budget = next(c for c in changes if c.old and c.old.value == Decimal("13600000000"))
    assert budget.status == "changed"
    assert budget.delta == Decimal("700000000")
    assert budget.delta_pct == Decimal("5.15")
    assert budget.delta_text == "+€0,7 mld. (+5,1%)"
    navo = next(c for c in changes if c.old and c.old.value == Decimal("179000000"))
    assert navo.status == "unchanged"
    assert navo.new is not None and navo.new.text == "€179 mln."  # the text, not "€ 0,18 mld."


def test_restated_column_cells_are_not_reported_as_new() -> None:
    _, new, changes = _compare("001", "000")
    figures = find_figures(new)
    restated = restated_cells(figures)
    assert sorted(figures[i].row or "" for i in restated) == sorted(
        ["Directe levering (vervangingswaarde)", "Commerciële verwervingen", "NAVO-fonds", "Totaal"]
    )
    assert all(figures[i].column == "31 aug. 2025" for i in restated)
    shown = {id(c.new) for c in changes}
    assert not any(id(figures[i]) in shown for i in restated)


def test_every_figure_appears_at_most_once() -> None:
    for pair in GOLD:
        _, _, changes = _compare(*pair)
        olds = [id(c.old) for c in changes if c.old]
        news = [id(c.new) for c in changes if c.new]
        assert len(olds) == len(set(olds))
        assert len(news) == len(set(news))


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_a_letter_against_itself_changes_nothing(key: str) -> None:
    _, _, changes = _compare(key, key)
    assert changes
    assert {c.status for c in changes} == {"unchanged"}


def test_pairing_is_deterministic() -> None:
    first = _compare("001", "000")[2]
    second = _compare("001", "000")[2]
    assert first == second


def _figure(value: str, text: str, unit: str = "EUR", decimals: int = 1) -> Figure:
    return Figure(Decimal(value), unit, text, "steun", 0, 1, decimals=decimals)


@pytest.mark.parametrize(
    ("old", "new", "language", "expected"),
    [
        (_figure("13600000000", "€ 13,6 miljard"), _figure("14300000000", "€14,3 mld."), "nl",
         "+€0,7 mld. (+5,1%)"),
        (_figure("8700000000", "€8,7 mld."), _figure("8680000000", "€8,68 mld.", decimals=2), "nl",
         "-€0,02 mld. (-0,2%)"),
        (_figure("1015000000000", "$1,015 billion", "USD", 0),
         _figure("729000000000", "$729 billion", "USD", 0), "en", "-$286 billion (-28.2%)"),
        (_figure("5.25", "5-1/4 percent", "%", 2), _figure("5.5", "5-1/2 percent", "%", 2), "en",
         "+0.25 percentage points"),
        (_figure("60000", "60.000", "count", 0), _figure("60500", "60.500", "count", 0), "nl",
         "+500 (+0,8%)"),
    ],
)  # fmt: skip
def test_delta_text_in_the_letter_style(
    old: Figure, new: Figure, language: str, expected: str
) -> None:
    delta = new.value - old.value
    pct = delta / old.value * 100
    assert delta_text(delta, None if new.unit == "%" else pct, new, language) == expected  # type: ignore[arg-type]


def test_a_figure_whose_context_is_gone_stays_unpaired() -> None:
    old = load_document(SEEDS["001"])
    new = load_document(SEEDS["000"])
    old_figures = find_figures(old)
    # The same value in a sentence about something else entirely: no pair.
    moved = tuple(
        replace(
            f,
            context="De kosten van de renovatie van het ministerie.",
            label="renovatie",
            concept="renovatie",
        )
        if f.value == Decimal("13600000000")
        else f
        for f in old_figures
    )
    changes = pair_figures(old, new, moved, find_figures(new), ())
    lone = next(c for c in changes if c.old and c.old.value == Decimal("13600000000"))
    assert lone.status == "removed"


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "figures"


def test_rolling_quarters_pair_only_within_one_quarter() -> None:
    """Treasury estimates roll forward a quarter per statement: the October–December estimate
    pairs with the October–December estimate, never with another quarter's figure."""
    old = load_document(FIXTURES / "2025-07-28_borrowing-estimates-sb0209.txt")
    new = load_document(FIXTURES / "2025-11-03_borrowing-estimates-sb0300.txt")
    changes = pair_figures(old, new, find_figures(old), find_figures(new), ())
    both = {(c.old.text, c.new.text) for c in changes if c.old and c.new}
    assert ("$590 billion", "$569 billion") in both  # October – December 2025, both letters
    assert ("$1.007 trillion", "$1.058 trillion") in both  # July – September 2025
    olds = {o for o, _ in both}
    assert "$65 billion" not in olds  # April – June 2025 is gone from the new letter
    assert "$514 billion" not in olds  # April's estimate of that quarter
    # The cash-balance table pairs cell by cell, only within one row and one column.
    cells = [c for c in changes if c.old and c.new and c.old.row is not None]
    assert len(cells) == 9
    assert all(c.new and (c.old.row, c.old.column) == (c.new.row, c.new.column) for c in cells)


def test_equal_values_in_one_sentence_keep_their_order() -> None:
    old = load_document(FIXTURES / "2023-09-14_ecb-mp-decisions.txt")
    old_figures, new_figures = find_figures(old), find_figures(old)
    changes = pair_figures(old, old, old_figures, new_figures, ())
    assert {c.status for c in changes} == {"unchanged"}
    # "three key ECB interest rates by 25 basis points" twice, 2% four times: each figure
    # pairs with itself, not with its twin in another paragraph.
    where_old = {id(f): i for i, f in enumerate(old_figures)}
    where_new = {id(f): i for i, f in enumerate(new_figures)}
    assert all(where_old[id(c.old)] == where_new[id(c.new)] for c in changes)


def test_hand_checked_pairs_of_corpus_letters() -> None:
    """Every pair of tests/fixtures/figures/pairs.json is made, and no other pair."""
    sample = json.loads((FIXTURES / "pairs.json").read_text(encoding="utf-8"))
    for case in sample["pairs"]:
        old = load_document(FIXTURES / case["old"])
        new = load_document(FIXTURES / case["new"])
        sections = align_sections(old.sections, new.sections)
        changes = pair_figures(old, new, find_figures(old), find_figures(new), sections)
        made = sorted((c.old.text, c.new.text) for c in changes if c.old and c.new)
        assert made == sorted(tuple(pair) for pair in case["pairs"]), case["old"]


def test_labels_that_open_with_other_subjects_do_not_pair() -> None:
    from tracker.comparison.similarity import similarity

    def rate(label: str, value: str, context: str) -> Figure:
        return Figure(Decimal(value), "%", f"{value} per cent", label, 0, 1, context=context)

    firms = rate(
        "firms grew annual rate", "0.3", "Loans to firms grew at an annual rate of 0.3 per cent."
    )
    households = rate(
        "households grew annual rate",
        "0.3",
        "Loans to households grew at an annual rate of 0.3 per cent.",
    )
    assert similarity(firms, households, set()) == 0.0
    assumed = Figure(
        Decimal("850000000000"), "USD", "$850 billion", "assumed end-of-June cash balance", 0, 1,
        context="In April, Treasury assumed an end-of-June cash balance of $850 billion.",
    )  # fmt: skip
    assuming = replace(
        assumed,
        label="assuming end-of-June cash balance",
        context="Treasury expects to borrow, assuming an end-of-June cash balance of $850 billion.",
    )
    assert similarity(assuming, assumed, set()) > 0.6

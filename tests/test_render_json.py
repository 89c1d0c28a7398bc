"""The JSON report keeps the tracker.compare/1 contract of DESIGN.md."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tracker.comparison.compare import compare
from tracker.read.files import load_document
from tracker.render.json import render_json

SEEDS = Path(__file__).resolve().parent.parent / "letters" / "oekraine-steun"
NEWS = SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt"
DELIVERY = SEEDS / "2026-02-27-leveringen-militaire-goederen.txt"


def test_contract_fields_and_types() -> None:
    comparison = compare(load_document(NEWS), load_document(DELIVERY))
    data = json.loads(render_json(comparison))
    assert data["schema"] == "tracker.compare/1"
    assert data["new"]["date"] == "2026-02-27" and data["old"]["date"] is None
    assert data["new"]["sha256"] and len(data["new"]["sha256"]) == 64
    opening = [s for s in data["sections"] if s["new_index"] == [0]]
    assert opening and opening[0]["new"] is None  # the opening section has no heading
    assert len(data["sections"]) == len(comparison.sections)
    for figure, change in zip(data["figures"], comparison.figures, strict=True):
        assert figure["status"] == change.status
        for side, original in (("old", change.old), ("new", change.new)):
            if original is None:
                assert figure[side] is None
            else:
                assert isinstance(figure[side]["value"], int | float)
                assert Decimal(str(figure[side]["value"])) == original.value
        if change.delta is not None:
            assert Decimal(str(figure["delta"])) == change.delta


def test_paired_figures_carry_values_in_base_units() -> None:
    data = json.loads(render_json(compare(load_document(NEWS), load_document(DELIVERY))))
    paired = {
        (f["old"]["value"], f["new"]["value"]) for f in data["figures"] if f["old"] and f["new"]
    }
    assert (13_600_000_000, 14_300_000_000) in paired
    assert (60000, 60000) in paired


def test_json_is_byte_stable_and_ends_with_a_newline() -> None:
    first = render_json(compare(load_document(NEWS), load_document(DELIVERY)))
    second = render_json(compare(load_document(NEWS), load_document(DELIVERY)))
    assert first == second and first.endswith("}\n")


def test_split_sections_list_their_headings_and_the_opening_is_null() -> None:
    from lettertext import document

    body = "Nederland levert steun aan Oekraïne en traint militairen in Europa."
    more = "Het kabinet werkt samen met de industrie aan drones en munitie voor later."
    old = document(f"Aanhef van de brief.\n# Steun\n{body} {more}")
    new = document(f"Aanhef van de brief.\n# Steun\n{body}\n# Industrie\n{more}")
    data = json.loads(render_json(compare(old, new)))
    assert [(s["status"], s["old"], s["new"]) for s in data["sections"]] == [
        ("unchanged", None, None),
        ("split", "Steun", ["Steun", "Industrie"]),
    ]

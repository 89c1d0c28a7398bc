"""Labels a reader can quote: every figure label of the golden reports is a phrase of its
letters, and no report gives two figures one label.

A label may add what tells it apart in parentheses ("Annual inflation (September 2024)",
"Oekraïense militairen (opleiden van)") and a trailing sequence number ("[2]"); what is left is
the letter's own words, in their order, as the reader finds them (case and spacing aside). A
table cell's label is its row and its column, "row / column".
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from tracker.model import Document, Paragraph
from tracker.read.files import load_document

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "letters.txt").is_file())
# What a label adds to the letter's phrase: parenthesised qualifiers, then a sequence number.
ADDED = re.compile(r"(?:\s*\([^()]*\))*(?:\s*\[\d+\])?$")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def phrases(doc: Document) -> tuple[str, set[str]]:
    """The letter's running text (headings, paragraphs, table rows), and its table cells as
    "row / column"."""
    text: list[str] = []
    cells: set[str] = set()
    for section in doc.sections:
        text.append(section.heading or "")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text.append(block.text)
                continue
            text += [" ".join(block.header), *(" ".join(row) for row in block.rows)]
            cells |= {
                norm(f"{row[0]} / {column}") for row in block.rows for column in block.header[1:]
            }
    return norm("\n".join(text)), cells


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_label_is_a_phrase_of_its_letters(name: str) -> None:
    letters = (CASES / name / "letters.txt").read_text(encoding="utf-8").split()
    found = [phrases(load_document(ROOT / path)) for path in letters]
    report = json.loads((CASES / name / "expected.json").read_text(encoding="utf-8"))
    for figure in report["figures"]:
        phrase = norm(ADDED.sub("", figure["label"]))
        assert phrase, figure["label"]
        assert any(phrase in text or phrase in cells for text, cells in found), figure["label"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_no_report_gives_two_figures_one_label(name: str) -> None:
    report = json.loads((CASES / name / "expected.json").read_text(encoding="utf-8"))
    labels = [norm(figure["label"]) for figure in report["figures"]]
    assert len(labels) == len(set(labels)), sorted(x for x in labels if labels.count(x) > 1)


def test_a_label_adds_only_what_tells_it_apart() -> None:
    """The stripping above takes off qualifiers, not words of the phrase."""
    assert ADDED.sub("", "Annual inflation (September 2024)") == "Annual inflation"
    assert ADDED.sub("", "Oekraïense militairen (2025, raming) [2]") == "Oekraïense militairen"
    assert ADDED.sub("", "Official Cash Rate (OCR) (2008)") == "Official Cash Rate"
    assert ADDED.sub("", "Commerciële verwervingen / 03 feb. 2026") == (
        "Commerciële verwervingen / 03 feb. 2026"
    )

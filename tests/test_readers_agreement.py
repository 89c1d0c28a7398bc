"""Each seed letter read from PDF, Word and HTML gives the text version's outline and figures.

The fixtures in tests/fixtures/formats/ are real files made from the seed texts by
tools/make_fixtures.py (python-docx, LibreOffice, HTML). The agreement figures are printed:

    .venv/bin/pytest tests/test_readers_agreement.py -s -k agreement
"""

from __future__ import annotations

import difflib
import functools
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.figures.find import find_figures
from tracker.model import Document
from tracker.read.files import load_document as _load_document

# Each file is read once per test session: the PDFs take a few tenths of a second each.
load_document = functools.cache(_load_document)

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
LETTERS = ROOT / "letters" / "oekraine-steun"
SEEDS = {
    "seed-000": "2026-02-27-leveringen-militaire-goederen.txt",
    "seed-001": "2025-09-10-nieuwsbericht-militaire-steun.txt",
    "seed-002": "2025-11-27-antwoorden-kamervragen.txt",
    "seed-003": "2025-04-15-voorjaarsnota-cw-3-1.txt",
    "seed-004": "2026-03-04-verslag-defensieraad-navo.txt",
}
EXTENSIONS = ("pdf", "docx", "html")
REQUIRED = 0.95


def outline(doc: Document) -> list[str]:
    return [" ".join(s.heading.split()).casefold() for s in doc.sections if s.heading]


def figures(doc: Document) -> Counter[tuple[str, ...]]:
    """Figures by value, unit, the heading of their section and their label."""
    found = Counter[tuple[str, ...]]()
    for figure in find_figures(doc):
        heading = doc.sections[figure.section].heading or ""
        found[(str(figure.value.normalize()), figure.unit, heading, figure.label)] += 1
    return found


def dice(matched: int, left: int, right: int) -> float:
    """Share of agreement: 1.0 only when nothing is missing and nothing is extra."""
    return 1.0 if left + right == 0 else 2 * matched / (left + right)


def agreement(seed: str, ext: str) -> tuple[float, float, Document, Document]:
    text = load_document(LETTERS / SEEDS[seed])
    other = load_document(FORMATS / f"{seed}.{ext}")
    a, b = outline(text), outline(other)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    fa, fb = figures(text), figures(other)
    shared = sum((fa & fb).values())
    return (
        dice(same, len(a), len(b)),
        dice(shared, sum(fa.values()), sum(fb.values())),
        text,
        other,
    )


def test_agreement_of_every_format_with_the_text_version() -> None:
    rows = []
    failures = []
    for seed in SEEDS:
        for ext in EXTENSIONS:
            sections, figs, text, _ = agreement(seed, ext)
            rows.append(
                f"{seed} {ext:<4}  outline {sections:6.1%} ({len(outline(text))} headings)"
                f"  figures {figs:6.1%} ({sum(figures(text).values())} figures)"
            )
            if sections < REQUIRED or figs < REQUIRED:
                failures.append(rows[-1])
    print("\nagreement with the text version (Dice: 100% = nothing missing, nothing extra)")
    print("\n".join(rows))
    assert not failures, failures


@pytest.mark.parametrize("ext", EXTENSIONS)
def test_metadata_agrees_with_the_text_version(ext: str) -> None:
    for seed, name in SEEDS.items():
        text = load_document(LETTERS / name)
        other = load_document(FORMATS / f"{seed}.{ext}")
        assert (other.meta.title, other.meta.date) == (text.meta.title, text.meta.date), seed
        assert [f.label for f in other.footnotes] == [f.label for f in text.footnotes], seed
        assert other.meta.source == f"{seed}.{ext}"
        assert other.meta.sha256 and len(other.meta.sha256) == 64


def test_seed_000_table_is_read_alike_from_every_format() -> None:
    text = load_document(LETTERS / SEEDS["seed-000"])
    [(_, expected)] = text.tables
    assert expected.rows[-1][0] == "Totaal"
    for ext in EXTENSIONS:
        [(section, table)] = load_document(FORMATS / f"seed-000.{ext}").tables
        assert section.heading == "Financiële stand van zaken levering van militaire goederen"
        assert table.header == ("Type steun", "31 aug. 2025", "03 feb. 2026"), ext
        assert [row[0] for row in table.rows] == [row[0] for row in expected.rows], ext
        assert table.rows[-1][1:] == ("€ 8,7 mld.", "€ 11,7 mld."), ext


def _compare_json(old: Path, new: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_compare_across_formats_matches_the_text_comparison() -> None:
    """Old letter as PDF, new as Word: the same report as from the two text files."""
    across = _compare_json(FORMATS / "seed-001.pdf", FORMATS / "seed-000.docx")
    text = _compare_json(LETTERS / SEEDS["seed-001"], LETTERS / SEEDS["seed-000"])
    assert across["old"]["source"] == "seed-001.pdf"  # type: ignore[index]
    assert across["new"]["source"] == "seed-000.docx"  # type: ignore[index]
    assert across["sections"] == text["sections"]
    assert across["summary"] == text["summary"]

    def figure_rows(data: dict[str, object]) -> list[tuple[object, ...]]:
        return sorted(
            (
                f["status"],
                f["label"],
                f["old"] and f["old"]["value"],
                f["new"] and f["new"]["value"],
            )
            for f in data["figures"]  # type: ignore[attr-defined]
        )

    assert figure_rows(across) == figure_rows(text)
    budget = [r for r in figure_rows(across) if r[2] == 13600000000 and r[3] == 14300000000]
    assert budget, "the budget €13,6 → €14,3 mld. pairs up across formats"


def test_compare_html_against_pdf_of_the_same_letter_finds_no_change() -> None:
    data = _compare_json(FORMATS / "seed-004.pdf", FORMATS / "seed-004.html")
    statuses = {s["status"] for s in data["sections"]}  # type: ignore[attr-defined]
    assert statuses == {"unchanged"}
    assert {f["status"] for f in data["figures"]} == {"unchanged"}  # type: ignore[attr-defined]


def test_english_letter_reads_alike_in_three_formats() -> None:
    """A US Treasury statement (English; headings, bullets, a 6 x 8 table of auction sizes)."""
    docs = {ext: load_document(FORMATS / f"treasury-2025-11-05.{ext}") for ext in EXTENSIONS}
    word = docs["docx"]
    assert word.meta.language == "en"
    assert outline(word) == [
        "nominal coupon and frn financing",
        "tips financing",
        "bill issuance",
        "buybacks",
        "small-value contingency auction operation",
    ]
    [(_, table)] = word.tables
    assert table.header[1:] == ("2-Year", "3-Year", "5-Year", "7-Year", "10-Year", "20-Year",
                                "30-Year", "FRN")  # fmt: skip
    assert [row[0] for row in table.rows] == ["Aug-25", "Sep-25", "Oct-25", "Nov-25", "Dec-25",
                                              "Jan-26"]  # fmt: skip
    items = [p.text for s in word.sections for p in s.paragraphs if p.list_item]
    assert len(items) == 3 and items[0].startswith("A 3-year note in the amount of $58 billion")
    assert sum(figures(word).values()) >= 10
    for ext in ("pdf", "html"):
        other = docs[ext]
        assert outline(other) == outline(word), ext
        assert other.tables[0][1] == table or other.tables[0][1].rows == table.rows, ext
        assert figures(other) == figures(word), ext
        assert [p.text for s in other.sections for p in s.paragraphs] == [
            p.text for s in word.sections for p in s.paragraphs
        ], ext

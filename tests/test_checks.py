"""Findings on the real seed letters, and on small letters built to break one rule each."""

from __future__ import annotations

from pathlib import Path

from tracker.comparison.checks import find_findings
from tracker.comparison.pairing import pair_figures
from tracker.comparison.sections import align_sections
from tracker.figures.find import find_figures
from tracker.model import Document, Finding, Meta, Paragraph, Section, Table
from tracker.read.files import load_document
from tracker.render.figures import key_figures_markdown

LETTERS = Path(__file__).resolve().parent.parent / "letters" / "oekraine-steun"
SEED_000 = LETTERS / "2026-02-27-leveringen-militaire-goederen.txt"
SEED_001 = LETTERS / "2025-09-10-nieuwsbericht-militaire-steun.txt"


def _findings(old: Document, new: Document) -> tuple[Finding, ...]:
    old_figures, new_figures = find_figures(old), find_figures(new)
    sections = align_sections(old.sections, new.sections)
    changes = pair_figures(old, new, old_figures, new_figures, sections)
    return find_findings(old, new, old_figures, new_figures, changes)


def _letter(*blocks: Paragraph | Table) -> Document:
    return Document(Meta(language="nl"), (Section("Stand van zaken", 1, tuple(blocks)),))


def test_seed_000_table_total_holds_only_within_rounding() -> None:
    findings = _findings(load_document(SEED_001), load_document(SEED_000))
    sums = [f for f in findings if f.kind == "sum"]
    assert len(sums) == 1  # the "31 aug. 2025" column adds up as printed: 8,68 ~ 8,7
    assert sums[0].severity == "info"
    assert "€11,58 mld." in sums[0].message
    assert "€ 11,7 mld." in sums[0].message
    assert "tight: 67%" in sums[0].message
    assert sums[0].section == "Financiële stand van zaken levering van militaire goederen"


def test_seed_000_stated_increase_agrees_within_rounding() -> None:
    findings = _findings(load_document(SEED_001), load_document(SEED_000))
    stated = [f for f in findings if f.kind == "stated-change"]
    assert len(stated) == 1
    assert stated[0].severity == "info"
    assert "€2,98 mld." in stated[0].message and "€3,0 mld." in stated[0].message


def test_seed_000_restated_column_agrees_with_the_predecessor() -> None:
    findings = _findings(load_document(SEED_001), load_document(SEED_000))
    restated = [f for f in findings if f.kind == "restated"]
    assert [(f.severity, "4 of 4" in f.message) for f in restated] == [("info", True)]


def _table(total: str, rows: tuple[str, ...] = ("€ 2,5 mld.", "€ 8,9 mld.")) -> Table:
    body = tuple((name, value) for name, value in zip(("Direct", "Commercieel"), rows, strict=True))
    return Table(("Type steun", "03 feb. 2026"), (*body, ("Totaal", total)), 5, 9)


def test_total_that_cannot_be_rounding_is_a_warning() -> None:
    doc = _letter(_table("€ 12,0 mld."))
    findings = _findings(doc, doc)
    assert [(f.kind, f.severity) for f in findings] == [("sum", "warning")]
    assert "more than their rounding allows" in findings[0].message


def test_total_that_adds_up_is_not_reported() -> None:
    doc = _letter(_table("€ 11,4 mld."))
    assert _findings(doc, doc) == ()


def test_restated_figure_that_differs_is_a_warning() -> None:
    old = _letter(Paragraph("De directe levering bedroeg op 31 augustus 2025 €2,4 mld.", 3, 3))
    new = _letter(
        Table(
            ("Type steun", "31 aug. 2025", "03 feb. 2026"),
            (("Directe levering", "€ 2,2 mld.", "€ 2,5 mld."),),
            5,
            8,
        )
    )
    findings = _findings(old, new)
    restated = [f for f in findings if f.kind == "restated"]
    assert [f.severity for f in restated] == ["warning"]
    assert "€ 2,2 mld." in restated[0].message and "€2,4 mld." in restated[0].message


def test_stated_change_that_disagrees_is_a_warning() -> None:
    old = _letter(Paragraph("De totale waarde van de geleverde steun bedroeg €8,7 mld.", 3, 3))
    new = _letter(
        Paragraph(
            "De totale waarde van de geleverde steun bedroeg €11,7 mld. Dit is een toename "
            "van €2,5 mld. ten opzichte van de vorige brief.",
            3,
            3,
        )
    )
    stated = [f for f in _findings(old, new) if f.kind == "stated-change"]
    assert [f.severity for f in stated] == ["warning"]


def test_same_label_two_values_is_a_duplicate() -> None:
    doc = _letter(
        Paragraph("Nederland heeft €14,3 mld. aan militaire steun begroot.", 3, 3),
        Paragraph("Nederland heeft €14,8 mld. aan militaire steun begroot.", 5, 5),
    )
    kinds = [f.kind for f in _findings(doc, doc)]
    assert kinds == ["duplicate"]


def test_key_figures_markdown_lists_changed_first_then_findings() -> None:
    from tracker.comparison.compare import compare

    text = key_figures_markdown(compare(load_document(SEED_001), load_document(SEED_000)))
    lines = text.splitlines()
    assert lines[0] == "## Key figures"
    rows = [line for line in lines if line.startswith("| ") and "---" not in line][1:]
    statuses = [row.split(" | ")[3] for row in rows]
    first_other = next(i for i, s in enumerate(statuses) if not s.startswith("+"))
    assert all(s.startswith(("+", "-")) for s in statuses[:first_other])
    budget = "| militaire steun begroot | ongeveer € 13,6 miljard | circa €14,3 mld. |"
    assert f"{budget} +€0,7 mld. (+5,1%) |" in text
    assert "### Findings" in text
    assert text.index("### Findings") > text.index("| militaire steun begroot")
    assert "- **sum**, info (Financiële stand van zaken levering van militaire goederen)" in text


def test_change_stated_after_the_amount_is_checked() -> None:
    """ "The borrowing estimate is $21 billion lower than announced in July 2025"."""
    fixtures = Path(__file__).resolve().parent / "fixtures" / "figures"
    old = load_document(fixtures / "2025-07-28_borrowing-estimates-sb0209.txt")
    new = load_document(fixtures / "2025-11-03_borrowing-estimates-sb0300.txt")
    stated = [f for f in _findings(old, new) if f.kind == "stated-change"]
    assert [f.severity for f in stated] == ["info"]
    assert "from $590 billion to $569 billion the change is -$21 billion" in stated[0].message
    # "Excluding the higher-than-assumed cash balance, … $20 billion higher": not checked.
    assert "$20 billion" not in stated[0].message


def test_growth_rates_and_unanchored_changes_are_not_checked() -> None:
    old = _letter(Paragraph("De totale waarde van de geleverde steun bedroeg €8,7 mld.", 3, 3))
    new = _letter(
        Paragraph(
            "De totale waarde van de geleverde steun bedroeg €11,7 mld. De uitvoer steeg met "
            "0,2 procent in het tweede kwartaal. Het budget kende een stijging van €1 mld.",
            3,
            3,
        )
    )
    # A rate of growth is no delta of a figure; a change that says not since when is no
    # change between these letters.
    assert [f for f in _findings(old, new) if f.kind == "stated-change"] == []

"""The Markdown report: structure, marks that never cross a paragraph, escaping."""

from __future__ import annotations

import re
from pathlib import Path

from lettertext import document

from tracker.comparison.compare import compare
from tracker.read.files import load_document
from tracker.render.markdown import escape, render_markdown

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


def report_of(case: str) -> str:
    old, new = (CASES / case / "letters.txt").read_text(encoding="utf-8").split()
    return render_markdown(compare(load_document(ROOT / old), load_document(ROOT / new)))


def test_marks_are_balanced_within_every_paragraph() -> None:
    for case in ("ecb-2025-09-to-2025-10", "fomc-2025-09-to-2025-10", "seeds-001-to-000"):
        report = report_of(case)
        for paragraph in report.split("\n\n"):
            unescaped = re.sub(r"\\.", "", paragraph)
            assert unescaped.count("~~") % 2 == 0, paragraph[:200]
            assert unescaped.count("**") % 2 == 0, paragraph[:200]


def test_report_names_both_letters_and_lists_sections() -> None:
    report = report_of("seeds-001-to-000")
    assert report.startswith(
        "# Changes from Nederland levert in hoog tempo militaire steun aan Oekraïne to "
        "Leveringen militaire goederen aan Oekraïne\n"
    )
    assert "| Date |  | 2026-02-27 |" in report
    assert "| Samenwerking met industrie en Oekraïne | Industrie | renamed |" in report
    assert "### Industrie (renamed from “Samenwerking met industrie en Oekraïne”)" in report
    assert "### Added: Toetsing\n\n<details><summary>Added text (" in report
    assert "| (opening) |" in report  # the opening section has a readable name


def test_unchanged_sections_are_listed_not_repeated() -> None:
    base = "# Eén\nDe eerste alinea blijft staan.\n# Twee\nDe tweede alinea blijft ook staan.\n"
    old = document(base + "# Drie\nHet budget is €5 mld. groot.")
    new = document(base + "# Drie\nHet budget is €6 mld. groot.")
    report = render_markdown(compare(old, new))
    assert "## Unchanged sections\n\n- Eén\n- Twee\n" in report
    assert report.count("De eerste alinea blijft staan.") == 0
    assert "Het budget is ~~€5~~ **€6** mld. groot." in report


def test_text_that_looks_like_markup_is_escaped() -> None:
    assert escape("a *b* _c_ ~~d~~ <e> | f") == r"a \*b\* \_c\_ \~\~d\~\~ \<e\> \| f"
    assert escape("1. Eerste punt") == r"1\. Eerste punt"
    assert escape("- los") == r"\- los"

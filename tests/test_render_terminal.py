"""The terminal report: colour through rich when asked, plain text otherwise."""

from __future__ import annotations

from lettertext import document

from tracker.comparison.compare import compare
from tracker.render.terminal import render_terminal

OLD = document(
    "# Financiën\nHet budget is €5 mld. groot. Dat blijft zo.\n# Weg\nDeze sectie verdwijnt."
)
NEW = document("# Financiën\nHet budget is €6 mld. groot. Dat blijft zo.\n# Nieuw\nGeheel nieuw.")


def test_colour_marks_deleted_and_inserted_words() -> None:
    text = render_terminal(compare(OLD, NEW), width=80, color=True)
    assert "\x1b[" in text
    assert "€5" in text and "€6" in text
    assert "Added: Nieuw" in text and "Removed: Weg" in text


def test_without_colour_there_are_no_escape_codes() -> None:
    text = render_terminal(compare(OLD, NEW), width=80, color=False)
    assert "\x1b[" not in text
    assert "Het budget is €5 €6 mld. groot." in text


def test_changed_figures_are_listed() -> None:
    text = render_terminal(compare(OLD, NEW), width=100, color=False)
    assert "Figures that changed, came or went" in text
    assert "€5 mld." in text.split("Figures that changed")[1]

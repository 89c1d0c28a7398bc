"""Redlines inside a section pair: sentences aligned, words inside rewritten sentences."""

from __future__ import annotations

from lettertext import document

from tracker.comparison.redline import redline, word_edits
from tracker.model import SentenceEdit

OLD = (
    "De Nederlandse steun aan Oekraïne is omvangrijk en intensief. Nederland heeft sinds de "
    "aanvang van de oorlog circa €13,6 mld. aan militaire steun begroot. Het kabinet roept "
    "internationaal op tot burden-sharing.\n\n"
    "De totale waarde van de geleverde steun bedroeg ca. €8,7 mld. Dit is een toename van "
    "€1,2 mld. ten opzichte van de vorige brief."
)


def edits_of(old: str, new: str) -> tuple[SentenceEdit, ...]:
    a, b = document(f"# S\n{old}"), document(f"# S\n{new}")
    return redline(a.sections, b.sections, "nl")


def ops(edits: tuple[SentenceEdit, ...]) -> list[str]:
    return [e.op for e in edits]


def test_same_text_is_all_equal() -> None:
    assert set(ops(edits_of(OLD, OLD))) == {"equal"}


def test_wrapping_spacing_and_hyphenation_are_not_changes() -> None:
    rewrapped = OLD.replace("burden-sharing", "burden- sharing").replace("  ", " ")
    rewrapped = rewrapped.replace("omvangrijk en", "omvangrijk\nen").replace(
        "aan Oekraïne", "aan  Oekraïne"
    )
    assert set(ops(edits_of(OLD, rewrapped))) == {"equal"}


def test_a_changed_figure_is_a_word_replacement() -> None:
    new = OLD.replace("circa €13,6 mld.", "circa €14,3 mld.")
    edits = edits_of(OLD, new)
    # The second paragraph did not change: it stays one equal edit, never split.
    assert ops(edits) == ["equal", "replace", "equal", "equal"]
    assert edits[3].new == OLD.split("\n\n")[1]
    changed = [w for w in edits[1].words if w.op != "equal"]
    assert [(w.op, w.old, w.new) for w in changed] == [("replace", "€13,6", "€14,3")]


def test_inserted_and_deleted_sentences() -> None:
    new = OLD.replace(
        "Het kabinet roept internationaal op tot burden-sharing.",
        "Een sterke Oekraïense krijgsmacht is de eerste verdedigingslinie.",
    )
    edits = edits_of(OLD, new)
    assert ops(edits) == ["equal", "equal", "delete", "insert", "equal"]
    assert edits[2].old.startswith("Het kabinet roept")
    assert edits[3].new.startswith("Een sterke")
    assert edits[3].paragraph == 0 and edits[2].old_paragraph == 0


def test_a_moved_sentence_is_moved_not_deleted_and_inserted() -> None:
    first, second = OLD.split("\n\n")
    moved_sentence = "De Nederlandse steun aan Oekraïne is omvangrijk en intensief."
    new = first.replace(moved_sentence + " ", "") + "\n\n" + second + " " + moved_sentence
    edits = edits_of(OLD, new)
    assert "delete" not in ops(edits) and "insert" not in ops(edits)
    moved = [e for e in edits if e.op == "moved"]
    assert [(e.new, e.paragraph, e.old_paragraph) for e in moved] == [(moved_sentence, 1, 0)]


def test_word_edits_use_difflib_vocabulary_and_rebuild_both_sides() -> None:
    old = "The Committee decided to raise the target range to 5-1/4 to 5-1/2 percent."
    new = "The Committee decided to maintain the target range at 5-1/4 to 5-1/2 percent today."
    words = word_edits(old, new)
    assert {w.op for w in words} <= {"equal", "replace", "delete", "insert"}
    assert " ".join(w.old for w in words if w.old) == old
    assert " ".join(w.new for w in words if w.new) == new
    assert ("replace", "raise", "maintain") in [(w.op, w.old, w.new) for w in words]

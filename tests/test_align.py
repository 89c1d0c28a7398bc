"""Section alignment on real letter text: statuses, global choice, no forced pairs."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lettertext import document

from tracker.comparison.sections import _assign, align_sections
from tracker.model import SectionPair

SEEDS = Path(__file__).resolve().parent.parent / "letters" / "oekraine-steun"

TRAINING = (
    "Nederland draagt bij aan de training van Oekraïense militairen in verschillende "
    "Europese landen. Sinds de start van operatie Interflex zijn ruim 60.000 Oekraïense "
    "militairen getraind. Nederland levert per rotatie ongeveer 90 militairen en in 2026 "
    "gaat de inzet door."
)
INDUSTRY = (
    "Het kabinet werkt nauw samen met de Nederlandse defensie-industrie en met de "
    "Oekraïense industrie. Zo zijn er afspraken gemaakt over gezamenlijke productie van "
    "drones en munitie, en over reparatie van geleverd materieel in Nederland en Polen."
)
FINANCE = (
    "Nederland heeft sinds de aanvang van de oorlog circa €13,6 mld. aan militaire steun "
    "begroot. De totale waarde van de geleverde steun bedroeg op 31 augustus ca. €8,7 mld."
)
UNRELATED = (
    "The Governing Council today decided to keep the three key ECB interest rates "
    "unchanged. The incoming information has broadly confirmed our previous assessment "
    "of the medium-term inflation outlook."
)


def statuses(pairs: tuple[SectionPair, ...]) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(p.status, p.old, p.new) for p in pairs]


def test_a_letter_against_itself_is_unchanged() -> None:
    doc = document(
        f"Aanhef.\n# Financiën\n{FINANCE}\n# Training\n{TRAINING}\n# Industrie\n{INDUSTRY}"
    )
    pairs = align_sections(doc.sections, doc.sections)
    assert statuses(pairs) == [("unchanged", (i,), (i,)) for i in range(4)]
    assert all(p.similarity == 1.0 for p in pairs)


def test_renamed_and_edited_section_is_found() -> None:
    old = document(f"# Samenwerking met industrie en Oekraïne\n{INDUSTRY}\n# Training\n{TRAINING}")
    edited = INDUSTRY.replace("drones en munitie", "drones, munitie en luchtverdediging")
    new = document(f"# Industrie\n{edited}\n# Training\n{TRAINING}")
    pairs = align_sections(old.sections, new.sections)
    assert statuses(pairs) == [("renamed", (0,), (0,)), ("unchanged", (1,), (1,))]
    assert 0.8 < pairs[0].similarity < 1.0


def test_moved_added_and_removed_sections() -> None:
    old = document(f"# Financiën\n{FINANCE}\n# Training\n{TRAINING}\n# Industrie\n{INDUSTRY}")
    new = document(f"# Industrie\n{INDUSTRY}\n# Financiën\n{FINANCE}\n# Rente\n{UNRELATED}")
    pairs = align_sections(old.sections, new.sections)
    # Industrie and Financiën swapped places: one of the two is the one that moved.
    assert [(p.old, p.new) for p in pairs] == [((2,), (0,)), ((0,), (1,)), ((1,), ()), ((), (2,))]
    assert sorted(p.status for p in pairs[:2]) == ["moved", "unchanged"]
    assert [p.status for p in pairs[2:]] == ["removed", "added"]


def test_unrelated_sections_stay_unpaired_even_under_one_heading() -> None:
    old = document(f"# Overig\n{TRAINING}\n# Financiën\n{FINANCE}")
    new = document(f"# Overig\n{UNRELATED}", language="en")
    pairs = align_sections(old.sections, new.sections)
    assert {p.status for p in pairs} == {"added", "removed"}


def test_rewritten_body_under_a_unique_fixed_heading_stays_paired() -> None:
    old = document(f"# Economic activity\n{UNRELATED}\n# Training\n{TRAINING}", language="en")
    rewritten = (
        "The Governing Council today decided to lower the three key ECB interest rates by "
        "25 basis points. Inflation has continued to develop broadly as staff expected."
    )
    new = document(f"# Economic activity\n{rewritten}\n# Training\n{TRAINING}", language="en")
    pairs = align_sections(old.sections, new.sections)
    assert statuses(pairs)[0] == ("modified", (0,), (0,))


def test_split_and_merged_sections() -> None:
    old = document(f"# Steun\n{FINANCE} {TRAINING}\n# Industrie\n{INDUSTRY}")
    new = document(f"# Steun\n{FINANCE}\n# Training\n{TRAINING}\n# Industrie\n{INDUSTRY}")
    assert statuses(align_sections(old.sections, new.sections)) == [
        ("split", (0,), (0, 1)),
        ("unchanged", (1,), (2,)),
    ]
    assert statuses(align_sections(new.sections, old.sections)) == [
        ("merged", (0, 1), (0,)),
        ("unchanged", (2,), (1,)),
    ]


def test_assignment_is_global_not_first_come() -> None:
    # Best-first would take (0, 0) at 0.9 and leave old 1 alone; the optimum pairs both.
    scores = {(0, 0): (0.9, 0.9), (0, 1): (0.85, 0.85), (1, 0): (0.8, 0.8)}
    assert _assign(scores, 2, 2) == [(0, 1), (1, 0)]


def test_repeated_headings_pair_each_section_once() -> None:
    paragraphs = [FINANCE, TRAINING, INDUSTRY, UNRELATED] * 5
    old = document("\n".join(f"# Overig\n{p} Punt {i}." for i, p in enumerate(paragraphs)))
    new_parts = [f"# Overig\n{p} Punt {i}." for i, p in enumerate(paragraphs)]
    new_parts[3], new_parts[7] = new_parts[7], new_parts[3]
    del new_parts[10]
    new = document("\n".join(new_parts))
    pairs = align_sections(old.sections, new.sections)
    olds = [o for p in pairs for o in p.old]
    news = [n for p in pairs for n in p.new]
    assert sorted(olds) == list(range(len(old.sections)))
    assert sorted(news) == list(range(len(new.sections)))
    assert ("removed", (10,), ()) in statuses(pairs)


SENTENCES = [s.strip() + "." for s in f"{TRAINING} {INDUSTRY} {FINANCE}".split(". ") if s.strip()]
HEADINGS = ["Financiën", "Training", "Industrie", "Overig", "Toetsing", "Europese Vredesfaciliteit"]

section_texts = st.lists(
    st.tuples(
        st.sampled_from(HEADINGS),
        st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=5),
    ),
    min_size=0,
    max_size=8,
)


def _letter(sections: list[tuple[str, list[str]]]) -> str:
    return "\n".join(f"# {heading}\n{' '.join(body)}" for heading, body in sections)


@settings(max_examples=60, deadline=None)
@given(section_texts)
def test_any_letter_against_itself_is_all_unchanged(sections: list[tuple[str, list[str]]]) -> None:
    doc = document(_letter(sections))
    pairs = align_sections(doc.sections, doc.sections)
    assert [(p.status, p.old, p.new) for p in pairs] == [
        ("unchanged", (i,), (i,)) for i in range(len(doc.sections))
    ]


@settings(max_examples=60, deadline=None)
@given(section_texts, section_texts)
def test_every_section_appears_in_exactly_one_pair(
    old_sections: list[tuple[str, list[str]]], new_sections: list[tuple[str, list[str]]]
) -> None:
    old, new = document(_letter(old_sections)), document(_letter(new_sections))
    pairs = align_sections(old.sections, new.sections)
    assert sorted(o for p in pairs for o in p.old) == list(range(len(old.sections)))
    assert sorted(n for p in pairs for n in p.new) == list(range(len(new.sections)))
    assert pairs == align_sections(old.sections, new.sections)  # deterministic
    for pair in pairs:
        assert bool(pair.old) or pair.status == "added"
        assert bool(pair.new) or pair.status == "removed"
        assert 0.0 <= pair.similarity <= 1.0


def test_a_rewritten_section_under_its_unique_heading_pairs_by_vocabulary() -> None:
    # The same words in another order: little in sequence, everything in vocabulary.
    reordered = " ".join(reversed(TRAINING.split()))
    old = document(f"{FINANCE}\n# Bill issuance\n{TRAINING}\n# Industrie\n{INDUSTRY}")
    new = document(f"{FINANCE}\n# Bill issuance\n{reordered}\n# Industrie\n{INDUSTRY}")
    pairs = align_sections(old.sections, new.sections)
    assert statuses(pairs)[1] == ("modified", (1,), (1,))
    # Below the word-sequence bar, the similarity shown is the shared vocabulary: all of it.
    assert pairs[1].similarity == 1.0


def test_the_section_that_jumped_past_a_split_one_is_the_moved_one() -> None:
    old = document(f"# Steun\n{FINANCE} {TRAINING}\n# Industrie\n{INDUSTRY}\n# Slot\nTot slot.")
    new = document(
        f"# Slot\nTot slot.\n# Steun\n{FINANCE}\n# Training\n{TRAINING}\n# Industrie\n{INDUSTRY}"
    )
    assert statuses(align_sections(old.sections, new.sections)) == [
        ("moved", (2,), (0,)),
        ("split", (0,), (1, 2)),
        ("unchanged", (1,), (3,)),
    ]

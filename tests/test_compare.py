"""compare() end to end: golden reports, invariants on real letters, and the CLI command."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tracker.cli import app
from tracker.comparison.compare import compare
from tracker.model import Comparison, Document, Section
from tracker.read.files import dated, load_document
from tracker.render.json import render_json
from tracker.render.markdown import render_markdown
from tracker.render.terminal import render_terminal

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
SEEDS = ROOT / "letters" / "oekraine-steun"
NEWS = SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt"
DELIVERY = SEEDS / "2026-02-27-leveringen-militaire-goederen.txt"
UPDATE = os.environ.get("TRACKER_UPDATE_GOLDEN") == "1"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "letters.txt").is_file())


def case_letters(name: str) -> tuple[Path, Path]:
    old, new = (CASES / name / "letters.txt").read_text(encoding="utf-8").split()
    return ROOT / old, ROOT / new


def compare_files(old: Path, new: Path) -> Comparison:
    """The comparison `tracker compare OLD NEW` makes: letters dated as their files are."""
    return compare(dated(load_document(old)), dated(load_document(new)))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_golden_reports(name: str) -> None:
    comparison = compare_files(*case_letters(name))
    for file_name, text in (
        ("expected.md", render_markdown(comparison)),
        ("expected.json", render_json(comparison)),
    ):
        expected = CASES / name / file_name
        if UPDATE:
            expected.write_text(text, encoding="utf-8")
        assert text == expected.read_text(encoding="utf-8"), f"{name}/{file_name}: run make golden"


def test_seed_pair_pairs_the_renamed_sections_and_leaves_new_ones_added() -> None:
    comparison = compare_files(NEWS, DELIVERY)
    named = {
        (
            tuple(comparison.old.sections[i].heading for i in p.old),
            tuple(comparison.new.sections[i].heading for i in p.new),
        ): p.status
        for p in comparison.sections
    }
    assert named[(("Samenwerking met industrie en Oekraïne",), ("Industrie",))] == "renamed"
    assert named[(("Training van Oekraïense militairen",), ("Training",))] == "renamed"
    for heading in ("Toetsing", "Effecten krijgsmacht", "Europese Vredesfaciliteit"):
        assert named[((), (heading,))] == "added"
    assert comparison.differs


def test_unrelated_letters_pair_almost_nothing() -> None:
    comparison = compare_files(DELIVERY, SEEDS / "2026-03-04-verslag-defensieraad-navo.txt")
    paired = [p for p in comparison.sections if p.old and p.new]
    assert len(paired) <= 1


def test_fixed_headings_of_successive_ecb_statements_pair_up() -> None:
    comparison = compare_files(*case_letters("ecb-2025-09-to-2025-10"))
    headings = {
        comparison.new.sections[p.new[0]].heading: p.status
        for p in comparison.sections
        if p.old and p.new
    }
    for heading in ("Economic activity", "Inflation", "Risk assessment", "Conclusion"):
        assert headings.get(heading) in {"modified", "unchanged"}, heading


def test_successive_one_section_press_releases_pair_their_openings() -> None:
    comparison = compare_files(*case_letters("ecb-nl-2008-10-to-2009-05"))
    assert [(p.status, p.old, p.new) for p in comparison.sections] == [("modified", (0,), (0,))]
    replaced = [e for e in comparison.sections[0].edits if e.op == "replace"]
    assert any(
        ("replace", "3,75%,", "1,00%,") in [(w.op, w.old, w.new) for w in e.words] for e in replaced
    )


def test_fomc_statements_without_headings_get_a_sentence_redline() -> None:
    comparison = compare_files(*case_letters("fomc-2025-09-to-2025-10"))
    changed = [p for p in comparison.sections if p.edits]
    assert changed
    ops = {e.op for p in changed for e in p.edits}
    assert "replace" in ops
    assert all(e.words for p in changed for e in p.edits if e.op == "replace")


# --- invariants --------------------------------------------------------------------------


def documents() -> list[Document]:
    letters = sorted(SEEDS.glob("*.txt"))
    corpus = sorted(p for name in CASE_NAMES for p in case_letters(name))
    return [load_document(p) for p in [*letters, *dict.fromkeys(corpus)]]


DOCUMENTS = documents()


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.meta.source or "" for d in DOCUMENTS])
def test_a_letter_compared_with_itself_has_no_changes(doc: Document) -> None:
    comparison = compare(doc, doc)
    assert [p.status for p in comparison.sections] == ["unchanged"] * len(doc.sections)
    assert all(not p.edits for p in comparison.sections)
    assert all(p.similarity == 1.0 for p in comparison.sections)
    assert not comparison.differs  # figures too: every one pairs with itself


def _assert_every_section_once(comparison: Comparison) -> None:
    olds = sorted(o for p in comparison.sections for o in p.old)
    news = sorted(n for p in comparison.sections for n in p.new)
    assert olds == list(range(len(comparison.old.sections)))
    assert news == list(range(len(comparison.new.sections)))


def _edited(doc: Document, seed: int) -> Document:
    """A next version of `doc`: sections dropped, swapped, renamed and sentences reworded."""
    rng = random.Random(seed)
    sections = list(doc.sections)
    if len(sections) > 2 and rng.random() < 0.5:
        del sections[rng.randrange(len(sections))]
    if len(sections) > 2 and rng.random() < 0.5:
        i, j = rng.sample(range(len(sections)), 2)
        sections[i], sections[j] = sections[j], sections[i]
    edited: list[Section] = []
    for section in sections:
        blocks = list(section.blocks)
        heading = section.heading
        if heading and rng.random() < 0.2:
            heading = heading + " en verder"
        for k, block in enumerate(blocks):
            if hasattr(block, "text") and rng.random() < 0.3:
                words = block.text.split()
                if words:
                    words[rng.randrange(len(words))] = "gewijzigd"
                blocks[k] = type(block)(" ".join(words), block.line, block.end_line)  # type: ignore[call-arg]
        edited.append(Section(heading, section.level, tuple(blocks), section.footnotes))
    return Document(doc.meta, tuple(edited))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(DOCUMENTS), st.integers(0, 10_000))
def test_each_section_is_paired_exactly_once_and_rendering_is_stable(
    doc: Document, seed: int
) -> None:
    new = _edited(doc, seed)
    comparison = compare(doc, new)
    _assert_every_section_once(comparison)
    for pair in comparison.sections:
        if pair.status == "unchanged":
            assert not pair.edits
        assert 0.0 <= pair.similarity <= 1.0
    again = compare(doc, new)
    assert render_markdown(comparison) == render_markdown(again)
    assert render_json(comparison) == render_json(again)
    assert render_terminal(comparison) == render_terminal(again)


# --- the command ---------------------------------------------------------------------------


def test_cli_json_follows_the_contract() -> None:
    result = CliRunner().invoke(app, ["compare", str(NEWS), str(DELIVERY), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "tracker.compare/1"
    assert data["old"]["source"] == NEWS.name and data["new"]["source"] == DELIVERY.name
    for section in data["sections"]:
        assert section["status"] in {
            "unchanged", "modified", "renamed", "moved", "added", "removed", "split", "merged"
        }  # fmt: skip
        if section["status"] == "added":
            assert section["old"] is None and section["new_index"]
    assert str(ROOT) not in result.stdout


def test_cli_exit_codes_follow_git_diff() -> None:
    runner = CliRunner()
    same = runner.invoke(app, ["compare", str(DELIVERY), str(DELIVERY), "--exit-code"])
    assert same.exit_code == 0
    differ = runner.invoke(app, ["compare", str(NEWS), str(DELIVERY), "--exit-code"])
    assert differ.exit_code == 1
    plain = runner.invoke(app, ["compare", str(NEWS), str(DELIVERY)])
    assert plain.exit_code == 0
    assert plain.stdout.startswith("# Changes from ")  # not a terminal: Markdown


def test_cli_writes_the_format_of_the_extension_atomically(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["compare", str(NEWS), str(DELIVERY), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "tracker.compare/1"
    md = tmp_path / "report.md"
    runner.invoke(app, ["compare", str(NEWS), str(DELIVERY), "-o", str(md)])
    assert md.read_text(encoding="utf-8") == render_markdown(compare_files(NEWS, DELIVERY))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.md"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["compare", "missing.txt", str(DELIVERY)], "missing.txt"),
        (["compare", str(NEWS), str(DELIVERY), "--format", "pdf"], "unknown format"),
        (["compare", str(NEWS), str(DELIVERY), "-o", "/no/such/folder/report.md"], "cannot write"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert proc.stdout == ""


def test_cli_reads_a_letter_from_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "compare", str(NEWS), "-", "--format", "json"],
        input=DELIVERY.read_bytes(),
        capture_output=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["new"]["source"] == "stdin.txt"
    assert data["new"]["title"] == "Leveringen militaire goederen aan Oekraïne"


@pytest.mark.parametrize("fixture", ["seed-000.pdf", "seed-000.docx", "seed-000.html"])
def test_the_same_letter_in_another_format_has_no_changes(fixture: str) -> None:
    comparison = compare_files(DELIVERY, ROOT / "tests" / "fixtures" / "formats" / fixture)
    assert {p.status for p in comparison.sections} == {"unchanged"}
    assert all(not p.edits for p in comparison.sections)

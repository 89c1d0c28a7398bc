"""Canonical snapshots: Document -> Markdown -> the same Document, on generated and real letters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SEEDS, corpus_files
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import InputError
from tracker.model import Document, Footnote, Meta, Paragraph, Section, Table
from tracker.read.files import load_document
from tracker.read.snapshot import from_markdown, to_markdown

# Words as letters write them, and words that Markdown would read as markup.
WORDS = [
    "Nederland", "heeft", "circa", "€14,3", "mld.", "aan", "steun", "begroot.", "NAVO-fonds",
    "3,5%", "Oekraïne", "(zie", "o.a.", "Kamerstuk", "22", "054,", "nr.", "463)", "The",
    "Committee", "$1.058", "trillion;", "5-1/4", "percent", "F-16’s", "‘‘Onophoudelijke",
    "*", "**vet**", "_GoBack", "[1]", "[^2]", "a|b", "#", "##", "1.", "2)", "-", "+", "---",
    "===", "<b>", "&amp;", "&", "\\", "`code`", "~~~", "```", ">", "!", "[link](url)", "^",
    ":", "1\\.", "\\*", "–", "·",
]  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
labels = st.lists(st.sampled_from(["1", "2", "3", "12", "a", "*"]), unique=True, max_size=3)
spans = st.tuples(st.integers(1, 500), st.integers(0, 40)).map(lambda t: (t[0], t[0] + t[1]))


@st.composite
def paragraphs(draw: st.DrawFn) -> Paragraph:
    first, last = draw(spans)
    return Paragraph(draw(words), first, last, (), draw(st.booleans()))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(1, 4))
    header = tuple(draw(st.lists(words, min_size=width, max_size=width)))
    cell = st.one_of(st.just(""), words)
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width).map(tuple), max_size=4))
    first, last = draw(spans)
    return Table(header, tuple(rows), first, last)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    count = draw(st.integers(1, 5))
    opening = draw(st.booleans())
    sections: list[Section] = []
    for index in range(count):
        blocks = draw(st.lists(st.one_of(paragraphs(), tables()), max_size=4))
        is_opening = opening and index == 0
        if is_opening and not blocks:
            blocks = [draw(paragraphs())]
        heading = None if is_opening else draw(words)
        level = 0 if is_opening else draw(st.integers(1, 6))
        sections.append(Section(heading, level, tuple(blocks), lines=draw(spans)))
    sections = _with_footnotes(draw, sections)
    meta = Meta(
        title=draw(st.one_of(st.none(), words)),
        date=draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)))),
        language=draw(st.sampled_from(["nl", "en"])),
        references=tuple(draw(st.lists(words, max_size=3))),
        signatory=draw(st.one_of(st.none(), words)),
        source=draw(st.one_of(st.none(), st.just("2026-02-27-brief.txt"))),
        sha256=draw(st.one_of(st.none(), st.just("ab" * 32))),
    )
    return Document(meta, tuple(sections))


def _with_footnotes(draw: st.DrawFn, sections: list[Section]) -> list[Section]:
    """Give paragraphs, tables and headings footnote labels, with bodies in their section."""
    used: set[str] = set()
    result = []
    for section in sections:
        blocks: list[Paragraph | Table] = []
        notes: list[Footnote] = []
        heading_labels: tuple[str, ...] = ()
        if section.heading is not None:
            heading_labels = tuple(x for x in draw(labels) if x not in used)
            used.update(heading_labels)
        for block in section.blocks:
            own = tuple(x for x in draw(labels) if x not in used)
            used.update(own)
            if isinstance(block, Paragraph):
                blocks.append(
                    Paragraph(block.text, block.line, block.end_line, own, block.list_item)
                )
            else:
                blocks.append(Table(block.header, block.rows, block.line, block.end_line, own))
        for label in (*heading_labels, *(x for b in blocks for x in b.footnotes)):
            notes.append(Footnote(label, draw(words)))
        result.append(
            Section(
                section.heading,
                section.level,
                tuple(blocks),
                tuple(notes),
                section.lines,
                heading_labels,
            )
        )
    return result


@given(documents())
@settings(max_examples=150, deadline=None)
def test_round_trip_on_generated_documents(doc: Document) -> None:
    markdown = to_markdown(doc)
    assert from_markdown(markdown) == doc
    assert to_markdown(from_markdown(markdown)) == markdown  # stable: writing twice changes nothing


REAL = [*SEEDS.values(), *corpus_files()]


@pytest.mark.parametrize("path", REAL, ids=[f"{p.parent.name}/{p.name}" for p in REAL])
def test_round_trip_on_real_letters(path: Path) -> None:
    doc = load_document(path)
    assert from_markdown(to_markdown(doc)) == doc


def test_snapshot_shape(seed_docs: dict[str, Document]) -> None:
    markdown = to_markdown(seed_docs["delivery"])
    head = markdown.split("\n---\n", 1)[0]
    assert head.splitlines()[:9] == [
        "---",
        'title: "Leveringen militaire goederen aan Oekraïne"',
        "date: 2026-02-27",
        "language: nl",
        "references:",
        '  - "MINDEF20260006976"',
        "cites:",
        '  - "22 054, nr. 463"',
        'signatory: "Dilan Yeşilgöz-Zegerius"',
    ]
    body = markdown.split("\n---\n", 1)[1]
    assert "\n# Financiële stand van zaken levering van militaire goederen\n" in body
    assert "\n| Type steun | 31 aug. 2025 | 03 feb. 2026[^6] |\n| --- | --- | --- |\n" in body
    assert "\n| Totaal | € 8,7 mld. | € 11,7 mld. |\n" in body
    assert "\n- Directe levering: De totale vervangingswaarde" in body
    assert "\n[^2]: Ter vertrouwelijke inzage gelegd" in body
    assert "door Defensie geleverde goederen.[^2]\n" in body


def test_snapshot_without_line_spans_uses_its_own_lines() -> None:
    text = '---\ntitle: "Brief"\ndate: null\nlanguage: nl\n---\n\n# Kop\n\nEen alinea.\n'
    doc = from_markdown(text)
    assert doc.meta.title == "Brief"
    assert doc.sections == (Section("Kop", 1, (Paragraph("Een alinea.", 9, 9),), lines=(7, 9)),)


@pytest.mark.parametrize("text", ["# Geen front matter\n", "---\ntitle: x\n", ""])
def test_not_a_snapshot(text: str) -> None:
    with pytest.raises(InputError):
        from_markdown(text)


def test_windows_line_endings_read_the_same(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["questions"]
    markdown = to_markdown(doc)
    assert from_markdown(markdown.replace("\n", "\r\n")) == doc


def test_showing_a_snapshot_reads_it_back(tmp_path: Path, seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["report"]
    path = tmp_path / "2026-03-04-verslag.md"
    path.write_text(to_markdown(doc), encoding="utf-8")
    again = load_document(path)
    assert again.sections == doc.sections
    assert again.meta.title == doc.meta.title and again.meta.date == doc.meta.date


def test_markdown_letter_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "---\ntitle: 'Leveringen aan Oekraïne'\ndate: 2026-02-27\ntags: [defensie]\n---\n\n"
        "In vervolg op de vorige update informeer ik u over de leveringen aan Oekraïne.\n\n"
        "## Industrie\n\nDe voortzetting van de steun hangt af van de industrie in Europa.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.meta.title == "Leveringen aan Oekraïne"
    assert doc.meta.date == dt.date(2026, 2, 27)
    assert [(s.heading, s.lines) for s in doc.sections] == [(None, (7, 7)), ("Industrie", (9, 11))]

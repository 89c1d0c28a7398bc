"""Every writer of CSV and Markdown escapes what it writes, whatever a letter's name or text.

CSV rows are read back with the csv module; titles, names and headings full of Markdown go
through the real renderers, whose output is parsed back with markdown-it-py. The campaign's
reproducer of a wedged series (a carriage return in a file name) runs through the real CLI.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from history_repos import SEEDS, SERIES, commits, make_repo, run_main, status
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_checks import assert_plain_markdown

from tracker.comparison.compare import compare
from tracker.github.issues import issue_drafts
from tracker.github.summary import markdown_text
from tracker.history.csvlines import CsvLines, csv_text
from tracker.history.index import LetterEntry, entries_from_csv, entries_to_csv, render_index
from tracker.history.ingest import ingest
from tracker.history.ledger import LedgerRow
from tracker.history.ledger_csv import rows_from_csv, rows_to_csv
from tracker.model import Document, Meta, Paragraph, Section
from tracker.render.markdown import render_markdown
from tracker.text.safe import _MARKDOWN_SPECIAL, flat, markdown_inline, shown

FIRST, SECOND, THIRD = (
    "2025-09-10-nieuwsbericht-militaire-steun.txt",
    "2025-11-27-antwoorden-kamervragen.txt",
    "2026-02-27-leveringen-militaire-goederen.txt",
)
# Text that would be markup, or end a line, anywhere it is written unescaped.
HOSTILE_TEXT = st.text(
    alphabet=st.sampled_from(list("ab |[]()#*_`<>!&:\\~-=+.\r\n\t\x1b\u2028\x85é€")),
    max_size=40,
)


# --- CSV ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=5), min_size=1, max_size=5))
def test_csv_rows_read_back_as_written(rows: list[list[str]]) -> None:
    out = io.StringIO()
    CsvLines(out).writerows(rows)
    read = list(csv.reader(io.StringIO(out.getvalue())))
    # csv writes a row of one empty field as "" and reads it back as [""]: the same row.
    assert read == rows


@given(
    st.lists(
        st.lists(st.text(alphabet='ab,"\r\n é', max_size=8), min_size=1, max_size=4),
        max_size=6,
    )
)
def test_csv_text_in_one_pass_is_what_the_rows_written_one_by_one_give(
    rows: list[list[str]],
) -> None:
    out = io.StringIO()
    CsvLines(out).writerows(rows)
    assert csv_text(rows) == out.getvalue()
    assert csv_text([["a\r\nb", "c"], ["d"]]) == '"a\r\nb",c\nd\n'


@given(st.one_of(HOSTILE_TEXT, st.text(max_size=30)))
def test_markdown_inline_of_plain_text_is_the_escaping_it_skips(text: str) -> None:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", shown(flat(text)))
    assert markdown_inline(text) == ("\\" + escaped if escaped.startswith("::") else escaped)


def test_csv_rows_without_line_breaks_are_written_as_before() -> None:
    rows = [["a", "b,c", 'd"e', "", "1.5"], ["é", " x ", "y\nz"]]
    before, now = io.StringIO(), io.StringIO()
    csv.writer(before, lineterminator="\n").writerows(rows)
    CsvLines(now).writerows(rows)
    assert now.getvalue() == before.getvalue()
    assert _csv_line(["a\rb", "c"]) == '"a\rb",c\n'


def _csv_line(row: list[str]) -> str:
    out = io.StringIO()
    CsvLines(out).writerow(row)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT)
def test_manifest_and_ledger_read_back_whatever_their_fields_hold(
    title: str, source: str, text: str
) -> None:
    entry = LetterEntry(
        date=dt.date(2026, 2, 27),
        letter="2026-02-27-brief",
        title=title,
        source=source,
        sha256="0" * 64,
        reference=text,
        status="first",
        corrects="",
        predecessor="",
        superseded=False,
        sections_changed=1,
        figures_changed=2,
        findings=0,
    )
    assert entries_from_csv(entries_to_csv([entry, entry])) == [entry, entry]
    row = LedgerRow(
        date=dt.date(2026, 2, 27),
        letter="2026-02-27-brief",
        figure="steun",
        label=title,
        unit="EUR",
        value=Decimal("14300000000"),
        high=None,
        text=text,
        qualifier=None,
        section=source,
        line=3,
        index=0,
        status="new",
    )
    assert rows_from_csv(rows_to_csv([row, row])) == [row, row]


def test_a_carriage_return_in_a_file_name_does_not_wedge_the_series(tmp_path: Path) -> None:
    """The campaign's reproducer: `cp letter "letters/fomc/2024-01-31-a$(printf '\\r')b.txt"`."""
    root = make_repo(tmp_path / "repo", [FIRST])
    folder = root / "letters" / SERIES
    shutil.copyfile(SEEDS / SECOND, folder / "2025-11-27-a\rb.txt")
    first = run_main(root, "ingest", "letters")
    assert first.returncode == 0, first.stderr
    shutil.copyfile(SEEDS / THIRD, folder / THIRD)
    second = run_main(root, "ingest", "letters")
    assert second.returncode == 0, second.stderr
    listed = run_main(root, "history", SERIES)
    assert listed.returncode == 0, listed.stderr
    assert f"{SERIES} (3 letters)" in listed.stdout
    manifest = (root / "reports" / SERIES / "letters.csv").read_bytes().decode("utf-8")
    assert "2025-11-27-a\rb.txt" in {e.source for e in entries_from_csv(manifest)}
    assert run_main(root, "rebuild", "--check").returncode == 0
    assert status(root) == ""
    assert len(commits(root)) == 4


# --- Markdown ------------------------------------------------------------------------------


def _letter(title: str, source: str, heading: str, text: str) -> Document:
    return Document(
        meta=Meta(title=title, date=dt.date(2026, 2, 27), source=source),
        sections=(
            Section(heading=None, level=0, blocks=(Paragraph("Geachte voorzitter,", 1, 1),)),
            Section(
                heading=heading,
                level=2,
                blocks=(Paragraph(text=f"De steun is € 14,3 miljard. {text}", line=3, end_line=3),),
            ),
        ),
    )


@settings(max_examples=60, deadline=None)
@given(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT)
def test_reports_escape_titles_names_and_headings(
    title: str, source: str, heading: str, text: str
) -> None:
    old = _letter("Brief", "oud.txt", "Financiën", "Oud.")
    new = _letter(title or "x", source or "y", heading or "z", text)
    report = render_markdown(compare(old, new), explain=True)
    assert_plain_markdown(report)
    headings = [line for line in report.splitlines() if line.startswith("#")]
    assert all(not any(ch in h for ch in "\r\n\x85\u2028") for h in headings)


@settings(max_examples=60, deadline=None)
@given(HOSTILE_TEXT)
def test_the_series_index_and_summary_escape_titles(title: str) -> None:
    entry = LetterEntry(
        date=dt.date(2026, 2, 27),
        letter="2026-02-27-brief",
        title=title,
        source=title,
        sha256="0" * 64,
        reference="",
        status="first",
        corrects="",
        predecessor="",
        superseded=False,
        sections_changed=0,
        figures_changed=0,
        findings=0,
    )
    assert_plain_markdown(render_index(SERIES, [entry], []), tables=1)
    line = markdown_text(title)
    assert "\n" not in line and "\r" not in line
    assert_plain_markdown(f"### {line}\n")


MARKUP_TITLE = "Steun [klik](javascript:x) *vet* <b>x</b> | ![beeld](http://x) `code`"
"""A letter's first line full of Markdown: links, emphasis, raw HTML, a table pipe, an image."""


def _markup_letters(root: Path, values: Sequence[str]) -> list[Path]:
    """Letters titled MARKUP_TITLE whose one figure's label holds a table pipe."""
    folder = root / "letters" / "markup"
    folder.mkdir(parents=True)
    paths = []
    for day, value in enumerate(values, start=1):
        path = folder / f"2025-03-0{day}-brief.md"
        path.write_text(
            f"{MARKUP_TITLE}\n\nDen Haag, {day} maart 2025\n\n"
            f"Nederland heeft circa € {value} mld. aan militaire steun | begroot.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def test_the_reports_of_a_series_escape_what_its_letters_hold(tmp_path: Path) -> None:
    """The first letter's report (title, figure table) and the next one's link back to it."""
    root = make_repo(tmp_path / "repo", [])
    _markup_letters(root, ["14,3", "15,1"])
    proc = run_main(root, "ingest", "letters")
    assert proc.returncode == 0, proc.stderr
    reports = sorted((root / "reports" / "markup").glob("2025-*.md"))
    assert len(reports) == 2
    for report in reports:
        assert_plain_markdown(report.read_text(encoding="utf-8"))
    first = reports[0].read_text(encoding="utf-8")
    assert "| militaire steun \\| begroot | €" in first


def test_an_issue_body_escapes_what_the_letters_hold(tmp_path: Path) -> None:
    """The moves table of an issue: a label's "|" is escaped once, so the row keeps its cells."""
    root = make_repo(tmp_path / "repo", [])
    first, second = _markup_letters(root, ["14,3", "15,1"])
    ingest(root, [first])
    drafts = issue_drafts(root, ingest(root, [second]), {})
    assert len(drafts) == 1
    assert "\n" not in drafts[0].title
    assert_plain_markdown(drafts[0].body, tables=1)
    assert "militaire steun \\| begroot" in drafts[0].body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a|b", "a\\|b"),
        ("[klik](x)", "\\[klik\\](x)"),
        ("# kop", "\\# kop"),
        (":: error ::x", "\\:: error ::x"),
        ("a\r\nb\nc\rd", "a b c d"),
        ("a\x1bb", "a\\\\x1bb"),
    ],
)
def test_markdown_inline(text: str, expected: str) -> None:
    assert markdown_inline(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("brief.txt", "brief.txt"),
        ("a\nb", "a\\nb"),
        ("a\rb\tc", "a\\rb\\tc"),
        (os.fsdecode(b"caf\xe9"), "caf\\xe9"),
        ("x\u202ey", "x\\u202ey"),
        ("Oekraïne €", "Oekraïne €"),
    ],
)
def test_shown(name: str, expected: str) -> None:
    assert shown(name) == expected
    shown(name).encode("utf-8")

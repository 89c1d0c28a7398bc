"""The pure side of the history: deriving a series from snapshot texts, the ledger's csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from history_repos import BY_DATE, SEEDS

from tracker.history.build import derive, extend
from tracker.history.index import entries_from_csv
from tracker.history.layout import (
    feed_path,
    index_path,
    ledger_path,
    manifest_path,
    page_path,
    report_path,
)
from tracker.history.ledger_csv import CSV_COLUMNS, rows_from_csv, rows_to_csv, scan_ledger
from tracker.history.ledger_view import render_ledger
from tracker.history.order import appends
from tracker.history.tracked import track
from tracker.read.files import document_from_bytes
from tracker.read.snapshot import from_markdown, to_markdown

SERIES = "oekraine-steun"


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Snapshot texts of the seed letters by stem."""
    made = {}
    for name in BY_DATE:
        doc = document_from_bytes((SEEDS / name).read_bytes(), name)
        # As ingest does: a letter that gives no date of its own is dated by its file name.
        date = doc.meta.date or dt.date.fromisoformat(name[:10])
        made[Path(name).stem] = to_markdown(replace(doc, meta=replace(doc.meta, date=date)))
    return made


@pytest.fixture(scope="module")
def derived(texts: dict[str, str]) -> dict[str, str]:
    return derive(SERIES, texts).files


def test_derive_is_independent_of_the_order_it_is_given(
    texts: dict[str, str], derived: dict[str, str]
) -> None:
    assert derive(SERIES, dict(reversed(list(texts.items())))).files == derived
    assert set(derived) == {report_path(SERIES, stem) for stem in texts} | {
        page_path(SERIES, stem) for stem in texts
    } | {
        manifest_path(SERIES),
        ledger_path(SERIES),
        index_path(SERIES),
        feed_path(SERIES),
    }


def test_extend_gives_what_derive_gives(texts: dict[str, str], derived: dict[str, str]) -> None:
    *earlier, last = list(texts)
    before = derive(SERIES, {stem: texts[stem] for stem in earlier}).files
    entries = entries_from_csv(before[manifest_path(SERIES)])
    doc = from_markdown(texts[last])
    assert appends(entries, last, doc)
    assert not appends(entries, earlier[0], from_markdown(texts[earlier[0]]))
    ledger = before[ledger_path(SERIES)]
    extended = extend(SERIES, entries, ledger.encode(), last, texts[last], doc, texts[earlier[-1]])
    for path, text in extended.files.items():
        assert text == derived[path], path
    # The ledger is not given whole: its new rows are appended to what it holds.
    assert ledger_path(SERIES) not in extended.files
    assert ledger + extended.appended[ledger_path(SERIES)] == derived[ledger_path(SERIES)]


def test_ledger_csv_round_trips_and_scans(derived: dict[str, str]) -> None:
    text = derived[ledger_path(SERIES)]
    rows = rows_from_csv(text)
    assert rows and rows_to_csv(rows) == text
    last_letter = rows[-1].letter
    scan = scan_ledger(text, {last_letter})
    assert scan.rows == [r for r in rows if r.letter == last_letter]
    assert all(r.figure in scan.known for r in rows)
    assert "no-such-figure-eur" not in scan.known and "figure" not in scan.known
    assert len({(r.letter, r.index) for r in rows}) == len(rows)  # one row per figure per letter
    # A field with a line break: the scan falls back to the csv module and agrees with it.
    broken_label = [*rows[:-1], replace(rows[-1], label="two\nlines")]
    text = rows_to_csv(broken_label)
    assert rows_from_csv(text)[-1].label == "two\nlines"
    scan = scan_ledger(text, {last_letter})
    assert scan.rows[-1].label == "two\nlines"
    assert all(r.figure in scan.known for r in rows)


def test_ledger_lists_only_reported_values_in_every_format(derived: dict[str, str]) -> None:
    rows = rows_from_csv(derived[ledger_path(SERIES)])
    entries = entries_from_csv(derived[manifest_path(SERIES)])
    tracked = track(rows, [e.letter for e in entries])
    assert sum(len(t.reported) for t in tracked) == len(rows)
    for figure in tracked:
        letters = {row.letter for _, row in figure.reported}
        assert figure.seen_in == len(letters)
        # The last report is the latest letter's own value, as that letter's column shows it.
        own = [p for p, row in figure.reported if row.status not in ("restated", "revised")]
        assert figure.last == figure.at((own or [p for p, _ in figure.reported])[-1])
        assert figure.last_seen == figure.last.date
    table = render_ledger(entries, tracked, "table").splitlines()
    assert table[0].split() == ["figure", "label", "unit", "last", "reported", "on", "letters"]
    assert len(table) == 1 + len(tracked)
    csv_lines = render_ledger(entries, tracked, "csv").splitlines()
    assert len(csv_lines) == 1 + len(rows)
    carried = next(csv.reader(csv_lines[:1])).index("carried")
    assert all(fields[carried] == "" for fields in csv.reader(csv_lines[1:]))
    data = json.loads(render_ledger(entries, tracked, "json"))
    assert data["schema"] == "tracker.figures/1"
    for figure, shown in zip(tracked, data["figures"], strict=True):
        assert not any(v["carried"] for v in shown["values"])
        assert {v["letter"] for v in shown["values"]} == set(shown["reported_in"])
        assert shown["last"] == {
            "letter": figure.last.letter,
            "date": figure.last.date.isoformat(),
            "value": shown["value"],
            "text": figure.last.text,
        }


def test_damaged_ledger_is_a_clear_error(derived: dict[str, str]) -> None:
    from tracker.errors import HistoryError

    header, first, *rest = derived[ledger_path(SERIES)].splitlines(keepends=True)
    fields = next(csv.reader([rest[-1]]))
    fields[CSV_COLUMNS.index("value")] = "not-a-number"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    broken = header + first + "".join(rest[:-1]) + out.getvalue()
    with pytest.raises(HistoryError, match=r"figures\.csv"):
        rows_from_csv(header.replace("date", "day") + first)
    with pytest.raises(HistoryError, match="tracker rebuild"):
        scan_ledger(broken, {fields[1]})


def test_known_identities_survive_copies(derived: dict[str, str]) -> None:
    text = derived[ledger_path(SERIES)]
    rows = rows_from_csv(text)
    known = scan_ledger(text, {rows[-1].letter}).state().known.copy().copy()
    assert rows[0].figure in known and rows[-1].figure in known
    assert "figure" not in known  # the header's column name is no identity

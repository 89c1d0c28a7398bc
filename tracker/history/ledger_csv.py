"""figures.csv, the ledger's file: written in series order, read back, and scanned from its end."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tracker.errors import HistoryError
from tracker.history.csvlines import CsvRecords, csv_text
from tracker.history.ledger import KnownIds, LedgerRow, LedgerState
from tracker.history.storage import decoded
from tracker.model import Role

CSV_COLUMNS = (
    "date",
    "letter",
    "figure",
    "label",
    "unit",
    "value",
    "high",
    "text",
    "qualifier",
    "section",
    "line",
    "index",
    "status",
    "concept",
    "role",
    "period",
    "current",
    "noun",
    "row",
    "column",
    "decimals",
    "as_of",
    "context",
    "conversion_of",
    "previous",
)
"""The columns of figures.csv. New columns go at the end: a reader of the old ones still
finds them where they were."""


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    # 14300000000.00 and 14300000000 are the same figure; write the shortest exact form.
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def rows_to_csv(rows: Iterable[LedgerRow], *, header: bool = True) -> str:
    """figures.csv: a header and one row per figure per letter, in series order."""
    fields = (_fields(row) for row in rows)
    return csv_text([CSV_COLUMNS, *fields] if header else fields)


def _fields(row: LedgerRow) -> tuple[object, ...]:
    return (
        row.date.isoformat(),
        row.letter,
        row.figure,
        row.label,
        row.unit,
        _number(row.value),
        _number(row.high),
        row.text,
        row.qualifier or "",
        row.section,
        row.line,
        row.index,
        row.status,
        row.concept,
        row.role,
        row.period,
        "yes" if row.current else "",
        row.noun or "",
        row.row or "",
        row.column or "",
        row.decimals,
        row.as_of.isoformat() if row.as_of else "",
        row.context,
        "" if row.conversion_of is None else row.conversion_of,
        row.previous,
    )


def scan_ledger(text: str, letters: Collection[str], name: str = "figures.csv") -> LedgerScan:
    """`scan_ledger_bytes` of figures.csv's text."""
    return scan_ledger_bytes(text.encode("utf-8"), letters, name)


def scan_ledger_bytes(
    data: bytes, letters: Collection[str], name: str = "figures.csv"
) -> LedgerScan:
    """What appending a letter needs from figures.csv: the rows of `letters`, which must be the
    last letters of the series, read from the end of the file; and the identities given.

    Neither depends on the length of the series: the rows are found by walking back from the
    end, and identities are looked up in the bytes only for the few a new letter might take;
    only the rows wanted are decoded. A row of those letters with a line break inside a field
    makes it read the whole file.
    """
    first = data.find(b"\n")
    if first == -1:
        return LedgerScan(known=KnownIds(), rows=[])
    header = next(csv.reader([decoded(data[:first], name)]))
    if tuple(header) != CSV_COLUMNS:
        raise HistoryError(
            f"{name}: unexpected columns {','.join(header)}",
            "run `tracker rebuild` to regenerate it from the snapshots",
        )
    wanted: list[bytes] = []
    end = len(data) - 1 if data.endswith(b"\n") else len(data)
    while end > first:
        start = data.rfind(b"\n", 0, end) + 1
        line = data[start:end]
        if line.count(b'"') % 2:  # a field spans lines: let the csv module read it all
            rows = rows_from_csv(decoded(data, name), name)
            return LedgerScan(
                known=KnownIds(r.figure for r in rows),
                rows=[r for r in rows if r.letter in letters],
            )
        parts = line.split(b",", 3)
        if len(parts) < 4 or decoded(parts[1], name) not in letters:
            break
        wanted.append(line)
        end = start - 1
    wanted.reverse()
    reader = csv.DictReader([decoded(line, name) for line in wanted], fieldnames=CSV_COLUMNS)
    return LedgerScan(
        known=KnownIds(ledger=data), rows=[_row(record, name, 0) for record in reader]
    )


@dataclass(frozen=True, slots=True)
class LedgerScan:
    known: KnownIds
    """Every figure identity in the ledger."""
    rows: list[LedgerRow]
    """The rows of the letters asked for, in ledger order."""

    def state(self) -> LedgerState:
        """The fold's state for the next letter, if `rows` cover the recent letters."""
        state = LedgerState(known=self.known.copy())
        by_letter: dict[str, list[LedgerRow]] = {}
        for row in self.rows:
            by_letter.setdefault(row.letter, []).append(row)
        for letter, rows in by_letter.items():
            state.add(letter, rows)
        return state


def rows_from_csv(text: str, name: str = "figures.csv") -> list[LedgerRow]:
    """Read figures.csv back; a damaged file is a HistoryError naming the line."""
    reader = CsvRecords(text, name)
    if reader.fieldnames is None:
        return []
    if tuple(reader.fieldnames) != CSV_COLUMNS:
        raise HistoryError(
            f"{name}: unexpected columns {','.join(reader.fieldnames)}",
            "run `tracker rebuild` to regenerate it from the snapshots",
        )
    return [_row(record, name, reader.line_num) for record in reader]


ROLES: tuple[Role, ...] = ("level", "change", "forecast", "preferred", "previous", "conversion")


def _role(text: str) -> Role:
    for role in ROLES:
        if role == text:
            return role
    raise ValueError(f"unknown role {text!r}")


MAX_EXPONENT = 40
"""Largest power of ten a value in figures.csv may have: figures are bounded where they are
read (figures/bounded.py), so a larger one was written by hand, and printing "1E999999999"
in full would take forever."""


def _value(text: str) -> Decimal:
    value = Decimal(text)
    if not value.is_finite() or abs(value.adjusted()) > MAX_EXPONENT:
        raise ValueError(f"{text[:24]!r} is not the value of a figure")
    return value


def _row(record: dict[str, str], name: str, line: int) -> LedgerRow:
    try:
        return LedgerRow(
            date=dt.date.fromisoformat(record["date"]),
            letter=record["letter"],
            figure=record["figure"],
            label=record["label"],
            unit=record["unit"],
            value=_value(record["value"]),
            high=_value(record["high"]) if record["high"] else None,
            text=record["text"],
            qualifier=record["qualifier"] or None,
            section=record["section"],
            line=int(record["line"]),
            index=int(record["index"]),
            status=record["status"],
            concept=record["concept"],
            role=_role(record["role"]),
            period=record["period"],
            current=record["current"] == "yes",
            noun=record["noun"] or None,
            row=record["row"] or None,
            column=record["column"] or None,
            decimals=int(record["decimals"]),
            as_of=dt.date.fromisoformat(record["as_of"]) if record["as_of"] else None,
            context=record["context"],
            conversion_of=int(record["conversion_of"]) if record["conversion_of"] else None,
            previous=record["previous"],
        )
    except (ValueError, InvalidOperation, TypeError, KeyError) as exc:
        where = f", line {line}" if line else ""
        raise HistoryError(
            f"{name}{where}: cannot read the row ({exc})",
            "run `tracker rebuild` to regenerate it from the snapshots",
        ) from None


def current_columns(text: str) -> bool:
    """Does figures.csv's text (empty for none yet) have today's columns? A ledger written by
    an older version is rebuilt from the snapshots rather than appended to."""
    first = text.split("\n", 1)[0]
    return not text or tuple(next(csv.reader([first]), ())) == CSV_COLUMNS

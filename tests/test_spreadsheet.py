"""`tracker figures SERIES --format csv --excel` opens in a Dutch spreadsheet as it should, and
the canonical CSV files stay canonical. Read back here as such a spreadsheet reads a file: a
BOM says UTF-8, ';' separates fields, ',' is the decimal mark and '.' groups thousands."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.render.spreadsheet import decimal_comma_csv

ROOT = Path(__file__).resolve().parents[1]
SERIES = "oekraine-steun"


def _figures(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", "figures", SERIES, *args],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )


def _as_dutch_spreadsheet(data: bytes) -> list[list[str]]:
    """Rows as a spreadsheet in Dutch splits them; without a BOM it would not read UTF-8."""
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: the spreadsheet reads the file as ANSI"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def _dutch_number(cell: str) -> Decimal:
    """A number as a Dutch spreadsheet reads it: '.' groups thousands, ',' is the decimal."""
    return Decimal(cell.replace(".", "").replace(",", "."))


def test_excel_csv_reads_back_as_the_canonical_one_in_a_dutch_spreadsheet() -> None:
    canonical = _figures("--format", "csv")
    excel = _figures("--format", "csv", "--excel")
    assert canonical.returncode == 0 and excel.returncode == 0, excel.stderr
    plain = list(csv.reader(io.StringIO(canonical.stdout.decode("utf-8"), newline="")))
    dutch = _as_dutch_spreadsheet(excel.stdout)
    assert dutch[0] == plain[0]
    assert {"figure", "label", "unit", "date", "value", "text"} <= set(plain[0])
    assert len(dutch) == len(plain) > 10
    value = plain[0].index("value")
    decimals = 0
    for ours, theirs in zip(dutch[1:], plain[1:], strict=True):
        assert len(ours) == len(plain[0])  # split into columns, not one
        assert _dutch_number(ours[value]) == Decimal(theirs[value])
        decimals += "." in theirs[value]
        assert [c for i, c in enumerate(ours) if i != value] == [
            c for i, c in enumerate(theirs) if i != value
        ]
    assert decimals, "the seed series has values with decimals (3.5, 1.5)"
    assert any(not cell.isascii() for row in dutch for cell in row)  # ë and € read as such
    assert b"\r\n" in excel.stdout


def test_canonical_csv_files_stay_rfc_4180_with_decimal_points() -> None:
    reports = ROOT / "reports" / SERIES
    for name in ("figures.csv", "letters.csv"):
        data = (reports / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), name
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        assert len({len(row) for row in rows}) == 1, name
    rows = list(csv.DictReader(io.StringIO(_figures("--format", "csv").stdout.decode())))
    assert all("," not in row["value"] for row in rows)
    assert any("." in row["value"] for row in rows)


def test_excel_goes_only_with_csv() -> None:
    proc = _figures("--excel")
    assert proc.returncode == 2
    assert proc.stderr.decode() == "tracker: error: --excel shapes a CSV file: add --format csv\n"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 20 123", "'+31 20 123"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-5", "-5"),
        ("€ 13,6 miljard", "€ 13,6 miljard"),
        ('a;b "c"', 'a;b "c"'),
    ],
)
def test_a_letter_s_text_is_never_read_as_a_formula(cell: str, shown: str) -> None:
    canonical = io.StringIO()
    csv.writer(canonical, lineterminator="\n").writerows([["text", "value"], [cell, "3.25"]])
    rows = _as_dutch_spreadsheet(decimal_comma_csv(canonical.getvalue(), numbers=("value",)))
    assert rows == [["text", "value"], [shown, "3,25"]]

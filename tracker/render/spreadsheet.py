"""A canonical CSV (RFC 4180, '.' decimals) rewritten for a spreadsheet in a decimal-comma
language, such as Excel set to Dutch: UTF-8 with a BOM, ';' between fields, decimal commas.

Such a spreadsheet splits a double-clicked CSV file on ';' (its list separator, since ','
is its decimal mark), reads it as UTF-8 only when a BOM says so, and takes "3.5" for a date
or text. The canonical files stay as they are: GitHub, scripts and other tools read those.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

BOM = "\ufeff"
SEPARATOR = ";"
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula. A letter's text is
untrusted, so such a text cell gets a leading apostrophe, which shows it as text."""


def decimal_comma_csv(canonical: str, *, numbers: Sequence[str]) -> bytes:
    """The CSV text `canonical`, whose first row names the columns, for a decimal-comma
    spreadsheet: the columns named in `numbers` written with a decimal comma."""
    rows = list(csv.reader(io.StringIO(canonical, newline="")))
    if not rows:
        return BOM.encode("utf-8")
    numeric = {i for i, name in enumerate(rows[0]) if name in numbers}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow(
            [_number(cell) if i in numeric else _text(cell) for i, cell in enumerate(row)]
        )
    return (BOM + out.getvalue()).encode("utf-8")


def _number(cell: str) -> str:
    return cell.replace(".", ",") if _PLAIN_NUMBER.fullmatch(cell) else _text(cell)


def _text(cell: str) -> str:
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell

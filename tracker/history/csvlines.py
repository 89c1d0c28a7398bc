"""CSV as the tracker writes it: one row a line, ended by "\\n", every field that holds a line
break quoted.

`csv.writer(…, lineterminator="\\n")` quotes a field that holds "\\n" but not one that holds a
bare "\\r" (QUOTE_MINIMAL quotes only the characters of the line terminator), and the csv
reader then fails on it: one file name with a carriage return made a series unreadable. Rows
are written here with "\\r\\n" as the terminator, so that both characters count, and each row
then ends in "\\n" alone: the bytes of every row without a line break are unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from tracker.errors import HistoryError

_T = TypeVar("_T")


class _Text(Protocol):
    def write(self, text: str, /) -> Any: ...


class CsvLines:
    """A csv writer for `handle` whose rows read back as written, whatever their fields hold."""

    def __init__(self, handle: _Text) -> None:
        self._handle = handle
        self._row = io.StringIO()
        self._writer = csv.writer(self._row, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._row.seek(0)
        self._row.truncate()
        self._writer.writerow(row)
        self._handle.write(self._row.getvalue()[:-2] + "\n")

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """The text CsvLines writes of `rows`, made in one pass when no field holds "\\r\\n".

    Every row ends in one "\\r\\n" from the writer; when the text holds no more than one per
    row, those are all the terminators and become "\\n" together. Otherwise the rows are
    written one at a time.
    """
    kept = list(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(kept)
    text = out.getvalue()
    if text.count("\r\n") == len(kept):
        return text.replace("\r\n", "\n")
    out = io.StringIO()
    CsvLines(out).writerows(kept)
    return out.getvalue()


class CsvRecords:
    """`csv.DictReader` over a file's text, whose damage is a HistoryError naming the line."""

    def __init__(self, text: str, name: str) -> None:
        self._reader = csv.DictReader(io.StringIO(text))
        self._name = name

    @property
    def fieldnames(self) -> Sequence[str] | None:
        return self._guard(lambda: self._reader.fieldnames)

    @property
    def line_num(self) -> int:
        return self._reader.line_num

    def __iter__(self) -> Iterator[dict[str, str]]:
        while True:
            try:
                yield self._guard(lambda: next(self._reader))
            except StopIteration:
                return

    def _guard(self, read: Callable[[], _T]) -> _T:
        try:
            return read()
        except csv.Error as exc:
            raise HistoryError(
                f"{self._name}, line {self._reader.line_num}: cannot read the file ({exc})",
                "run `tracker rebuild` to regenerate it from the snapshots",
            ) from None

"""`tracker compare` and `tracker show` on a plain command line, without typer; the comparison
and the letter shown, which both paths share.

Loading typer and the command line is a quarter of what comparing two short letters costs. A
command line that typer could only read one way is run here, by the same code the typer
commands run (`compare_and_write`, `show_letter`), with the same errors (`guarded`):
`tracker compare OLD NEW` with a `--format` of json, markdown or html, or none when the report
goes to a file or pipe; `tracker show LETTER` with or without a `--format`. Anything else
(another option, a letter named "-" or starting with "-", --help, the coloured terminal
report) goes to typer, which says what typer says.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tracker.cli.output import compare_format, render_report, write_report
from tracker.cli.pair import read_pair
from tracker.cli.terminal import emit

if TYPE_CHECKING:
    from tracker.model import Comparison, Document

PLAIN_FORMATS = ("json", "markdown", "html")
"""The formats of a plain compare; terminal needs the width and colour options."""
SHOW_FORMATS = ("text", "json", "markdown")
"""The formats of `tracker show`."""


def plain_command(args: list[str]) -> Callable[[], object] | None:
    """What a plain compare or show command line (`args`, the words after `tracker`) runs;
    None for any other command line."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None  # a shell asking typer to complete the command line
    if args[:1] == ["compare"] and (plain := _letters(args[1:], 2, PLAIN_FORMATS)) is not None:
        (old, new), fmt = plain
        if fmt is None and sys.stdout.isatty():
            return None  # the terminal report, coloured and as wide as the terminal
        if not (_typer_would_take(old) and _typer_would_take(new)):
            return None  # typer refuses it with a usage line of its own
        chosen = compare_format(fmt, None, False)
        return lambda: _as_typer_ends(lambda: compare_and_write(Path(old), Path(new), chosen))
    if args[:1] == ["show"] and (plain := _letters(args[1:], 1, SHOW_FORMATS)) is not None:
        (letter,), fmt = plain
        return lambda: _as_typer_ends(lambda: show_letter(letter, fmt or "text"))
    return None


def _typer_would_take(path: str) -> bool:
    """Whether typer's check of a letter's path passes: a path that exists must be readable."""
    try:
        os.stat(path)
    except OSError:
        return True  # missing: the letter's reader says so
    return os.access(path, os.R_OK)


def _as_typer_ends(command: Callable[[], object]) -> int:
    """Run `command` and end as typer ends a command: exit 130 without a word on Ctrl-C, and
    exit 1 when the reader of standard output went away (`tracker show … | head`)."""
    try:
        command()
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        # Python flushes both streams on its way out: into a closed pipe, quietly.
        sys.stdout = _Quiet(sys.stdout)
        sys.stderr = _Quiet(sys.stderr)
        return 1
    return 0


class _Quiet:
    """A stream whose flush ignores a closed pipe."""

    def __init__(self, wrapped: TextIO) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> object:
        return getattr(self.wrapped, name)


def _letters(
    words: list[str], count: int, formats: tuple[str, ...]
) -> tuple[list[str], str | None] | None:
    """`count` letters, then an optional `--format F` of `formats`; None for other words."""
    if len(words) not in (count, count + 2):
        return None
    letters, rest = words[:count], words[count:]
    if any(word.startswith("-") for word in letters):
        return None
    if rest and (rest[0] not in ("--format", "-f") or rest[1] not in formats):
        return None
    return letters, rest[1] if rest else None


def compare_and_write(
    old: Path,
    new: Path,
    chosen: str,
    *,
    explain: bool = False,
    color: bool = False,
    output: Path | None = None,
    page: bool = True,
) -> Comparison:
    """Compare the letters at `old` and `new`, and write the report in the chosen format to
    `output`, or to standard output (through the pager when `page` and a terminal shows it)."""
    # start-up time: imported on use
    from tracker.comparison.compare import compare

    comparison = compare(*read_pair(old, new, letter))
    report = render_report(comparison, chosen, explain=explain, color=color)
    if output is None:
        emit(report, page=page)
    else:
        write_report(output, report)
    return comparison


def letter(path: Path) -> Document:
    """The letter at `path`; "-" reads plain text from standard input."""
    # start-up time: imported on use
    from tracker.read.files import dated, document_from_bytes, load_document

    if str(path) == "-":
        return document_from_bytes(sys.stdin.buffer.read(), "stdin.txt")
    return dated(load_document(path))


def show_letter(name: str, fmt: str, *, page: bool = True) -> None:
    """Print how the letter `name` ("-": standard input) reads, in a format of SHOW_FORMATS."""
    # start-up time: imported on use
    from tracker.read.files import document_from_bytes, load_document, sniff_name
    from tracker.render import document as render

    if name == "-":
        data = sys.stdin.buffer.read()
        doc = document_from_bytes(data, sniff_name(data))
    else:
        doc = load_document(Path(name))
    if fmt == "json":
        emit(render.render_json(doc), page=page)
    elif fmt == "markdown":
        emit(render.render_markdown(doc), page=page)
    else:
        emit(render.render_text(doc), page=page)

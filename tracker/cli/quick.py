"""`tracker compare OLD NEW [--format F]` without typer, and the comparison both paths share.

Loading typer and the command line is a quarter of what comparing two short letters costs. A
command line that typer could only read one way (the two letters, and a `--format` of json,
markdown or html, or none with the output going to a file or pipe) is run here, by the same
code the `compare` command runs (`compare_and_write`), with the same errors (`guarded`).
Anything else (another option, a letter named "-" or starting with "-", --help, a terminal
to colour for) goes to typer, which says what typer says.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tracker.cli.failure import guarded
from tracker.cli.output import compare_format, render_report, write_report
from tracker.cli.pair import read_pair
from tracker.cli.terminal import emit

if TYPE_CHECKING:
    from tracker.model import Comparison, Document

PLAIN_FORMATS = ("json", "markdown", "html")
"""The formats a plain command line may ask for; terminal needs the width and colour options."""


def plain_compare(args: list[str]) -> tuple[Path, Path, str | None] | None:
    """The letters and format of `args` (the words after `tracker`) when they are a plain
    compare, None otherwise."""
    if args[:1] != ["compare"] or len(args) not in (3, 5):
        return None
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None  # a shell asking typer to complete the command line
    old, new, *rest = args[1:]
    fmt = None
    if rest:
        option, fmt = rest
        if option not in ("--format", "-f") or fmt not in PLAIN_FORMATS:
            return None
    elif sys.stdout.isatty():
        return None  # the terminal report, coloured and as wide as the terminal
    if old.startswith("-") or new.startswith("-"):
        return None
    return Path(old), Path(new), fmt


def run_plain(old: Path, new: Path, fmt: str | None) -> NoReturn:
    """Run `tracker compare` on a plain command line and exit as the command would."""
    guarded(lambda: compare_and_write(old, new, compare_format(fmt, None, False)))


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

"""Checks of what the user typed that typer cannot make: dates in range, usage lines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import typer
import typer.core

from tracker.errors import InputError

EARLIEST_LETTER = dt.date(1900, 1, 1)
"""No letter the tracker follows is older: an earlier --date is a typo (1925 for 2025)."""


def letter_date(text: str, today: dt.date) -> dt.date:
    """An --date value: YYYY-MM-DD, not after `today` and not before 1900, since a date out of
    range would silently put the letter first or last in its series."""
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--date {text!r} is not a date", "use YYYY-MM-DD") from None
    if date > today:
        raise InputError(
            f"--date {date.isoformat()} is after today ({today.isoformat()})",
            "give the date the letter was sent",
        )
    if date < EARLIEST_LETTER:
        raise InputError(
            f"--date {date.isoformat()} is before {EARLIEST_LETTER.year}",
            "give the date the letter was sent",
        )
    return date


NoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print straight to the terminal. Default: output longer than the terminal goes "
        "through $PAGER (less -FRX when unset), only when writing to a terminal.",
    ),
]


def summary_kind(*, stat: bool, name_only: bool, explain: bool, fmt: str | None) -> str:
    """ "stat" or "name-only" when asked for, else "". Each is a report of its own, so it
    goes with neither the other, nor --format, nor --explain."""
    if stat and name_only:
        raise InputError("--stat and --name-only are two summaries", "choose one")
    kind = "stat" if stat else "name-only" if name_only else ""
    if kind and (fmt is not None or explain):
        other = "--explain" if explain else "--format"
        raise InputError(f"--{kind} is a summary of its own", f"leave out {other}")
    return kind


_REQUIRED = re.compile(r"\{([a-z_]+)\}")
_OPTIONAL = re.compile(r"\[([a-z_]+)\]")


class Command(typer.core.TyperCommand):
    """A command whose usage line names its arguments as git and man pages do,
    `tracker show [OPTIONS] LETTER`, where typer writes `{letter}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [
            _OPTIONAL.sub(lambda m: f"[{m[1].upper()}]", _REQUIRED.sub(lambda m: m[1].upper(), p))
            for p in pieces
        ]

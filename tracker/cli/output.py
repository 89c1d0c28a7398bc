"""Where a report goes and in which format: `-o FILE` by its extension, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.terminal import terminal_size
from tracker.errors import InputError
from tracker.text.safe import shown

if TYPE_CHECKING:
    from tracker.model import Comparison

COMPARE_FORMATS = ("markdown", "json", "terminal", "html")
FORMAT_OF_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}
"""The report formats `-o` tells by the file's extension; a file without one gets Markdown."""


def compare_format(requested: str | None, output: Path | None, is_terminal: bool) -> str:
    """The report's format: --format if given; else -o's extension; else terminal for a
    terminal and Markdown otherwise. An extension the tracker cannot write is refused, so
    `-o report.html` never gets Markdown in it."""
    if requested is not None:
        if requested not in COMPARE_FORMATS:
            raise InputError(f"unknown format {requested!r}", f"use {', '.join(COMPARE_FORMATS)}")
        return requested
    if output is not None:
        suffix = output.suffix.lower()
        if not suffix:
            return "markdown"
        if suffix not in FORMAT_OF_SUFFIX:
            known = ", ".join(sorted(FORMAT_OF_SUFFIX))
            raise InputError(
                f"cannot write a {shown(suffix)} report to {shown(str(output))}",
                f"name the file with one of {known}, or choose the format with --format",
            )
        return FORMAT_OF_SUFFIX[suffix]
    return "terminal" if is_terminal else "markdown"


def render_report(comparison: Comparison, chosen: str, *, explain: bool, color: bool) -> str:
    """The comparison in the chosen format: a report, or the stat or name-only summary."""
    if chosen in ("stat", "name-only"):
        # start-up time: each renderer is imported on use
        from tracker.render.summary import render_name_only, render_stat

        if chosen == "stat":
            # One line short of the screen, so the prompt after it keeps the first line in view.
            return render_stat(comparison, lines=max(terminal_size().lines - 1, 3))
        return render_name_only(comparison)
    if chosen == "json":
        # start-up time: imported on use
        from tracker.render.json import render_json

        return render_json(comparison)
    if chosen == "html":
        # start-up time: imported on use
        from tracker.render.html import render_html

        return render_html(comparison, explain=explain)
    if chosen == "terminal":
        # start-up time: imported on use
        from tracker.render.terminal import render_terminal

        width = max(40, min(terminal_size().columns, 160))
        return render_terminal(comparison, width=width, color=color, explain=explain)
    # start-up time: imported on use
    from tracker.render.markdown import render_markdown

    return render_markdown(comparison, explain=explain)


def write_report(path: Path, text: str) -> None:
    """Write a report to `path` with the repository's atomic write; errors become one line."""
    # start-up time: imported on use
    from tracker.history.storage import write_atomic

    if not path.parent.is_dir():
        # write_atomic would create the folder; for -o a missing folder is a typo to report.
        raise InputError(
            f"cannot write {shown(str(path))}: no such folder",
            "choose a folder that exists and is writable",
        )
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        hint = "check the path and free space"
        raise InputError(f"cannot write {shown(str(path))}: {exc.strerror}", hint) from exc

"""Workflow commands: annotations and log lines, escaped as actions/toolkit escapes them.

GitHub reads a step's stdout for `::command::` lines. Letter names and texts are untrusted, so
every value that reaches that channel is escaped here.
"""

from __future__ import annotations

from typing import Literal

Level = Literal["error", "warning", "notice"]


def escape_data(text: str) -> str:
    """Escape a workflow command's message so that it stays on one line."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (`file=`, `title=`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: Level,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    title: str | None = None,
) -> str:
    """One `::warning …::message` line that GitHub shows as an annotation."""
    props: list[str] = []
    if file is not None:
        props.append(f"file={escape_property(file)}")
    if line is not None:
        props.append(f"line={line}")
    if title is not None:
        props.append(f"title={escape_property(title)}")
    head = f"::{level} {','.join(props)}" if props else f"::{level}"
    return f"{head}::{escape_data(message)}"


def one_line(text: str) -> str:
    """Untrusted text made safe for a plain log line: no line breaks, no leading `::`."""
    flat = " ".join(text.splitlines())
    # A log line that starts with "::" would be read as a workflow command.
    return flat.replace("::", ": :") if flat.startswith("::") else flat

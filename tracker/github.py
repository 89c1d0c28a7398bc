"""What is GitHub-specific: workflow commands, step outputs, the job summary and the workflow.

GitHub reads a step's stdout for `::command::` lines and reads `$GITHUB_OUTPUT` and
`$GITHUB_STEP_SUMMARY` after the step. Letter names and texts are untrusted, so every value
that reaches those channels is escaped here, the same way actions/toolkit escapes them.
The text-building functions are pure; only `append_summary` and `write_outputs` write files.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote

# GitHub refuses a step summary larger than 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted").
SUMMARY_LIMIT = 1024 * 1024
# Room kept free for the note that says where the rest of a cut report is.
_CUT_NOTE_ROOM = 2048

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


def output_block(name: str, value: str, delimiter: str) -> str:
    """One `$GITHUB_OUTPUT` entry in the multi-line form `name<<DELIM … DELIM`."""
    if delimiter in name or delimiter in value:
        # The toolkit refuses this too: the value would end the block early.
        raise ValueError("the output delimiter occurs in the output")
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"


def outputs_text(outputs: Mapping[str, str], *, delimiter: str | None = None) -> str:
    """The `$GITHUB_OUTPUT` text for several outputs, each behind a random delimiter."""
    delim = delimiter or f"ghadelimiter_{secrets.token_hex(16)}"
    return "".join(output_block(name, value, delim) for name, value in outputs.items())


def write_outputs(path: Path, outputs: Mapping[str, str]) -> None:
    """Append outputs to the `$GITHUB_OUTPUT` file."""
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(outputs_text(outputs))


@dataclass(frozen=True, slots=True)
class SummaryPart:
    """One report to put in the job summary."""

    heading: str
    """A line of Markdown that introduces the report (already escaped)."""
    body: str
    """The report's Markdown."""
    path: str
    """The report's path in the repository, for the link when the report is cut."""


def file_link(path: str, *, server: str | None, repository: str | None, ref: str | None) -> str:
    """A link to a file in the repository on GitHub, or the bare path when off GitHub."""
    if server and repository and ref:
        return f"{server}/{repository}/blob/{quote(ref)}/{quote(path)}"
    return quote(path)


def _cut(body: str, room: int) -> str:
    """The longest start of `body` that fits in `room` bytes, ended at a paragraph or line."""
    data = body.encode("utf-8")
    if len(data) <= room:
        return body
    head = data[:room].decode("utf-8", errors="ignore")
    # Prefer a paragraph break so that a table or list is not left half-open.
    for sep in ("\n\n", "\n"):
        end = head.rfind(sep)
        if end > 0:
            return head[:end]
    return ""


def summary_text(parts: Iterable[SummaryPart], links: Mapping[str, str], used: int) -> str:
    """The Markdown to append to a summary that already holds `used` bytes.

    Reports are added whole while they fit under GitHub's 1 MiB; the one that would pass it is
    cut at a paragraph with a link to the whole file, the ones after it get only the link, and
    when not even a link fits any more the rest are left out. The result never passes the limit.
    """
    total = SUMMARY_LIMIT - used
    # Whole and cut reports leave the last bytes free, so that links to the rest still fit.
    room = total - _CUT_NOTE_ROOM
    chunks: list[str] = []
    for part in parts:
        whole = f"{part.heading}\n\n{part.body.rstrip()}\n\n"
        size = _size(whole)
        link = links.get(part.path, quote(part.path))
        if size <= room:
            chunks.append(whole)
            room, total = room - size, total - size
            continue
        note = f"*The summary is full: the whole report is in [{_md_text(part.path)}]({link}).*\n\n"
        head = f"{part.heading}\n\n"
        budget = room - _size(head) - _size(note)
        kept = _cut(part.body, budget) if budget > 0 else ""
        piece = head + (kept.rstrip() + "\n\n" if kept else "") + note
        if _size(piece) > room:
            piece = note
        if _size(piece) > total:
            break
        chunks.append(piece)
        room, total = room - _size(piece), total - _size(piece)
    return "".join(chunks)


def _size(text: str) -> int:
    """Bytes that `text` takes in the UTF-8 summary file."""
    return len(text.encode("utf-8"))


def _md_text(text: str) -> str:
    """Text made safe inside a Markdown link label or heading."""
    flat = " ".join(text.splitlines())
    return "".join("\\" + ch if ch in "\\`*_[]<>#|!" else ch for ch in flat)


def markdown_text(text: str) -> str:
    """Untrusted text (a title, a file name) made safe for one line of Markdown."""
    return _md_text(text)


def append_summary(path: Path, parts: Iterable[SummaryPart], links: Mapping[str, str]) -> None:
    """Append reports to the `$GITHUB_STEP_SUMMARY` file, within GitHub's size limit."""
    used = path.stat().st_size if path.exists() else 0
    text = summary_text(parts, links, used)
    if text:
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


# The workflow a tracking repository runs; `tracker init` writes it with the action's ref.
_WORKFLOW = """\
# Runs the letter tracker on every push of a letter: each new letter under letters/ is
# ingested, its change report is written, and snapshot and report are committed back.
name: track letters

on:
  push:
    paths:
      - "letters/**"
  workflow_dispatch:

# No token rights by default; the one job below gets the one right it needs.
permissions: {{}}

# One run at a time: two runs ingesting at once would race for the same reports.
concurrency:
  group: track-letters-${{{{ github.ref }}}}
  cancel-in-progress: false

jobs:
  track:
    name: ingest new letters
    runs-on: ubuntu-latest
    permissions:
      contents: write # to commit snapshots and reports and push them
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: {action_ref}{uses_note}
        with:
          letters: letters
"""


def workflow_yaml(action_ref: str) -> str:
    """The track-letters workflow that runs the action `action_ref` (`owner/repo@sha` or `./`)."""
    if not action_ref or any(ch.isspace() for ch in action_ref):
        raise ValueError(f"not an action reference: {action_ref!r}")
    # The job checks the repository out anyway, and actionlint does not yet know GitHub's
    # `$/` self-repository form that zizmor prefers to `./`; so `./` stays, said once here.
    note = "  # zizmor: ignore[self-repository]" if action_ref.startswith("./") else ""
    return _WORKFLOW.format(action_ref=action_ref, uses_note=note)

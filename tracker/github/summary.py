"""The job summary: reports appended to `$GITHUB_STEP_SUMMARY`, within GitHub's 1 MiB."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from tracker.text.safe import markdown_inline

# GitHub refuses a step summary larger than 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted").
SUMMARY_LIMIT = 1024 * 1024
# Room kept free for the note that says where the rest of a cut report is.
_CUT_NOTE_ROOM = 2048


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


_LINK = re.compile(r"(\]\()([^()\s]+)(\))")


def absolute_links(body: str, path: str, link: Callable[[str], str]) -> str:
    """A report's relative links made absolute, so that they work on the run's summary page.

    `path` is the report's place in the repository; `link` turns a repository path into a URL.
    """

    def rewrite(match: re.Match[str]) -> str:
        target = match.group(2)
        if "://" in target or target.startswith(("#", "mailto:", "/")):
            return match.group(0)
        target, hash_mark, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(target)))
        if resolved.startswith("../") or resolved == "..":
            return match.group(0)
        return f"{match.group(1)}{link(resolved)}{hash_mark}{anchor}{match.group(3)}"

    return _LINK.sub(rewrite, body)


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


def summary_text(
    parts: Iterable[SummaryPart], links: Mapping[str, str], used: int, *, intro: str = ""
) -> str:
    """The Markdown to append to a summary that already holds `used` bytes.

    `intro` (a line or two) comes first. Reports are added whole while they fit under GitHub's
    1 MiB; the one that would pass it is cut at a paragraph with a link to the whole file, the
    ones after it get only the link, and when not even a link fits any more the rest are left
    out. The result never passes the limit.
    """
    total = SUMMARY_LIMIT - used
    chunks: list[str] = []
    if intro and _size(intro) + 2 <= total:
        chunks.append(intro.rstrip() + "\n\n")
        total -= _size(chunks[0])
    # Whole and cut reports leave the last bytes free, so that links to the rest still fit.
    room = total - _CUT_NOTE_ROOM
    for part in parts:
        whole = f"{part.heading}\n\n{part.body.rstrip()}\n\n"
        size = _size(whole)
        link = links.get(part.path, quote(part.path))
        if size <= room:
            chunks.append(whole)
            room, total = room - size, total - size
            continue
        name = markdown_inline(part.path)
        note = f"*The summary is full: the whole report is in [{name}]({link}).*\n\n"
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


def markdown_text(text: str) -> str:
    """Untrusted text (a title, a file name) made safe for one line of Markdown."""
    return markdown_inline(text)


def append_summary(
    path: Path, parts: Iterable[SummaryPart], links: Mapping[str, str], *, intro: str = ""
) -> None:
    """Append reports to the `$GITHUB_STEP_SUMMARY` file, within GitHub's size limit."""
    used = path.stat().st_size if path.exists() else 0
    text = summary_text(parts, links, used, intro=intro)
    if text:
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

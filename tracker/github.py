"""What is GitHub-specific: workflow commands, step outputs, the job summary and the workflow.

GitHub reads a step's stdout for `::command::` lines and reads `$GITHUB_OUTPUT` and
`$GITHUB_STEP_SUMMARY` after the step. Letter names and texts are untrusted, so every value
that reaches those channels is escaped here, the same way actions/toolkit escapes them.
The text-building functions are pure; `append_summary` and `write_outputs` write the two
files, and `run_action` (the action's main step) ingests through `tracker.history`.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote

from tracker.errors import InputError, TrackerError
from tracker.model import Finding

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


def append_summary(
    path: Path, parts: Iterable[SummaryPart], links: Mapping[str, str], *, intro: str = ""
) -> None:
    """Append reports to the `$GITHUB_STEP_SUMMARY` file, within GitHub's size limit."""
    used = path.stat().st_size if path.exists() else 0
    text = summary_text(parts, links, used, intro=intro)
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

# One run at a time: two runs ingesting at once would race for the same reports. A waiting run
# that a newer one replaces loses nothing: every run ingests all the letters not yet tracked.
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


# --- The action's main step: ingest what is new, then tell GitHub about it. ---------------


def parse_flag(value: str, name: str) -> bool:
    """An action input that should be "true" or "false" (inputs are always strings)."""
    text = value.strip().lower()
    if text in {"true", "yes", "1"}:
        return True
    if text in {"false", "no", "0"}:
        return False
    raise InputError(f"{name} is {value!r}", f'set the {name} input to "true" or "false"')


def letters_folder(repo: Path, letters: str) -> Path:
    """The letters folder inside the repository; refuses one that points outside it."""
    relative = Path(letters.strip() or "letters")
    folder = (repo / relative).resolve()
    root = repo.resolve()
    if relative.is_absolute() or (folder != root and root not in folder.parents):
        raise InputError(
            f"letters folder {letters!r} is outside the repository",
            "give a folder relative to the repository root, such as letters",
        )
    if not folder.is_dir():
        raise InputError(
            f"no letters folder {letters!r} in the repository",
            "create it with one subfolder per series (letters/<series>/<file>) or set letters",
        )
    return folder


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What the action's main step did, for the log and the step outputs."""

    reports: tuple[str, ...]
    """Reports written: each new letter's own, followed by those it made regenerate."""
    changed_figures: int
    ingested: int
    already: int
    """Letters under the folder that were already tracked."""
    log: tuple[str, ...]
    """Lines for the step log, annotations included, safe to print as they are."""

    @property
    def outputs(self) -> dict[str, str]:
        """The step outputs the action declares."""
        return {
            "reports": "\n".join(self.reports),
            "changed-figures": str(self.changed_figures),
            "ingested": str(self.ingested),
        }


def run_action(
    repo: Path,
    letters: str,
    *,
    series: str | None,
    commit: bool,
    env: Mapping[str, str],
    notify: Callable[[str], None] | None = None,
) -> ActionResult:
    """Ingest every letter under the folder that is not yet tracked, then tell GitHub.

    Appends the new reports to `$GITHUB_STEP_SUMMARY` and the outputs to `$GITHUB_OUTPUT`
    when `env` names them; the returned log holds a line per letter and the annotations.
    """
    from tracker.history.ingest import ingest

    folder = letters_folder(repo, letters)
    results = ingest(
        repo,
        [folder],
        series=series or None,
        commit=commit,
        notify=(lambda line: notify(one_line(line))) if notify else None,
    )
    fresh = [r for r in results if r.status != "duplicate"]
    reports: list[str] = []
    for result in fresh:
        for path in (result.report, *result.regenerated):
            if path not in reports:
                reports.append(path)
    log: list[str] = []
    for result in fresh:
        what = "correction" if result.status == "correction" else "new letter"
        log.append(
            one_line(
                f"{what}: {result.series} {result.date.isoformat()} {result.title} "
                f"({result.sections_changed} sections and {result.figures_changed} figures "
                f"changed) -> {result.report}"
            )
        )
        findings = letter_findings(repo, result.series, result.snapshot)
        lines = heading_lines(repo / result.letter) if findings else {}
        for finding in findings:
            # A finding is a thing for a person to check, not a failed run: a warning, with
            # the checker's own severity in the title.
            kind = f"{finding.kind} ({finding.severity})"
            title = f"{kind}: {finding.section}" if finding.section else kind
            log.append(
                annotation(
                    "warning",
                    finding.message,
                    file=result.letter,
                    line=lines.get(finding.section) if finding.section else None,
                    title=title,
                )
            )
    already = len(results) - len(fresh)
    if already:
        log.append(f"{already} letter(s) already tracked: nothing to do for them.")
    outcome = ActionResult(
        reports=tuple(reports),
        changed_figures=sum(r.figures_changed for r in fresh),
        ingested=len(fresh),
        already=already,
        log=tuple(log),
    )
    if env.get("GITHUB_STEP_SUMMARY") and not fresh:
        intro = (
            f"## Letter tracker\n\nNo new letters: {_plural(already, 'letter')} under "
            f"{markdown_text(letters)}, all tracked already."
        )
        append_summary(Path(env["GITHUB_STEP_SUMMARY"]), [], {}, intro=intro)
    if env.get("GITHUB_STEP_SUMMARY") and fresh:
        server, repository = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
        ref = env.get("GITHUB_REF_NAME")

        def link(path: str) -> str:
            return file_link(path, server=server, repository=repository, ref=ref)

        on_github = bool(server and repository and ref)
        parts = []
        for result in fresh:
            body = (repo / result.report).read_text(encoding="utf-8")
            parts.append(
                SummaryPart(
                    heading=f"### {result.date.isoformat()} · {markdown_text(result.title)}",
                    body=absolute_links(body, result.report, link) if on_github else body,
                    path=result.report,
                )
            )
        links = {p.path: link(p.path) for p in parts}
        intro = (
            f"## Letter tracker\n\n{_plural(len(fresh), 'new letter')}, "
            f"{_plural(outcome.changed_figures, 'changed figure')}; the reports follow."
        )
        append_summary(Path(env["GITHUB_STEP_SUMMARY"]), parts, links, intro=intro)
    if env.get("GITHUB_OUTPUT"):
        write_outputs(Path(env["GITHUB_OUTPUT"]), outcome.outputs)
    return outcome


def letter_findings(repo: Path, series: str, snapshot: str) -> tuple[Finding, ...]:
    """The findings of a letter's report: its comparison with the letter the report is against.

    Recomputed from the two snapshots (the same inputs the report was made from), because the
    ingest result carries counts, not the findings themselves.
    """
    from tracker.comparison.compare import compare
    from tracker.history.index import entries_from_csv
    from tracker.read.snapshot import from_markdown

    manifest = repo / "reports" / series / "letters.csv"
    stem = Path(snapshot).stem
    entries = entries_from_csv(manifest.read_text(encoding="utf-8"))
    entry = next((e for e in entries if e.letter == stem), None)
    if entry is None or not entry.predecessor:
        return ()
    folder = repo / "snapshots" / series
    old = from_markdown((folder / f"{entry.predecessor}.md").read_text(encoding="utf-8"))
    new = from_markdown((folder / f"{stem}.md").read_text(encoding="utf-8"))
    return compare(old, new).findings


# Formats whose parsed line numbers are the file's own lines, so an annotation can point there.
_LINE_FORMATS = (".txt", ".text", ".md", ".markdown")


def heading_lines(letter: Path) -> dict[str, int]:
    """The line of each section heading in a plain-text or Markdown letter, for annotations.

    A heading is given a line only when that line of the file shows the heading, so that an
    annotation never points at the wrong place; PDF, Word and HTML letters get none.
    """
    from tracker.read.files import load_document

    if letter.suffix.lower() not in _LINE_FORMATS:
        return {}
    try:
        sections = load_document(letter).sections
    except TrackerError:
        return {}  # an annotation without a line is still an annotation
    file_lines = letter.read_text(encoding="utf-8", errors="replace").splitlines()
    found: dict[str, int] = {}
    for section in sections:
        first = section.lines[0]
        if section.heading is None or section.heading in found or not 1 <= first <= len(file_lines):
            continue
        if _letters_and_digits(section.heading) in _letters_and_digits(file_lines[first - 1]):
            found[section.heading] = first
    return found


def _letters_and_digits(text: str) -> str:
    """Text compared without case, markup or spacing."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

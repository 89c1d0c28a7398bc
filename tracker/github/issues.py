"""An issue per new letter, for the Action's opt-in `open-issue`: drafted after the ingest,
opened after the push.

The main step (`action-run`) writes the drafts to a file while it knows the new letters; the
issue step (`action-issues`) runs only once the commits are pushed, so the links in an issue
always point at pushed files, and a failed issue can never cost a commit. A failure to open
one is a warning on the run, not a failed run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from tracker.errors import GitHubError, InputError
from tracker.github.api import DEFAULT_API, GitHub
from tracker.github.commands import annotation, one_line
from tracker.github.outputs import write_outputs
from tracker.github.summary import file_link, markdown_text
from tracker.history.feed import figure_moves
from tracker.history.ingest import IngestResult
from tracker.history.layout import index_path, ledger_path, page_path
from tracker.history.ledger_csv import rows_from_csv
from tracker.history.order import chain
from tracker.history.series import read_entries, read_text

TITLE_LIMIT = 200
"""Characters of an issue title; GitHub allows 256, and a list of issues shows far fewer."""
LABEL_LIMIT = 50
"""GitHub's longest label name."""
ROWS_SHOWN = 20
"""Figures and findings listed in an issue; the report has them all."""


@dataclass(frozen=True, slots=True)
class IssueDraft:
    """One issue to open: what GitHub is sent, and the letter it is about."""

    title: str
    body: str
    label: str
    """The series' name, as the issue's label."""
    letter: str
    """The letter's path in the repository, for the log."""


def issue_drafts(
    repo: Path, results: Sequence[IngestResult], env: Mapping[str, str]
) -> list[IssueDraft]:
    """A draft per new letter: the series, date and title as its title; what changed, the
    figures that moved and the findings as its body, linked to the reports on GitHub."""
    server, repository = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
    ref = env.get("GITHUB_REF_NAME")

    def link(path: str) -> str:
        return file_link(path, server=server, repository=repository, ref=ref)

    drafts = []
    for series in dict.fromkeys(r.series for r in results):
        entries = read_entries(repo, series)
        ledger = read_text(repo, ledger_path(series)) or ""
        rows = rows_from_csv(ledger, ledger_path(series)) if ledger else []
        moves = figure_moves(chain(entries), rows)
        by_stem = {e.letter: e for e in entries}
        for result in (r for r in results if r.series == series):
            stem = Path(result.snapshot).stem
            entry = by_stem.get(stem)
            summary = entry.summary if entry is not None else ""
            body = _body(result, summary, moves.get(stem, []), link)
            drafts.append(IssueDraft(_title(result), body, series[:LABEL_LIMIT], result.letter))
    return drafts


def _title(result: IngestResult) -> str:
    title = one_line(f"{result.series}: {result.date.isoformat()} {result.title}")
    if len(title) <= TITLE_LIMIT:
        return title
    return title[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _body(
    result: IngestResult,
    summary: str,
    moves: list[tuple[str, str, str]],
    link: Callable[[str], str],
) -> str:
    stem = Path(result.snapshot).stem
    lines = [
        f"**{markdown_text(result.series)}** · {result.date.isoformat()} · "
        f"{markdown_text(result.title)}",
        "",
    ]
    if summary:
        lines += [markdown_text(summary[:1].upper() + summary[1:]) + ".", ""]
    if moves:
        lines += ["#### Figures that moved", "", "| Figure | Before | Now |", "| --- | --- | --- |"]
        lines += [
            f"| {_cell(label)} | {_cell(old)} | {_cell(new)} |"
            for label, old, new in moves[:ROWS_SHOWN]
        ]
        if len(moves) > ROWS_SHOWN:
            lines.append(f"\nand {len(moves) - ROWS_SHOWN} more: see the report.")
        lines.append("")
    if result.findings:
        lines += ["#### Findings", ""]
        for finding in result.findings[:ROWS_SHOWN]:
            where = f", {markdown_text(finding.section)}" if finding.section else ""
            lines.append(
                f"- **{finding.kind}** ({finding.severity}{where}): "
                f"{markdown_text(one_line(finding.message))}"
            )
        lines.append("")
    lines.append(
        " · ".join(
            [
                f"[Change report]({link(result.report)})",
                f"[Side by side]({link(page_path(result.series, stem))})",
                f"[Snapshot]({link(result.snapshot)})",
                f"[Series index]({link(index_path(result.series))})",
            ]
        )
    )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return markdown_text(one_line(text))  # "|" escaped with the rest, once


def write_drafts(path: Path, drafts: Sequence[IssueDraft]) -> None:
    """The drafts as JSON, for the issue step."""
    data = {"issues": [asdict(d) for d in drafts]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_drafts(path: Path) -> list[IssueDraft]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [IssueDraft(**item) for item in data["issues"]]
    except FileNotFoundError:
        raise InputError(
            f"no issue drafts at {path}", "run `tracker action-run --issues-file` first"
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"cannot read the issue drafts in {path} ({exc})",
            "it is written by `tracker action-run --issues-file`",
        ) from None


@dataclass(frozen=True, slots=True)
class Opened:
    """What the issue step did: the issues' addresses, and lines for the step log."""

    urls: tuple[str, ...]
    log: tuple[str, ...]


def open_issues(
    drafts: Sequence[IssueDraft], env: Mapping[str, str], api: GitHub | None = None
) -> Opened:
    """Open an issue per draft, each with its series' label, through GitHub's API at
    $GITHUB_API_URL with $TRACKER_TOKEN (else $GITHUB_TOKEN).

    A draft that cannot be opened gives a warning annotation and the next one is tried: the
    commits are pushed already, and the report is there to read without the issue.
    """
    if not drafts:
        return Opened((), ("No new letters: no issue to open.",))
    if api is None:
        repository = env.get("GITHUB_REPOSITORY", "")
        token = env.get("TRACKER_TOKEN") or env.get("GITHUB_TOKEN", "")
        if not repository or not token:
            missing = "GITHUB_REPOSITORY" if not repository else "a token (the token input)"
            warning = annotation("warning", f"No issues opened: {missing} is not set.")
            return Opened((), (warning,))
        api = GitHub(env.get("GITHUB_API_URL") or DEFAULT_API, token, repository)
    urls: list[str] = []
    log: list[str] = []
    labels: set[str] = set()
    for draft in drafts:
        try:
            if draft.label not in labels:
                api.ensure_label(draft.label, f"Letters of the series {draft.label}")
                labels.add(draft.label)
            url = api.open_issue(draft.title, draft.body, draft.label)
        except GitHubError as exc:
            message = f"Could not open the issue for {draft.letter}: {exc}"
            log.append(annotation("warning", message, file=draft.letter, title="tracker issue"))
            continue
        urls.append(url)
        log.append(one_line(f"Opened {url} for {draft.letter}"))
    return Opened(tuple(urls), tuple(log))


def issue_step(drafts: Path, env: Mapping[str, str]) -> tuple[str, ...]:
    """The Action's issue step: open the drafted issues, set the `issues` output to their
    addresses, and give the lines for the step log."""
    opened = open_issues(read_drafts(drafts), env)
    if env.get("GITHUB_OUTPUT"):
        write_outputs(Path(env["GITHUB_OUTPUT"]), {"issues": "\n".join(opened.urls)})
    return opened.log

"""The Action's main step: ingest the letters not yet tracked, then tell GitHub about them.

The step log gets a line per letter and an annotation per finding, the job summary the new
reports, the step outputs what was done (see action.yml); with an issues file, the drafts of
an issue per new letter, which the issue step opens after the push (github/issues.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import InputError, TrackerError
from tracker.github.commands import annotation, one_line
from tracker.github.issues import issue_drafts, write_drafts
from tracker.github.outputs import write_outputs
from tracker.github.summary import (
    SummaryPart,
    absolute_links,
    append_summary,
    file_link,
    markdown_text,
)
from tracker.history.ingest import IngestFailed, IngestResult, ingest
from tracker.history.recovery import LetterFailure
from tracker.read.files import load_document


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
    failed: int = 0
    """Letters that could not be ingested (each has an error annotation in `log`)."""

    @property
    def outputs(self) -> dict[str, str]:
        """The step outputs the action declares."""
        return {
            "reports": "\n".join(self.reports),
            "changed-figures": str(self.changed_figures),
            "ingested": str(self.ingested),
            "changes-detected": "true" if self.ingested else "false",
            "failed": str(self.failed),
        }


def run_action(
    repo: Path,
    letters: str,
    *,
    series: str | None,
    commit: bool,
    env: Mapping[str, str],
    notify: Callable[[str], None] | None = None,
    issues_file: Path | None = None,
    message_template: str | None = None,
) -> ActionResult:
    """Ingest every letter under the folder that is not yet tracked, then tell GitHub.

    Appends the new reports to `$GITHUB_STEP_SUMMARY` and the outputs to `$GITHUB_OUTPUT`
    when `env` names them; the returned log holds a line per letter and the annotations. A
    letter that cannot be ingested gets an error annotation and the others go on: the caller
    fails the run at its end when `failed` is not 0.
    """
    folder = letters_folder(repo, letters)
    failures: list[LetterFailure] = []
    try:
        results = ingest(
            repo,
            [folder],
            series=series or None,
            commit=commit,
            notify=(lambda line: notify(one_line(line))) if notify else None,
            message_template=message_template,
        )
    except IngestFailed as exc:
        results, failures = exc.results, exc.failures
    fresh = [r for r in results if r.status != "duplicate"]
    reports: list[str] = []
    for result in fresh:
        for path in (result.report, *result.regenerated):
            if path not in reports:
                reports.append(path)
    log = [line for result in fresh for line in _letter_log(repo, result)]
    already = len(results) - len(fresh)
    if already:
        log.append(f"{already} letter(s) already tracked: nothing to do for them.")
    log += [_failure_annotation(repo, failed) for failed in failures]
    if issues_file is not None:
        try:
            write_drafts(issues_file, issue_drafts(repo, fresh, env))
        except (TrackerError, OSError) as exc:
            # The letters are committed: a draft that cannot be made costs only its issue.
            log.append(annotation("warning", f"No issues drafted: {exc}", title="tracker issue"))
    outcome = ActionResult(
        reports=tuple(reports),
        changed_figures=sum(r.figures_changed for r in fresh),
        ingested=len(fresh),
        already=already,
        log=tuple(log),
        failed=len(failures),
    )
    if env.get("GITHUB_STEP_SUMMARY"):
        _summarise(repo, letters, fresh, outcome, env, failures)
    if env.get("GITHUB_OUTPUT"):
        write_outputs(Path(env["GITHUB_OUTPUT"]), outcome.outputs)
    return outcome


def _failure_annotation(repo: Path, failed: LetterFailure) -> str:
    """An error annotation on the letter that could not be ingested (on its file, when the
    file is in the repository)."""
    on_file = (repo / failed.letter).is_file() and not Path(failed.letter).is_absolute()
    return annotation(
        "error",
        failed.message,
        file=failed.letter if on_file else None,
        title="tracker: letter not ingested",
    )


def _letter_log(repo: Path, result: IngestResult) -> list[str]:
    """A new letter's line of the step log, then an annotation per finding of its report."""
    what = "correction" if result.status == "correction" else "new letter"
    log = [
        one_line(
            f"{what}: {result.series} {result.date.isoformat()} {result.title} "
            f"({result.sections_changed} sections and {result.figures_changed} figures "
            f"changed) -> {result.report}"
        )
    ]
    lines = heading_lines(repo / result.letter) if result.findings else {}
    for finding in result.findings:
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
    return log


def _summarise(
    repo: Path,
    letters: str,
    fresh: list[IngestResult],
    outcome: ActionResult,
    env: Mapping[str, str],
    failures: list[LetterFailure],
) -> None:
    """Append the new letters' reports to the job summary, or say that there were none; and
    name the letters that could not be ingested."""
    summary = Path(env["GITHUB_STEP_SUMMARY"])
    failed = "".join(f"\n- {markdown_text(f.message)}" for f in failures)
    if failed:
        failed = f"\n\n{_plural(len(failures), 'letter')} could not be ingested:\n{failed}"
    if not fresh:
        intro = (
            f"## Letter tracker\n\nNo new letters: {_plural(outcome.already, 'letter')} under "
            f"{markdown_text(letters)}, all tracked already."
            if not failures
            else "## Letter tracker\n\nNo new letters."
        )
        append_summary(summary, [], {}, intro=intro + failed)
        return
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
        f"{_plural(outcome.changed_figures, 'changed figure')}; the reports follow." + failed
    )
    append_summary(summary, parts, links, intro=intro)


# Formats whose parsed line numbers are the file's own lines, so an annotation can point there.
_LINE_FORMATS = (".txt", ".text", ".md", ".markdown")


def heading_lines(letter: Path) -> dict[str, int]:
    """The line of each section heading in a plain-text or Markdown letter, for annotations.

    A heading is given a line only when that line of the file shows the heading, so that an
    annotation never points at the wrong place; PDF, Word and HTML letters get none.
    """
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

"""The `tracker` command's typer app: a thin layer over the library.

Each command parses its arguments, calls one library function and prints. Errors the user
can cause (`TrackerError`) become one line on stderr and exit status 2, as with `git diff`.
Library modules are imported inside the commands so that `tracker --version` stays fast; a
plain `tracker compare` is run without this module (cli/quick.py).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker import __version__
from tracker.cli.failure import EXIT_DIFFERS, EXIT_ERROR, error, run
from tracker.cli.options import Command, NoPager, letter_date, summary_kind
from tracker.cli.output import compare_format
from tracker.cli.quick import SHOW_FORMATS, compare_and_write, show_letter
from tracker.cli.terminal import emit, wants_color
from tracker.errors import HistoryError, TrackerError

app = typer.Typer(
    name="tracker",
    help="Follow a stream of official letters and see what changed.\n\n"
    "Exit status, as with git diff: 0 success; 1 with --exit-code when letters differ "
    "(or `rebuild --check` finds drift); 2 on bad input or another error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Follow a stream of official letters and see what changed."""


def fail(message: str) -> typer.Exit:
    """Print one error line and return the exit to raise."""
    error(message)
    return typer.Exit(EXIT_ERROR)


@app.command(cls=Command)
def show(
    letter: Annotated[
        str, typer.Argument(help="The letter (.txt, .md, .pdf, .docx, .html); - reads stdin.")
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text (outline, tables, footnotes, figures), json (schema tracker.document/1) or "
            "markdown (the canonical snapshot).",
        ),
    ] = "text",
    no_pager: NoPager = False,
) -> None:
    """Show how the tracker reads one letter: metadata, outline, tables, footnotes, figures.

    Exit status: 0 on success; 2 on bad input (missing, empty, binary or unreadable file).
    """
    if output_format not in SHOW_FORMATS:
        raise fail(f"unknown format {output_format!r} (use {', '.join(SHOW_FORMATS)})")
    show_letter(letter, output_format, page=not no_pager)


@app.command(cls=Command)
def compare(
    old: Annotated[
        Path,
        typer.Argument(help="The earlier letter (.txt, .md, .pdf, .docx, .html); - for stdin."),
    ],
    new: Annotated[Path, typer.Argument(help="The later letter.")],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown, json, terminal or html (one self-contained page, the letters side "
            "by side). Default: from -o's extension; terminal when writing to a terminal; "
            "markdown otherwise.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file; .md, .json and .html tell the format, another "
            "extension needs --format.",
        ),
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit with 1 when the letters differ.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Say why each pair of figures was made: concept, role and period.",
        ),
    ] = False,
    stat: Annotated[
        bool,
        typer.Option(
            "--stat",
            help="Only the section counts, the words inserted and deleted per changed "
            "section, and the figures that moved; one screen at most.",
        ),
    ] = False,
    name_only: Annotated[
        bool, typer.Option("--name-only", help="Only the headings of the changed sections.")
    ] = False,
    color: Annotated[
        str,
        typer.Option(
            "--color",
            metavar="auto|always|never",
            help="Colour the terminal report: auto colours a terminal unless NO_COLOR is set "
            "(FORCE_COLOR colours anything).",
        ),
    ] = "auto",
    no_pager: NoPager = False,
) -> None:
    """Show what changed between two letters: sections, sentences, words and figures.

    Exit status: 0 on success; with --exit-code, 1 when the letters differ; 2 on bad input.
    """
    is_terminal = output is None and sys.stdout.isatty()
    colored = wants_color(color, os.environ, is_terminal)
    summary = summary_kind(stat=stat, name_only=name_only, explain=explain, fmt=output_format)
    chosen = summary or compare_format(output_format, output, is_terminal)
    comparison = compare_and_write(
        old, new, chosen, explain=explain, color=colored, output=output, page=not no_pager
    )
    if exit_code and comparison.differs:
        raise typer.Exit(EXIT_DIFFERS)


@app.command("action-run", cls=Command)
def action_run(
    repo: Annotated[Path, typer.Option(help="The tracking repository's work tree.")] = Path("."),
    letters: Annotated[
        str, typer.Option(help="Folder of letters in the repository (letters/<series>/<file>).")
    ] = "letters",
    series: Annotated[
        str, typer.Option(help="Series of every letter; empty: from each letter's folder.")
    ] = "",
    commit: Annotated[
        str, typer.Option(help='"true" to commit each letter, "false" to only write files.')
    ] = "true",
    issues_file: Annotated[Path | None, typer.Option(help="Write issue drafts here.")] = None,
    message_template: Annotated[
        str,
        typer.Option(
            help="Each commit's message, with {series}, {date}, {title}, {summary}, {moves}, "
            "{subject} and {message} filled in; empty: the tracker's own message."
        ),
    ] = "",
) -> None:
    """The GitHub Action's main step: ingest the letters not yet tracked, then write the job
    summary, the annotations and the step outputs (see action.yml)."""
    # start-up time: imported on use
    from tracker.github.action import parse_flag, run_action
    from tracker.github.commands import annotation

    try:
        result = run_action(
            repo,
            letters,
            series=series or None,
            commit=parse_flag(commit, "commit"),
            env=os.environ,
            notify=typer.echo,
            issues_file=issues_file,
            message_template=message_template or None,
        )
    except TrackerError as exc:
        # GitHub shows this on the run's page; main() still prints the plain line and exits 2.
        typer.echo(annotation("error", str(exc), title="tracker"))
        raise
    for line in result.log:
        typer.echo(line)
    typer.echo(f"{result.ingested} new letter(s), {result.changed_figures} changed figure(s).")
    if result.failed:
        # The error annotations are above; the plain line, and exit 2, come last.
        error(f"{result.failed} letter(s) could not be ingested; the others were")
        raise typer.Exit(EXIT_ERROR)


@app.command("action-issues")
def action_issues(
    drafts: Annotated[Path, typer.Option(help="What action-run's --issues-file wrote.")],
) -> None:
    """The GitHub Action's issue step, after the push: open an issue per new letter through
    GitHub's API ($GITHUB_API_URL, $GITHUB_REPOSITORY, $TRACKER_TOKEN). An issue that cannot
    be opened is a warning annotation, and the step still succeeds."""
    from tracker.github.issues import issue_step  # start-up time: imported on use

    for line in issue_step(drafts, os.environ):
        typer.echo(line)


# --- history: ingest, history, figures, rebuild, init ----------------------------------

RepoOption = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        help="The tracking repository. Default: the git repository around the current folder.",
    ),
]


def _note(line: str) -> None:
    typer.echo(f"tracker: {line}", err=True)


@app.command(cls=Command)
def ingest(
    files: Annotated[
        list[Path], typer.Argument(help="Letters, or folders of letters (e.g. letters/).")
    ],
    series: Annotated[
        str | None,
        typer.Option(help="Series name. Default: the folder under letters/ holding the file."),
    ] = None,
    repo: RepoOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="YYYY-MM-DD, for a letter whose text and file name give no date; not after "
            "today, not before 1900."
        ),
    ] = None,
    no_commit: Annotated[
        bool, typer.Option("--no-commit", help="Write the files but do not commit.")
    ] = False,
) -> None:
    """Add letters to their series: snapshot, change report, ledger, index; one commit each."""
    # start-up time: imported on use
    from tracker.history.ingest import IngestFailed
    from tracker.history.ingest import ingest as ingest_letters

    try:
        results = ingest_letters(
            repo or Path.cwd(),
            files,
            series=series,
            date=letter_date(date, dt.date.today()) if date is not None else None,
            commit=not no_commit,
            notify=_note,
        )
    except IngestFailed as exc:
        # The letters that went in are listed first; then one line for each that did not.
        for line in (line for r in exc.results for line in r.lines()):
            typer.echo(line)
        for failed in exc.failures:
            error(failed.message)
        raise typer.Exit(EXIT_ERROR) from None
    for line in (line for r in results for line in r.lines()):
        typer.echo(line)


@app.command(cls=Command)
def history(
    series: Annotated[str | None, typer.Argument(help="One series. Default: all.")] = None,
    repo: RepoOption = None,
    no_pager: NoPager = False,
) -> None:
    """List the letters of each series with dates, titles and what changed."""
    # start-up time: imported on use
    from tracker.history.series import series_letters

    found = series_letters(repo or Path.cwd(), series)
    lines = [] if found else ["no series yet: add letters with `tracker ingest letters/`"]
    for name, entries in found.items():
        lines.append(f"{name} ({len(entries)} letter{'' if len(entries) == 1 else 's'})")
        for e in entries:
            mark = " (superseded)" if e.superseded else ""
            lines.append(f"  {e.date.isoformat()}  {e.title}{mark} — {e.summary}")
    emit("".join(f"{line}\n" for line in lines), page=not no_pager)


@app.command(cls=Command)
def figures(
    series: Annotated[str, typer.Argument(help="The series.")],
    repo: RepoOption = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv or json.")
    ] = "table",
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="With --format csv: what a spreadsheet set to Dutch (or another decimal-comma "
            "language) opens directly: UTF-8 with a BOM, ';' between fields, decimal commas.",
        ),
    ] = False,
    no_pager: NoPager = False,
) -> None:
    """The figure ledger: each figure across the series, last value carried forward."""
    if output_format not in ("table", "csv", "json"):
        raise fail(f"unknown format {output_format!r} (use table, csv or json)")
    if excel and output_format != "csv":
        raise fail("--excel shapes a CSV file: add --format csv")
    # start-up time: imported on use
    from tracker.history.ledger_view import render_ledger
    from tracker.history.series import figure_ledger

    letters, tracked = figure_ledger(repo or Path.cwd(), series)
    text = render_ledger(letters, tracked, output_format)
    if excel:
        # start-up time: imported on use
        from tracker.render.spreadsheet import decimal_comma_csv

        sys.stdout.flush()
        sys.stdout.buffer.write(decimal_comma_csv(text, numbers=("value",)))
    else:
        emit(text, page=not no_pager and output_format == "table")


@app.command(cls=Command)
def rebuild(
    series: Annotated[str | None, typer.Argument(help="One series. Default: all.")] = None,
    repo: RepoOption = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if any file differs from a rebuild."),
    ] = False,
) -> None:
    """Regenerate every report, index and ledger from the snapshots."""
    # start-up time: imported on use
    from tracker.history.series import rebuild as rebuild_series

    paths = rebuild_series(repo or Path.cwd(), series, check=check, notify=_note)
    if check:
        if paths:
            for path in paths:
                typer.echo(f"differs    {path}")
            _note(f"{len(paths)} file(s) differ from the snapshots; run `tracker rebuild`")
            raise typer.Exit(EXIT_DIFFERS)
        typer.echo("reports match the snapshots")
        return
    for path in paths:
        typer.echo(f"rewritten  {path}")
    if not paths:
        typer.echo("reports already match the snapshots")


@app.command(cls=Command)
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to make a tracking repository.")] = Path(
        "."
    ),
    action: Annotated[
        str | None,
        typer.Option(
            help="Also write .github/workflows/track-letters.yml running this action "
            "(owner/repo@sha, or ./ for an action in the repository itself)."
        ),
    ] = None,
) -> None:
    """Make a tracking repository: git init if needed, letters/, a README."""
    # start-up time: imported on use
    from tracker.github.workflow import workflow_yaml
    from tracker.history.repository import init_repository

    workflow = None
    if action is not None:
        try:
            workflow = workflow_yaml(action)
        except ValueError as exc:
            raise HistoryError(str(exc), "give the action as owner/repo@sha or ./") from None
    for path in init_repository(directory, workflow=workflow):
        typer.echo(f"created    {path}")
    typer.echo(
        f"put letters in {directory / 'letters'}/<series>/ and run `tracker ingest letters/`"
    )


def main() -> None:
    """Entry point: run the app; every error is one line on stderr and exit 2 (cli/failure.py)."""
    run(app)

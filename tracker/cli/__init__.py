"""The `tracker` command: a thin typer layer over the library.

Each command parses its arguments, calls one library function and prints. Errors the user
can cause (`TrackerError`) become one line on stderr and exit status 2, as with `git diff`.
Library modules are imported inside the commands so that `tracker --version` stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker import __version__
from tracker.errors import HistoryError, InputError, TrackerError

if TYPE_CHECKING:
    from tracker.model import Document

EXIT_OK, EXIT_DIFFERS, EXIT_ERROR = 0, 1, 2

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
    typer.echo(f"tracker: error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


SHOW_FORMATS = ("text", "json", "markdown")


@app.command()
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
) -> None:
    """Show how the tracker reads one letter: metadata, outline, tables, footnotes, figures.

    Exit status: 0 on success; 2 on bad input (missing, empty, binary or unreadable file).
    """
    if output_format not in SHOW_FORMATS:
        raise fail(f"unknown format {output_format!r} (use {', '.join(SHOW_FORMATS)})")
    # start-up time: imported on use
    from tracker.read.files import document_from_bytes, load_document, sniff_name
    from tracker.render import document as render

    if letter == "-":
        data = sys.stdin.buffer.read()
        doc = document_from_bytes(data, sniff_name(data))
    else:
        doc = load_document(Path(letter))
    if output_format == "json":
        sys.stdout.write(render.render_json(doc))
    elif output_format == "markdown":
        sys.stdout.write(render.render_markdown(doc))
    else:
        sys.stdout.write(render.render_text(doc))


COMPARE_FORMATS = ("markdown", "json", "terminal")
_FORMAT_OF_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".json": "json"}


@app.command()
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
            help="markdown, json or terminal. Default: from -o's extension; terminal when "
            "writing to a terminal; markdown otherwise.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
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
) -> None:
    """Show what changed between two letters: sections, sentences, words and figures.

    Exit status: 0 on success; with --exit-code, 1 when the letters differ; 2 on bad input.
    """
    chosen = _compare_format(output_format, output)
    # start-up time: imported on use
    from tracker.comparison.compare import compare as compare_letters

    comparison = compare_letters(_letter(old), _letter(new))
    if chosen == "json":
        # start-up time: imported on use
        from tracker.render.json import render_json

        report = render_json(comparison)
    elif chosen == "terminal":
        # start-up time: imported on use
        from tracker.render.terminal import render_terminal

        report = render_terminal(
            comparison, width=_terminal_width(), color=output is None, explain=explain
        )
    else:
        # start-up time: imported on use
        from tracker.render.markdown import render_markdown

        report = render_markdown(comparison, explain=explain)
    if output is None:
        sys.stdout.write(report)
    else:
        _write_atomically(output, report)
    if exit_code and comparison.differs:
        raise typer.Exit(EXIT_DIFFERS)


def _letter(path: Path) -> Document:
    """The letter at `path`; "-" reads plain text from standard input."""
    # start-up time: imported on use
    from tracker.read.files import dated, document_from_bytes, load_document

    if str(path) == "-":
        return document_from_bytes(sys.stdin.buffer.read(), "stdin.txt")
    return dated(load_document(path))


def _compare_format(requested: str | None, output: Path | None) -> str:
    if requested is not None:
        if requested not in COMPARE_FORMATS:
            raise fail(f"unknown format {requested!r} (use {', '.join(COMPARE_FORMATS)})")
        return requested
    if output is not None:
        return _FORMAT_OF_SUFFIX.get(output.suffix.lower(), "markdown")
    return "terminal" if sys.stdout.isatty() else "markdown"


def _terminal_width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 160))


def _write_atomically(path: Path, text: str) -> None:
    """Write a report to `path` with the repository's atomic write; errors become one line."""
    # start-up time: imported on use
    from tracker.history.storage import write_atomic

    if not path.parent.is_dir():
        # write_atomic would create the folder; for -o a missing folder is a typo to report.
        raise InputError(
            f"cannot write {path}: no such folder", "choose a folder that exists and is writable"
        )
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        hint = "check the path and free space"
        raise InputError(f"cannot write {path}: {exc.strerror}", hint) from exc


@app.command("action-run")
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
        )
    except TrackerError as exc:
        # GitHub shows this on the run's page; main() still prints the plain line and exits 2.
        typer.echo(annotation("error", str(exc), title="tracker"))
        raise
    for line in result.log:
        typer.echo(line)
    typer.echo(f"{result.ingested} new letter(s), {result.changed_figures} changed figure(s).")


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


@app.command()
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
        typer.Option(help="YYYY-MM-DD, for a letter whose text and file name give no date."),
    ] = None,
    no_commit: Annotated[
        bool, typer.Option("--no-commit", help="Write the files but do not commit.")
    ] = False,
) -> None:
    """Add letters to their series: snapshot, change report, ledger, index; one commit each."""
    # start-up time: imported on use
    from tracker.history.ingest import ingest as ingest_letters

    results = ingest_letters(
        repo or Path.cwd(),
        files,
        series=series,
        date=_iso_date(date) if date is not None else None,
        commit=not no_commit,
        notify=_note,
    )
    for r in results:
        if r.status == "duplicate":
            typer.echo(f"unchanged  {r.snapshot}: already in the series")
            continue
        done = f"committed {r.commit[:10]}" if r.commit else "not committed"
        typer.echo(f"{r.status:<10} {r.report}: {r.message.splitlines()[0]} ({done})")
        for path in r.regenerated:
            typer.echo(f"{'updated':<10} {path}")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"--date {text!r} is not a date (use YYYY-MM-DD)") from None


@app.command()
def history(
    series: Annotated[str | None, typer.Argument(help="One series. Default: all.")] = None,
    repo: RepoOption = None,
) -> None:
    """List the letters of each series with dates, titles and what changed."""
    # start-up time: imported on use
    from tracker.history.series import series_letters

    found = series_letters(repo or Path.cwd(), series)
    if not found:
        typer.echo("no series yet: add letters with `tracker ingest letters/`")
    for name, entries in found.items():
        typer.echo(f"{name} ({len(entries)} letters)")
        for e in entries:
            mark = " (superseded)" if e.superseded else ""
            typer.echo(f"  {e.date.isoformat()}  {e.title}{mark} — {e.summary}")


@app.command()
def figures(
    series: Annotated[str, typer.Argument(help="The series.")],
    repo: RepoOption = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv or json.")
    ] = "table",
) -> None:
    """The figure ledger: each figure across the series, last value carried forward."""
    if output_format not in ("table", "csv", "json"):
        raise fail(f"unknown format {output_format!r} (use table, csv or json)")
    # start-up time: imported on use
    from tracker.history.ledger_view import render_ledger
    from tracker.history.series import figure_ledger

    letters, tracked = figure_ledger(repo or Path.cwd(), series)
    sys.stdout.write(render_ledger(letters, tracked, output_format))


@app.command()
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


@app.command()
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
    """Entry point: run the app, turning library errors into one line and exit 2.

    Click handles usage errors itself (a usage line and exit 2); typer only re-raises other
    exceptions, so a TrackerError reaches us here before any traceback is printed.
    """
    try:
        app()
    except TrackerError as exc:
        typer.echo(f"tracker: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        typer.echo("tracker: interrupted", err=True)
        sys.exit(130)

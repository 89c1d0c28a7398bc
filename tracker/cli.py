"""The `tracker` command: a thin typer layer over the library.

Each command parses its arguments, calls one library function and prints. Errors the user
can cause (`TrackerError`) become one line on stderr and exit status 2, as with `git diff`.
Library modules are imported inside the commands so that `tracker --version` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tracker import __version__
from tracker.errors import TrackerError

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

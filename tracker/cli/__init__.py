"""The `tracker` command: `main` runs it.

The commands and their typer app are in commands.py, loaded only when a command line needs
typer: a plain `tracker compare OLD NEW --format json` or `tracker show LETTER` is run by
quick.py without it, and loading typer is a quarter of what comparing two short letters
costs. `tracker.cli.app`, the typer app, is loaded on first use.
"""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    """Entry point: run the command; every error is one line on stderr and exit 2
    (cli/failure.py)."""
    # start-up time: a plain compare or show runs without typer
    from tracker.cli.failure import guarded
    from tracker.cli.quick import plain_command

    plain = plain_command(sys.argv[1:])
    if plain is not None:
        guarded(plain)
    # start-up time: typer and the commands, for every other command line
    from tracker.cli.commands import main as run

    run()


def __getattr__(name: str) -> Any:
    """`app`, the typer app (for typer's test runner), loaded on first use."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # start-up time: typer only when the app is asked for
    from tracker.cli.commands import app

    return app

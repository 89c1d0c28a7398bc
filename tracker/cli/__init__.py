"""The `tracker` command: `main` runs it.

The commands and their typer app are in app.py, loaded only when a command line needs typer:
a plain `tracker compare OLD NEW --format json` or `tracker show LETTER` is run by quick.py
without it, and loading typer is a quarter of what comparing two short letters costs.
"""

from __future__ import annotations

import sys


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
    from tracker.cli.app import main as run

    run()

"""`python -m tracker` and the `tracker` command.

`tracker --version` is answered here, before the command line and its libraries load: typer
alone takes longer to import than the answer is allowed to take.
"""

import sys

from tracker import __version__


def main() -> None:
    """Run the `tracker` command."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"tracker {__version__}\n")
        return
    # start-up time: every other command needs the command line, and typer with it
    from tracker.cli import main as run

    run()


if __name__ == "__main__":
    main()

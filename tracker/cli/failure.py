"""How the command fails: every error is one line on stderr and exit status 2, never a
traceback, whatever the message quotes (a file name may hold a newline or bytes that are no
UTF-8)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from tracker.errors import TrackerError
from tracker.text.safe import shown

if TYPE_CHECKING:
    import typer

EXIT_OK, EXIT_DIFFERS, EXIT_ERROR = 0, 1, 2


def error(message: str) -> None:
    """One line on stderr, whatever the message quotes."""
    _echo_error(f"tracker: error: {shown(message)}")


def _echo_error(line: str) -> None:
    # start-up time: typer only for an error line, so a plain compare (cli/quick.py) runs without
    import typer

    typer.echo(line, err=True)


def run(app: typer.Typer) -> NoReturn:
    """Run the app and exit, turning every error into one line and exit 2.

    Click runs in non-standalone mode, so its usage errors reach us too; typer re-raises other
    exceptions, so a TrackerError, or any other, reaches us before a traceback is printed.
    """
    guarded(lambda: app(standalone_mode=False))


def guarded(command: Callable[[], object]) -> NoReturn:
    """Run `command` and exit with the status it returns (0 for anything but a number),
    turning every error into one line and exit 2."""
    try:
        code = command()
    except TrackerError as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        _echo_error("tracker: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`tracker show … | head`): nothing left to say to it.
        sys.stderr.close()
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        usage = _usage_error(exc)
        if usage is not None:
            sys.exit(usage)
        # A fault of the tracker: still one line, never a traceback; it says what to report.
        error(f"internal error ({type(exc).__name__}: {exc}) (please report it, with its input)")
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _usage_error(exc: Exception) -> int | None:
    """Report click's usage error (a bad option, a missing argument) in one line and return its
    exit status; None for another exception. Typer exports no click exception: told by shape."""
    message, code = getattr(exc, "format_message", None), getattr(exc, "exit_code", None)
    if not callable(message) or not isinstance(code, int):
        return None
    if type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()  # type: ignore[attr-defined]  # `tracker` alone prints its help
        return code
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "tracker"
    error(f"{message()} (see `{command} --help`)")
    return code

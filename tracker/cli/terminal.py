"""The terminal's habits, as git has them: when to colour, and paging long output.

Colour (`--color auto|always|never`): the flag decides when it says always or never; in auto,
NO_COLOR (any value but empty) turns colour off, FORCE_COLOR (likewise) turns it on, a dumb
terminal gets none, and otherwise colour goes only to a terminal.

Paging: output longer than the terminal goes through TRACKER_PAGER, else PAGER, else
`less -FRX` (quit if it fits on one screen, keep colour, leave the text on the screen), and
only when standard output is a terminal; `--no-pager` or a pager of "" or "cat" prints
directly. LESS and LV get git's defaults when unset, so a plain `PAGER=less` keeps colour.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
from collections.abc import Iterator, Mapping
from typing import TextIO

from tracker.errors import InputError

COLOR_MODES = ("auto", "always", "never")
DEFAULT_PAGER = "less -FRX"
PAGER_DEFAULTS = {"LESS": "FRX", "LV": "-c"}
"""Set for the pager when unset, as git does: less quits on a short text, passes colour
through and leaves the text on the screen."""


def wants_color(mode: str, env: Mapping[str, str], is_terminal: bool) -> bool:
    """Whether to colour: the flag first, then NO_COLOR, FORCE_COLOR, TERM=dumb and the tty."""
    if mode not in COLOR_MODES:
        raise InputError(f"--color {mode!r} is not a colour mode", "use auto, always or never")
    if mode != "auto":
        return mode == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return is_terminal


def pager_command(env: Mapping[str, str]) -> str | None:
    """The pager to run, or None for none: TRACKER_PAGER, then PAGER, then less -FRX."""
    for name in ("TRACKER_PAGER", "PAGER"):
        if name in env:
            command = env[name].strip()
            return None if command in ("", "cat") else command
    return DEFAULT_PAGER


def terminal_size() -> os.terminal_size:
    """Columns and rows of the terminal (COLUMNS and LINES win, as everywhere); 100 x 24
    when there is none."""
    # start-up time: shutil (with bz2 and lzma) only for a terminal
    import shutil

    return shutil.get_terminal_size((100, 24))


def emit(text: str, *, page: bool = True, stream: TextIO | None = None) -> None:
    """Write `text` to standard output, through the pager when it is long and a terminal
    shows it (and `page` is True)."""
    out = stream or sys.stdout
    command = pager_command(os.environ) if page and _is_terminal(out) else None
    if command is None or text.count("\n") < terminal_size().lines or not _runnable(command):
        out.write(text)
        return
    out.flush()
    _through_pager(command, text, out)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _runnable(command: str) -> bool:
    """True when the pager's program can be found; a missing pager means printing directly."""
    try:
        words = shlex.split(command)
    except ValueError:
        return False
    # start-up time: shutil only for a terminal
    import shutil

    return bool(words) and shutil.which(words[0]) is not None


def _through_pager(command: str, text: str, out: TextIO) -> None:
    env = {**PAGER_DEFAULTS, **os.environ}
    encoding = getattr(out, "encoding", None) or "utf-8"
    # start-up time: subprocess (with threading) only to run a pager
    import subprocess

    # The pager reads the terminal for keys; the shell runs the command as git runs core.pager.
    with _ignoring_interrupts():
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
        assert pager.stdin is not None
        # A reader who quits the pager early closes the pipe: not an error.
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.write(text.encode(encoding, errors="replace"))
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()


@contextlib.contextmanager
def _ignoring_interrupts() -> Iterator[None]:
    """Ctrl-C belongs to the pager while it runs (less uses it to stop a search), so the
    tracker neither dies nor leaves the terminal to a pager without its text."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)

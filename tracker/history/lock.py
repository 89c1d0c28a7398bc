"""The ingest lock of a tracking repository: one writer at a time, never a stale lock."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import portalocker

from tracker.errors import HistoryError

_EXCLUSIVE_NOW = portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING

LOCK_WAIT_SECONDS = 60.0
"""How long a second ingest waits for the first before giving up: long enough for a normal
ingest of a few letters, short enough that a stuck CI job fails with a message. The
environment variable TRACKER_LOCK_WAIT (seconds) overrides it."""


def lock_wait() -> float:
    """Seconds to wait for the lock: TRACKER_LOCK_WAIT, else LOCK_WAIT_SECONDS."""
    raw = os.environ.get("TRACKER_LOCK_WAIT", "")
    try:
        return max(0.0, float(raw)) if raw else LOCK_WAIT_SECONDS
    except ValueError:
        raise HistoryError(
            f"TRACKER_LOCK_WAIT={raw!r} is not a number of seconds", "set it to e.g. 30"
        ) from None


@dataclass(frozen=True, slots=True)
class Held:
    """What taking the lock found."""

    interrupted: int | None
    """The pid of the previous holder when it did not let go of the lock itself (it was
    killed): whatever it left half done (a git lock, a temporary file) is nobody's now."""


@contextlib.contextmanager
def repo_lock(
    lock_path: Path,
    *,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[Held]:
    """Hold an exclusive lock on the repository for the duration of the block.

    An operating-system lock on a file in the git folder (flock on Linux and macOS, a locked
    byte range on Windows, through portalocker): the system releases it when the holder exits,
    however it exits, so a killed ingest never leaves a stale lock behind. The file keeps the
    holder's pid while it holds the lock and is emptied when it lets go: the waiting run names
    the holder in its message, and the next holder knows whether the last one was killed.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    wait = lock_wait() if wait is None else wait
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    with os.fdopen(fd, "r+b", buffering=0) as handle:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                portalocker.lock(handle, _EXCLUSIVE_NOW)
                break
            except portalocker.AlreadyLocked:
                holder = _holder(lock_path)
                if time.monotonic() >= deadline:
                    raise HistoryError(
                        f"another tracker run{holder} is writing to this repository",
                        f"wait for it to finish and run the command again "
                        f"(gave up after {wait:g} s)",
                    ) from None
                if on_wait is not None and not told:
                    on_wait(f"waiting for another tracker run{holder} to finish")
                    told = True
                time.sleep(0.1)
        handle.seek(0)
        previous = handle.read(32).decode("ascii", "replace").strip()
        handle.truncate(0)
        handle.seek(0)
        handle.write(f"{os.getpid()}\n".encode())
        try:
            yield Held(interrupted=int(previous) if previous.isdigit() else None)
        finally:
            handle.truncate(0)
            portalocker.unlock(handle)


def _holder(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""

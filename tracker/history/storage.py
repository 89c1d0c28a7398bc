"""Atomic writes and removals inside a tracking repository, and the crash-test hook."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tracker.errors import HistoryError


def inside(root: Path, relative: str) -> Path:
    """`root / relative`, refused when it resolves outside `root` (through `..` or a symlink)."""
    root_resolved = root.resolve()
    target = (root_resolved / relative).resolve()
    if target != root_resolved and root_resolved not in target.parents:
        raise HistoryError(
            f"refusing to write {relative!r}: it resolves outside the repository",
            "remove the symbolic link or the '..' that points out of the repository",
        )
    return target


TEMPORARY = ".tracker-*.tmp"
"""The names of write_atomic's temporary files (a glob): one left by a killed run is removed
by the next."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The temporary file lives in the target's folder (os.replace is atomic only within one file
    system) and is fsynced before the rename; the folder is fsynced after it so the rename
    itself survives a power cut.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tracker-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file private (0600); the file it becomes is made as open() would.
            os.chmod(tmp, new_file_mode())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def append_durably(path: Path, data: bytes) -> None:
    """Append `data` to the existing file `path` and make it durable (fsync)."""
    with path.open("ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def settle(paths: Sequence[Path]) -> None:
    """Date the files in `paths` written within the current second one second back.

    Git cannot tell a file written in the same second as its index from one changed after the
    index was written ("racily clean"), so `git commit` hashes such a file again after `git
    add` hashed it: 10 MB of figures.csv, twice per ingest. One second back, the index written
    next is newer than the file, and a later change still gives the file a newer time.
    """
    now = time.time_ns() // 1_000_000_000
    for path in paths:
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        if stat.st_mtime_ns // 1_000_000_000 >= now:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 1_000_000_000))


def decoded(data: bytes, name: str) -> str:
    """A repository file's bytes as text; not UTF-8 is a HistoryError naming the file."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise HistoryError(
            f"{name}: not UTF-8 text", "run `tracker rebuild` to regenerate it"
        ) from None


def new_file_mode() -> int:
    """The mode open() gives a new file: 0666 less the process's umask.

    The umask can only be read by setting it, so it is set back at once.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def remove_file(path: Path) -> None:
    """Delete `path` if it exists, making the removal durable."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


KILL_HOOK = "TRACKER_TEST_KILL_AT"
"""Test hook: when set to a checkpoint name, the process kills itself (SIGKILL) there, so
tests can prove that a rerun completes an interrupted ingest."""


def checkpoint(name: str) -> None:
    """Where a write sequence may be cut short in tests (see KILL_HOOK)."""
    if os.environ.get(KILL_HOOK) == name:
        os.kill(os.getpid(), signal.SIGKILL)

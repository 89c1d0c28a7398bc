"""Safe names, atomic writes and the ingest lock of a tracking repository."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tracker.errors import HistoryError
from tracker.text.words import slugify

MAX_FILE_NAME = 120
"""Longest file name kept for a copied original (bytes are counted after UTF-8 encoding)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=$|[^0-9])")


def series_name(raw: str) -> str:
    """The series slug for a name given by a user or a folder; refuses what is not a name.

    A series name becomes a folder under `snapshots/`, `reports/` and `letters/`, so anything
    that could point elsewhere (separators, `..`, control characters) is refused rather than
    silently rewritten: the user would not find their series under a name they did not give.
    """
    if _CONTROL.search(raw) or "/" in raw or "\\" in raw or raw.strip() in {"", ".", ".."}:
        raise HistoryError(
            f"invalid series name {raw!r}",
            "use letters, digits and hyphens, e.g. --series oekraine-steun",
        )
    slug = slugify(raw)
    if not slug:
        raise HistoryError(
            f"series name {raw!r} has no letters or digits",
            "use letters, digits and hyphens, e.g. --series oekraine-steun",
        )
    return slug


def safe_file_name(name: str) -> str:
    """A file name safe to create in a series folder: no path, no control characters, bounded.

    Only the last path component is kept; the extension survives shortening so the reader for
    the format is still found.
    """
    base = _CONTROL.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if base in {"", ".", ".."} or base.startswith("."):
        raise HistoryError(
            f"cannot store a letter under the name {name!r}",
            "rename the file to a plain name such as 2026-02-27-brief.txt",
        )
    if len(base.encode("utf-8")) > MAX_FILE_NAME:
        stem, dot, ext = base.rpartition(".")
        if not dot or len(ext) > 10:
            stem, ext = base, ""
        keep = MAX_FILE_NAME - len(ext.encode("utf-8")) - 1
        stem = stem.encode("utf-8")[:keep].decode("utf-8", "ignore").rstrip()
        base = f"{stem}.{ext}" if ext else stem
    return base


def date_prefix(name: str) -> tuple[int, int, int] | None:
    """The (year, month, day) a file name starts with, as in 2026-02-27-brief.txt."""
    match = _DATE_PREFIX.match(name)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def strip_date_prefix(stem: str) -> str:
    """The file stem without a leading YYYY-MM-DD and its separator."""
    match = _DATE_PREFIX.match(stem)
    return stem[match.end() :].lstrip("-_ .") if match else stem


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
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


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


@contextlib.contextmanager
def repo_lock(
    lock_path: Path,
    *,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold an exclusive lock on the repository for the duration of the block.

    An flock on a file in the git folder: the kernel releases it when the holder exits, however
    it exits, so a killed ingest never leaves a stale lock behind. The file keeps the holder's
    pid only to name it in the message of the one that waits.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    wait = lock_wait() if wait is None else wait
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
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
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""

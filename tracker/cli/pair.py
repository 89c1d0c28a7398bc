"""The two letters of `tracker compare`, read on two cores when they are large.

Reading a letter and finding its figures is most of a comparison's time, and the two letters
do not depend on each other: from `TWO_CORES_BYTES` on, and when the machine has a core to
spare, the old letter is read in a forked process while this one reads the new. What it costs:
the child sends back the letter and its figures pickled (about a tenth of reading them), and
the new letter no longer finds the paragraphs it shares with the old one already worked out
(figures/kept.py), which makes a second letter read in the same process three times cheaper.
So one process is faster below the size, and on a machine whose other cores are busy.

Only where fork is the way to start a process (Linux): a spawned process would import the
tracker again first. A child that dies without an answer leaves its letter to this process,
and an error in either letter is raised as reading them in order would raise it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.model import Document, Figure

TWO_CORES_BYTES = 64 * 1024
"""Least size of the smaller letter for the second core to pay. Measured with
bench/two_cores.py on the idle 2-core machine: even at 32 KB, 0.76-0.84 of one core's time
from 64 KB to 1 MB; with two other processes running, 1.3-1.5 times one core's at every
size, hence `_core_to_spare`."""

Read = Callable[[Path], "Document"]
Figures = tuple[Sequence["Figure"], Sequence["Figure"]]


def read_pair(
    old: Path, new: Path, read: Read, *, least: int = TWO_CORES_BYTES, spare: bool = False
) -> tuple[Document, Document, Figures | None]:
    """Both letters, and their figures when they were found on two cores (None: `compare`
    finds them). `read` reads one letter; `least` is the size from which two cores are used;
    `spare` says a second core is free whatever the machine's load."""
    if not _two_cores_pay(old, new, least) or not (spare or _core_to_spare()):
        return read(old), read(new), None
    # start-up time: the child sends its letter back pickled only for a pair this large
    import pickle

    # start-up time: the figures are found here only for a pair this large
    from tracker.figures.find import find_figures

    def letter(path: Path) -> tuple[Document, tuple[Figure, ...]]:
        doc = read(path)
        return doc, find_figures(doc)

    sys.stdout.flush()  # the child must not write out what this process has buffered
    sys.stderr.flush()
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:
        _answer(writable, readable, lambda: _outcome(letter, old))
    os.close(writable)
    try:
        mine = _outcome(letter, new)
    finally:
        with os.fdopen(readable, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(child, 0)
    theirs = pickle.loads(data) if status == 0 and data else _outcome(letter, old)
    if isinstance(theirs, TrackerError):
        raise theirs  # the old letter's error first, as reading them in order would
    if isinstance(mine, TrackerError):
        raise mine
    (old_doc, old_figures), (new_doc, new_figures) = theirs, mine
    return old_doc, new_doc, (old_figures, new_figures)


Letter = tuple["Document", tuple["Figure", ...]]


def _outcome(letter: Callable[[Path], Letter], path: Path) -> Letter | TrackerError:
    """The letter at `path` with its figures, or the error that says why it cannot be read."""
    try:
        return letter(path)
    except TrackerError as exc:
        return exc


def _two_cores_pay(old: Path, new: Path, least: int) -> bool:
    if "-" in (str(old), str(new)):
        return False  # standard input is read once, here
    if not sys.platform.startswith("linux"):
        return False
    try:
        if min(old.stat().st_size, new.stat().st_size) < least or not all(
            path.is_file() for path in (old, new)
        ):
            return False
    except OSError:
        return False  # "-" or a missing file: read in order, which says what is wrong
    # start-up time: only a pair this large needs to know
    import threading

    # forking a process that runs threads may leave a lock held in the child
    return threading.active_count() == 1


def _core_to_spare() -> bool:
    """More than one core, and fewer processes running (the last minute's load) than cores:
    on a busy machine the second process would only wait for a core."""
    cores = len(os.sched_getaffinity(0))
    return cores >= 2 and os.getloadavg()[0] <= cores - 1


def _answer(writable: int, readable: int, work: Callable[[], object]) -> None:
    """In the child: send what `work` gives, pickled, and exit; on any other failure exit
    with status 1, and the parent does the work itself."""
    # start-up time: loaded by read_pair before the fork
    import pickle

    status = 1
    try:
        os.close(readable)
        result = work()
        with os.fdopen(writable, "wb") as pipe:
            pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)

"""A grown file's next git blob, stored while the tracker works on the letter.

figures.csv grows by one letter's rows at each ingest, and each commit stores the whole file
anew: at 1000 letters, compressing its 10 MB is most of what `git add` costs. Its old bytes
are known when an ingest starts, so a thread compresses them while the letter is read and
compared (zlib lets go of the interpreter's lock, so this runs on another core); once the new
rows are known, they are compressed after them while they are written, and the object is
written where git keeps loose objects. `git add` then hashes the file, finds the object
stored and writes nothing.

The object is git's: a zlib stream of "blob <size>\\0" and the content. The size is known only
at the end, so the header is compressed on its own and flushed to a byte boundary, and the
content's stream, begun earlier, follows it: deflate streams joined at a full flush are one
stream. The object's name is the SHA-1 of exactly the bytes compressed, so an object is never
wrong; if the file is not those bytes, git stores its own and this one is garbage that `git gc`
prunes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import zlib
from pathlib import Path

from tracker.history.storage import new_file_mode

FROM_SIZE = 1 << 20
"""Files from which the blob is stored ahead: below 1 MB git compresses one in a few ms."""

LEVEL = 1
"""zlib level of the object: core.looseCompression as history/repository.py sets it for git."""


class Prestored:
    """The blob of a file that is about to grow, compressed while the ingest goes on."""

    def __init__(self, objects: Path, file: Path) -> None:
        self._objects = objects
        self._file = file
        self._old = b""
        self._stream = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        self._parts: list[bytes] = []
        self._failed = False
        self._checksum = 1
        self._size = -1
        self._made: tuple[str, bytes] | None = None
        self.read = threading.Event()
        """Set once the file's old bytes are read: appending to it must wait for this."""
        self._threads = [threading.Thread(target=self._compress, daemon=True)]
        self._threads[0].start()

    def _compress(self) -> None:
        try:
            try:
                self._old = self._file.read_bytes()
            finally:
                self.read.set()
            self._parts.append(self._stream.compress(self._old))
            self._checksum = zlib.adler32(self._old)
        except Exception:  # an object not stored ahead is stored by git
            self._failed = True

    def then(self, added: bytes) -> None:
        """Go on with `added`, the bytes about to be appended to the file: the object of the
        file with them is made in the background while they are written."""
        tail = threading.Thread(target=self._make, args=(added,), daemon=True)
        self._threads.append(tail)
        tail.start()

    def _make(self, added: bytes) -> None:
        self._threads[0].join()
        if self._failed:
            return
        self._size = len(self._old) + len(added)
        header = b"blob %d\0" % self._size
        head = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        body = b"".join([*self._parts, self._stream.compress(added), self._stream.flush()])
        # Adler-32 of header, old bytes and added ones, the old bytes' part summed ahead.
        old = _adler_joined(zlib.adler32(header), self._checksum, len(self._old))
        checksum = zlib.adler32(added, old)
        data = b"".join(
            [
                _ZLIB_HEADER,
                head.compress(header) + head.flush(zlib.Z_FULL_FLUSH),
                body,
                checksum.to_bytes(4, "big"),
            ]
        )
        digest = hashlib.sha1(header)
        digest.update(self._old)
        digest.update(added)
        self._made = (digest.hexdigest(), data)

    def store(self) -> None:
        """Write the object, once the bytes given to `then` are appended to the file."""
        self.cancel()
        try:
            size = self._file.stat().st_size
        except OSError:
            return
        if self._made is not None and size == self._size:
            _store(self._objects, *self._made)
        # else the file is not what was compressed: git stores it

    def cancel(self) -> None:
        """Wait for the work begun; store nothing (the file is written whole, or the ingest
        failed)."""
        for thread in self._threads:
            thread.join()


_ZLIB_HEADER = zlib.compressobj(LEVEL).flush()[:2]
"""The two bytes a zlib stream of this level starts with (git's own objects start so)."""


_ADLER = 65521


def _adler_joined(first: int, second: int, length: int) -> int:
    """The Adler-32 of two byte strings joined, from each one's and the second's length
    (zlib's adler32_combine)."""
    rem = length % _ADLER
    low = first & 0xFFFF
    high = (rem * low) % _ADLER
    low += (second & 0xFFFF) + _ADLER - 1
    high += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + _ADLER - rem
    return (low % _ADLER) | ((high % _ADLER) << 16)


def _store(objects: Path, name: str, data: bytes) -> None:
    """Write a loose object as git does: under objects/<2 hex>/<38 hex>, read-only, through a
    temporary file; one already there is left alone."""
    folder = objects / name[:2]
    target = folder / name[2:]
    if target.exists():
        return
    try:
        folder.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="tmp_obj_")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, new_file_mode() & 0o444)  # read-only, as git makes its objects
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def prestore(git_folder: Path, file: Path) -> Prestored | None:
    """Start storing `file`'s next blob ahead, when it is large and the repository is one whose
    loose objects this writes as git would: SHA-1 names, not shared between users."""
    try:
        if file.stat().st_size < FROM_SIZE:
            return None
    except OSError:
        return None
    common = git_folder
    with contextlib.suppress(OSError):
        common = (git_folder / (git_folder / "commondir").read_text().strip()).resolve()
    try:
        config = (common / "config").read_text(errors="replace").lower()
    except OSError:
        return None
    if "objectformat" in config or "sharedrepository" in config:
        return None
    objects = common / "objects"
    if not objects.is_dir():
        return None
    return Prestored(objects, file)

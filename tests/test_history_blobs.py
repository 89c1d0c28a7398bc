"""The ledger's next git blob, stored ahead while an ingest works: real files, real git."""

from __future__ import annotations

import random
import subprocess
import zlib
from pathlib import Path

import pytest
from history_repos import BY_DATE, SEEDS, SERIES, make_repo

from tracker.history import blobs
from tracker.history.blobs import FROM_SIZE, _adler_joined, prestore
from tracker.history.ingest import ingest
from tracker.history.layout import ledger_path
from tracker.history.repository import forget_inherited_repository


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    forget_inherited_repository()
    done = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _ledger(size: int) -> bytes:
    rng = random.Random(14)
    rows: list[bytes] = []
    while sum(len(row) for row in rows) < size:
        rows.append(f"2026-0{rng.randint(1, 9)}-01,brief,inflatie-pct,{rng.random()},ë\n".encode())
    return b"".join(rows)


def _object(root: Path, name: str) -> Path:
    return root / ".git" / "objects" / name[:2] / name[2:]


def _grown(root: Path, announced: bytes, appended: bytes) -> Path:
    """A repository whose large ledger has its next object stored ahead for `announced` while
    `appended` is what is appended to it."""
    _git(root, "init", "-q")
    ledger = root / "figures.csv"
    ledger.write_bytes(_ledger(FROM_SIZE + 1000))
    ahead = prestore(root / ".git", ledger)
    assert ahead is not None
    ahead.read.wait()
    ahead.then(announced)
    with ledger.open("ab") as handle:
        handle.write(appended)
    ahead.store()
    return ledger


def test_the_stored_blob_is_the_one_git_names_and_git_add_keeps_it(tmp_path: Path) -> None:
    added = "2026-10-01,brief,inflatie-pct,2.5,“quoted”\n".encode() * 3
    ledger = _grown(tmp_path, added, added)

    name = _git(tmp_path, "hash-object", "figures.csv").decode().strip()
    stored = _object(tmp_path, name)
    assert stored.is_file() and stored.stat().st_mode & 0o777 == 0o444
    assert _git(tmp_path, "cat-file", "blob", name) == ledger.read_bytes()
    kept = stored.read_bytes()
    _git(tmp_path, "add", "figures.csv")
    assert _git(tmp_path, "ls-files", "-s").split()[1].decode() == name
    assert stored.read_bytes() == kept, "git wrote the object again"
    _git(tmp_path, "fsck", "--full", "--strict")


def test_a_file_that_is_not_what_was_compressed_is_left_to_git(tmp_path: Path) -> None:
    _grown(tmp_path, b"announced\n", b"rows other than the ones announced\n")
    objects = [p for p in (tmp_path / ".git" / "objects").rglob("*") if p.is_file()]
    assert objects == []


def test_small_files_and_sha256_repositories_are_left_to_git(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    small = tmp_path / "figures.csv"
    small.write_bytes(_ledger(1000))
    assert prestore(tmp_path / ".git", small) is None
    other = tmp_path / "sha256"
    _git(tmp_path, "init", "-q", "--object-format=sha256", str(other))
    large = other / "figures.csv"
    large.write_bytes(_ledger(FROM_SIZE + 1000))
    assert prestore(other / ".git", large) is None


def test_the_checksum_of_joined_bytes_is_zlibs() -> None:
    rng = random.Random(14)
    for _ in range(300):
        first, second = rng.randbytes(rng.randint(0, 300)), rng.randbytes(rng.randint(0, 70_000))
        joined = _adler_joined(zlib.adler32(first), zlib.adler32(second), len(second))
        assert joined == zlib.adler32(first + second)


def test_an_ingest_that_stores_the_ledgers_blob_ahead_commits_what_git_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the ledger's object stored ahead at every size, an ingest commits the trees an
    ingest that leaves the object to git commits, and git finds the repository sound."""
    stored: list[str] = []
    store = blobs._store

    def counted(objects: Path, name: str, data: bytes) -> None:
        stored.append(name)
        store(objects, name, data)

    ahead, plain = make_repo(tmp_path / "ahead", []), make_repo(tmp_path / "plain", [])
    for name in BY_DATE:
        for root, least, storing in ((ahead, 0, counted), (plain, 1 << 40, store)):
            monkeypatch.setattr(blobs, "FROM_SIZE", least)
            monkeypatch.setattr(blobs, "_store", storing)
            target = root / "letters" / SERIES / name
            target.write_bytes((SEEDS / name).read_bytes())
            ingest(root, [target])
    trees = [_git(root, "log", "--format=%T").split() for root in (ahead, plain)]
    assert trees[0] == trees[1] and len(trees[0]) == len(BY_DATE) + 1
    # The first letter makes the ledger; each later one grows it and stores its object ahead.
    assert len(stored) == len(BY_DATE) - 1
    ledger = f"HEAD:{ledger_path(SERIES)}"
    assert _git(ahead, "rev-parse", ledger).decode().strip() == stored[-1]
    _git(ahead, "fsck", "--full", "--strict")

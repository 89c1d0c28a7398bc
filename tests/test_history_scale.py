"""What keeps a long series fast keeps its files the same: a build in worker processes gives
what one in order gives, an ingest appends to the ledger rather than writing it whole, and the
known identities answer as a plain set would."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path

from conftest import CORPUS_DIR
from history_repos import BY_DATE, SEEDS, SERIES, make_repo

from tracker.history.build import derive
from tracker.history.ingest import ingest
from tracker.history.layout import ledger_path
from tracker.history.ledger import KnownIds
from tracker.history.names import letter_stem
from tracker.history.series import PARALLEL_FROM, _in_workers, rebuild
from tracker.read.files import document_from_bytes
from tracker.read.snapshot import to_markdown

LONG = CORPUS_DIR / "us-treasury-marketable-borrowing-estimates-2022-2025"


def snapshots(folder: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        doc = document_from_bytes(path.read_bytes(), path.name)
        date = doc.meta.date or dt.date.fromisoformat(path.name[:10])
        doc = replace(doc, meta=replace(doc.meta, date=date))
        texts[letter_stem(doc, path.name, set(texts))] = to_markdown(doc)
    return texts


def test_a_long_series_builds_in_workers_as_in_order() -> None:
    texts = snapshots(LONG)
    assert len(texts) >= PARALLEL_FROM, "the series is too short for the workers"
    in_workers = derive("treasury", texts, run=_in_workers)
    in_order = derive("treasury", texts)
    assert in_workers.files == in_order.files
    assert in_workers.findings == in_order.findings


def test_an_ingest_appends_the_letters_rows_to_the_ledger(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", BY_DATE[:3])
    ingest(root, [root / "letters" / SERIES])
    ledger = root / ledger_path(SERIES)
    before, inode = ledger.read_bytes(), ledger.stat().st_ino
    target = root / "letters" / SERIES / BY_DATE[3]
    target.write_bytes((SEEDS / BY_DATE[3]).read_bytes())
    ingest(root, [target])
    after = ledger.read_bytes()
    assert ledger.stat().st_ino == inode, "the ledger was written anew, not appended to"
    assert after.startswith(before) and len(after) > len(before)
    assert rebuild(root, check=True) == []


def test_known_identities_are_found_as_a_set_finds_them() -> None:
    rng = random.Random(14)
    words = ["inflation", "pct", "forecast", "2024", "rate", "eur", "2", "3", "steun"]
    ids = {"-".join(rng.choices(words, k=rng.randint(1, 4))) for _ in range(300)}
    given = sorted(ids)[:150]
    known = KnownIds(given)
    copy = known.copy()
    for figure_id in sorted(ids)[150:200]:
        copy.add(figure_id)
    for base in sorted({i.rsplit("-", 1)[0] for i in ids} | set(words)):
        assert known.like(base) == {i for i in given if i == base or i.startswith(f"{base}-")}
        with_copy = [*given, *sorted(ids)[150:200]]
        assert copy.like(base) == {i for i in with_copy if i == base or i.startswith(f"{base}-")}
    assert all(i in copy for i in sorted(ids)[:200])
    assert not any(i in known for i in sorted(ids)[150:])

"""`tracker ingest` takes PDF, Word and HTML letters into a real git repository."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from git import Repo

from tracker.history.ingest import ingest
from tracker.read.snapshot import from_markdown

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
# Seed 001 as PDF, then seed 000 as Word, then seed 004 as HTML: one series, three formats.
LETTERS = {
    "2025-09-10-nieuwsbericht.pdf": "seed-001.pdf",
    "2026-02-27-leveringen.docx": "seed-000.docx",
    "2026-03-04-verslag.html": "seed-004.html",
}


def test_ingest_letters_in_three_formats(tmp_path: Path) -> None:
    with Repo.init(tmp_path) as repo:
        (tmp_path / "notes.md").write_text("A user's own file.\n", encoding="utf-8")
        repo.index.add(["notes.md"])
        repo.index.commit("start")
    folder = tmp_path / "letters" / "oekraine-steun"
    folder.mkdir(parents=True)
    for name, fixture in LETTERS.items():
        shutil.copyfile(FORMATS / fixture, folder / name)

    results = ingest(tmp_path, [tmp_path / "letters"])

    assert [r.letter.rsplit("/", 1)[-1] for r in results] == list(LETTERS)
    assert all(r.committed and r.status == "new" for r in results)
    for result, name in zip(results, LETTERS, strict=True):
        snapshot = from_markdown((tmp_path / result.snapshot).read_text(encoding="utf-8"))
        data = (folder / name).read_bytes()
        assert snapshot.meta.source == name
        assert snapshot.meta.sha256 == hashlib.sha256(data).hexdigest()
    leveringen = results[1]
    assert leveringen.title == "Leveringen militaire goederen aan Oekraïne"
    assert leveringen.figures_changed > 0
    # Ingesting the same files again changes nothing.
    again = ingest(tmp_path, [tmp_path / "letters"])
    assert all(not r.committed for r in again)

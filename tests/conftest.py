"""Shared fixtures: the seed letters and real corpus documents, by shape and family."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.history.repository import forget_inherited_repository
from tracker.model import Document
from tracker.read.files import load_document

# The tests' git runs in repositories of their own, never in the one under test: git hands
# GIT_DIR and its kin to what it runs (`git rebase --exec "make test"`, a hook).
forget_inherited_repository()

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "letters" / "oekraine-steun"
CORPUS_DIR = ROOT / "tests" / "fixtures" / "corpus"
# The full evaluation corpus, when the repository sits beside it (not on a fresh clone).
SHARED_CORPUS_DIR = ROOT.parent / "shared" / "corpus"

# The five seed letters by what they are (see ../shared/seeds/README.md).
SEEDS: dict[str, Path] = {
    "form": SEED_DIR / "2025-04-15-voorjaarsnota-cw-3-1.txt",  # seed 003
    "news": SEED_DIR / "2025-09-10-nieuwsbericht-militaire-steun.txt",  # seed 001
    "questions": SEED_DIR / "2025-11-27-antwoorden-kamervragen.txt",  # seed 002
    "delivery": SEED_DIR / "2026-02-27-leveringen-militaire-goederen.txt",  # seed 000
    "report": SEED_DIR / "2026-03-04-verslag-defensieraad-navo.txt",  # seed 004
}

# One bundled document per corpus family: the newest of each series.
CORPUS: dict[str, Path] = {
    family.name: sorted(family.glob("*.txt"))[-1]
    for family in sorted(CORPUS_DIR.iterdir())
    if family.is_dir()
}


def corpus_files() -> list[Path]:
    """Every corpus document available: the bundled ones, and those of the full corpus (such as
    the texts that may not be bundled) when it is present beside the repository."""
    files = sorted(CORPUS_DIR.glob("*/*.txt"))
    bundled = {path.relative_to(CORPUS_DIR) for path in files}
    if SHARED_CORPUS_DIR.is_dir():
        files += sorted(
            path
            for path in SHARED_CORPUS_DIR.glob("*/*.txt")
            if path.relative_to(SHARED_CORPUS_DIR) not in bundled
        )
    return files


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, Document]:
    """The five seed letters, parsed once per test session."""
    return {name: load_document(path) for name, path in SEEDS.items()}


@pytest.fixture(scope="session")
def corpus_docs() -> dict[str, Document]:
    """One parsed document of each corpus family."""
    return {name: load_document(path) for name, path in CORPUS.items()}

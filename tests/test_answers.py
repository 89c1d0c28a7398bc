"""Figure and section pairing scored on hand-made answers over the bundled corpus letters.

tests/answers/pairs/ holds a careful reader's answers for pairs of successive letters of the
corpus families bundled in tests/fixtures/corpus/, written before the tracker was run on them:
which figures measure the same thing, which must stay unpaired, which sections match. They are
scored with tools/score_answers.py (`make score-answers` prints the same figures per file;
`make score-shared` scores tests/answers/pairs-shared/ over ../shared/corpus).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import CORPUS_DIR, ROOT

ANSWERS = ROOT / "tests" / "answers"
PAIRS = sorted((ANSWERS / "pairs").glob("*.json"))
SHARED_PAIRS = sorted((ANSWERS / "pairs-shared").glob("*.json"))


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_answers", ROOT / "tools" / "score_answers.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


score_answers = _scorer()


def _quotes(answer: dict) -> list[tuple[str, str]]:
    """(side, quote) of every figure an answer file names."""
    figures = answer["figures"]
    quotes = [("old", p["old_text"]) for p in figures["paired"]]
    quotes += [("new", p["new_text"]) for p in figures["paired"]]
    quotes += [("old", f["text"]) for f in figures["unpaired_old"]]
    quotes += [("new", f["text"]) for f in figures["unpaired_new"]]
    return quotes


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.stem)
def test_every_quote_of_the_answers_is_in_its_bundled_letter(path: Path) -> None:
    """A quote that is not found would make its figure unjudgeable, so the score would drift."""
    answer = json.loads(path.read_text(encoding="utf-8"))
    for side, quote in _quotes(answer):
        assert score_answers.quote_lines(CORPUS_DIR / answer[side], quote), (side, quote)


def test_the_shared_answers_name_no_bundled_letter() -> None:
    """The shared answers are over texts that may not be bundled: they stay in ../shared."""
    assert len(SHARED_PAIRS) == 12
    for path in SHARED_PAIRS:
        answer = json.loads(path.read_text(encoding="utf-8"))
        assert not (CORPUS_DIR / answer["old"]).exists()
        assert not (CORPUS_DIR / answer["new"]).exists()


def test_pairing_on_the_bundled_answers() -> None:
    """Precision first: a pair the answers call wrong misleads a reader; a miss costs a look."""
    tally = score_answers.score(PAIRS, CORPUS_DIR)
    print(f"\n{len(PAIRS)} answer files: {tally.summary()}")
    assert len(PAIRS) == 31
    assert tally.expected == 128
    assert tally.precision >= 0.98, tally.notes
    # Measured: wrong 0, recall 0.945 (121/128), traps 183/183, sections 52/60.
    assert tally.wrong == 0, [n for n in tally.notes if n.startswith("WRONG")]
    assert tally.recall >= 0.94, [n for n in tally.notes if n.startswith("MISS")]
    assert tally.traps_held == tally.traps, [n for n in tally.notes if n.startswith("TRAP")]

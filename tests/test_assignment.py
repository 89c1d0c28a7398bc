"""Assignment: the per-component Hungarian method finds the best one-to-one pairs."""

from __future__ import annotations

import itertools
import random

import pytest
from conftest import CORPUS_DIR, SEEDS

from tracker.comparison.assignment import hungarian, matching
from tracker.comparison.pairing import NEAREST_IN_LETTER, PAIR_MIN, _candidates, _echo_groups
from tracker.comparison.restated import restated_cells
from tracker.comparison.sections import align_sections
from tracker.comparison.similarity import Rarity, ambiguous, similarity
from tracker.figures.find import find_figures
from tracker.model import Document
from tracker.read.files import load_document


def _best_total(weights: dict[tuple[int, int], float]) -> float:
    """The largest total weight of one-to-one pairs, by trying every assignment."""
    rows = sorted({o for o, _ in weights})
    cols = sorted({n for _, n in weights})
    best = 0.0
    for chosen_cols in itertools.permutations(cols + [None] * len(rows), len(rows)):
        total = sum(weights.get((o, n), 0.0) for o, n in zip(rows, chosen_cols, strict=True))
        best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(20))
def test_matching_is_optimal_and_one_to_one(seed: int) -> None:
    rng = random.Random(seed)
    weights = {
        (o, n): round(rng.uniform(0.1, 1.0), 3)
        for o in range(5)
        for n in range(5)
        if rng.random() < 0.35
    }
    chosen = matching(weights)
    assert len({o for o, _ in chosen}) == len(chosen) == len({n for _, n in chosen})
    assert all(pair in weights for pair in chosen)
    assert sum(weights[p] for p in chosen) == pytest.approx(_best_total(weights))


def test_components_are_solved_apart_with_the_same_result() -> None:
    # Two separate groups of rows and columns: one dense matrix or two small ones agree.
    weights = {(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85, (5, 7): 0.7, (6, 7): 0.75, (6, 8): 0.6}
    whole = hungarian(weights, sorted({o for o, _ in weights}), sorted({n for _, n in weights}))
    assert matching(weights) == sorted(whole) == [(0, 1), (1, 0), (5, 7), (6, 8)]


def _pairs() -> list[tuple[Document, Document]]:
    # The seed letters in date order, and the two pairs the seed gold judges.
    seeds = [load_document(path) for path in sorted(SEEDS.values())]
    docs = list(itertools.pairwise(seeds))
    docs += [(load_document(SEEDS[name]), load_document(SEEDS["delivery"])) for name in ("news",)]
    for family in sorted(CORPUS_DIR.iterdir()):
        files = sorted(family.glob("*.txt"))
        docs += [(load_document(a), load_document(b)) for a, b in itertools.pairwise(files)]
    return docs


def test_candidates_hold_every_pair_that_scores_on_real_letters() -> None:
    """Pairing scores only indexed candidates; on real letters none that would pair is lost."""
    checked = 0
    for old, new in _pairs():
        of, nf = find_figures(old), find_figures(new)
        sections = align_sections(old.sections, new.sections)
        paired = {(o, n) for pair in sections for o in pair.old for n in pair.new}
        old_groups = _echo_groups(of, restated_cells(of), old.meta.language)
        new_groups = _echo_groups(nf, restated_cells(nf), new.meta.language)
        rarity = Rarity(of, nf)
        vague = ambiguous(of) | {len(of) + i for i in ambiguous(nf)}
        found = _candidates(old_groups, new_groups, of, nf, paired, rarity, NEAREST_IN_LETTER)
        for i, og in enumerate(old_groups):
            for j, ng in enumerate(new_groups):
                if og.members[0] in vague or len(of) + ng.members[0] in vague:
                    continue
                score = max(
                    similarity(of[a], nf[b], paired, rarity) for a in og.members for b in ng.members
                )
                if score >= PAIR_MIN:
                    checked += 1
                    assert (i, j) in found
    assert checked >= 15  # 19 on the bundled letters: the check is not vacuous

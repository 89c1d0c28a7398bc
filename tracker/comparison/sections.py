"""Pair the sections of an old letter with those of a new one: cheap anchors, then scoring."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from tracker.comparison.assignment import hungarian
from tracker.comparison.section_score import MAX_HEADING_WORDS, Side, headings_seen_once, score_pair
from tracker.model import Section, SectionPair, SectionStatus

# How much of a new section's word trigrams must come from one old section (or the reverse)
# before the new one counts as split off it (merged into it).
MIN_CONTAINMENT = 0.6
# A section between the same neighbours on both sides, scoring this much, is paired before the
# costly search: edited in place, as most changed sections of a new version are.
IN_PLACE_SCORE = 0.75
# Candidates per section from shared rare trigrams, and trigrams shared by more sections than
# this are boilerplate, not evidence: both bound the work so it grows linearly with the letter.
CANDIDATES_PER_SECTION = 6
MAX_TRIGRAM_SECTIONS = 8
# Unpaired neighbours within this many places of where a section would land count as
# candidates too, so headings-only sections and rewritten bodies still meet their partner.
POSITION_WINDOW = 3
# Optimal assignment is cubic in the size of a connected group of candidates; larger groups
# (rare: many near-identical sections) fall back to best-score-first.
MAX_ASSIGNMENT_GROUP = 120


def align_sections(old: Sequence[Section], new: Sequence[Section]) -> tuple[SectionPair, ...]:
    """Pair old sections with new ones; every section appears in exactly one pair.

    Sections equal in heading and text are paired first, in order. What is left is scored
    only against a bounded set of candidates (shared rare trigrams, the same heading, nearby
    places), and the pairs are chosen by an optimal assignment over those candidates, ties
    broken by position. Leftovers whose text sits inside a paired section become split or
    merged; the rest are added or removed.
    """
    old_sides = [Side(s) for s in old]
    new_sides = [Side(s) for s in new]
    matches: dict[int, int] = _exact_anchors(old_sides, new_sides)
    scores: dict[tuple[int, int], tuple[float, float]] = {
        (o, n): (1.0, 1.0) for o, n in matches.items()
    }
    once = headings_seen_once(old_sides) & headings_seen_once(new_sides)
    for (o, n), in_place in _in_place(old_sides, new_sides, matches, once).items():
        matches[o] = n
        scores[(o, n)] = in_place
    candidates = _candidates(old_sides, new_sides, matches)
    scored: dict[tuple[int, int], tuple[float, float]] = {}
    for o, n in candidates:
        score = score_pair(old_sides[o], new_sides[n], once)
        if score is not None:
            scored[(o, n)] = score
    for o, n in _assign(scored, len(old), len(new)):
        matches[o] = n
        scores[(o, n)] = scored[(o, n)]
    groups = _split_and_merge(old_sides, new_sides, matches)
    return _pairs(old, new, old_sides, new_sides, matches, scores, groups)


def _exact_anchors(old: list[Side], new: list[Side]) -> dict[int, int]:
    """Pair sections equal in heading and text; repeated ones pair in order of appearance."""
    waiting: dict[tuple[str, str], list[int]] = {}
    for n in reversed(range(len(new))):
        waiting.setdefault((new[n].heading, new[n].key), []).append(n)
    matches: dict[int, int] = {}
    for o, side in enumerate(old):
        queue = waiting.get((side.heading, side.key))
        if queue:
            matches[o] = queue.pop()
    return matches


def _in_place(
    old: list[Side], new: list[Side], matches: dict[int, int], unique_headings: set[str]
) -> dict[tuple[int, int], tuple[float, float]]:
    """Sections still in their place: between two anchors, as many old as new, and clearly
    the same text. Pairing them first leaves the costly scoring only the real puzzles."""
    ordered = sorted(matches.items())
    keep = _longest_increasing([n for _, n in ordered])
    fences = [(-1, -1)] + [ordered[i] for i in sorted(keep)] + [(len(old), len(new))]
    found: dict[tuple[int, int], tuple[float, float]] = {}
    taken = set(matches.values())
    for (o1, n1), (o2, n2) in itertools.pairwise(fences):
        olds = [o for o in range(o1 + 1, o2) if o not in matches]
        news = [n for n in range(n1 + 1, n2) if n not in taken]
        if not olds or len(olds) != len(news):
            continue
        for o, n in zip(olds, news, strict=True):
            score = score_pair(old[o], new[n], unique_headings)
            if score is not None and score[0] >= IN_PLACE_SCORE:
                found[(o, n)] = score
    return found


def _candidates(old: list[Side], new: list[Side], matches: dict[int, int]) -> list[tuple[int, int]]:
    """Candidate pairs among unpaired sections, a bounded number per section, in order."""
    paired_new = set(matches.values())
    free_old = [o for o in range(len(old)) if o not in matches]
    free_new = [n for n in range(len(new)) if n not in paired_new]
    if not free_old or not free_new:
        return []
    by_trigram: dict[tuple[str, ...], list[int]] = {}
    by_heading: dict[str, list[int]] = {}
    by_heading_word: dict[str, list[int]] = {}
    for n in free_new:
        for trigram in new[n].trigrams:
            by_trigram.setdefault(trigram, []).append(n)
        by_heading.setdefault(new[n].heading, []).append(n)
        if len(new[n].heading_words) <= MAX_HEADING_WORDS:
            for word in dict.fromkeys(w[:5] for w in new[n].heading_words):
                by_heading_word.setdefault(word, []).append(n)
    expected = _expected_positions(len(old), matches)
    found: dict[tuple[int, int], None] = {}
    for o in free_old:
        shared: dict[int, int] = {}
        for trigram in old[o].trigrams:
            holders = by_trigram.get(trigram)
            if holders and len(holders) <= MAX_TRIGRAM_SECTIONS:
                for n in holders:
                    shared[n] = shared.get(n, 0) + 1
        near = expected[o]
        best = sorted(shared, key=lambda n: (-shared[n], abs(n - near), n))
        for n in best[:CANDIDATES_PER_SECTION]:
            found[(o, n)] = None
        for n in _closest(by_heading.get(old[o].heading, []), near):
            found[(o, n)] = None
        if len(old[o].heading_words) <= MAX_HEADING_WORDS:
            sharing: set[int] = set()
            for word in old[o].heading_words:
                sharing.update(_closest(by_heading_word.get(word[:5], []), near))
            for n in sorted(sharing, key=lambda n: (abs(n - near), n))[:CANDIDATES_PER_SECTION]:
                found[(o, n)] = None
        for n in _nearby(free_new, near):
            found[(o, n)] = None
    return sorted(found)


def _closest(positions: list[int], near: int) -> list[int]:
    """The CANDIDATES_PER_SECTION entries of the sorted `positions` closest to `near`.

    Bisecting keeps this cheap when one heading ("Overig") heads hundreds of sections.
    """
    k = CANDIDATES_PER_SECTION
    middle = bisect.bisect_left(positions, near)
    window = positions[max(0, middle - k) : middle + k]
    return sorted(window, key=lambda n: (abs(n - near), n))[:k]


def _expected_positions(old_count: int, matches: dict[int, int]) -> list[int]:
    """Where each old section would land in the new letter, judged by the anchor before it."""
    expected: list[int] = []
    last_old, last_new = -1, -1
    for o in range(old_count):
        if o in matches:
            last_old, last_new = o, matches[o]
            expected.append(last_new)
        else:
            expected.append(last_new + (o - last_old))
    return expected


def _nearby(free_new: list[int], position: int) -> list[int]:
    """Unpaired new sections within POSITION_WINDOW places of `position` (free_new is sorted)."""
    low = bisect.bisect_left(free_new, position - POSITION_WINDOW)
    high = bisect.bisect_right(free_new, position + POSITION_WINDOW)
    return free_new[low:high]


def _assign(
    scored: dict[tuple[int, int], tuple[float, float]], old_count: int, new_count: int
) -> list[tuple[int, int]]:
    """The set of pairs with the greatest total weight, each section used at most once.

    The candidate graph falls apart into small connected groups; each group is solved exactly
    with the Hungarian method (cubic in the group, so groups stay small). A tiny penalty on
    the distance in position breaks ties in favour of pairs that keep the order.
    """
    parent = list(range(old_count + new_count))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for o, n in scored:
        root_a, root_b = find(o), find(old_count + n)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[int, list[tuple[int, int]]] = {}
    for o, n in sorted(scored):
        groups.setdefault(find(o), []).append((o, n))
    chosen: list[tuple[int, int]] = []
    for edges in groups.values():
        weights = {
            (o, n): scored[(o, n)][0] - 1e-6 * abs(o / max(old_count, 1) - n / max(new_count, 1))
            for o, n in edges
        }
        rows = sorted({o for o, _ in edges})
        cols = sorted({n for _, n in edges})
        if max(len(rows), len(cols)) > MAX_ASSIGNMENT_GROUP:
            chosen.extend(_greedy(weights))
        else:
            chosen.extend(hungarian(weights, rows, cols))
    return sorted(chosen)


def _greedy(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    used_old: set[int] = set()
    used_new: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for (o, n), _ in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        if o not in used_old and n not in used_new:
            used_old.add(o)
            used_new.add(n)
            chosen.append((o, n))
    return chosen


def _containment(part: Side, whole: Side) -> float:
    """Share of `part`'s trigrams that occur in `whole`."""
    if not part.trigrams:
        return 0.0
    return sum(t in whole.trigrams for t in part.trigrams) / len(part.trigrams)


def _split_and_merge(
    old: list[Side], new: list[Side], matches: dict[int, int]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Groups of sections whose text was divided (one old, several new) or joined.

    An unpaired section counts only when most of its text sits in one section of the other
    side, and next to that section's partner; pairs it joins leave `matches`.
    """
    groups: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    paired_new = {n: o for o, n in matches.items()}
    # Split: unpaired new sections drawn from the old section paired with their neighbour.
    extra_new: dict[int, list[int]] = {}
    for n in range(len(new)):
        if n in paired_new:
            continue
        for neighbour in (n - 1, n + 1):
            o = paired_new.get(neighbour)
            if o is not None and _containment(new[n], old[o]) >= MIN_CONTAINMENT:
                extra_new.setdefault(o, []).append(n)
                break
    for o, parts in sorted(extra_new.items()):
        n = matches.pop(o)
        groups.append(((o,), tuple(sorted([n, *parts]))))
    # Merged: unpaired old sections whose text went into the new partner of their neighbour.
    paired_old = dict(matches)
    extra_old: dict[int, list[int]] = {}
    taken_old = {o for group in groups for o in group[0]}
    for o in range(len(old)):
        if o in paired_old or o in taken_old:
            continue
        for neighbour in (o - 1, o + 1):
            partner = paired_old.get(neighbour)
            if partner is not None and _containment(old[o], new[partner]) >= MIN_CONTAINMENT:
                extra_old.setdefault(neighbour, []).append(o)
                break
    for o, parts in sorted(extra_old.items()):
        n = matches.pop(o)
        groups.append((tuple(sorted([o, *parts])), (n,)))
    return groups


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices (into `values`) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def _pairs(
    old: Sequence[Section],
    new: Sequence[Section],
    old_sides: list[Side],
    new_sides: list[Side],
    matches: dict[int, int],
    scores: dict[tuple[int, int], tuple[float, float]],
    groups: list[tuple[tuple[int, ...], tuple[int, ...]]],
) -> tuple[SectionPair, ...]:
    """All pairs, in the new letter's order; removed sections where they stood in the old."""
    # Order is judged over every paired place, split and merged groups included, so that a
    # section that jumped past a split one is the one that moved.
    places = sorted([*((o, n) for o, n in matches.items()), *((g[0][0], g[1][0]) for g in groups)])
    kept = _longest_increasing([n for _, n in places])
    in_order = {places[i] for i in kept}
    pairs: list[SectionPair] = []
    for o, n in sorted(matches.items()):
        a, b = old_sides[o], new_sides[n]
        similarity = scores[(o, n)][1]
        status: SectionStatus
        if (o, n) not in in_order:
            status = "moved"
        elif a.heading != b.heading:
            status = "renamed"
        elif a.key == b.key and (old[o].heading or "") == (new[n].heading or ""):
            status = "unchanged"
        else:
            status = "modified"
        pairs.append(SectionPair(status, (o,), (n,), round(similarity, 3)))
    for olds, news in groups:
        words_a = [w for o in olds for w in old_sides[o].words]
        words_b = [w for n in news for w in new_sides[n].words]
        similarity = Indel.normalized_similarity(words_a, words_b)
        status = "split" if len(news) > 1 else "merged"
        pairs.append(SectionPair(status, olds, news, round(similarity, 3)))
    used_old = {o for p in pairs for o in p.old}
    used_new = {n for p in pairs for n in p.new}
    pairs.extend(SectionPair("added", (), (n,), 0.0) for n in range(len(new)) if n not in used_new)
    # A removed section is placed after the pair holding the old section before it.
    new_of_old: dict[int, int] = {o: min(p.new) for p in pairs if p.new for o in p.old}

    def sort_key(pair: SectionPair) -> tuple[float, int, int]:
        if pair.new:
            return (min(pair.new), 0, min(pair.old, default=-1))
        o = pair.old[0]
        before = max((new_of_old[k] for k in range(o) if k in new_of_old), default=-1)
        return (before + 0.5, 1, o)

    removed = [SectionPair("removed", (o,), (), 0.0) for o in range(len(old)) if o not in used_old]
    return tuple(sorted([*pairs, *removed], key=sort_key))

"""Precision and recall of figure finding on a hand-checked sample of real letters.

    .venv/bin/python tools/figure_sample.py           # per letter and in total
    .venv/bin/python tools/figure_sample.py --pairs   # pairing on hand-checked letter pairs
    .venv/bin/python tools/figure_sample.py --draft F # print F's figures as a sample entry

The sample is tests/fixtures/figures/sample.json: for each letter (the five seed letters in
letters/oekraine-steun/ and real corpus documents copied to tests/fixtures/figures/), every
figure a careful reader would track, as (value in base units, unit, high end of a range),
checked by hand against the text. A found figure counts as right when the sample holds one
with the same value, unit and high end that no other found figure has taken; a figure with
the wrong value (a table "in $ billions" read as dollars) is both a miss and a false find.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "figures" / "sample.json"

Key = tuple[Decimal, str, Decimal | None]


def expected_keys(entry: dict[str, object]) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    for item in entry["figures"]:  # type: ignore[attr-defined]
        value, unit, high = item[0], item[1], item[2]
        keys[(Decimal(str(value)), unit, None if high is None else Decimal(str(high)))] += 1
    return keys


def found_keys(path: Path) -> Counter[Key]:
    sys.path.insert(0, str(ROOT))
    from tracker.figures.find import find_figures
    from tracker.read.files import load_document

    return Counter((f.value, f.unit, f.high) for f in find_figures(load_document(path)))


def score() -> dict[str, tuple[int, int, int]]:
    """Per letter: (right, found, expected)."""
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    result = {}
    for entry in sample["letters"]:
        expected = expected_keys(entry)
        found = found_keys(ROOT / entry["path"])
        right = sum((expected & found).values())
        result[entry["path"]] = (right, sum(found.values()), sum(expected.values()))
    return result


PAIRS = ROOT / "tests" / "fixtures" / "figures" / "pairs.json"


def score_pairs() -> tuple[int, int, int]:
    """Pairing on tests/fixtures/figures/pairs.json: (right, made, expected) over all cases."""
    sys.path.insert(0, str(ROOT))
    from tracker.comparison.pairing import pair_figures
    from tracker.comparison.sections import align_sections
    from tracker.figures.find import find_figures
    from tracker.read.files import load_document

    right = made = expected = 0
    for case in json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]:
        old = load_document(PAIRS.parent / case["old"])
        new = load_document(PAIRS.parent / case["new"])
        sections = align_sections(old.sections, new.sections)
        changes = pair_figures(old, new, find_figures(old), find_figures(new), sections)
        got = Counter((c.old.text, c.new.text) for c in changes if c.old and c.new)
        want = Counter(tuple(pair) for pair in case["pairs"])
        right += sum((got & want).values())
        made += sum(got.values())
        expected += sum(want.values())
        print(f"{sum((got & want).values()):3} right {sum(got.values()):3} made "
              f"{sum(want.values()):3} expected  {case['old']} -> {case['new']}")  # fmt: skip
    return right, made, expected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draft", type=Path, help="print a letter's figures as a sample entry")
    parser.add_argument("--pairs", action="store_true", help="score pairing instead")
    args = parser.parse_args()
    if args.pairs:
        right, made, expected = score_pairs()
        print(f"pairing precision {right / made:.3f} ({right}/{made}), "
              f"recall {right / expected:.3f} ({right}/{expected})")  # fmt: skip
        return 0
    if args.draft:
        keys = found_keys(args.draft)
        rows = [[str(v), u, None if h is None else str(h)] for (v, u, h), n in keys.items()]
        print(json.dumps(sorted(rows * 1, key=str), ensure_ascii=False))
        return 0
    totals = [0, 0, 0]
    for path, (right, found, expected) in score().items():
        print(f"{right:4} right {found:4} found {expected:4} expected  {path}")
        totals = [a + b for a, b in zip(totals, (right, found, expected), strict=True)]
    right, found, expected = totals
    print(f"precision {right / found:.3f} ({right}/{found}), recall {right / expected:.3f} "
          f"({right}/{expected})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Time each stage of one comparison in-process: where does `tracker compare` spend its time?

    .venv/bin/python bench/stages.py OLD NEW
    .venv/bin/python bench/stages.py --growth [--sizes 250KB,2MB] [--repeats 3] [--seed N]

With two letters, prints one line per stage as soon as it finishes (CPU seconds of this
process), so a stage that runs too long can be stopped and the earlier ones are still known.

With --growth, times the stages of generated pairs of each size (bench/run.py's pairs), each
in a process of its own, and prints each stage's growth exponent between the smallest and the
largest pair: log(time ratio) / log(size ratio), 1.0 for a stage that grows in proportion to
the letters, 2.0 for one that grows with their square. Medians of --repeats runs.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

GROWTH_TARGET = 1.1
"""Largest growth exponent of a stage between 250 KB and 2 MB (the performance issue)."""


def stages(old: Path, new: Path) -> None:
    started = time.process_time()

    def stage(name: str, since: float) -> float:
        now = time.process_time()
        print(f"{name} {now - since:.3f}", flush=True)
        return now

    from tracker.comparison.checks import find_findings
    from tracker.comparison.compare import _with_redline
    from tracker.comparison.pairing import pair_figures
    from tracker.comparison.sections import align_sections
    from tracker.figures.find import find_figures
    from tracker.model import Comparison
    from tracker.read.files import load_document
    from tracker.render.json import render_json

    mark = stage("import", started)
    old_doc, new_doc = load_document(old), load_document(new)
    mark = stage("read+parse", mark)
    pairs = align_sections(old_doc.sections, new_doc.sections)
    mark = stage("align", mark)
    pairs = tuple(_with_redline(old_doc, new_doc, pair) for pair in pairs)
    mark = stage("redline", mark)
    old_figures, new_figures = find_figures(old_doc), find_figures(new_doc)
    mark = stage("find_figures", mark)
    figures = pair_figures(old_doc, new_doc, old_figures, new_figures, pairs)
    mark = stage("pair_figures", mark)
    findings = find_findings(old_doc, new_doc, old_figures, new_figures, figures)
    mark = stage("find_findings", mark)
    render_json(replace(Comparison(old_doc, new_doc, pairs), figures=figures, findings=findings))
    stage("render_json", mark)


def timed_stages(old: Path, new: Path) -> dict[str, float]:
    """The stages of one comparison, run in a process of its own (no warm caches)."""
    done = subprocess.run(
        [sys.executable, __file__, str(old), str(new)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        name: float(seconds)
        for name, seconds in (line.split() for line in done.stdout.splitlines())
    }


def growth(sizes: list[str], repeats: int, seed: int | None = None) -> int:
    from run import MAKE_PAIR, make_pair

    medians: dict[str, dict[str, float]] = {}
    kilobytes: dict[str, float] = {}
    for size in sizes:
        old, new = make_pair(size, MAKE_PAIR, seed)
        kilobytes[size] = (old.stat().st_size + new.stat().st_size) / 2 / 1024
        runs = [timed_stages(old, new) for _ in range(repeats)]
        medians[size] = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    first, last = sizes[0], sizes[-1]
    names = [name for name in medians[first] if name != "import"]
    generated = "" if seed is None else f" --seed {seed}"
    print(f"CPU seconds per stage, medians of {repeats} (bench/stages.py --growth{generated})")
    print()
    print(f"| stage | {' | '.join(sizes)} | exponent {first} -> {last} |")
    print(f"| --- |{' ---: |' * len(sizes)} ---: |")
    missed = []
    for name in names:
        ratio = medians[last][name] / max(medians[first][name], 1e-6)
        exponent = math.log(ratio) / math.log(kilobytes[last] / kilobytes[first])
        if exponent > GROWTH_TARGET:
            missed.append(name)
        cells = " | ".join(f"{medians[size][name]:.3f}" for size in sizes)
        print(f"| {name} | {cells} | {exponent:.2f} |")
    print()
    verdict = f"MISSED: {', '.join(missed)}" if missed else "ok"
    print(f"every stage's exponent <= {GROWTH_TARGET}: {verdict}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("letters", nargs="*", type=Path, help="OLD NEW")
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--sizes", default="250KB,2MB")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--seed",
        type=int,
        help="generate the pairs with this seed: how much of a letter changes varies by seed, "
        "and the stages that work on what changed grow with it",
    )
    args = parser.parse_args()
    if args.growth:
        return growth([s for s in args.sizes.split(",") if s], args.repeats, args.seed)
    if len(args.letters) != 2:
        parser.error("give OLD and NEW, or --growth")
    stages(*args.letters)
    return 0


if __name__ == "__main__":
    sys.exit(main())

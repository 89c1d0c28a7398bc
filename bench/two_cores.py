#!/usr/bin/env python3
"""From what size does reading the two letters of a pair on two cores pay?

    .venv/bin/python bench/two_cores.py [--sizes 16KB,32KB,64KB,128KB,250KB,1MB] [--repeats 9]

For generated pairs of each size (bench/run.py's pairs, in bench-out/), times what `tracker
compare` does before comparing: read both letters and find their figures, in this process one
after the other, and with the old letter in a forked process (tracker/cli/pair.py), alternating
the two, wall time, medians. The fork pays once the saving of the second core outweighs
forking, sending the letter back pickled and the new letter's paragraphs no longer found
worked out by the old one's. Run it on an idle machine: on a loaded one the second core is
busy with other work.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from run import MAKE_PAIR, make_pair

from tracker.cli.pair import TWO_CORES_BYTES, read_pair
from tracker.figures.find import find_figures
from tracker.figures.kept import forget
from tracker.read.files import dated, load_document


def read(path: Path):  # type: ignore[no-untyped-def]
    return dated(load_document(path))


def one_core(old: Path, new: Path) -> None:
    for doc in read_pair(old, new, read, least=sys.maxsize)[:2]:
        find_figures(doc)


def two_cores(old: Path, new: Path) -> None:
    assert read_pair(old, new, read, least=0, spare=True)[2] is not None, "the pair was not forked"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="16KB,32KB,64KB,128KB,250KB,1MB")
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    print(f"two cores from {TWO_CORES_BYTES // 1024} KB (tracker/cli/pair.py)")
    print("| pair | one core | two cores | two / one |")
    print("| --- | ---: | ---: | ---: |")
    for size in args.sizes.split(","):
        old, new = make_pair(size, MAKE_PAIR)
        one_core(old, new)  # warm the caches of the file system and of the modules
        times: dict[str, list[float]] = {"one": [], "two": []}
        for _ in range(args.repeats):
            for name, way in (("one", one_core), ("two", two_cores)):
                forget()  # each time as the command meets the pair: nothing read before
                started = time.perf_counter()
                way(old, new)
                times[name].append(time.perf_counter() - started)
        one, two = (statistics.median(times[k]) for k in ("one", "two"))
        print(f"| {size} | {one * 1000:.0f} ms | {two * 1000:.0f} ms | {two / one:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark `tracker compare` against `git diff --word-diff` on generated letter pairs.

    make bench                       # or: .venv/bin/python bench/run.py [--sizes 10KB,1MB]

Makes letter pairs with the shared generator (../shared/bench/make_pair.py) into bench-out/
(git-ignored), then times `tracker compare OLD NEW --format json` and
`git diff --no-index --word-diff=porcelain OLD NEW` on the same pair, alternating, in one run.
Prints medians, their ratio and the tracker's peak memory (max RSS of the child process), and
checks them against the targets of the performance issue. Times vary between runs on a shared
machine: compare ratios measured in one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
TRACKER = ROOT / ".venv" / "bin" / "tracker"
MAKE_PAIR = ROOT.parent / "shared" / "bench" / "make_pair.py"
SEED_PAIR = (
    ROOT / "letters" / "oekraine-steun" / "2025-09-10-nieuwsbericht-militaire-steun.txt",
    ROOT / "letters" / "oekraine-steun" / "2026-02-27-leveringen-militaire-goederen.txt",
)
REPEATS = {"10KB": 7, "100KB": 7, "1MB": 5, "5MB": 3}

# Targets from the performance issue, on the 2-core machine.
SEED_SECONDS = 0.25
VERSION_SECONDS = 0.12
RATIO_1MB = 50.0
PEAK_1MB_MB = 150.0
GROWTH_5MB = 5.5
PEAK_5MB_MB = 400.0


class TimedOut(Exception):
    """A run took longer than the time limit and was stopped."""


def run(command: list[str], limit: float | None = None) -> tuple[float, float, int]:
    """Wall time in seconds, peak RSS in MB and exit status of one run of `command`.

    Raises TimedOut (after stopping the process) when `limit` seconds pass first.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if limit is not None and time.perf_counter() - start > limit:
            process.kill()
            os.wait4(process.pid, 0)
            raise TimedOut
        time.sleep(0.002)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        error = process.stderr.read().decode("utf-8", "replace").strip()
        process.stderr.close()
        if process.returncode not in (0, 1):
            sys.exit(f"bench: {' '.join(command)} failed ({process.returncode}): {error[-300:]}")
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def refusal(old: Path, new: Path) -> str:
    """The tracker's one-line error when it refuses the pair (exit status 2), else ""."""
    done = subprocess.run(
        [str(TRACKER), "compare", str(old), str(new), "--name-only"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stderr.strip() if done.returncode == 2 else ""


def stages(old: Path, new: Path, limit: float) -> str:
    """CPU seconds per stage of one comparison (bench/stages.py), as far as it got in time."""
    script = Path(__file__).with_name("stages.py")
    try:
        done = subprocess.run(
            [str(TRACKER.with_name("python")), str(script), str(old), str(new)],
            capture_output=True,
            text=True,
            timeout=limit,
            check=False,
        )
        output = done.stdout
    except subprocess.TimeoutExpired as stopped:
        partial = stopped.stdout or b""
        output = partial.decode() if isinstance(partial, bytes) else partial
        output += f"(stopped after {limit:.0f} s)\n"
    return ", ".join(output.splitlines())


def make_pair(size: str, make_pair_script: Path, seed: int | None = None) -> tuple[Path, Path]:
    """The generated pair of `size` (the generator's own seed unless `seed` is given)."""
    folder = OUT / "pairs" / (size if seed is None else f"{size}-seed{seed}")
    old, new = folder / "old.txt", folder / "new.txt"
    if not (old.exists() and new.exists()):
        folder.mkdir(parents=True, exist_ok=True)
        seeded = [] if seed is None else ["--seed", str(seed)]
        subprocess.run(
            [sys.executable, str(make_pair_script), "--size", size, "--out", str(folder), *seeded],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return old, new


def measure(old: Path, new: Path, repeats: int, limit: float) -> dict[str, float]:
    """Medians of both tools, run alternately so that machine noise hits both alike.

    A tracker run over `limit` seconds stops the measurement of this pair: its time is then
    reported as more than the limit.
    """
    tracker_cmd = [str(TRACKER), "compare", str(old), str(new), "--format", "json"]
    git_cmd = ["git", "diff", "--no-index", "--word-diff=porcelain", str(old), str(new)]
    tracker_times, git_times, peaks = [], [], []
    try:
        run(tracker_cmd, limit)  # warm the file cache and the bytecode cache
        for _ in range(repeats):
            elapsed, peak, _ = run(tracker_cmd, limit)
            tracker_times.append(elapsed)
            peaks.append(peak)
            git_times.append(run(git_cmd)[0])
    except TimedOut:
        return {"tracker": float("inf"), "git": run(git_cmd)[0], "peak": float("nan")}
    return {
        "tracker": statistics.median(tracker_times),
        "git": statistics.median(git_times),
        "peak": max(peaks),
    }


def check(what: str, value: float, limit: float, unit: str) -> str:
    """One line saying a measured value, its target and whether it was met."""
    verdict = "ok" if value <= limit else "MISSED"  # NaN and inf (stopped runs) miss too
    return f"{what}: {value:.3g} {unit} (target <= {limit:g} {unit}): {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10KB,100KB,250KB,1MB,5MB")
    parser.add_argument("--make-pair", type=Path, default=MAKE_PAIR)
    parser.add_argument(
        "--limit", type=float, default=120.0, help="seconds after which a tracker run is stopped"
    )
    args = parser.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]

    version = statistics.median(run([str(TRACKER), "--version"])[0] for _ in range(7))
    seed = measure(*SEED_PAIR, repeats=7, limit=args.limit)
    print(check("tracker --version", version, VERSION_SECONDS, "s"))
    print(check("seed pair 001 -> 000", seed["tracker"], SEED_SECONDS, "s"))
    print()
    print("| pair | size | git diff --word-diff | tracker compare | ratio | tracker peak |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    results: dict[str, dict[str, float]] = {}
    breakdown: list[str] = [f"| seed pair | {stages(*SEED_PAIR, args.limit)} |"]
    for size in sizes:
        old, new = make_pair(size, args.make_pair)
        refused = refusal(old, new)
        if refused:
            # read/limits.py bounds a letter's text (MAX_TEXT): a pair over it is refused.
            print(f"| {size} | refused: {refused} |")
            continue
        result = measure(old, new, REPEATS.get(size, 3), args.limit)
        results[size] = result
        breakdown.append(f"| {size} | {stages(old, new, args.limit)} |")
        kb = (old.stat().st_size + new.stat().st_size) / 2 / 1024
        print(
            f"| {size} | {kb:,.0f} KB | {result['git'] * 1000:.0f} ms | "
            f"{result['tracker'] * 1000:.0f} ms | {result['tracker'] / result['git']:.1f}x | "
            f"{result['peak']:.0f} MB |"
        )
    print()
    print("CPU seconds per stage of one run (bench/stages.py):")
    print()
    print("| pair | stages |")
    print("| --- | --- |")
    print("\n".join(breakdown))
    print()
    if "1MB" in results:
        one = results["1MB"]
        print(check("1 MB, times git diff", one["tracker"] / one["git"], RATIO_1MB, "x"))
        print(check("1 MB, peak memory", one["peak"], PEAK_1MB_MB, "MB"))
        if "5MB" in results:
            five = results["5MB"]
            print(
                check(
                    "5 MB, times the 1 MB time", five["tracker"] / one["tracker"], GROWTH_5MB, "x"
                )
            )
            print(check("5 MB, peak memory", five["peak"], PEAK_5MB_MB, "MB"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

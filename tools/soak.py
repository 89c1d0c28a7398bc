"""The fault campaign in full (`make soak`): hostile inputs through the real command, kills at
random moments during ingest, rounds of concurrent ingests, and Action runs with hostile names.

Unlike tests/test_faults.py, which stops at the first problem, this counts every problem and
prints the campaign's line:

    N cases, N tracebacks, N hangs, N dirty-repo, N multi-line-error, N/100 kill-trials ok,
    N/N concurrency ok, N/N action ok

Each case runs `python -m tracker` in a process group of its own, killed past the budget (a
hang). What counts as which problem is in tests/faults.py, the hostile inputs in
tests/hostile_inputs.py. The cases are drawn with
hypothesis from a fixed seed, so a run can be repeated; problems are written, one a line with
their case, to the log (default soak.log). Exit status 1 when anything went wrong.

    .venv/bin/python tools/soak.py [--cases 3000] [--kills 100] [--rounds 8] [--actions 14]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import faults  # noqa: E402  (tests/ holds the campaign's pieces, shared with make test)
import hostile_inputs  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tracker.history.repository import forget_inherited_repository  # noqa: E402

SHARES = {"show": 0.5, "compare": 0.3, "ingest": 0.2}
"""How the cases divide among the commands."""


def draw(strategy: st.SearchStrategy[Any], count: int, at: int) -> list[Any]:
    """`count` examples of `strategy`, the same ones for the same seed `at`."""
    drawn: list[Any] = []

    @seed(at)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(example: Any) -> None:
        drawn.append(example)

    collect()
    return drawn[:count]


def cases(total: int, at: int) -> list[tuple[str, Any]]:
    letters = hostile_inputs.letter_files(giants=True)
    shows = draw(
        st.tuples(letters, st.sampled_from(["text", "json", "markdown"])),
        int(total * SHARES["show"]),
        at,
    )
    compares = draw(
        st.tuples(letters, letters, st.sampled_from(["markdown", "json", "terminal"])),
        int(total * SHARES["compare"]),
        at + 1,
    )
    ingests = draw(
        st.lists(st.tuples(hostile_inputs.series_folders, letters), min_size=1, max_size=3),
        total - len(shows) - len(compares),
        at + 2,
    )
    return (
        [("show", c) for c in shows]
        + [("compare", c) for c in compares]
        + [("ingest", c) for c in ingests]
    )


def run_case(kind: str, case: Any, base: Path, budget: float) -> set[str]:
    with tempfile.TemporaryDirectory(prefix="soak-") as work:
        here = Path(work)
        if kind == "show":
            letter, fmt = case
            return faults.show_case(here, letter, fmt, faults.run_tracker, budget)
        if kind == "compare":
            old, new, fmt = case
            return faults.compare_case(here, old, new, fmt, faults.run_tracker, budget)
        letters = [(folder, name, data) for folder, (name, data) in case]
        return faults.ingest_case(base, here, letters, faults.run_tracker, budget)


def describe(kind: str, case: Any) -> str:
    """A case in one line of the log: its command and its files' names and sizes."""

    def letter(item: tuple[str, bytes]) -> dict[str, Any]:
        return {"name": item[0], "bytes": len(item[1])}

    if kind == "show":
        return json.dumps({"show": letter(case[0]), "format": case[1]})
    if kind == "compare":
        return json.dumps({"compare": [letter(case[0]), letter(case[1])], "format": case[2]})
    return json.dumps({"ingest": [{"series": f, **letter(item)} for f, item in case]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=8, help="rounds of concurrent ingests")
    parser.add_argument("--processes", type=int, default=8, help="ingests started at once")
    parser.add_argument("--actions", type=int, default=len(hostile_inputs.ACTION_NAMES))
    parser.add_argument("--budget", type=float, default=30.0, help="seconds a command may take")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--log", type=Path, default=Path("soak.log"))
    args = parser.parse_args()
    forget_inherited_repository()
    log = args.log.open("w", encoding="utf-8")
    lock = threading.Lock()

    def note(line: str) -> None:
        with lock:
            log.write(line + "\n")
            log.flush()

    started = time.monotonic()
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="soak-base-") as tmp:
        base = faults.base_repository(Path(tmp) / "base")
        drawn = cases(args.cases, args.seed)
        print(f"{len(drawn)} cases drawn; running them", file=sys.stderr)

        def one(item: tuple[str, Any]) -> None:
            kind, case = item
            try:
                found = run_case(kind, case, base, args.budget)
            except Exception as exc:  # the campaign's own fault: still counted, still logged
                found = {"traceback"}
                note(f"harness error {type(exc).__name__}: {exc}")
            with lock:
                counts.update(found)
            if found:
                note(f"{','.join(sorted(found))}\t{describe(kind, case)}")

        with ThreadPoolExecutor(args.workers) as pool:
            list(pool.map(one, drawn))
        kills = _trials("kill", args.kills, note, lambda i, work: _kill(base, work, i, args.seed))
    rounds = _trials(
        "concurrency",
        args.rounds,
        note,
        lambda i, work: faults.concurrency_round(work, args.processes),
    )
    names = hostile_inputs.ACTION_NAMES
    actions = _trials(
        "action",
        args.actions,
        note,
        lambda i, work: faults.action_trial(work, names[i % len(names)]),
    )
    line = (
        f"{len(drawn)} cases, {counts['traceback']} tracebacks, {counts['hang']} hangs, "
        f"{counts['dirty-repo']} dirty-repo, {counts['multi-line-error']} multi-line-error, "
        f"{kills}/{args.kills} kill-trials ok, {rounds}/{args.rounds} concurrency ok, "
        f"{actions}/{args.actions} action ok"
    )
    note(line)
    note(f"{time.monotonic() - started:.0f} s")
    print(line)
    bad = (
        sum(counts.values()) or kills < args.kills or rounds < args.rounds or actions < args.actions
    )
    return 1 if bad else 0


_LONGEST: list[float] = []


def _kill(base: Path, work: Path, index: int, at: int) -> faults.Trial:
    """A kill trial; the first measures how long the uninterrupted ingest runs."""
    if not _LONGEST:
        with tempfile.TemporaryDirectory(prefix="soak-time-") as timing:
            _LONGEST.append(faults.kill_trial(base, Path(timing), random.Random(at), 0).seconds)
    return faults.kill_trial(base, work, random.Random(at * 1000 + index), _LONGEST[0] * 1.1)


def _trials(
    kind: str, count: int, note: Callable[[str], None], trial: Callable[[int, Path], faults.Trial]
) -> int:
    ok = 0
    for index in range(count):
        with tempfile.TemporaryDirectory(prefix=f"soak-{kind}-") as work:
            try:
                result = trial(index, Path(work))
            except Exception as exc:
                result = faults.Trial(False, [f"harness error {type(exc).__name__}: {exc}"])
        ok += result.ok
        if not result.ok:
            note(f"{kind} trial {index} failed: {'; '.join(result.why)}")
        print(f"{kind} {index + 1}/{count}: {'ok' if result.ok else 'FAILED'}", file=sys.stderr)
    return ok


if __name__ == "__main__":
    sys.exit(main())

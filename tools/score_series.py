#!/usr/bin/env python3
"""Score the figure ledger of whole series against hand-made answers.

Each answer file names a series, its letters (paths relative to --root, with the file names
they get in the series) and the concepts a reader follows through it: for each, the value each
letter reports. The letters are ingested into a fresh tracking repository (a real git
repository in a temporary folder), the ledger is read as `tracker figures SERIES --format json`
gives it (tracker.figures/1), and three things are checked:

- link: two successive reports of a concept, (d1, v1) -> (d2, v2), stand in one ledger row,
  both as reported (not carried): the reader sees the figure move;
- stale: no row shows v1 of d1 at d2, where the letter reports another value, as if current;
- distinct: two reports the answers know to be different quantities are not one row.

    python3 tools/score_series.py --root tests/fixtures/corpus tests/answers/series/*.json [-v]
        [--tracker .venv/bin/tracker] [--min-score 0.95]

Without --tracker the package is called in this process (what the tests do).
"""

from __future__ import annotations

import argparse
import itertools
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

Ledger = Callable[[dict, Path, Path], dict]
"""(answer, corpus root, work folder) -> the ledger as tracker.figures/1."""


def in_process(answer: dict, root: Path, work: Path) -> dict:
    """Ingest the answer's letters with the library and read the ledger, in this process."""
    from tracker.history.ingest import ingest
    from tracker.history.ledger_view import render_ledger
    from tracker.history.repository import init_repository
    from tracker.history.series import figure_ledger

    repo = work / "repo"
    init_repository(repo)
    folder = _copy_letters(answer, root, repo)
    ingest(repo, [folder])
    letters, tracked = figure_ledger(repo, answer["series"])
    return json.loads(render_ledger(letters, tracked, "json"))


def with_command(tracker: str) -> Ledger:
    """The same through the `tracker` command: init, ingest, figures --format json."""

    def run(answer: dict, root: Path, work: Path) -> dict:
        command = shlex.split(tracker)
        repo = work / "repo"
        _run([*command, "init", str(repo)], work)
        folder = _copy_letters(answer, root, repo)
        _run([*command, "ingest", str(folder), "--repo", str(repo)], repo)
        shown = _run(
            [*command, "figures", answer["series"], "--repo", str(repo), "--format", "json"], repo
        )
        return json.loads(shown)

    return run


def _copy_letters(answer: dict, root: Path, repo: Path) -> Path:
    folder = repo / "letters" / answer["series"]
    folder.mkdir(parents=True, exist_ok=True)
    for letter in answer["letters"]:
        shutil.copy(root / letter["file"], folder / letter["as"])
    return folder


def _run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command[-3:])} exited {done.returncode}: {done.stderr}")
    return done.stdout


def same(a: object, b: float) -> bool:
    return isinstance(a, (int, float)) and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def checks(answer: dict, ledger: dict) -> Iterator[tuple[str, str, bool]]:
    """(kind, what, held) for every link, stale and distinct check of one series."""
    rows = []
    for figure in ledger.get("figures") or []:
        by_date: dict[str, list[dict]] = {}
        for value in figure.get("values") or []:
            by_date.setdefault(value.get("date"), []).append(value)
        rows.append(by_date)

    def reported(row: dict, date: str, value: float) -> bool:
        return any(same(v.get("value"), value) and not v.get("carried") for v in row.get(date, []))

    def carried(row: dict, date: str, value: float) -> bool:
        return any(same(v.get("value"), value) and v.get("carried") for v in row.get(date, []))

    for concept in answer["concepts"]:
        points = sorted(concept["values"].items())
        for (d1, v1), (d2, v2) in itertools.pairwise(points):
            held = any(reported(r, d1, v1) and reported(r, d2, v2) for r in rows)
            yield "link", f"{concept['what']}: {v1:,.4g} ({d1}) -> {v2:,.4g} ({d2})", held
            if not same(v1, v2):
                stale = any(reported(r, d1, v1) and carried(r, d2, v1) for r in rows)
                yield "stale", f"{concept['what']}: {v1:,.4g} shown as current at {d2}", not stale
    for trap in answer.get("distinct", []):
        (da, va), (db, vb) = trap["a"], trap["b"]
        joined = any(reported(r, da, va) and reported(r, db, vb) for r in rows)
        yield "distinct", trap["what"], not joined


@dataclass
class Score:
    held: dict[str, int] = field(default_factory=lambda: {"link": 0, "stale": 0, "distinct": 0})
    total: dict[str, int] = field(default_factory=lambda: {"link": 0, "stale": 0, "distinct": 0})
    misses: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        total = sum(self.total.values())
        return sum(self.held.values()) / total if total else 1.0

    def line(self) -> str:
        parts = ", ".join(f"{k} {self.held[k]}/{self.total[k]}" for k in self.total)
        return f"{self.value:.3f} ({parts})"


def score(answer: dict, root: Path, ledger: Ledger = in_process) -> Score:
    """Ingest one answer's series into a fresh repository and score its ledger."""
    result = Score()
    with tempfile.TemporaryDirectory() as work:
        shown = ledger(answer, root, Path(work))
    for kind, what, held in checks(answer, shown):
        result.total[kind] += 1
        result.held[kind] += held
        if not held:
            result.misses.append(f"{kind}: {what}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answers", nargs="+", type=Path)
    parser.add_argument("--root", type=Path, required=True, help="folder the letter paths are in")
    parser.add_argument("--tracker", help="command that runs the tracker (default: in process)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--min-score", type=float, default=None)
    args = parser.parse_args()
    ledger = with_command(args.tracker) if args.tracker else in_process
    total = Score()
    for path in args.answers:
        answer = json.loads(path.read_text(encoding="utf-8"))
        result = score(answer, args.root, ledger)
        print(f"{path.name}: {result.line()}")
        for kind in total.total:
            total.held[kind] += result.held[kind]
            total.total[kind] += result.total[kind]
        for miss in result.misses if args.verbose else []:
            print(f"  MISS {miss}")
    print(f"series score: {total.line()}")
    return 1 if args.min_score is not None and total.value < args.min_score else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark the history: ingesting the 10th vs the 1000th letter, and rebuilding 1000 letters.

    make bench-history          # or: .venv/bin/python bench/history.py [--letters 1000]

Generates a series of successive 10 KB letters with the shared generator
(../shared/bench/make_pair.py: each letter is the previous one with its edit pattern applied,
trimmed back to the size), in bench-out/history/ (git-ignored). Then, in throw-away git
repositories there:
- `tracker rebuild` of the whole series from its snapshots (target: at most 45 s);
- `tracker ingest` of letter 10 into a repository holding letters 1-9, and of letter N into
  one holding letters 1..N-1 (target: letter N at most 1.5 times letter 10, commit included).
Each ingest is timed as the library call, commit included, in a process of its own (after its
imports), on a fresh copy of the repository, median of a few runs. Times vary on a shared
machine; compare the ratio, not absolute times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out" / "history"
TRACKER = ROOT / ".venv" / "bin" / "tracker"
MAKE_PAIR = ROOT.parent / "shared" / "bench" / "make_pair.py"
SERIES = "bench"
SIZE = 10 * 1024
REBUILD_TARGET = 45.0
RATIO_TARGET = 1.5
"""Ingesting letter N may cost at most this many times ingesting letter 10, commit included."""


def load_generator() -> ModuleType:
    if not MAKE_PAIR.exists():
        sys.exit(f"bench/history.py needs the shared letter generator at {MAKE_PAIR}")
    spec = importlib.util.spec_from_file_location("make_pair", MAKE_PAIR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(count: int, folder: Path) -> list[Path]:
    """`count` successive letters of about SIZE bytes, one a week, named by date."""
    existing = sorted(folder.glob("*.txt"))
    if len(existing) == count:
        return existing
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    mp = load_generator()
    gen = mp.Gen(20260301, mp.SEED_GLOB)
    rng = random.Random("history-bench")
    subject = "Leveringen militaire goederen aan Oekraïne"
    sections: list[dict[str, object]] = []
    while len(mp.render([], sections, 0).encode()) < SIZE:
        sections.append(gen.section())
    start = dt.date(2007, 1, 5)
    paths = []
    for index in range(count):
        date = start + dt.timedelta(weeks=index)
        written = f"{date.day} {mp.MONTHS[date.month - 1]} {date.year}"
        head = mp.letterhead(rng, written, f"MINDEF{date:%Y%m%d}{index:04d}", subject)
        text = mp.render(head, sections, 0)
        path = folder / f"{date.isoformat()}-leveringen.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        sections, _log = mp.make_new(sections, gen, index)
        for section in sections:
            section.pop("id", None)
        # Keep the letter near SIZE: the edit pattern adds more than it removes.
        while len(mp.render(head, sections, 0).encode()) > SIZE * 1.1 and len(sections) > 3:
            del sections[rng.randrange(len(sections))]
        while len(mp.render(head, sections, 0).encode()) < SIZE * 0.9:
            sections.insert(rng.randrange(len(sections) + 1), gen.section(rng))
    return paths


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def make_repo(path: Path, letters: list[Path]) -> None:
    """A tracking repository holding `letters`: snapshots written, then `tracker rebuild`."""
    from tracker.history.layout import snapshot_path
    from tracker.history.names import letter_stem
    from tracker.read.files import document_from_bytes
    from tracker.read.snapshot import to_markdown

    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    git(path, "init", "-q")
    folder = path / "letters" / SERIES
    folder.mkdir(parents=True)
    for letter in letters:
        shutil.copyfile(letter, folder / letter.name)
        doc = document_from_bytes(letter.read_bytes(), letter.name)
        target = path / snapshot_path(SERIES, letter_stem(doc, letter.name, set()))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(doc), encoding="utf-8")


def timed(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{proc.stderr}")
    return elapsed


def without_last(full: Path, path: Path) -> None:
    """`full` minus its last letter, as ingesting letters 1..N-1 leaves it: the manifest and
    ledger lose the last letter's rows (a fold: earlier rows do not depend on later letters)."""
    from tracker.history.index import entries_from_csv, entries_to_csv, render_index
    from tracker.history.layout import index_path, ledger_path, manifest_path, report_path
    from tracker.history.ledger_csv import rows_from_csv, rows_to_csv

    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(full, path, symlinks=True)
    entries = entries_from_csv((path / manifest_path(SERIES)).read_text(encoding="utf-8"))
    last = entries.pop()
    rows = rows_from_csv((path / ledger_path(SERIES)).read_text(encoding="utf-8"))
    rows = [r for r in rows if r.letter != last.letter]
    (path / manifest_path(SERIES)).write_text(entries_to_csv(entries), encoding="utf-8")
    (path / ledger_path(SERIES)).write_text(rows_to_csv(rows), encoding="utf-8")
    (path / index_path(SERIES)).write_text(render_index(SERIES, entries, rows), encoding="utf-8")
    (path / report_path(SERIES, last.letter)).unlink()
    (path / "snapshots" / SERIES / f"{last.letter}.md").unlink()
    (path / "letters" / SERIES / last.source).unlink()


def commit_all(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "x")


# Each timing runs in a process of its own, after its imports: the tracker keeps what it has
# worked out of a letter (figures/kept.py), and a second run in one process would find the
# letters already read, as no real ingest does.
_INGEST = """
import sys, time
from pathlib import Path
from tracker.history.ingest import ingest
import tracker.comparison.compare, tracker.read.markdown, markdown_it
started = time.perf_counter()
(result,) = ingest(Path(sys.argv[1]), [Path(sys.argv[2])])
elapsed = time.perf_counter() - started
assert result.status == "new" and result.committed and not result.regenerated
print(elapsed)
"""
_COMPARE = """
import sys, time
from pathlib import Path
from tracker.comparison.compare import compare
from tracker.read.files import load_document
started = time.perf_counter()
compare(load_document(Path(sys.argv[1])), load_document(Path(sys.argv[2])))
print(time.perf_counter() - started)
"""


def timed_child(script: str, *args: str) -> float:
    done = subprocess.run(
        [str(TRACKER.with_name("python")), "-c", script, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"a timed run failed:\n{done.stderr}")
    return float(done.stdout)


def ingest_cost(base: Path, letters: list[Path], repeats: int) -> tuple[float, float]:
    """Median seconds of ingesting the last of `letters` into fresh copies of `base` (the
    library call, commit included, in a process of its own), and of comparing it with the
    letter before it (reading both files)."""
    ingests, compares = [], []
    for run in range(repeats):
        copy = base.parent / f"{base.name}-run{run}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(base, copy, symlinks=True)
        # A copied work tree has new inodes and times: let git refresh its index first, as a
        # fresh clone or checkout would have it, so the timing is of the ingest alone.
        git(copy, "update-index", "-q", "--refresh")
        target = copy / "letters" / SERIES / letters[-1].name
        shutil.copyfile(letters[-1], target)
        ingests.append(timed_child(_INGEST, str(copy), str(target)))
        shutil.rmtree(copy)
        compares.append(timed_child(_COMPARE, str(letters[-2]), str(letters[-1])))
    return statistics.median(ingests), statistics.median(compares)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--ingest-only",
        action="store_true",
        help="reuse the rebuilt series of an earlier run; time only the ingests",
    )
    args = parser.parse_args()
    count = args.letters

    started = time.perf_counter()
    letters = generate(count, OUT / "letters")
    sizes = [p.stat().st_size for p in letters]
    print(
        f"{count} letters, {min(sizes) // 1024}-{max(sizes) // 1024} KB "
        f"(generated or reused in {time.perf_counter() - started:.1f} s)"
    )

    full = OUT / "full"
    if args.ingest_only and (full / "reports" / SERIES / "letters.csv").exists():
        rebuild = 0.0
        print(f"tracker rebuild: skipped (--ingest-only), reusing {full}")
    else:
        make_repo(full, letters)
        rebuild = timed([str(TRACKER), "rebuild"], full)
        print(
            f"tracker rebuild of {count} letters: {rebuild:.1f} s (target < {REBUILD_TARGET:.0f} s)"
        )

    small = OUT / "before-10"
    make_repo(small, letters[:9])
    timed([str(TRACKER), "rebuild"], small)
    commit_all(small)
    large = OUT / f"before-{count}"
    without_last(full, large)
    commit_all(large)
    timed([str(TRACKER), "rebuild", "--check"], small)  # exits if the repository is not consistent

    totals, own = {}, {}
    for n, base in ((10, small), (count, large)):
        total, compare = ingest_cost(base, letters[:n], args.repeats)
        # The compare of the two letters depends on their text, not on the series' length;
        # what the history adds around it is what grows.
        totals[n], own[n] = total, total - compare
        print(
            f"ingest of letter {n}: {total:.3f} s; compare of the same pair {compare:.3f} s; "
            f"history's own cost {own[n]:.3f} s (medians of {args.repeats})"
        )
    ratio = totals[count] / max(totals[10], 0.001)
    print(
        f"ingest of letter {count} / letter 10, commit included: {ratio:.2f} "
        f"(target <= {RATIO_TARGET:g}); history's own cost: "
        f"{own[count] / max(own[10], 0.001):.2f}"
    )
    ok = rebuild <= REBUILD_TARGET and ratio <= RATIO_TARGET
    print("targets met" if ok else "TARGETS MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

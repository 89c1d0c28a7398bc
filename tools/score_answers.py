#!/usr/bin/env python3
"""Score the tracker's figure and section pairing on hand-made answers for pairs of letters.

Each answer file (tests/answers/pairs/*.json) names an old and a new letter, by path under a
corpus root, and what a careful reader, writing before the tracker was run, pairs: sections by
heading, figures with a quote of each side, and figures that must stay unpaired (the traps: an
equal number that measures something else). For every answer file the two letters are compared
and the tracker's figure pairs judged:
- a pair is **right** when both sides are the two figures of one paired answer (the value and
  the line of the quote agree);
- a pair is **wrong** when it joins a figure the answers name to a partner they do not give it;
- other pairs join figures the answers do not name, and are not judged.

Precision is right / (right + wrong); recall is the share of answer pairs the tracker made;
traps are the unpaired answers that stayed unpaired; sections count the section pairs, added
and removed sections that hold.

    make score-answers   # tests/answers/pairs/ over tests/fixtures/corpus
    make score-shared    # tests/answers/pairs-shared/ over ../shared/corpus (SHARED=...)
    .venv/bin/python tools/score_answers.py --root DIR [-v] ANSWER.json...

The letters are compared in this process (compare() and render_json(), as `tracker compare
--format json` does); `--tracker CMD` runs a command instead, such as another checkout's
`.venv/bin/tracker`. `-v` shows the misses, traps and sections that failed. Exit status: 0, or
1 when a comparison failed or a --min-precision, --min-recall or --max-wrong bound is not met.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shlex
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# A comparison as `tracker compare --format json` writes it, read back.
Report = dict[str, Any]
Runner = Callable[[Path, Path], Report]


def in_process(old: Path, new: Path) -> Report:
    """Compare two letters in this process, dated as `tracker compare` dates them."""
    sys.path.insert(0, str(ROOT))
    # The package is imported on use, so that the tool runs from a checkout without installing.
    from tracker.comparison.compare import compare
    from tracker.read.files import dated, load_document
    from tracker.render.json import render_json

    report: Report = json.loads(
        render_json(compare(dated(load_document(old)), dated(load_document(new))))
    )
    return report


def command(tracker: str) -> Runner:
    """Compare two letters with a tracker command (`tracker compare OLD NEW --format json`)."""

    def run(old: Path, new: Path) -> Report:
        cmd = [*shlex.split(tracker), "compare", str(old), str(new), "--format", "json"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
        report: Report = json.loads(proc.stdout)
        return report

    return run


def norm_space(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def norm_heading(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split()).strip(" .:;-")


def same_heading(gold: str, got: object) -> bool:
    """A heading of the answers and one of the report are the same (prefix or near-equal)."""
    names = got if isinstance(got, list) else [got]
    for name in names:
        if not isinstance(name, str):
            continue
        a, b = norm_heading(gold), norm_heading(name)
        if a and b and (a == b or b.startswith(a) or a.startswith(b)):
            return True
        if a and b and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85:
            return True
    return False


def same(a: object, b: object) -> bool:
    return (
        isinstance(a, int | float)
        and isinstance(b, int | float)
        and abs(a - b) <= 1e-6 * max(1.0, abs(b))
    )


def quote_lines(path: Path, quote: str) -> set[int]:
    """1-based lines of `path` that the quote spans (whitespace-insensitive); empty if absent."""
    quote = norm_space(quote)
    if not quote:
        return set()
    starts: list[tuple[int, int]] = []
    flat: list[str] = []
    offset = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        words = norm_space(line)
        if words:
            starts.append((offset, number))
            flat.append(words)
            offset += len(words) + 1
    at = " ".join(flat).find(quote)
    if at < 0:
        return set()
    last = at + len(quote) - 1
    ends = [s for s, _ in starts[1:]] + [offset]
    return {n for (s, n), e in zip(starts, ends, strict=True) if s <= last and e > at}


@dataclass
class Named:
    """A figure the answers name: its value, the lines of its quote, and its answer."""

    value: float
    lines: set[int]
    key: int | None
    """The index of its paired answer; None for one that must stay unpaired."""

    def matches(self, side: object) -> bool:
        if not isinstance(side, dict) or not isinstance(side.get("line"), int):
            return False
        near = any(abs(side["line"] - n) <= 1 for n in self.lines)
        return bool(self.lines) and near and same(self.value, side.get("value"))

    def on_line(self, side: dict[str, Any]) -> bool:
        return self.matches(side) and side["line"] in self.lines


@dataclass
class Tally:
    """What held of one answer file's expectations, or of several added up."""

    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    found: int = 0
    expected: int = 0
    traps_held: int = 0
    traps: int = 0
    sections_held: int = 0
    sections: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for f in fields(self):
            if f.name != "notes":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.notes += other.notes

    @property
    def precision(self) -> float:
        judged = self.right + self.wrong
        return self.right / judged if judged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.right}/{self.right + self.wrong}, "
            f"{self.unjudged} unjudged); recall {self.recall:.3f} ({self.found}/{self.expected}); "
            f"wrong pairings {self.wrong}; traps held {self.traps_held}/{self.traps}; "
            f"sections {self.sections_held}/{self.sections}"
        )


def _unpaired(fig: dict[str, Any], letter: Path) -> Named:
    return Named(fig["value"], quote_lines(letter, fig.get("text", "")), None)


def _named(side: dict[str, Any], known: list[Named]) -> Named | None:
    # A figure on the very line of a quote is that quote's, before one a line away.
    exact = [n for n in known if n.on_line(side)]
    return exact[0] if exact else next((n for n in known if n.matches(side)), None)


def _judge_pair(
    f: dict[str, Any], olds: list[Named], news: list[Named], answers: list[Any]
) -> tuple[str, int | None]:
    """right (with the answer it makes), wrong or unjudged: one pair the tracker made."""
    a, b = _named(f["old"], olds), _named(f["new"], news)
    if a is None and b is None:
        return "unjudged", None
    if a is not None and b is not None and a.key is not None and a.key == b.key:
        return "right", a.key
    if (a is None) != (b is None):
        known = a or b
        if known is not None and known.key is not None:
            pair = answers[known.key]
            other, partner = (f["new"], pair["new"]) if a is not None else (f["old"], pair["old"])
            if same(partner, other.get("value")):
                # An equal restatement elsewhere in the letter: not judged.
                return "unjudged", None
    return "wrong", None


def judge_figures(answer: dict[str, Any], report: Report, old: Path, new: Path) -> Tally:
    """The figure pairs of one report against one answer file."""
    tally = Tally()
    figures = answer.get("figures", {})
    answers = figures.get("paired", [])
    olds = [
        Named(p["old"], quote_lines(old, p.get("old_text", "")), i) for i, p in enumerate(answers)
    ]
    news = [
        Named(p["new"], quote_lines(new, p.get("new_text", "")), i) for i, p in enumerate(answers)
    ]
    olds += [_unpaired(f, old) for f in figures.get("unpaired_old", [])]
    news += [_unpaired(f, new) for f in figures.get("unpaired_new", [])]
    both = [f for f in report.get("figures") or [] if f.get("old") and f.get("new")]
    made: set[int] = set()
    for f in both:
        verdict, key = _judge_pair(f, olds, news, answers)
        setattr(tally, verdict, getattr(tally, verdict) + 1)
        if key is not None:
            made.add(key)
        elif verdict == "wrong":
            tally.notes.append(
                f"WRONG {f['old'].get('text')} -> {f['new'].get('text')} ({f.get('label')})"
            )
    for i, pair in enumerate(answers):
        tally.expected += 1
        tally.found += i in made
        if i not in made:
            tally.notes.append(
                f"MISS  {pair['what']}: {pair.get('old_text')} -> {pair.get('new_text')}"
            )
    traps = list(zip(figures.get("unpaired_old", []), olds[len(answers) :], strict=True))
    traps += zip(figures.get("unpaired_new", []), news[len(answers) :], strict=True)
    paired_traps = _paired_traps(both, olds, news)
    for fig, mark in traps:
        tally.traps += 1
        if id(mark) in paired_traps:
            tally.notes.append(f"TRAP  {fig['what']}: {fig.get('text')} was paired")
        else:
            tally.traps_held += 1
    return tally


def _paired_traps(both: list[dict[str, Any]], olds: list[Named], news: list[Named]) -> set[int]:
    """The ids of the must-stay-unpaired figures that the report pairs. Each side of a pair is
    the figure of the answers it matches best (`_named`). A quote on the same line as a paired
    answer's, with the same value ("5.6 per cent in January and 4.0 per cent in February ...
    after remaining at 4.0 per cent"), cannot be told from it by line: such a trap counts as
    paired when the report pairs more figures of that line and value than the answers do."""
    paired: set[int] = set()
    for side, known in (("old", olds), ("new", news)):
        taken: dict[int, list[dict[str, Any]]] = {}
        for f in both:
            best = _named(f[side], known)
            if best is not None:
                taken.setdefault(id(best), []).append(f[side])
        for trap in (n for n in known if n.key is None):
            if id(trap) in taken:
                paired.add(id(trap))
                continue
            crowded = [
                sides for n in known if n.key is not None and len(sides := taken.get(id(n), [])) > 1
            ]
            if any(trap.matches(x) for sides in crowded for x in sides):
                paired.add(id(trap))
    return paired


def judge_sections(answer: dict[str, Any], report: Report) -> Tally:
    """The section map of one report against one answer file."""
    tally = Tally()
    sections = answer.get("sections", {})
    listed = report.get("sections") or []
    paired = [s for s in listed if s.get("status") not in ("added", "removed")]
    for pair in sections.get("paired", []):
        tally.sections += 1
        ok = any(
            same_heading(pair["old"], s.get("old")) and same_heading(pair["new"], s.get("new"))
            for s in paired
        )
        tally.sections_held += ok
        if not ok:
            tally.notes.append(f"SECT  pair {pair['old']!r} -> {pair['new']!r}")
    for status, side in (("added", "new"), ("removed", "old")):
        for name in sections.get(status, []):
            tally.sections += 1
            ok = any(s.get("status") == status and same_heading(name, s.get(side)) for s in listed)
            ok = ok and not any(same_heading(name, s.get(side)) for s in paired)
            tally.sections_held += ok
            if not ok:
                tally.notes.append(f"SECT  {status} {name!r}")
    return tally


def judge(answer: dict[str, Any], report: Report, old: Path, new: Path) -> Tally:
    """Every expectation of one answer file against the report of its two letters."""
    tally = judge_figures(answer, report, old, new)
    tally.add(judge_sections(answer, report))
    return tally


def score_file(path: Path, root: Path, runner: Runner = in_process) -> Tally:
    """Compare the two letters one answer file names (under `root`) and judge the report."""
    answer = json.loads(path.read_text(encoding="utf-8"))
    old, new = root / answer["old"], root / answer["new"]
    return judge(answer, runner(old, new), old, new)


def score(paths: Iterable[Path], root: Path, runner: Runner = in_process) -> Tally:
    """The answers of every file added up."""
    total = Tally()
    for path in paths:
        total.add(score_file(path, root, runner))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("answers", nargs="+", type=Path)
    parser.add_argument("--root", type=Path, required=True, help="folder the letter paths are in")
    parser.add_argument("--tracker", help="a command to run instead of comparing in process")
    parser.add_argument("-v", "--verbose", action="store_true", help="show misses and traps too")
    parser.add_argument("--min-precision", type=float)
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--max-wrong", type=int)
    args = parser.parse_args()
    runner = command(args.tracker) if args.tracker else in_process
    total = Tally()
    failed = 0
    for path in args.answers:
        try:
            tally = score_file(path, args.root, runner)
        except (OSError, RuntimeError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
            print(f"{path.name}: comparison failed: {exc}")
            failed += 1
            continue
        total.add(tally)
        print(
            f"{path.name}: pairs {tally.found}/{tally.expected}, traps {tally.traps_held}/"
            f"{tally.traps}, wrong {tally.wrong}, sections {tally.sections_held}/{tally.sections}"
        )
        for note in tally.notes:
            if args.verbose or note.startswith("WRONG"):
                print(f"  {note}")
    print(f"pairs: {len(args.answers)} files; {total.summary()}")
    below = (
        (args.min_precision is not None and total.precision < args.min_precision)
        or (args.min_recall is not None and total.recall < args.min_recall)
        or (args.max_wrong is not None and total.wrong > args.max_wrong)
    )
    return 1 if failed or below else 0


if __name__ == "__main__":
    sys.exit(main())

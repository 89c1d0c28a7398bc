"""The fault campaign against the real `tracker` command: hostile letters and file names
through `show`, `compare` and `ingest`, kills at random points during ingest, concurrent ingests,
and Action runs with hostile names (the hostile letters and names: tests/hostile_inputs.py).

tests/test_faults.py runs a small part of it in `make test` and fails on the first problem;
tools/soak.py (`make soak`) runs the whole, counts every problem, and prints the campaign's
line: `N cases, N tracebacks, N hangs, N dirty-repo, N multi-line-error, N/100 kill-trials
ok, N/N concurrency ok, N/N action ok`.

What counts as a problem, for one run of the command:
- traceback: a Python traceback, an "internal error" line (the CLI's last resort, which hides a
  traceback), or an exit status other than 0, 1 and 2;
- hang: the run took longer than its budget (it is then killed with its process group);
- multi-line-error: exit 2 with anything but one line on stderr (`ingest`: one line a letter,
  each starting "tracker: "), or anything on stderr that is not the tracker's own line;
- dirty-repo: after an ingest, a journal or a temporary file left, a change to the tracker's
  files not committed, `rebuild --check` failing, a letter neither ingested nor reported, or
  anything written outside the repository.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from git import Repo
from hostile_inputs import ROOT, SEED_NAMES, SEEDS, SERIES

from tracker.read.extract import READERS
from tracker.text.safe import shown

CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "fomc-statements-2024-2025"

PROBLEMS = ("traceback", "hang", "dirty-repo", "multi-line-error")

# --- running the command ------------------------------------------------------------------


@dataclass
class Run:
    """One run of the command: its exit status (None when it was killed for taking too long)."""

    args: tuple[str, ...]
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float


def run_tracker(cwd: Path, *args: str, timeout: float, env: dict[str, str] | None = None) -> Run:
    """The real `tracker` command in a new process group, killed whole past `timeout`."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    code: int | None
    try:
        out, err = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    seconds = time.monotonic() - start
    return Run(args, code, _text(out), _text(err), seconds)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


Runner = Callable[..., Run]
"""run_tracker, or an in-process stand-in with the same signature (tests/test_faults.py)."""


def command_problems(run: Run, *, budget: float, letters: int = 1) -> set[str]:
    """What went wrong in one run of show, compare or ingest (see the module's docstring)."""
    found: set[str] = set()
    if run.returncode is None or run.seconds > budget:
        found.add("hang")
    if (
        "Traceback" in run.stderr
        or "internal error" in run.stderr
        or run.returncode not in (None, 0, 1, 2)
    ):
        found.add("traceback")
    lines = run.stderr.splitlines()
    if any(not line.startswith("tracker: ") for line in lines):
        found.add("multi-line-error")  # a message broken over lines, a warning, a usage block
    errors = [line for line in lines if line.startswith("tracker: error: ")]
    if run.returncode == 2 and not 1 <= len(errors) <= max(1, letters):
        found.add("multi-line-error")
    if run.returncode in (0, 1) and errors:
        found.add("multi-line-error")
    return found


# --- show and compare ----------------------------------------------------------------------


def show_case(
    work: Path, letter: tuple[str, bytes], fmt: str, run: Runner, budget: float
) -> set[str]:
    name, data = letter
    (work / name).write_bytes(data)
    return command_problems(run(work, "show", "--format", fmt, name, timeout=budget), budget=budget)


def compare_case(
    work: Path,
    old: tuple[str, bytes],
    new: tuple[str, bytes],
    fmt: str,
    run: Runner,
    budget: float,
) -> set[str]:
    (work / "old").mkdir()
    (work / "new").mkdir()
    (work / "old" / old[0]).write_bytes(old[1])
    (work / "new" / new[0]).write_bytes(new[1])
    out = f"rapport-{new[0]}.{'json' if fmt == 'json' else 'md'}"
    args = ["compare", f"old/{old[0]}", f"new/{new[0]}", "--format", fmt, "-o", out]
    return command_problems(run(work, *args, timeout=budget), budget=budget)


# --- ingest --------------------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    with Repo(root) as repo:
        return str(repo.git.execute(["git", *args]))


def base_repository(path: Path, letters: int = 2) -> Path:
    """A tracking repository with the first seed letters ingested and committed."""
    with Repo.init(path) as repo:
        (path / "notes.md").write_text("A user's own file.\n", encoding="utf-8")
        repo.index.add(["notes.md"])
        repo.index.commit("start")
    folder = path / "letters" / SERIES
    folder.mkdir(parents=True)
    for name in SEED_NAMES[:letters]:
        shutil.copyfile(SEEDS / name, folder / name)
    result = run_tracker(path, "ingest", "letters", timeout=600)
    assert result.returncode == 0, result.stderr
    return path


def manifests(root: Path) -> dict[str, set[str]]:
    """The sha256 of every letter each series' manifest lists."""
    found: dict[str, set[str]] = {}
    for manifest in sorted((root / "reports").glob("*/letters.csv")):
        rows = csv.DictReader(io.StringIO(manifest.read_bytes().decode("utf-8")))
        found[manifest.parent.name] = {row["sha256"] for row in rows}
    return found


def repository_problems(
    root: Path, outside: Path, letters: Sequence[Path], stderr: str, run: Runner
) -> set[str]:
    """After an ingest: is the repository clean, consistent, and is every letter accounted for?"""
    dirty = False
    git_dir = root / ".git"
    if list(git_dir.glob("tracker-journal*")) or list(root.rglob(".tracker-*.tmp")):
        dirty = True
    for lock in ("index.lock", "HEAD.lock"):
        dirty |= (git_dir / lock).exists()
    status = git(root, "status", "--porcelain", "-z", "--untracked-files=all")
    for entry in filter(None, status.split("\0")):
        # Only letters the tracker did not take may be left, untracked, for their owner.
        if not (entry.startswith("?? letters/")):
            dirty = True
    check = run(root, "rebuild", "--check", timeout=600)
    dirty |= check.returncode != 0
    dirty |= sorted(p.name for p in outside.iterdir()) != ["canary.txt"]
    known = set().union(*manifests(root).values()) if manifests(root) else set()
    for letter in letters:
        if not _taken_for_a_letter(root, letter):
            continue
        digest = hashlib.sha256(letter.read_bytes()).hexdigest()
        where = shown(letter.relative_to(root).as_posix())
        if digest not in known and f"tracker: error: {where}: " not in stderr:
            dirty = True  # neither ingested nor reported
    return {"dirty-repo"} if dirty else set()


def _taken_for_a_letter(root: Path, letter: Path) -> bool:
    """Does `tracker ingest letters` take this file for a letter (rather than pass it by)?"""
    parts = letter.relative_to(root / "letters").parts
    return (
        letter.is_file()
        and letter.suffix.lower() in READERS
        and not any(part.startswith(".") for part in parts)
        and not letter.name.lower().startswith(("readme", "license", "changelog"))
    )


def ingest_case(
    base: Path,
    work: Path,
    letters: Sequence[tuple[str, str, bytes]],
    run: Runner,
    budget: float,
) -> set[str]:
    """Put (series folder, name, bytes) letters into a copy of `base` and ingest letters/."""
    root = work / "repo"
    shutil.copytree(base, root, symlinks=True)
    outside = work / "outside"
    outside.mkdir()
    (outside / "canary.txt").write_text("untouched\n", encoding="utf-8")
    written = []
    for folder, name, data in letters:
        path = root / "letters" / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    result = run(root, "ingest", "letters", timeout=budget)
    found = command_problems(result, budget=budget, letters=len(letters) + 1)
    return found | repository_problems(root, outside, written, result.stderr, run)


# --- kills, concurrency -------------------------------------------------------------------


@dataclass
class Trial:
    ok: bool
    why: list[str] = field(default_factory=list)
    seconds: float = 0.0
    """How long the run that was (or could have been) killed ran."""


def kill_trial(base: Path, work: Path, rng: random.Random, longest: float) -> Trial:
    """Kill `tracker ingest letters` (SIGKILL to its process group) at a random moment within
    `longest` seconds, run it again, and check that the repository ends complete, committed
    and consistent. With `longest` 0, nothing is killed: the trial times the run."""
    root = work / "repo"
    shutil.copytree(base, root, symlinks=True)
    folder = root / "letters" / SERIES
    for name in SEED_NAMES:
        shutil.copyfile(SEEDS / name, folder / name)
    staged = rng.random() < 0.5
    if staged:
        # The user's own staged work makes the tracker commit only its paths (`commit --
        # PATHS`), during which git holds its index lock.
        (root / "notes.md").write_text("Staged by the user.\n", encoding="utf-8")
        git(root, "add", "notes.md")
    before = int(git(root, "rev-list", "--count", "HEAD"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "ingest", "letters"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    start = time.monotonic()
    if longest > 0:
        time.sleep(rng.uniform(0, longest))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    seconds = time.monotonic() - start
    rerun = run_tracker(root, "ingest", "letters", timeout=600)
    why = []
    if rerun.returncode != 0:
        why.append(f"rerun exit {rerun.returncode}: {rerun.stderr.strip()}")
    expected = {hashlib.sha256((SEEDS / n).read_bytes()).hexdigest() for n in SEED_NAMES}
    if manifests(root).get(SERIES) != expected:
        why.append("letters missing from the manifest")
    if int(git(root, "rev-list", "--count", "HEAD")) != before + len(SEED_NAMES) - 2:
        why.append("not one commit per letter")
    status = git(root, "status", "--porcelain")
    if status != ("M  notes.md" if staged else ""):
        why.append(f"git status: {status!r}")
    if run_tracker(root, "rebuild", "--check", timeout=600).returncode != 0:
        why.append("rebuild --check differs")
    if list((root / ".git").glob("tracker-journal*")) or list(root.rglob(".tracker-*.tmp")):
        why.append("journal or temporary file left")
    return Trial(not why, why, seconds)


def concurrency_round(work: Path, processes: int) -> Trial:
    """`processes` ingests of one letter each, started at once, into one repository."""
    root = work / "repo"
    with Repo.init(root) as repo:
        (root / "notes.md").write_text("notes\n", encoding="utf-8")
        repo.index.add(["notes.md"])
        repo.index.commit("start")
    letters = [SEEDS / n for n in SEED_NAMES] + sorted(CORPUS.glob("*.txt"))[:3]
    paths = []
    for source in letters[:processes]:
        series = SERIES if source.parent == SEEDS else "fomc"
        target = root / "letters" / series / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        paths.append(target.relative_to(root).as_posix())
    env = {**os.environ, "TRACKER_LOCK_WAIT": "600"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tracker", "ingest", path],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        for path in paths
    ]
    why = []
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        if proc.returncode != 0:
            why.append(f"exit {proc.returncode}: {_text(err).strip()}")
    present = set().union(*manifests(root).values()) if manifests(root) else set()
    for path in paths:
        if hashlib.sha256((root / path).read_bytes()).hexdigest() not in present:
            why.append(f"{path} missing")
    if git(root, "status", "--porcelain"):
        why.append("repository not clean")
    if run_tracker(root, "rebuild", "--check", timeout=600).returncode != 0:
        why.append("rebuild --check differs")
    return Trial(not why, why)


# --- the Action ----------------------------------------------------------------------------

SELF_DATED = [n for n in SEED_NAMES if n[:10] in ("2025-11-27", "2026-02-27", "2026-03-04")]
"""Seed letters whose text gives their date, so that any file name will do."""


def action_trial(work: Path, names: Sequence[str]) -> Trial:
    """One run of action.yml (tests/action_runner.py) after a push of letters with `names`."""
    from action_runner import Runner, checkout, make_world, remote_log
    from action_runner import git as run_git
    from workflow_commands import parse_command

    world = make_world(work)
    author = world["author"]
    folder = author / "letters" / SERIES
    letters = []
    for i, name in enumerate(names):
        # Each a letter of its own: a closing line tells copies of one seed apart.
        text = (SEEDS / SELF_DATED[i % len(SELF_DATED)]).read_text(encoding="utf-8")
        (folder / name).write_text(f"{text}\nBijlage {i + 1}.\n", encoding="utf-8")
        letters.append(name)
    run_git(author, "add", "-A")
    run_git(author, "commit", "-q", "-m", "Letters with hostile names")
    run_git(author, "push", "-q", "origin", "main")
    before = len(remote_log(world))
    run = Runner(work / "run", checkout(world, "ws")).run()
    refused = sum(1 for n in letters if _taken(n) and not _utf8(n))
    why = []
    track = run.steps.get("track")
    if track is None or track.returncode != 0:
        why.append(f"track step: {track.stdout[-500:] if track else 'not run'}")
        return Trial(False, why)
    commands = [x for x in track.stdout.splitlines() if x.startswith("::")]
    parsed = [parse_command(x) for x in commands]
    if any(name not in ("error", "warning", "notice") for name, _, _ in parsed):
        why.append("a workflow command that is not the tracker's")
    if sum(name == "error" for name, _, _ in parsed) != refused:
        why.append(f"{refused} refused letters, error annotations: {commands}")
    if run.outputs.get("failed") != str(refused):
        why.append(f"failed output {run.outputs.get('failed')!r}, expected {refused}")
    ingested = int(run.outputs.get("ingested") or 0)
    if ingested != 1 + sum(1 for n in letters if _taken(n) and _utf8(n)):
        why.append(f"ingested {ingested}")
    if run.steps.get("push") is None or run.steps["push"].returncode != 0:
        why.append("push step failed")
    elif len(remote_log(world)) != before + ingested:
        why.append("not every ingested letter was pushed")
    final = run.steps.get("failed")
    if final is None or final.returncode != (2 if refused else 0):
        why.append("the last step did not fail the run as it should")
    if list(work.rglob("pwned*")):
        why.append("a file name ran a command")
    return Trial(not why, why)


def _taken(name: str) -> bool:
    return (
        "." + name.rsplit(".", 1)[-1].lower() in READERS
        and "." in name
        and not name.startswith(".")
        and not name.lower().startswith(("readme", "license", "changelog"))
    )


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

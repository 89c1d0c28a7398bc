"""The fault campaign against the real `tracker` command: hostile letters and file names
through `show`, `compare` and `ingest`, kills at random points during ingest, concurrent ingests,
and Action runs with hostile names.

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
import html
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from git import Repo
from hypothesis import strategies as st

from tracker.read.extract import READERS
from tracker.text.safe import shown

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "letters" / "oekraine-steun"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "fomc-statements-2024-2025"
SERIES = "oekraine-steun"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
SEED_TEXTS = [(SEEDS / name).read_text(encoding="utf-8") for name in SEED_NAMES]

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


# --- hostile letters and names -------------------------------------------------------------

SENTENCE = "De minister schrijft dat het budget € 13,6 miljard is. "

FRAGMENTS = [
    # Numbers that used to raise, and their kin.
    "Het budget groeit met 1/0 procent.",
    "De rente stijgt 4-1/0 procent.",
    "€ 13,613,6 miljard",
    "€ 1.2.3,4,5 mld.",
    "€ 1" + "0" * 400 + " miljard",
    "Er zijn " + "7" * 5000 + " militairen getraind.",
    "€ " + "9" * 40 + " biljoen",
    "1e999999999 procent",
    "½¾¼ 1/4/4 --1-/2 procent",
    # Characters that end lines, control a terminal, turn text around or are no text.
    "\r",
    "\r\n",
    "\n\n\n",
    "\x00",
    "\x0b\x0c\x1c\x85\u2028\u2029",
    "\x1b[31m\x1b]0;titel\x07",
    "\u202e\u2066",
    "\ufeff",
    "\ud800",
    "\t\t",
    # Markup and workflow commands.
    "::error::geïnjecteerd",
    "%0A::warning::x",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "[klik](javascript:alert(1)) ![x](http://x)",
    "<script>alert(1)</script><b>vet</b>",
    "# Kop\n## Kop\n> citaat\n- punt\n1. punt",
    "---\ntitle: x\n---",
    "```\ncode\n```",
    "[^1]: noot [^2]",
    "$(touch pwned) `touch pwned`",
    "&#0; &#xD800; &amp;",
    "\\\\\\",
    # Dates and references that are not.
    "Den Haag, 31 februari 2025",
    "Kamerstuk 22 054, nr. " + "4" * 30,
    # Long runs, within the bounds.
    "a" * 3000,
    SENTENCE * 50,
    (SENTENCE + "\n") * 200,
]
"""Pieces a hostile letter is made of, put into real letters."""

GIANTS = [
    SENTENCE * 38_000,  # one line of 2 MB: the campaign's hang
    SENTENCE * 150_000,  # 8 MB
    (SENTENCE + "De\n") * 9_000,  # one paragraph of wrapped lines
    (SENTENCE + "\n") * 9_000,  # thousands of short paragraphs
]
"""Pieces past the bounds: the soak puts these in too."""

NAME_PIECES = [
    "brief",
    "2025-03-01-",
    " ",
    "-",
    "\r",
    "\n",
    "\t",
    "\x1b[31m",
    "\u202e",
    "::error::x",
    "%0A",
    "$(touch pwned)",
    "`touch pwned`",
    "*?[]",
    "'\"",
    "é€ü",
    "#|[x](y)",
    "..",
    ",:=",
]

EXTENSIONS = [".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".TXT", ".text", ".exe", ""]

_raw_bytes = st.binary(min_size=1, max_size=60).map(lambda b: b.replace(b"/", b"_"))


@st.composite
def file_names(draw: st.DrawFn, extensions: Sequence[str] = EXTENSIONS) -> str:
    """A file name of any bytes but "/" and NUL, within 255 bytes: control characters, line
    breaks, shell and Markdown syntax, workflow commands, bytes that are no UTF-8."""
    pieces = draw(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=5))
    if draw(st.booleans()):
        pieces.append(os.fsdecode(draw(_raw_bytes)))
    stem = "".join(pieces).replace("\x00", "").replace("/", "_")
    name = stem + draw(st.sampled_from(list(extensions)))
    while len(os.fsencode(name)) > 240:
        name = name[1:]
    return name if name.strip(".") else "brief.txt"


@st.composite
def letter_texts(draw: st.DrawFn, giants: bool = False) -> str:
    """A real letter with hostile pieces put in at random places; now and then no letter."""
    base = draw(st.sampled_from([*SEED_TEXTS, "", "Den Haag, 1 maart 2025\n\nGeachte voorzitter,"]))
    pieces = st.sampled_from(FRAGMENTS + (GIANTS if giants else [])) | st.text(max_size=80)
    for _ in range(draw(st.integers(0, 6))):
        piece = draw(pieces)
        at = draw(st.integers(0, len(base)))
        base = base[:at] + piece + base[at:]
    return base


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    # A lone surrogate becomes the bytes that would encode it: no UTF-8, as hostile as wanted.
    return text.encode(encoding, "surrogatepass" if encoding == "utf-8" else "replace")


def _html(text: str, depth: int, wrapper: str, xhtml: bool) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text.split("\n\n"))
    opening = "".join(f"<{tag}>" for tag in wrapper.split()) * depth
    closing = "".join(f"</{tag}>" for tag in reversed(wrapper.split())) * depth
    head = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">' if xhtml else "<html>"
    page = f"{head}<body>{opening}{paragraphs}{closing}</body></html>"
    return page.encode("utf-8", "surrogatepass")


def _docx(text: str) -> bytes:
    """seed-001.docx with the text as its paragraphs (characters XML cannot hold dropped)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    legal = "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or ("\x20" <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd")
    )
    body = "".join(
        f"<w:p><w:r><w:t>{html.escape(p, quote=False)}</w:t></w:r></w:p>" for p in legal.split("\n")
    )
    xml = f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'.encode()
    source = zipfile.ZipFile(FORMATS / "seed-001.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, xml if item.filename == "word/document.xml" else data)
    return out.getvalue()


def _damaged(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    damaged = bytearray(data)
    for at, value in edits:
        damaged[at % len(damaged)] = value
    return bytes(damaged[:cut] if cut else damaged)


@st.composite
def letter_files(draw: st.DrawFn, giants: bool = False) -> tuple[str, bytes]:
    """A hostile letter file: its name and bytes, in any format the tracker reads, or none."""
    kind = draw(st.sampled_from(["txt", "txt", "md", "html", "docx", "damaged", "bytes"]))
    text = draw(letter_texts(giants))
    if kind in ("txt", "md"):
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252", "latin-1"]))
        data = _encode(text, encoding)
    elif kind == "html":
        depth = draw(st.sampled_from([0, 1, 5, 40, 255, 300] + ([30_000] if giants else [])))
        wrapper = draw(st.sampled_from(["div", "table tr td", "ul li", "blockquote", "span"]))
        data = _html(text, depth, wrapper, xhtml=draw(st.booleans()))
    elif kind == "docx":
        data = _docx(text)
    elif kind == "damaged":
        source = draw(st.sampled_from(["seed-001.pdf", "seed-003.docx", "seed-004.html"]))
        kind = source.rsplit(".", 1)[1]
        original = (FORMATS / source).read_bytes()
        edits = draw(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 255)), max_size=20))
        cut = draw(st.none() | st.integers(1, len(original)))
        data = _damaged(original, edits, cut)
    else:
        data = draw(st.binary(max_size=4000))
        kind = draw(st.sampled_from(["txt", "pdf", "docx", "html"]))
    dated = draw(st.booleans())
    stem = draw(st.sampled_from(["2025-03-01-brief", "brief", "2024-02-30-x", "2025-12-31"]))
    name = f"{stem if dated else 'brief'}.{kind}"
    if draw(st.integers(0, 3)) == 0:
        name = draw(file_names([f".{kind}"]))
    return name, data


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


series_folders = st.sampled_from([SERIES, SERIES, "tweede-reeks", "Reeks met spaties"]) | (
    file_names([""])
)


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

ACTION_NAMES: list[list[str]] = [
    ["a\rb.txt"],
    ["a\nb.txt", "c\r\nd.md"],
    [os.fsdecode(b"caf\xe9.txt")],
    ["::error::x,y:z.txt", "%0A::warning::w.txt"],
    ["$(touch pwned).txt", "`touch pwned2`.txt"],
    ["*ü é?.txt", "[klik](x) | # kop.txt"],
    ["-rf.txt", "--help.txt"],
    ["brief\u202etxt.exe.txt", "\x1b[31mrood.txt"],
    ["x" * 200 + ".txt"],
    ["'\"; drop.txt", "a\tb.txt"],
    [os.fsdecode(b"\xff\xfe.txt"), "goed.txt"],
    ["README.txt", ".verborgen.txt", "geen-brief.exe"],
    ["brief.TXT", "brief.Md"],
    ["\u2028\u2029\x85.txt", "a\x7fb.txt"],
]
"""Hostile names for the Action: one set a run. A name that is no UTF-8 is refused (an error
annotation, and the run fails at its end); README, hidden and .exe files are no letters."""


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

"""Series of letters in a git repository: ingest, rebuild, history and the figure ledger.

Layout (see DESIGN.md): letters/<series>/<file> holds originals, snapshots/<series>/<stem>.md
the canonical snapshots, reports/<series>/ the change reports, README.md, figures.csv and
letters.csv. Everything under reports/ is a pure function of the snapshots, so `rebuild`
can regenerate it and `rebuild --check` can prove the committed files are what the tracker
writes.

Crash safety: under the lock, an ingest writes a journal naming the series, then the
original and the snapshot, then the derived files (each atomically), commits, and removes
the journal. A run killed anywhere leaves either nothing new or a journal that the next run
completes by rebuilding that series from its snapshots and committing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from tracker.errors import HistoryError, InputError
from tracker.history.build import appends, chain, derive, extend, shorten
from tracker.history.index import LetterEntry, entries_from_csv
from tracker.history.layout import (
    INDEX,
    JOURNAL,
    LETTER_FILE,
    LETTERS,
    LOCK,
    README,
    REPORTS,
    SNAPSHOTS,
    WORKFLOW,
    ledger_path,
    letter_path,
    manifest_path,
    report_path,
    reports_folder,
    snapshot_path,
    snapshots_folder,
)
from tracker.history.ledger import TrackedFigure, rows_from_csv, track
from tracker.history.lock import repo_lock
from tracker.history.names import date_prefix, safe_file_name, series_name, strip_date_prefix
from tracker.history.storage import inside, remove_file, write_atomic
from tracker.model import Document
from tracker.text.words import slugify, squash

DEFAULT_AUTHOR = ("letter tracker", "tracker@localhost")
"""Used only when neither the environment nor the git configuration names an author."""

KILL_HOOK = "TRACKER_TEST_KILL_AT"
"""Test hook: when set to a checkpoint name, the process kills itself (SIGKILL) there, so
tests can prove that a rerun completes an interrupted ingest."""

TITLE_IN_SUBJECT = 72
"""Characters of a letter's title in a commit's subject line; `git log --oneline` stays legible."""

Notify = Callable[[str], None]
_NOT_LETTERS = ("readme", "license", "changelog")
"""Files in a letters folder that are notes for people, not letters."""
Status = Literal["new", "duplicate", "correction"]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one letter did. Paths are relative to the repository, with `/`."""

    series: str
    date: dt.date
    title: str
    letter: str
    """The original under letters/<series>/."""
    snapshot: str
    report: str
    status: Status
    """new, duplicate (already present: nothing written) or correction."""
    committed: bool
    sections_changed: int
    figures_changed: int
    corrects: str | None = None
    """Snapshot path of the letter a correction replaces."""
    regenerated: tuple[str, ...] = ()
    """Other reports rewritten because this letter arrived out of order."""
    commit: str | None = None
    """Hex id of the commit made, if any."""
    message: str = ""
    """The commit message (also when not committing), or why nothing was written."""


# --- repositories ---------------------------------------------------------------------


def find_repository(start: Path) -> Path:
    """The working tree of the git repository around `start`."""
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo

    try:
        with Repo(start, search_parent_directories=True) as repo:
            tree = repo.working_tree_dir
    except (InvalidGitRepositoryError, NoSuchPathError):
        raise HistoryError(
            f"{start} is not inside a git repository",
            "run `tracker init DIR` to make one, or pass --repo DIR",
        ) from None
    if tree is None:
        raise HistoryError(f"{start} is a bare git repository", "use a clone with a work tree")
    return Path(tree).resolve()


def _git_dir(root: Path) -> Path:
    from git import Repo

    with Repo(root) as repo:
        return Path(repo.git_dir)


def init(directory: Path, *, action_ref: str | None = None) -> list[str]:
    """Make `directory` a tracking repository; returns the paths it created (relative)."""
    from git import Repo

    directory.mkdir(parents=True, exist_ok=True)
    root = directory.resolve()
    created: list[str] = []
    if not (root / ".git").exists():
        Repo.init(root).close()
        created.append(".git")
    keep = f"{LETTERS}/.gitkeep"
    if not (root / LETTERS).exists():
        write_atomic(root / keep, b"")
        created.append(keep)
    if not (root / README).exists():
        write_atomic(root / README, _README.encode())
        created.append(README)
    if action_ref is not None:
        from tracker.github import workflow_yaml

        workflow = root / WORKFLOW
        if not workflow.exists():
            try:
                text = workflow_yaml(action_ref)
            except ValueError as exc:
                raise HistoryError(str(exc), "give the action as owner/repo@sha or ./") from None
            write_atomic(workflow, text.encode())
            created.append(WORKFLOW)
    return created


_README = """# Tracked letters

Put each series of letters in its own folder, `letters/<series>/`, with file names that start
with the letter's date (`2026-02-27-leveringen.txt`), and run `tracker ingest letters/`.
The tracker writes a snapshot of each letter to `snapshots/<series>/` and its change report
against the previous letter to `reports/<series>/`, where `README.md` shows the timeline and
the figures over time.
"""


# --- ingest ---------------------------------------------------------------------------


def ingest(
    repo: Path,
    files: Sequence[Path],
    *,
    series: str | None = None,
    date: dt.date | None = None,
    commit: bool = True,
    notify: Notify | None = None,
) -> list[IngestResult]:
    """Ingest letters (files, or folders of letters) into their series; one commit each.

    `repo` is the repository or a folder inside it. The series comes from `series`, else
    from the file's place under letters/<series>/. The date comes from the letter, else from
    its file name (YYYY-MM-DD…), else from `date`. A letter already present (same sha256)
    changes nothing. `notify` receives progress lines meant for a person (waiting for the
    lock, completing an interrupted run).
    """
    root = find_repository(repo)
    chosen = series_name(series) if series is not None else None
    paths = list(_letter_files(files))
    results: list[IngestResult] = []
    with repo_lock(_git_dir(root) / LOCK, on_wait=notify):
        _recover(root, commit=commit, notify=notify)
        for path in paths:
            results.append(_ingest_one(root, path, chosen, date, commit))
    return results


def _letter_files(files: Sequence[Path]) -> Iterator[Path]:
    """Files as given, and the letters inside folders (by name, so dated names come in order)."""
    from tracker.read.extract import READERS

    for given in files:
        if given.is_dir():
            found = sorted(
                p
                for p in given.rglob("*")
                if p.is_file()
                and not p.is_symlink()
                and p.suffix.lower() in READERS
                and not any(part.startswith(".") for part in p.relative_to(given).parts)
                and not p.name.lower().startswith(_NOT_LETTERS)
            )
            yield from found
        elif given.is_file():
            yield given
        else:
            raise InputError(f"{given}: no such file or folder", "check the path")


def _series_of(root: Path, path: Path, chosen: str | None) -> tuple[str, str | None]:
    """The series of a letter, and its path relative to the repository if it is under letters/."""
    try:
        relative = path.resolve().relative_to(root)
    except ValueError:
        relative = None
    in_letters = relative is not None and len(relative.parts) >= 3 and relative.parts[0] == LETTERS
    rel = relative.as_posix() if in_letters and relative is not None else None
    if chosen is not None:
        return chosen, rel
    if in_letters and relative is not None:
        return series_name(relative.parts[1]), rel
    raise HistoryError(
        f"{path.name}: cannot tell which series it belongs to",
        "put it under letters/<series>/ in the repository, or pass --series NAME",
    )


def _ingest_one(
    root: Path, path: Path, chosen: str | None, date: dt.date | None, commit: bool
) -> IngestResult:
    from tracker.read.files import document_from_bytes
    from tracker.read.snapshot import from_markdown, to_markdown

    series, in_place = _series_of(root, path, chosen)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})", "check the path") from None
    sha = hashlib.sha256(data).hexdigest()
    entries = _read_entries(root, series)
    for e in entries:
        if e.sha256 == sha:
            return IngestResult(
                series=series,
                date=e.date,
                title=e.title,
                letter=in_place or letter_path(series, e.source),
                snapshot=snapshot_path(series, e.letter),
                report=report_path(series, e.letter),
                status="duplicate",
                committed=False,
                sections_changed=e.sections_changed,
                figures_changed=e.figures_changed,
                message=f"{series}: {e.date.isoformat()} {e.title} is already in the series",
            )

    # Where the original lives: where it already is under letters/, else copied there.
    if in_place is not None:
        letter_rel = in_place
        name = path.name
    else:
        name = safe_file_name(path.name)
        target = root / letter_path(series, name)
        if target.exists() and target.read_bytes() != data:
            stem, dot, ext = name.rpartition(".")
            name = f"{stem}-{sha[:8]}.{ext}" if dot else f"{name}-{sha[:8]}"
        letter_rel = letter_path(series, name)

    doc = document_from_bytes(data, name)
    letter_date = doc.meta.date or _date_from_name(name) or date
    if letter_date is None:
        raise HistoryError(
            f"{path.name}: no date in the letter or its file name",
            "pass --date YYYY-MM-DD, or name the file YYYY-MM-DD-….txt",
        )
    meta = replace(doc.meta, date=letter_date, source=name, sha256=sha)
    snapshot_text = to_markdown(replace(doc, meta=meta))
    # Reports are built from the snapshot read back, exactly as `rebuild` will see it.
    doc = from_markdown(snapshot_text)
    stem = letter_stem(doc, name, {e.letter for e in entries})

    git_dir = _git_dir(root)
    write_atomic(git_dir / JOURNAL, json.dumps({"series": series, "letter": letter_rel}).encode())
    _checkpoint("journal")
    if in_place is None:
        write_atomic(inside(root, letter_rel), data)
    write_atomic(inside(root, snapshot_path(series, stem)), snapshot_text.encode())
    _checkpoint("snapshot")

    outputs = _extend(root, series, entries, stem, snapshot_text, doc)
    if outputs is None:
        outputs, stale = _build_series(root, series)
    else:
        stale = []
    changed = _write_outputs(root, outputs, stale)
    _checkpoint("outputs")

    new_entries = entries_from_csv(outputs[manifest_path(series)])
    entry = next(e for e in new_entries if e.letter == stem)
    own_report = report_path(series, stem)
    regenerated = tuple(
        p for p in changed if p.endswith(".md") and p != own_report and not p.endswith(INDEX)
    )
    message = _message(series, entry, regenerated)
    commit_id = None
    if commit:
        # Exact paths, not the series folders: git matches them without walking the series.
        paths = sorted({*changed, snapshot_path(series, stem), letter_rel})
        commit_id = _commit(root, paths, message)
        _checkpoint("commit")
    remove_file(git_dir / JOURNAL)
    return IngestResult(
        series=series,
        date=entry.date,
        title=entry.title,
        letter=letter_rel,
        snapshot=snapshot_path(series, stem),
        report=own_report,
        status="correction" if entry.status == "correction" else "new",
        committed=commit_id is not None,
        sections_changed=entry.sections_changed,
        figures_changed=entry.figures_changed,
        corrects=snapshot_path(series, entry.corrects) if entry.corrects else None,
        regenerated=regenerated,
        commit=commit_id,
        message=message,
    )


def _checkpoint(name: str) -> None:
    if os.environ.get(KILL_HOOK) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _date_from_name(name: str) -> dt.date | None:
    parts = date_prefix(name)
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def letter_stem(doc: Document, name: str, taken: set[str]) -> str:
    """<date>-<slug> from the file name (its own date prefix dropped), else the title."""
    assert doc.meta.date is not None
    slug = slugify(strip_date_prefix(name.rsplit(".", 1)[0])) or slugify(doc.meta.title or "")
    stem = f"{doc.meta.date.isoformat()}-{slug or 'letter'}"
    if stem in taken:
        stem = f"{stem}-{(doc.meta.sha256 or '')[:8]}"
    return stem


def _message(series: str, entry: LetterEntry, regenerated: Sequence[str]) -> str:
    """One commit message: series, date, title and what changed on the first line (a long
    subject line is shortened there and given whole below)."""
    title = squash(entry.title)
    short = shorten(title, TITLE_IN_SUBJECT)
    head = f"{series}: {entry.date.isoformat()} {short} — {entry.summary}"
    body = [title] if short != title else []
    body += [f"Also regenerated {p}: the letter before it changed." for p in regenerated]
    return "\n\n".join([head, "\n".join(body)]) if body else head


def _read_text(root: Path, relative: str) -> str | None:
    try:
        return inside(root, relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _read_entries(root: Path, series: str) -> list[LetterEntry]:
    text = _read_text(root, manifest_path(series))
    return entries_from_csv(text, manifest_path(series)) if text else []


def _snapshot_stems(root: Path, series: str) -> list[str]:
    folder = inside(root, snapshots_folder(series))
    if not folder.is_dir():
        return []
    # Only files named as the tracker names snapshots: a note beside them is not a letter.
    return sorted(p.stem for p in folder.glob("*.md") if LETTER_FILE.match(p.name))


# --- recovery -------------------------------------------------------------------------


def _recover(root: Path, *, commit: bool, notify: Notify | None) -> None:
    """Complete an ingest that was killed: rebuild its series and commit what it wrote."""
    git_dir = _git_dir(root)
    raw = _read_journal(git_dir / JOURNAL)
    if raw is None:
        return
    series, letter_rel = raw
    if notify is not None:
        notify(f"completing an interrupted ingest in series {series}")
    outputs, stale = _build_series(root, series)
    _write_outputs(root, outputs, stale)
    if commit:
        entries = entries_from_csv(outputs[manifest_path(series)])
        source = letter_rel.rsplit("/", 1)[-1]
        entry = next((e for e in entries if e.source == source), None)
        if entry is not None:
            paths = [snapshots_folder(series), reports_folder(series)]
            if inside(root, letter_rel).exists():
                paths.append(letter_rel)
            _commit(root, paths, _message(series, entry, ()))
    remove_file(git_dir / JOURNAL)


def _read_journal(path: Path) -> tuple[str, str] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise HistoryError(
            f"{path}: the journal of an interrupted ingest is unreadable",
            "delete it and run `tracker rebuild`",
        ) from None
    series, letter = raw.get("series"), raw.get("letter")
    if not isinstance(series, str) or not isinstance(letter, str):
        raise HistoryError(
            f"{path}: the journal of an interrupted ingest is unreadable",
            "delete it and run `tracker rebuild`",
        )
    if series_name(series) != series or not letter.startswith(f"{LETTERS}/"):
        raise HistoryError(f"{path}: unexpected journal content", "delete it")
    return series, letter


# --- building a series ----------------------------------------------------------------


def _build_series(root: Path, series: str) -> tuple[dict[str, str], list[str]]:
    """Every derived file of a series from its snapshots, and the stale files to remove."""
    texts = {
        stem: _read_text(root, snapshot_path(series, stem)) or ""
        for stem in _snapshot_stems(root, series)
    }
    outputs = derive(series, texts)
    folder = inside(root, reports_folder(series))
    stale = []
    if folder.is_dir():
        for p in sorted(folder.iterdir()):
            relative = f"{reports_folder(series)}/{p.name}"
            # Only files the tracker writes: a letter's report whose snapshot is gone. A file
            # a person put beside them is not the tracker's to delete.
            if p.is_file() and LETTER_FILE.match(p.name) and relative not in outputs:
                stale.append(relative)
    return outputs, stale


def _extend(
    root: Path, series: str, entries: list[LetterEntry], stem: str, text: str, doc: Document
) -> dict[str, str] | None:
    """The derived files after appending the letter, reading only its predecessor, the
    manifest and the ledger; None when the series must be rebuilt instead (the letter is out
    of order or a correction, or the manifest does not list the snapshots)."""
    known = {e.letter for e in entries}
    if set(_snapshot_stems(root, series)) != known | {stem} or not appends(entries, stem, doc):
        return None
    ledger = _read_text(root, ledger_path(series)) or ""
    before = chain(entries)[-1]
    previous_text = _read_text(root, snapshot_path(series, before.letter))
    if previous_text is None:
        return None
    return extend(series, entries, ledger, stem, text, doc, previous_text)


def _write_outputs(root: Path, outputs: dict[str, str], stale: Sequence[str]) -> list[str]:
    """Write the files whose content differs and remove stale ones; returns what changed."""
    changed: list[str] = []
    for relative, text in sorted(outputs.items()):
        target = inside(root, relative)
        data = text.encode("utf-8")
        try:
            if target.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        write_atomic(target, data)
        changed.append(relative)
        if len(changed) == 1:
            _checkpoint("first-output")
    for relative in stale:
        remove_file(inside(root, relative))
        changed.append(relative)
    return changed


# --- git ------------------------------------------------------------------------------


def _commit(root: Path, paths: Sequence[str], message: str) -> str | None:
    """Commit `paths` (and nothing else the user staged) if they changed; the new commit id.

    When the user has staged other work, `git commit -- PATHS` commits exactly our paths and
    leaves the rest of the index as it was: their work is neither committed nor unstaged.
    Otherwise a plain commit of the index does the same, without git re-reading the whole tree
    for a partial commit (which grows with the series).
    """
    from git import GitCommandError, Repo

    # Letter file names are data, never pathspec magic (":(glob)*", "*.txt").
    literal = {"GIT_LITERAL_PATHSPECS": "1"}
    with Repo(root) as repo:
        # figures.csv grows with the series and is stored anew by every commit; the fastest
        # zlib level halves that cost, and `git gc` repacks the loose objects anyway.
        repo.git.set_persistent_git_options(c="core.looseCompression=1")
        try:
            repo.git.add("--all", "--", *paths, env=literal)
            if not repo.git.diff("--cached", "--name-only", "--", *paths, env=literal).strip():
                return None
            env = {**literal, **_identity(repo)}
            staged = repo.git.diff("--cached", "--name-only", "-z").split("\0")
            if all(_among(name, paths) for name in staged if name):
                repo.git.commit("--quiet", "-m", message, env=env)
            else:
                repo.git.commit("--quiet", "-m", message, "--", *paths, env=env)
            return str(repo.head.commit.hexsha)
        except GitCommandError as exc:
            detail = squash(str(exc.stderr or exc)).strip("' ")
            raise HistoryError(
                f"git {exc.command[1] if len(exc.command) > 1 else ''} failed: {detail}",
                "fix the repository (a stale .git/index.lock from a killed git can be "
                "deleted) and run the same command again",
            ) from None


def _among(name: str, paths: Sequence[str]) -> bool:
    """Is the repository path `name` one of `paths` or inside one of them?"""
    return any(name == p or name.startswith(p.rstrip("/") + "/") for p in paths)


def _identity(repo: object) -> dict[str, str]:
    """Author and committer: the environment, else git's configuration, else a default."""
    from git import Repo

    assert isinstance(repo, Repo)
    reader = repo.config_reader()
    env: dict[str, str] = {}
    for role in ("AUTHOR", "COMMITTER"):
        if not os.environ.get(f"GIT_{role}_NAME") and not reader.has_option("user", "name"):
            env[f"GIT_{role}_NAME"] = DEFAULT_AUTHOR[0]
        if not os.environ.get(f"GIT_{role}_EMAIL") and not reader.has_option("user", "email"):
            env[f"GIT_{role}_EMAIL"] = DEFAULT_AUTHOR[1]
    return env


# --- rebuild, history, figures --------------------------------------------------------


def list_series(root: Path) -> list[str]:
    """Series with snapshots or reports in the repository, by name."""
    names: set[str] = set()
    for top in (SNAPSHOTS, REPORTS):
        folder = root / top
        if folder.is_dir():
            for p in folder.iterdir():
                if p.is_dir() and not p.name.startswith(".") and slugify(p.name) == p.name:
                    names.add(p.name)
    return sorted(names)


def rebuild(
    repo: Path, series: str | None = None, *, check: bool = False, notify: Notify | None = None
) -> list[str]:
    """Regenerate reports, indexes and ledgers from the snapshots; the paths that differ.

    With `check`, nothing is written: the returned paths are the files that differ from what
    the tracker would write (CI fails on them).
    """
    root = find_repository(repo)
    names = [series_name(series)] if series is not None else list_series(root)
    if series is not None and not (root / snapshots_folder(names[0])).is_dir():
        raise HistoryError(f"no series {names[0]!r} in {root}", "see `tracker history`")
    if check:
        differing: list[str] = []
        for name in names:
            outputs, stale = _build_series(root, name)
            for relative, text in sorted(outputs.items()):
                current = _read_text(root, relative)
                if current != text:
                    differing.append(relative)
            differing.extend(stale)
        return differing
    changed: list[str] = []
    with repo_lock(_git_dir(root) / LOCK, on_wait=notify):
        for name in names:
            outputs, stale = _build_series(root, name)
            changed.extend(_write_outputs(root, outputs, stale))
    return changed


def history(repo: Path, series: str | None = None) -> dict[str, list[LetterEntry]]:
    """The letters of each series (or of one), in series order, as the manifests list them."""
    root = find_repository(repo)
    names = [series_name(series)] if series is not None else list_series(root)
    result: dict[str, list[LetterEntry]] = {}
    for name in names:
        entries = _read_entries(root, name)
        if series is not None and not entries:
            raise HistoryError(f"no letters in series {name!r}", "ingest some with tracker ingest")
        result[name] = entries
    return result


def figure_ledger(repo: Path, series: str) -> tuple[list[LetterEntry], list[TrackedFigure]]:
    """The letters standing in a series and every figure tracked across them."""
    root = find_repository(repo)
    name = series_name(series)
    entries = _read_entries(root, name)
    if not entries:
        raise HistoryError(f"no letters in series {name!r}", "ingest some with tracker ingest")
    text = _read_text(root, ledger_path(name)) or ""
    rows = rows_from_csv(text, ledger_path(name)) if text else []
    standing = chain(entries)
    return standing, track(rows, [e.letter for e in standing])

"""The storage layout of a tracking repository: every path the tracker reads or writes.

A contract (DESIGN.md): originals under letters/<series>/, one canonical snapshot per letter
under snapshots/<series>/, and under reports/<series>/ a report per letter, the series index
(README.md), the figure ledger (figures.csv) and the manifest (letters.csv). Paths are
relative to the repository's root, with `/`. Every one is spelled here, once.
"""

from __future__ import annotations

import re

LETTERS, SNAPSHOTS, REPORTS = "letters", "snapshots", "reports"
INDEX, LEDGER, MANIFEST = "README.md", "figures.csv", "letters.csv"
README = "README.md"
"""The repository's own README, which `tracker init` writes."""
WORKFLOW = ".github/workflows/track-letters.yml"
"""The workflow that runs the Action, which `tracker init --action` writes."""
JOURNAL, LOCK = "tracker-journal.json", "tracker.lock"
"""Both live in the git folder: never committed, never seen by `git status`."""
LETTER_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$")
"""The name of a snapshot or report the tracker writes: <YYYY-MM-DD>-<slug>.md."""


def letters_folder(series: str) -> str:
    return f"{LETTERS}/{series}"


def letter_path(series: str, name: str) -> str:
    """An original letter file, by its file name."""
    return f"{LETTERS}/{series}/{name}"


def snapshots_folder(series: str) -> str:
    return f"{SNAPSHOTS}/{series}"


def reports_folder(series: str) -> str:
    return f"{REPORTS}/{series}"


def snapshot_path(series: str, stem: str) -> str:
    return f"{SNAPSHOTS}/{series}/{stem}.md"


def report_path(series: str, stem: str) -> str:
    return f"{REPORTS}/{series}/{stem}.md"


def manifest_path(series: str) -> str:
    return f"{REPORTS}/{series}/{MANIFEST}"


def ledger_path(series: str) -> str:
    return f"{REPORTS}/{series}/{LEDGER}"


def index_path(series: str) -> str:
    return f"{REPORTS}/{series}/{INDEX}"


def report_link(stem: str) -> str:
    """A letter's report as linked from a file beside it in reports/<series>/."""
    return f"{stem}.md"


def snapshot_link(series: str, stem: str) -> str:
    """A letter's snapshot as linked from a file in reports/<series>/."""
    return f"../../{snapshot_path(series, stem)}"

"""The storage layout of a tracking repository: every path the tracker reads or writes.

A contract (DESIGN.md): originals under letters/<series>/, one canonical snapshot per letter
under snapshots/<series>/, and under reports/<series>/ a report per letter (Markdown, and the
same as a side-by-side HTML page), the series index (README.md), the figure ledger
(figures.csv), the manifest (letters.csv) and the Atom feed (feed.xml). Paths are
relative to the repository's root, with `/`. Every one is spelled here, once.
"""

from __future__ import annotations

import re

LETTERS, SNAPSHOTS, REPORTS = "letters", "snapshots", "reports"
INDEX, LEDGER, MANIFEST, FEED = "README.md", "figures.csv", "letters.csv", "feed.xml"
README = "README.md"
"""The repository's own README, which `tracker init` writes."""
WORKFLOW = ".github/workflows/track-letters.yml"
"""The workflow that runs the Action, which `tracker init --action` writes."""
JOURNAL, LOCK = "tracker-journal.json", "tracker.lock"
"""Both live in the git folder: never committed, never seen by `git status`. JOURNAL is the
one journal of trackers before each series had its own (`journal_name`)."""
LETTER_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$")
"""The name of a snapshot or report the tracker writes: <YYYY-MM-DD>-<slug>.md."""
PAGE_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.html$")
"""The name of a report's HTML page: <YYYY-MM-DD>-<slug>.html."""


def journal_name(series: str) -> str:
    """The file in the git folder that journals an ingest in `series` (a glob with "*")."""
    return f"tracker-journal-{series}.json"


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


def page_path(series: str, stem: str) -> str:
    """A letter's report as one self-contained HTML page, beside its Markdown report."""
    return f"{REPORTS}/{series}/{stem}.html"


def feed_path(series: str) -> str:
    return f"{REPORTS}/{series}/{FEED}"


def manifest_path(series: str) -> str:
    return f"{REPORTS}/{series}/{MANIFEST}"


def ledger_path(series: str) -> str:
    return f"{REPORTS}/{series}/{LEDGER}"


def index_path(series: str) -> str:
    return f"{REPORTS}/{series}/{INDEX}"


def report_link(stem: str) -> str:
    """A letter's report as linked from a file beside it in reports/<series>/."""
    return f"{stem}.md"


def page_link(stem: str) -> str:
    """A letter's HTML page as linked from a file beside it in reports/<series>/."""
    return f"{stem}.html"


def snapshot_link(series: str, stem: str) -> str:
    """A letter's snapshot as linked from a file in reports/<series>/."""
    return f"../../{snapshot_path(series, stem)}"

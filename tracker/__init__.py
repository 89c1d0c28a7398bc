"""Follow a stream of official letters and see, the day a new one lands, what changed.

The public API, for a newsroom's scheduler or a notebook (docs/api.md):

    old = tracker.read_letter(Path("letters/2025-09-10-nieuwsbericht.txt"))
    new = tracker.read_letter(Path("letters/2026-02-27-leveringen.txt"))
    report = tracker.render_markdown(tracker.compare(old, new))
    results = tracker.ingest(Path("tracking"), [Path("letters/")], series="oekraine-steun")

Each name is imported on first use (PEP 562), so that `import tracker` and `tracker --version`
load no library. docs/architecture.md shows which module owns each step.
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing costs `tracker --version` a third of its time.
TYPE_CHECKING = False

__version__ = "0.1.0"

# Public name -> (module, name there). The names a caller needs to read, compare, render and
# track letters; everything else is reached through its module.
_API: dict[str, tuple[str, str]] = {
    # reading a letter
    "read_letter": ("tracker.read.files", "load_document"),
    "read_letter_bytes": ("tracker.read.files", "document_from_bytes"),
    "to_snapshot": ("tracker.read.snapshot", "to_markdown"),
    "from_snapshot": ("tracker.read.snapshot", "from_markdown"),
    "find_figures": ("tracker.figures.find", "find_figures"),
    # comparing two
    "compare": ("tracker.comparison.compare", "compare"),
    # rendering a comparison
    "render_markdown": ("tracker.render.markdown", "render_markdown"),
    "render_json": ("tracker.render.json", "render_json"),
    "render_terminal": ("tracker.render.terminal", "render_terminal"),
    "render_html": ("tracker.render.html", "render_html"),
    # a tracking repository
    "init_repository": ("tracker.history.repository", "init_repository"),
    "ingest": ("tracker.history.ingest", "ingest"),
    "rebuild": ("tracker.history.series", "rebuild"),
    "series_letters": ("tracker.history.series", "series_letters"),
    "figure_ledger": ("tracker.history.series", "figure_ledger"),
    "IngestResult": ("tracker.history.ingest", "IngestResult"),
    # the data and the errors
    "Document": ("tracker.model", "Document"),
    "Meta": ("tracker.model", "Meta"),
    "Section": ("tracker.model", "Section"),
    "Figure": ("tracker.model", "Figure"),
    "Comparison": ("tracker.model", "Comparison"),
    "SectionPair": ("tracker.model", "SectionPair"),
    "FigureChange": ("tracker.model", "FigureChange"),
    "Finding": ("tracker.model", "Finding"),
    "TrackerError": ("tracker.errors", "TrackerError"),
    "InputError": ("tracker.errors", "InputError"),
    "ExtractionError": ("tracker.errors", "ExtractionError"),
    "HistoryError": ("tracker.errors", "HistoryError"),
}

# Spelled out for tools that read it; tests/test_api.py checks it names what _API does.
__all__ = [
    "Comparison",
    "Document",
    "ExtractionError",
    "Figure",
    "FigureChange",
    "Finding",
    "HistoryError",
    "IngestResult",
    "InputError",
    "Meta",
    "Section",
    "SectionPair",
    "TrackerError",
    "__version__",
    "compare",
    "figure_ledger",
    "find_figures",
    "from_snapshot",
    "ingest",
    "init_repository",
    "read_letter",
    "read_letter_bytes",
    "rebuild",
    "render_html",
    "render_json",
    "render_markdown",
    "render_terminal",
    "series_letters",
    "to_snapshot",
]

if TYPE_CHECKING:
    from typing import Any

    from tracker.comparison.compare import compare as compare
    from tracker.errors import ExtractionError as ExtractionError
    from tracker.errors import HistoryError as HistoryError
    from tracker.errors import InputError as InputError
    from tracker.errors import TrackerError as TrackerError
    from tracker.figures.find import find_figures as find_figures
    from tracker.history.ingest import IngestResult as IngestResult
    from tracker.history.ingest import ingest as ingest
    from tracker.history.repository import init_repository as init_repository
    from tracker.history.series import figure_ledger as figure_ledger
    from tracker.history.series import rebuild as rebuild
    from tracker.history.series import series_letters as series_letters
    from tracker.model import Comparison as Comparison
    from tracker.model import Document as Document
    from tracker.model import Figure as Figure
    from tracker.model import FigureChange as FigureChange
    from tracker.model import Finding as Finding
    from tracker.model import Meta as Meta
    from tracker.model import Section as Section
    from tracker.model import SectionPair as SectionPair
    from tracker.read.files import document_from_bytes as read_letter_bytes
    from tracker.read.files import load_document as read_letter
    from tracker.read.snapshot import from_markdown as from_snapshot
    from tracker.read.snapshot import to_markdown as to_snapshot
    from tracker.render.json import render_json as render_json
    from tracker.render.markdown import render_markdown as render_markdown
    from tracker.render.terminal import render_terminal as render_terminal


def __getattr__(name: str) -> Any:
    """A public name, imported on first use: start-up time stays that of an empty package."""
    try:
        module, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'tracker' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # found directly from now on, without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})

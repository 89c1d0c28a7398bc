"""A series' derived files (reports, manifest, ledger, index) from its snapshots: pure values.

The series order, corrections, the report of each letter against its predecessor and the
figure ledger are a fold over the snapshot texts. `derive` does it for a whole series, and
leaves running the letters' comparisons (`letter_work`, independent of each other) to the
`run` it is given: in order here, in worker processes when history/series.py asks; `extend`
does the one step of appending a letter at the end, reading only its predecessor and the
manifest and ledger, and gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from tracker.comparison.compare import compare
from tracker.errors import TrackerError
from tracker.figures.find import find_figures
from tracker.history.day import counts, day_comparison, largest_moves
from tracker.history.index import LetterEntry, entries_to_csv, index_window, render_index
from tracker.history.layout import (
    INDEX,
    index_path,
    ledger_path,
    manifest_path,
    report_link,
    report_path,
    snapshot_link,
)
from tracker.history.ledger import GAP_LETTERS, KnownIds, LedgerRow, LedgerState, ledger_step
from tracker.history.ledger_csv import LedgerScan, rows_from_csv, rows_to_csv, scan_ledger_bytes
from tracker.history.order import chain, plan, predecessors, skeleton
from tracker.history.pages import extra_files
from tracker.history.storage import decoded
from tracker.model import Comparison, Document, Figure, Finding, Language
from tracker.read.snapshot import from_markdown
from tracker.render.markdown import render_markdown
from tracker.text.safe import markdown_inline
from tracker.text.words import squash

TITLE_IN_LINK = 80
"""Characters of the predecessor's title in a report's line of links."""


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


# --- one letter's work ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Work:
    """What a letter needs from its neighbours; independent of the rest of the series."""

    figures: tuple[Figure, ...]
    comparison: Comparison | None
    """The letter against its predecessor (a correction: against the letter it replaces);
    None for a letter with no predecessor."""
    previous_figures: tuple[Figure, ...] = ()
    """The figures of the letter compared with, in their order (the ledger's `index`)."""
    headings: tuple[str | None, ...] = ()
    """The letter's section headings, in order (figures point at them by index)."""
    language: Language = "nl"


@dataclass(frozen=True, slots=True)
class Built:
    """A series' derived files, and what each letter's report found."""

    files: dict[str, str]
    """Text by path (history/layout.py): reports, manifest, ledger, index."""
    findings: dict[str, tuple[Finding, ...]]
    """The findings of each letter's report, by the letter's stem."""
    entries: tuple[LetterEntry, ...] = ()
    """The manifest's letters, as letters.csv lists them (so ingest need not read it back)."""
    appended: dict[str, str] = field(default_factory=dict)
    """Text to append to files that only grow, by path (the ledger, when a letter is
    appended): the file is not in `files`, and what it holds already is not read again."""


def letter_work(text: str, previous: str | None, replaced: str | None) -> Work:
    """Compare a snapshot with the one before it (or with the one it corrects, if any)."""
    against = replaced if replaced is not None else previous
    comparison = None
    previous_figures: tuple[Figure, ...] = ()
    if against is not None:
        old, previous_figures = _read(against)  # first: the last letter's own, kept
    doc, figures = _read(text)
    if against is not None:
        comparison = compare(old, doc, (previous_figures, figures))
    return Work(
        figures=figures,
        comparison=comparison,
        previous_figures=previous_figures,
        headings=tuple(section.heading for section in doc.sections),
        language=doc.meta.language,
    )


@lru_cache(maxsize=2)
def _read(text: str) -> tuple[Document, tuple[Figure, ...]]:
    """A snapshot and its figures. Letters come in series order, so the letter read last is
    the next one's predecessor: each is read once, not once as itself and once as the old."""
    doc = from_markdown(text)
    return doc, tuple(find_figures(doc))


Task = tuple[str, str | None, str | None]
"""`letter_work`'s arguments: a snapshot's text, its predecessor's and the one it corrects."""
Run = Callable[[Sequence[Task]], Iterable[Work]]
"""Runs `letter_work` over tasks and gives the works back in the order of the tasks, each as
soon as it is done: the ledger's fold takes them as they come."""


def in_order(tasks: Sequence[Task]) -> Iterator[Work]:
    """`letter_work` over `tasks`, one after the other, in this process."""
    return (letter_work(*task) for task in tasks)


# --- the whole series -----------------------------------------------------------------


def derive(series: str, texts: dict[str, str], run: Run = in_order) -> Built:
    """Every derived file of a series, by path, from its snapshot texts by stem."""
    # The workers parse the letters; here only their front matter is needed, to plan.
    metas = {stem: _front_matter(text, from_markdown) for stem, text in texts.items()}
    planned = plan(skeleton(stem, doc) for stem, doc in sorted(metas.items()))
    by_stem = {e.letter: e for e in planned}
    standing = chain(planned)

    previous = predecessors(planned, standing)
    tasks: list[Task] = []
    for entry in planned:
        before = previous[entry.letter]
        tasks.append(
            (
                texts[entry.letter],
                texts[before] if before else None,
                texts[entry.corrects] if entry.corrects else None,
            )
        )
    # The ledger is a fold in series order; a day report needs the fold up to its letter. It
    # takes each letter's work as it arrives, while the workers go on with the next letters.
    works = _Arriving(zip((e.letter for e in planned), run(tasks), strict=True))
    state = LedgerState()
    rows: list[LedgerRow] = []
    reported: dict[str, Comparison] = {}
    for position, entry in enumerate(standing):
        predecessor = standing[position - 1] if position else None
        fold = fold_letter(state, entry, predecessor, works[entry.letter])
        # Read back as `extend` reads them, so both give the same bytes.
        step = rows_from_csv(rows_to_csv(fold.rows), ledger_path(series))
        state.add(entry.letter, step)
        rows.extend(step)
        if fold.comparison is not None:
            reported[entry.letter] = fold.comparison

    works.update(works.arriving)  # superseded letters, which the fold passes over
    outputs: dict[str, str] = {}
    done: dict[str, LetterEntry] = {}
    for entry in planned:
        work = works[entry.letter]
        against = entry.corrects or previous[entry.letter] or ""
        comparison = reported.get(entry.letter, work.comparison)
        entry = with_counts(entry, against, comparison)
        done[entry.letter] = entry
        outputs[report_path(series, entry.letter)] = render_report(
            series, entry, by_stem.get(against), work, comparison
        )

    final = [done[e.letter] for e in planned]
    outputs[manifest_path(series)] = entries_to_csv(final)
    outputs[ledger_path(series)] = rows_to_csv(rows)
    outputs[index_path(series)] = render_index(series, final, rows)
    comparisons = {stem: reported.get(stem, works[stem].comparison) for stem in works}
    outputs.update(extra_files(series, final, rows, works, comparisons))
    findings = {stem: _findings(comparisons[stem]) for stem in works}
    return Built(outputs, findings, tuple(final))


class _Arriving(dict[str, Work]):
    """The letters' works by stem, taken from `arriving` (stem, work) as they are asked for."""

    def __init__(self, arriving: Iterator[tuple[str, Work]]) -> None:
        super().__init__()
        self.arriving = arriving

    def __missing__(self, stem: str) -> Work:
        for letter, work in self.arriving:
            self[letter] = work
            if letter == stem:
                return work
        raise KeyError(stem)


@dataclass(frozen=True, slots=True)
class Fold:
    """One letter's step of the series fold: its ledger rows, and its day report's comparison
    (None unless the letter follows its predecessor in the series, not as a correction)."""

    rows: list[LedgerRow]
    comparison: Comparison | None


def fold_letter(
    state: LedgerState, entry: LetterEntry, predecessor: LetterEntry | None, work: Work
) -> Fold:
    """Match a letter's figures against the series, and take its report against it."""
    step = ledger_step(
        state,
        letter=entry.letter,
        date=entry.date,
        figures=work.figures,
        headings=work.headings,
        language=work.language,
        predecessor=predecessor.letter if predecessor else None,
    )
    if work.comparison is None or predecessor is None or entry.corrects:
        return Fold(step.rows, None)
    day = day_comparison(
        work.comparison,
        work.figures,
        step.matches,
        work.previous_figures,
        state.recent.get(predecessor.letter, []),
        {row.figure for row in step.rows},
    )
    return Fold(step.rows, day)


def _findings(comparison: Comparison | None) -> tuple[Finding, ...]:
    return comparison.findings if comparison is not None else ()


def with_counts(entry: LetterEntry, predecessor: str, comparison: Comparison | None) -> LetterEntry:
    if comparison is None:
        status = "first" if entry.status == "new" else entry.status
        return replace(entry, predecessor="", status=status)
    n = counts(comparison)
    return replace(
        entry,
        predecessor=predecessor,
        sections_changed=n.sections_changed,
        figures_changed=n.figures_changed,
        findings=n.findings,
        sections_added=n.sections_added,
        sections_removed=n.sections_removed,
        figures_new=n.figures_new,
        figures_gone=n.figures_gone,
        moves="; ".join(largest_moves(comparison)),
    )


def extend(
    series: str,
    entries: list[LetterEntry],
    ledger: bytes,
    stem: str,
    text: str,
    doc: Document,
    previous_text: str,
) -> Built:
    """The derived files after appending a letter after the last one standing in the series.

    Reads only the predecessor's snapshot, the manifest (`entries`) and the ledger's bytes
    (figures.csv's; empty when it has none); the caller checks `appends` first. The result is
    byte for byte what `derive` gives, the ledger's new rows to be appended to its file.
    """
    standing = chain(entries)
    before = standing[-1]
    work = letter_work(text, previous_text, None)
    entry = skeleton(stem, doc)
    window = {e.letter for e in index_window([*entries, entry])}
    recent = [e.letter for e in standing[-GAP_LETTERS:]]
    if window - {stem} <= set(recent):
        # The rows needed are those of the last letters: read from the end of the ledger.
        scan = scan_ledger_bytes(ledger, set(recent), ledger_path(series))
    else:
        # A correction moved an older letter into the index's window: read the whole ledger.
        rows = rows_from_csv(decoded(ledger, ledger_path(series)), ledger_path(series))
        wanted = window | set(recent)
        scan = LedgerScan(
            known=KnownIds(r.figure for r in rows), rows=[r for r in rows if r.letter in wanted]
        )
    state = LedgerScan(scan.known, [r for r in scan.rows if r.letter in recent]).state()
    fold = fold_letter(state, entry, before, work)
    entry = with_counts(entry, before.letter, fold.comparison)
    final = [*entries, entry]
    shown = [r for r in scan.rows if r.letter in window] + fold.rows
    files = {
        report_path(series, stem): render_report(series, entry, before, work, fold.comparison),
        manifest_path(series): entries_to_csv(final),
        index_path(series): render_index(series, final, shown),
    }
    # The ledger is in series order, so the new letter's rows go at its end.
    appended = {}
    if ledger:
        appended[ledger_path(series)] = rows_to_csv(fold.rows, header=False)
    else:
        files[ledger_path(series)] = rows_to_csv(fold.rows)
    files.update(extra_files(series, final, shown, {stem: work}, {stem: fold.comparison}))
    return Built(files, {stem: _findings(fold.comparison)}, tuple(final), appended)


# --- reports --------------------------------------------------------------------------


def render_report(
    series: str,
    entry: LetterEntry,
    previous: LetterEntry | None,
    work: Work,
    comparison: Comparison | None,
) -> str:
    """One letter's report: a line of links, then the change report (or, for the first
    letter, the figures it contains)."""
    links = [
        f"[Series index]({INDEX})",
        f"[snapshot]({snapshot_link(series, entry.letter)})",
    ]
    if previous is not None:
        links.append(
            f"compared with [{previous.date.isoformat()} "
            f"{_link_text(shorten(previous.title, TITLE_IN_LINK))}]"
            f"({report_link(previous.letter)})"
        )
    head = [" · ".join(links), ""]
    if entry.status == "correction" and previous is not None:
        head += [
            f"This letter is a correction of the letter of {previous.date.isoformat()}; "
            "this report compares it with the letter it replaces.",
            "",
        ]
    if comparison is None:
        return "\n".join([*head, *_first_report(entry, work)])
    return "\n".join(head) + "\n" + render_markdown(comparison).rstrip("\n") + "\n"


def _link_text(text: str) -> str:
    return markdown_inline(squash(text))


def _first_report(entry: LetterEntry, work: Work) -> list[str]:
    lines = [
        f"# {markdown_inline(squash(entry.title))}",
        "",
        f"{entry.date.isoformat()} · first letter of the series: there is no earlier letter "
        "to compare it with.",
        "",
    ]
    if work.figures:
        lines += ["## Figures", "", "| Figure | As written | Section |", "| --- | --- | --- |"]
        for figure in work.figures:
            inside = 0 <= figure.section < len(work.headings)
            heading = work.headings[figure.section] if inside else None
            cells = [figure.label or "", figure.text, heading or ""]
            lines.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
        lines.append("")
    return lines


def _front_matter(text: str, parse: Callable[[str], Document]) -> Document:
    """A snapshot's metadata, parsing only its front matter when it has one."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            try:
                return parse(text[: end + 5])
            except TrackerError:
                pass  # let the whole text give the error, or the metadata
    return parse(text)


def _table_cell(text: str) -> str:
    return markdown_inline(squash(text))

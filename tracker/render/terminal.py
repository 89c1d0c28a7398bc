"""The comparison for a terminal: the Markdown report's content, coloured with rich."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.model import Comparison, FigureChange, SectionPair, SentenceEdit
from tracker.render.markdown import display_paragraphs
from tracker.render.names import letter_name, side_names

_DELETED = "red strike"
_INSERTED = "green bold"
_MOVED = "cyan"


def render_terminal(
    c: Comparison, *, width: int = 100, color: bool = True, explain: bool = False
) -> str:
    """The report as text with ANSI colour codes (none when `color` is False); with
    `explain`, why each pair of figures was made.

    The caller decides on colour: the command weighs --color, NO_COLOR, FORCE_COLOR and
    whether a terminal shows the text (cli/terminal.py); rich, writing into a buffer, could
    not see the terminal, so the same call gives the same text in any environment."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    old, new = letter_name(c.old.meta), letter_name(c.new.meta)
    console.print(Text(f"{old} → {new}", style="bold"))
    console.print(Text(f"{c.old.meta.source or ''} → {c.new.meta.source or ''}", style="dim"))
    counts = ", ".join(f"{n} {status}" for status, n in c.section_counts.items())
    console.print(f"Sections: {counts}" if counts else "No sections.")
    console.print(_section_table(c))
    moved_figures = [f for f in c.figures if f.status != "unchanged"]
    if moved_figures:
        console.print()
        console.print(Text("Figures that changed, came or went", style="bold underline"))
        console.print(_figure_table(moved_figures))
    for finding in c.findings:
        style = {"error": "red", "warning": "yellow"}.get(finding.severity, "dim")
        console.print(Text(f"{finding.severity}: {finding.message}", style=style))
    if explain:
        console.print()
        console.print(Text("Why figures were paired", style="bold underline"))
        for change in c.figures:
            if change.why:
                console.print(Text(f"{change.label}: {change.why}"))
    for pair in c.sections:
        if pair.status in ("unchanged", "added", "removed"):
            continue
        console.print()
        console.print(Text(_pair_title(c, pair), style="bold underline"))
        for edits in display_paragraphs(pair.edits):
            if all(e.op == "equal" for e in edits):
                continue
            console.print(_paragraph(edits))
            console.print()
    for pair in c.sections:
        if pair.status in ("added", "removed"):
            side = c.new if pair.status == "added" else c.old
            index = (pair.new or pair.old)[0]
            style = _INSERTED if pair.status == "added" else _DELETED
            console.print()
            title = f"{pair.status.capitalize()}: {side_names(side, (index,))}"
            console.print(Text(title, style="bold underline"))
            console.print(Text(side.sections[index].text, style=style))
    return buffer.getvalue()


def _pair_title(c: Comparison, pair: SectionPair) -> str:
    old, new = side_names(c.old, pair.old), side_names(c.new, pair.new)
    return new if old == new else f"{old} → {new}"


def _section_table(c: Comparison) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False)
    for name in ("Old", "New", "Status", "Sim."):
        table.add_column(name, justify="right" if name == "Sim." else "left")
    for pair in c.sections:
        old = side_names(c.old, pair.old) if pair.old else "—"
        new = side_names(c.new, pair.new) if pair.new else "—"
        similarity = f"{pair.similarity:.2f}" if pair.old and pair.new else ""
        style = {"added": "green", "removed": "red", "unchanged": "dim"}.get(pair.status, "yellow")
        table.add_row(old, new, Text(pair.status, style=style), similarity)
    return table


def _figure_table(changes: list[FigureChange]) -> Table:
    table = Table(show_edge=False, box=None, pad_edge=False)
    for name in ("Figure", "Old", "New", "Change"):
        table.add_column(name)
    for change in changes:
        old = change.old.text if change.old else "—"
        new = change.new.text if change.new else "—"
        style = {"added": "green", "removed": "red"}.get(change.status, "yellow")
        table.add_row(change.label, old, new, Text(change.delta_text or change.status, style=style))
    return table


def _paragraph(edits: list[SentenceEdit]) -> Text:
    text = Text()
    for edit in edits:
        if text:
            text.append(" ")
        if edit.op == "equal":
            text.append(edit.new)
        elif edit.op == "insert":
            text.append(edit.new, style=_INSERTED)
        elif edit.op == "delete":
            text.append(edit.old, style=_DELETED)
        elif edit.op == "moved":
            text.append(edit.new, style=_MOVED)
            text.append(" (moved)", style="dim")
        else:
            first = True
            for word in edit.words:
                for value, style in ((word.old, _DELETED), (word.new, _INSERTED)):
                    if word.op == "equal" and style == _DELETED:
                        continue
                    if not value:
                        continue
                    if not first:
                        text.append(" ")
                    text.append(value, style=None if word.op == "equal" else style)
                    first = False
    return text

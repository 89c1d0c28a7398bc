"""Short forms of a comparison, after git's: `--stat` (one screen at most) and `--name-only`."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.model import Comparison, Document, FigureChange, SectionPair
from tracker.render.names import letter_name, section_name, side_names

SCREEN_LINES = 24
"""A screen when the terminal gives no height: the classic 80 x 24."""
_LABEL = 40
"""Columns for a figure's label or a section's heading before it is cut."""
_BAR = 30
"""Columns of the widest +/- bar, as git's stat scales its bars to fit."""
_MOVED = ("changed", "added", "removed")


def render_name_only(c: Comparison) -> str:
    """The headings of the sections that changed, one a line, in the section map's order: the
    new heading, or the old one for a removed section, as `git diff --name-only` names files."""
    names: list[str] = []
    for pair in c.sections:
        if pair.status == "unchanged":
            continue
        side, indices = (c.old, pair.old) if pair.status == "removed" else (c.new, pair.new)
        for index in indices:
            name = section_name(side, index)
            if name not in names:
                names.append(name)
    return "".join(f"{name}\n" for name in names)


def render_stat(c: Comparison, *, lines: int = SCREEN_LINES) -> str:
    """The section counts, the words inserted and deleted per changed section, and the
    figures that moved, in at most `lines` lines: what does not fit is counted, not shown."""
    title = f"{letter_name(c.old.meta)} → {letter_name(c.new.meta)}"
    changed = [p for p in c.sections if p.status != "unchanged"]
    words = [_words(c, p) for p in changed]
    # Changed figures first, then those that came, then those that went.
    moved = sorted(
        (f for f in c.figures if f.status in _MOVED), key=lambda f: _MOVED.index(f.status)
    )
    totals = [
        _section_total(c, words),
        _figure_total(c),
    ]
    room = max(0, lines - 1 - len(totals))
    # The figures come first when the screen is short: what moved is what a reader of a
    # letter most wants to know. The sections keep a third of the room, and any room left.
    figure_room = min(len(moved), room - min(len(changed), room // 3))
    section_room = room - figure_room
    widest = max((i + d for i, d in words), default=0)
    section_lines = [_section_line(c, p, w, widest) for p, w in zip(changed, words, strict=True)]
    figure_lines = [_figure_line(f) for f in moved]
    out = [
        title,
        *_fit(section_lines, section_room, "section"),
        totals[0],
        totals[1],
        *_fit(figure_lines, figure_room, "figure"),
    ]
    return "\n".join(out[: max(lines, 1)]) + "\n"


def _fit(rows: Sequence[str], room: int, noun: str) -> list[str]:
    """`rows` cut to `room` lines, the last saying how many more there are."""
    if len(rows) <= room:
        return list(rows)
    if room <= 0:
        return []
    hidden = len(rows) - room + 1
    return [*rows[: room - 1], f" … {hidden} more {noun}{'' if hidden == 1 else 's'}"]


def _words(c: Comparison, pair: SectionPair) -> tuple[int, int]:
    """Words inserted and deleted in a pair; every word of an added or removed section."""
    if pair.status == "added":
        return _word_count(c.new, pair.new), 0
    if pair.status == "removed":
        return 0, _word_count(c.old, pair.old)
    inserted = deleted = 0
    for edit in pair.edits:
        if edit.op == "insert":
            inserted += len(edit.new.split())
        elif edit.op == "delete":
            deleted += len(edit.old.split())
        elif edit.op == "replace":
            for word in edit.words:
                if word.op != "equal":
                    inserted += len(word.new.split())
                    deleted += len(word.old.split())
    return inserted, deleted


def _word_count(doc: Document, indices: tuple[int, ...]) -> int:
    return sum(len(doc.sections[i].text.split()) for i in indices)


def _section_line(c: Comparison, pair: SectionPair, words: tuple[int, int], widest: int) -> str:
    side, indices = (c.old, pair.old) if pair.status == "removed" else (c.new, pair.new)
    name = _cut(side_names(side, indices))
    inserted, deleted = words
    total = inserted + deleted
    scale = min(1.0, _BAR / widest) if widest else 1.0
    plus = round(inserted * scale) or (1 if inserted else 0)
    minus = round(deleted * scale) or (1 if deleted else 0)
    return f" {name:<{_LABEL}} | {pair.status:<8} {total:>5} {'+' * plus}{'-' * minus}".rstrip()


def _section_total(c: Comparison, words: Sequence[tuple[int, int]]) -> str:
    counts = ", ".join(f"{n} {status}" for status, n in c.section_counts.items())
    inserted = sum(i for i, _ in words)
    deleted = sum(d for _, d in words)
    return (
        f" {len(c.old.sections)} → {len(c.new.sections)} sections ({counts or 'none'}); "
        f"{inserted} word{'' if inserted == 1 else 's'} inserted, {deleted} deleted"
    )


def _figure_total(c: Comparison) -> str:
    counts = c.figure_counts
    moved = sum(counts.get(s, 0) for s in _MOVED)
    if not c.figures:
        return " no figures in either letter"
    said = ", ".join(f"{counts[s]} {s}" for s in (*_MOVED, "unchanged") if counts.get(s))
    return f" {moved} figure{'' if moved == 1 else 's'} moved ({said})"


def _figure_line(change: FigureChange) -> str:
    old = change.old.text if change.old else "—"
    new = change.new.text if change.new else "—"
    delta = change.delta_text or change.status
    return f"   {_cut(change.label):<{_LABEL}} {old} → {new}  {delta}"


def _cut(text: str) -> str:
    return text if len(text) <= _LABEL else text[: _LABEL - 1] + "…"

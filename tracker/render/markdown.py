"""The comparison as a Markdown report that reads well on GitHub and without colour."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.model import Comparison, Document, Meta, Paragraph, SectionPair, SentenceEdit
from tracker.render.figures import key_figures_markdown
from tracker.render.names import letter_name, section_name, side_names
from tracker.text.safe import markdown_inline

# A line that Markdown would read as a list item, quote or heading when it starts a paragraph.
_BLOCK_START = re.compile(r"^(\d+)([.)])(\s)|^([+\-])(\s)")


def render_markdown(c: Comparison, *, explain: bool = False) -> str:
    """The whole report: heading, summary, section map, redlines, added and removed text;
    with `explain`, why each pair of figures was made."""
    parts = [
        _title(c),
        _letters_table(c.old.meta, c.new.meta),
        _summary(c),
        *_key_figures(c, explain),
        _section_map(c),
        *_changed_sections(c),
        *_unchanged_list(c),
    ]
    return "\n\n".join(part.rstrip("\n") for part in parts if part) + "\n"


def escape(text: str) -> str:
    """Text that Markdown shows as written: markup characters and block starts escaped."""
    return _BLOCK_START.sub(_escape_block_start, markdown_inline(text))


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}\\{match.group(2)}{match.group(3)}"
    return f"\\{match.group(4)}{match.group(5)}"


# Titles longer than this are cut at a word in the report's heading; the table below it gives
# them in full. Answers to parliamentary questions carry every asker's name in their title.
TITLE_IN_HEADING = 90


def short_title(title: str) -> str:
    """A title fit for a heading: cut at a word after TITLE_IN_HEADING characters."""
    if len(title) <= TITLE_IN_HEADING:
        return title
    return title[:TITLE_IN_HEADING].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _title(c: Comparison) -> str:
    old, new = short_title(letter_name(c.old.meta)), short_title(letter_name(c.new.meta))
    if old == new:
        return f"# Changes in {escape(new)}"
    return f"# Changes from {escape(old)} to {escape(new)}"


def _letters_table(old: Meta, new: Meta) -> str:
    rows = [
        ("Title", old.title or "", new.title or ""),
        (
            "Date",
            old.date.isoformat() if old.date else "",
            new.date.isoformat() if new.date else "",
        ),
        ("Reference", ", ".join(old.references), ", ".join(new.references)),
        ("File", old.source or "", new.source or ""),
    ]
    lines = ["| | Old | New |", "| --- | --- | --- |"]
    lines.extend(f"| {name} | {escape(a)} | {escape(b)} |" for name, a, b in rows if a or b)
    return "\n".join(lines)


def _date(meta: Meta) -> str:
    return meta.date.isoformat() if meta.date else ""


def _summary(c: Comparison) -> str:
    lines = summary_lines(c)
    if not c.differs:
        return f"## Summary\n\n{lines[0]}"
    return "\n".join(["## Summary", "", *(f"- {line}" for line in lines)])


def summary_lines(c: Comparison) -> list[str]:
    """The summary's sentences, as plain text (they hold counts, never letter text): one
    sentence when nothing changed, else one per kind of change."""
    counts = c.section_counts
    total = len(c.new.sections)
    if not c.differs:
        return [f"No changes: all {total} sections are the same."]
    changed = sum(
        n for status, n in counts.items() if status not in ("unchanged", "added", "removed")
    )
    lines = [
        f"Sections: {changed} changed, {counts.get('added', 0)} added, "
        f"{counts.get('removed', 0)} removed, {counts.get('unchanged', 0)} unchanged "
        f"({len(c.old.sections)} before, {total} now).",
    ]
    detail = [
        f"{counts[s]} {s}"
        for s in ("modified", "renamed", "moved", "split", "merged")
        if counts.get(s)
    ]
    if detail:
        lines.append(f"Changed sections: {', '.join(detail)}.")
    if c.old.sections and c.new.sections and not any(p.old and p.new for p in c.sections):
        lines.append("No section of the old letter pairs with one of the new: they share little.")
    sentences = _sentence_counts(c.sections)
    if sentences:
        described = {
            "replace": "rewritten",
            "insert": "added",
            "delete": "removed",
            "moved": "moved",
        }
        said = [f"{sentences[op]} {word}" for op, word in described.items() if sentences.get(op)]
        lines.append(f"Sentences in changed sections: {', '.join(said)}.")
    return lines


def _sentence_counts(pairs: Iterable[SectionPair]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for pair in pairs:
        for edit in pair.edits:
            if edit.op != "equal":
                counts[edit.op] = counts.get(edit.op, 0) + 1
    return counts


def _key_figures(c: Comparison, explain: bool) -> list[str]:
    """The figures' block ("Key figures" table and findings), written by their renderer."""
    block = key_figures_markdown(c, explain=explain)
    return [block] if block.strip() else []


def _section_map(c: Comparison) -> str:
    lines = [
        "## Section map",
        "",
        "| Old | New | Status | Similarity |",
        "| --- | --- | --- | ---: |",
    ]
    for pair in c.sections:
        old = escape(side_names(c.old, pair.old)) if pair.old else "—"
        new = escape(side_names(c.new, pair.new)) if pair.new else "—"
        similarity = f"{pair.similarity:.2f}" if pair.old and pair.new else ""
        lines.append(f"| {old} | {new} | {pair.status} | {similarity} |")
    return "\n".join(lines)


def _changed_sections(c: Comparison) -> list[str]:
    parts: list[str] = []
    for pair in c.sections:
        if pair.status == "unchanged":
            continue
        if pair.status == "added":
            parts.append(_full_text("Added", c.new, pair.new[0]))
        elif pair.status == "removed":
            parts.append(_full_text("Removed", c.old, pair.old[0]))
        else:
            parts.append(_redline_section(c, pair))
    if parts:
        parts.insert(0, "## Changes by section")
    return parts


def _pair_heading(c: Comparison, pair: SectionPair) -> str:
    old, new = side_names(c.old, pair.old), side_names(c.new, pair.new)
    if pair.status == "renamed":
        return f"### {escape(new)} (renamed from “{escape(old)}”)"
    if pair.status == "split":
        return f"### {escape(old)} (split into {escape(new)})"
    if pair.status == "merged":
        return f"### {escape(new)} (merged from {escape(old)})"
    suffix = "" if old == new else f", was “{escape(old)}”"
    return f"### {escape(new)} ({pair.status}{suffix})"


def _redline_section(c: Comparison, pair: SectionPair) -> str:
    lines = [_pair_heading(c, pair), ""]
    paragraphs = display_paragraphs(pair.edits)
    shown: list[str] = []
    skipped = False
    for edits in paragraphs:
        if all(e.op == "equal" for e in edits):
            skipped = True
            continue
        if skipped and shown:
            shown.append("…")
        skipped = False
        shown.append(_paragraph(edits))
    if not shown:
        shown.append("Only the heading or the order changed; the text is the same.")
    lines.append("\n\n".join(shown))
    return "\n".join(lines)


def display_paragraphs(edits: Iterable[SentenceEdit]) -> list[list[SentenceEdit]]:
    """Edits grouped into the paragraphs a reader sees.

    Edits with a new side follow the new paragraphs; a deleted sentence stays with the old
    paragraph it came from, so a deleted paragraph shows as one of its own.
    """
    groups: list[list[SentenceEdit]] = []
    new_par: int | None = None
    old_par: int | None = None
    for edit in edits:
        if edit.op == "delete":
            joins = bool(groups) and edit.old_paragraph == old_par
            if not joins:
                groups.append([])
                new_par = None
            groups[-1].append(edit)
            old_par = edit.old_paragraph
            continue
        # After deletions only, the first new text continues their paragraph: an inserted
        # sentence (no old side) or one from the same old paragraph replaces what was deleted.
        joins = bool(groups) and (
            new_par == edit.paragraph or (new_par is None and edit.old_paragraph in (None, old_par))
        )
        if not joins:
            groups.append([])
        groups[-1].append(edit)
        new_par = edit.paragraph
        if edit.old_paragraph is not None:
            old_par = edit.old_paragraph
    return groups


def _paragraph(edits: list[SentenceEdit]) -> str:
    """One paragraph of the redline; neighbouring whole-sentence insertions (or deletions)
    share one mark, which reads more easily than a mark per sentence."""
    parts: list[str] = []
    run: list[str] = []
    run_op = ""
    for edit in [*edits, SentenceEdit("equal", "", "", -1)]:
        if edit.op in ("insert", "delete") and edit.op == run_op:
            run.append(escape(edit.new or edit.old))
            continue
        if run:
            mark = "**" if run_op == "insert" else "~~"
            parts.append(f"{mark}{' '.join(run)}{mark}")
            run = []
        run_op = edit.op
        if edit.op in ("insert", "delete"):
            run.append(escape(edit.new or edit.old))
        elif edit.paragraph >= 0:
            parts.append(_sentence(edit))
    return " ".join(parts)


def _sentence(edit: SentenceEdit) -> str:
    if edit.op == "equal":
        return escape(edit.new)
    if edit.op == "insert":
        return f"**{escape(edit.new)}**"
    if edit.op == "delete":
        return f"~~{escape(edit.old)}~~"
    if edit.op == "moved":
        return f"{escape(edit.new)} *(moved)*"
    words: list[str] = []
    for word in edit.words:
        if word.op == "equal":
            words.append(escape(word.new))
            continue
        if word.old:
            words.append(f"~~{escape(word.old)}~~")
        if word.new:
            words.append(f"**{escape(word.new)}**")
    return " ".join(words)


def _full_text(kind: str, doc: Document, index: int) -> str:
    section = doc.sections[index]
    body: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            prefix = "- " if block.list_item else ""
            body.append(prefix + escape(block.text))
        else:
            header = "| " + " | ".join(escape(cell) for cell in block.header) + " |"
            rule = "| " + " | ".join("---" for _ in block.header) + " |"
            rows = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in block.rows]
            body.append("\n".join([header, rule, *rows]))
    words = section.words
    text = "\n\n".join(body) if body else "(no text under this heading)"
    return (
        f"### {kind}: {escape(section_name(doc, index))}\n\n"
        f"<details><summary>{kind} text ({words} words)</summary>\n\n{text}\n\n</details>"
    )


def _unchanged_list(c: Comparison) -> list[str]:
    names = [side_names(c.new, p.new) for p in c.sections if p.status == "unchanged"]
    if not names:
        return []
    return ["## Unchanged sections\n\n" + "\n".join(f"- {escape(name)}" for name in names)]

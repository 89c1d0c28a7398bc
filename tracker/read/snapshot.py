"""The canonical Markdown snapshot of a Document, and reading it back.

A snapshot is front matter (title, date, language, references, signatory, source, sha256)
followed by the body: sections as `#` headings (the opening section has none), paragraphs,
`- ` list items, GitHub pipe tables and `[^label]` footnotes. Text is escaped so that
markdown-it gives back exactly the same words. The model keeps which notes a paragraph, heading
or table cites, not where in it: their markers stand at the end of the paragraph or heading,
and in a table's last header cell.

Line numbers: the snapshot keeps the source letter's line numbers in the front matter key
`lines` (one `first-last` span per section, then one per block), so that
`from_markdown(to_markdown(doc)) == doc` holds exactly and reports rebuilt from snapshots point
to the same lines of the letter as reports made from the letter. A snapshot without `lines`
(written by hand) gets the snapshot's own line numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from tracker.errors import InputError
from tracker.model import Block, Document, Meta, Paragraph, Section, Table
from tracker.read.markdown import parse_body, split_footnotes

_FRONT = "---"
# Front matter of a Markdown letter is a few lines; a "---" further down is a rule.
_FRONT_MATTER_MAX_LINES = 60
# "#" and "^" too: a heading "# #" would lose its text, and "[^1]" in text is no footnote.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|&#^])")
_BLOCK_START = re.compile(r"^([#>+=~-]|\d+[.)])")


def to_markdown(doc: Document) -> str:
    """Render a Document as its canonical Markdown snapshot (ends with one newline)."""
    parts = [_front_matter(doc), ""]
    for section in doc.sections:
        if section.heading is not None:
            marks = "".join(f"[^{label}]" for label in section.heading_footnotes)
            level = min(max(section.level, 1), 6)
            parts += ["#" * level + " " + escape_inline(section.heading) + marks, ""]
        for block in section.blocks:
            parts += [_block_markdown(block), ""]
        for note in section.footnotes:
            parts += [f"[^{note.label}]: {escape_inline(note.text)}".rstrip(), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def escape_inline(text: str) -> str:
    """Backslash-escape what Markdown would read as markup: emphasis, links, pipes, entities."""
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def _escape_paragraph(text: str) -> str:
    escaped = escape_inline(text)
    # A paragraph must not start like a heading, quote, list item, rule or fence.
    return _BLOCK_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped, count=1)


def _block_markdown(block: Block) -> str:
    if isinstance(block, Paragraph):
        marks = "".join(f"[^{label}]" for label in block.footnotes)
        text = _escape_paragraph(block.text) + marks
        return f"- {text}" if block.list_item else text
    return _table_markdown(block)


def _table_markdown(table: Table) -> str:
    header = list(table.header)
    if table.footnotes:
        header[-1] = escape_inline(header[-1]) + "".join(f"[^{x}]" for x in table.footnotes)
        cells = [_cell(c) for c in table.header[:-1]] + [header[-1]]
    else:
        cells = [_cell(c) for c in header]
    lines = ["| " + " | ".join(cells) + " |", "|" + "|".join(" --- " for _ in cells) + "|"]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return escape_inline(text)


def _front_matter(doc: Document) -> str:
    meta = doc.meta
    lines = [_FRONT]
    lines.append(f"title: {_yaml_str(meta.title)}")
    lines.append(f"date: {meta.date.isoformat() if meta.date else 'null'}")
    lines.append(f"language: {meta.language}")
    if meta.references:
        lines.append("references:")
        lines += [f"  - {_yaml_str(ref)}" for ref in meta.references]
    else:
        lines.append("references: []")
    if meta.cites:  # written only when there are any: older snapshots read the same
        lines.append("cites:")
        lines += [f"  - {_yaml_str(ref)}" for ref in meta.cites]
    lines.append(f"signatory: {_yaml_str(meta.signatory)}")
    lines.append(f"source: {_yaml_str(meta.source)}")
    lines.append(f"sha256: {_yaml_str(meta.sha256)}")
    lines.append(f"lines: {_yaml_str(_line_spans(doc))}")
    lines.append(_FRONT)
    return "\n".join(lines)


def _yaml_str(value: str | None) -> str:
    # A JSON string is a valid YAML double-quoted scalar; non-ASCII stays readable.
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _line_spans(doc: Document) -> str:
    """ "first-last:first-last,…" per section (the section, then its blocks), ";"-separated."""
    return ";".join(
        f"{s.lines[0]}-{s.lines[1]}:" + ",".join(f"{b.line}-{b.end_line}" for b in s.blocks)
        for s in doc.sections
    )


# --- reading back ----------------------------------------------------------------------


def from_markdown(text: str) -> Document:
    """Read a canonical snapshot back into a Document."""
    # A checkout with Windows line endings gives the same snapshot.
    lines = text.replace("\r\n", "\n").removeprefix("\ufeff").split("\n")
    if not lines or lines[0] != _FRONT:
        raise InputError("not a snapshot: no front matter", "snapshots start with '---'")
    try:
        end = lines.index(_FRONT, 1)
    except ValueError as exc:
        raise InputError("not a snapshot: front matter is not closed", "add '---'") from exc
    fields = _read_front_matter(lines[1:end])
    body, bodies = split_footnotes(lines[end + 1 :])
    sections = parse_body(body, bodies, line_offset=end + 1)
    spans = fields.get("lines")
    if isinstance(spans, str) and spans:
        sections = _restore_lines(sections, spans)
    meta = Meta(
        title=_opt_str(fields.get("title")),
        date=dt.date.fromisoformat(str(fields["date"])) if fields.get("date") else None,
        language="en" if fields.get("language") == "en" else "nl",
        references=_str_tuple(fields.get("references")),
        signatory=_opt_str(fields.get("signatory")),
        source=_opt_str(fields.get("source")),
        sha256=_opt_str(fields.get("sha256")),
        cites=_str_tuple(fields.get("cites")),
    )
    return Document(meta=meta, sections=tuple(sections))


def split_front_matter(lines: list[str]) -> tuple[dict[str, object], int] | None:
    """The fields of a `---` … `---` block opening the text, and the index of its last line.

    None when the text has no front matter (a line "---" later on is a rule, not a header).
    """
    if not lines or lines[0].strip() != _FRONT:
        return None
    for end in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES)):
        if lines[end].strip() == _FRONT:
            return _read_front_matter(lines[1:end]), end
    return None


def is_snapshot(fields: dict[str, object]) -> bool:
    """Whether front matter is a tracker snapshot's (it records the letter's hash and lines)."""
    return "sha256" in fields and "lines" in fields


def _str_tuple(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _read_front_matter(lines: list[str]) -> dict[str, object]:
    """The small YAML subset `to_markdown` writes: scalars, JSON strings, lists of strings."""
    fields: dict[str, object] = {}
    key: str | None = None
    for line in lines:
        if line.startswith("  - ") and key is not None:
            items = fields.setdefault(key, [])
            if isinstance(items, list):
                items.append(_scalar(line[4:]))
            continue
        name, colon, value = line.partition(":")
        if not colon or line.startswith((" ", "\t", "#")):
            continue  # YAML we do not read (comments, nested maps): not needed for a letter
        key = name.strip()
        value = value.strip()
        if value == "" or value == "[]":
            fields[key] = []
        else:
            fields[key] = _scalar(value)
    return fields


def _scalar(value: str) -> object:
    value = value.strip()
    if value == "null":
        return None
    if value.startswith('"'):
        try:
            result: object = json.loads(value)
        except json.JSONDecodeError:
            return value.strip('"')  # YAML quoting JSON does not know: keep the words
        return result
    if value.startswith("'") and value.endswith("'") and len(value) > 1:
        return value[1:-1].replace("''", "'")
    return value


def _restore_lines(sections: list[Section], spans: str) -> list[Section]:
    """Put the letter's line numbers (stored in front matter) back on sections and blocks."""
    entries = spans.split(";")
    if len(entries) != len(sections):
        return sections  # edited by hand: keep the snapshot's own line numbers
    restored: list[Section] = []
    for section, entry in zip(sections, entries, strict=True):
        head, _, rest = entry.partition(":")
        block_spans = [s for s in rest.split(",") if s]
        if len(block_spans) != len(section.blocks):
            return sections
        blocks: list[Block] = []
        for block, span in zip(section.blocks, block_spans, strict=True):
            first, last = _span(span)
            if isinstance(block, Paragraph):
                blocks.append(Paragraph(block.text, first, last, block.footnotes, block.list_item))
            else:
                blocks.append(Table(block.header, block.rows, first, last, block.footnotes))
        restored.append(
            Section(
                section.heading,
                section.level,
                tuple(blocks),
                section.footnotes,
                _span(head),
                section.heading_footnotes,
            )
        )
    return restored


def _span(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last)

"""Markdown body to sections with markdown-it-py: headings, paragraphs, lists, tables, notes.

Used for Markdown letters (and what the Word and HTML readers produce, through
`parse.parse_markdown`) and for reading canonical snapshots back (`snapshot.from_markdown`).
Footnote markers `[^label]` and bodies `[^label]: text` are taken out before markdown-it sees
the text, so they work the same in paragraphs, headings and cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.model import Block, Footnote, Paragraph, Section, Table
from tracker.read.normalize import lift_markers, marker
from tracker.text.words import squash

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_DEF_RE = re.compile(r"^\[\^([^\]\s]{1,20})\]:[ \t]?(.*)$")
_REF_RE = re.compile(r"\[\^([^\]\s]{1,20})\]")
_UNESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation


@dataclass(slots=True)
class _Builder:
    """Sections under construction while walking markdown-it's token stream."""

    sections: list[tuple[Token | None, str, tuple[str, ...], list[Block]]] = field(
        default_factory=lambda: [(None, "", (), [])]
    )


def markdown_parser() -> MarkdownIt:
    """CommonMark with GitHub tables: nothing that would reinterpret letter text."""
    # Plain text letters, most of what is compared, never need it.
    # start-up time: markdown-it loads for Markdown, Word and HTML letters and snapshots only
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def split_footnotes(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Take `[^label]: text` definitions out (blanking their lines) and mark `[^label]` refs."""
    bodies: dict[str, str] = {}
    out = list(lines)
    for i, line in enumerate(out):
        match = _DEF_RE.match(line)
        if match:
            bodies.setdefault(match.group(1), squash(_UNESCAPE_RE.sub(r"\1", match.group(2))))
            out[i] = ""
    out = [_REF_RE.sub(lambda m: marker(m.group(1)), line) for line in out]
    return out, bodies


def parse_body(lines: list[str], bodies: dict[str, str], *, line_offset: int = 0) -> list[Section]:
    """Parse Markdown body lines into sections; `line_offset` is added to line numbers."""
    tokens = markdown_parser().parse("\n".join(lines))
    built = _Builder()
    i = 0
    list_depth = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "heading_open":
            text, labels = lift_markers(inline_text(tokens[i + 1]))
            if text:  # an empty "##" heads nothing
                built.sections.append((token, text, labels, []))
            i += 3
            continue
        elif token.type == "paragraph_open":
            text, labels = lift_markers(inline_text(tokens[i + 1]))
            if text:
                first, last = _span(token, line_offset)
                built.sections[-1][3].append(
                    Paragraph(text, first, last, labels, list_item=list_depth > 0)
                )
            i += 3
            continue
        elif token.type == "table_open":
            i = _table(tokens, i, built, line_offset)
            continue
        elif token.type in ("fence", "code_block") and token.content.strip():
            first, last = _span(token, line_offset)
            text, labels = lift_markers(squash(token.content))
            if text:  # indented text (a code block to Markdown) is a paragraph of the letter
                built.sections[-1][3].append(Paragraph(text, first, last, labels))
        i += 1
    return _sections(built, bodies, line_offset)


def _span(token: Token, offset: int) -> tuple[int, int]:
    """1-based first and last line of a block token."""
    start, end = token.map if token.map else (0, 1)
    return start + 1 + offset, max(start + 1, end) + offset


def _table(tokens: list[Token], i: int, built: _Builder, offset: int) -> int:
    """Read a table starting at `tokens[i]`; return the index after it."""
    first, last = _span(tokens[i], offset)
    rows: list[list[str]] = []
    labels: list[str] = []
    i += 1
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            text, found = lift_markers(inline_text(token))
            rows[-1].append(text)
            labels.extend(found)
        i += 1
    if rows:
        width = len(rows[0])
        cells = [tuple((row + [""] * width)[:width]) for row in rows]
        built.sections[-1][3].append(
            Table(cells[0], tuple(cells[1:]), first, last, tuple(dict.fromkeys(labels)))
        )
    return i + 1


def inline_text(token: Token) -> str:
    """The plain text of an inline token: emphasis and links dropped, their text kept."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return squash("".join(parts))


def _sections(built: _Builder, bodies: dict[str, str], offset: int) -> list[Section]:
    groups = built.sections
    if not groups[0][3]:
        groups = groups[1:]  # nothing before the first heading
    sections: list[Section] = []
    attached: set[str] = set()
    for token, heading, heading_labels, blocks in groups:
        referenced = list(heading_labels)
        for block in blocks:
            referenced.extend(block.footnotes)
        notes = []
        for label in dict.fromkeys(referenced):
            if bodies.get(label) and label not in attached:
                notes.append(Footnote(label, bodies[label]))
                attached.add(label)
        if token is not None:
            first, _ = _span(token, offset)
            level = int(token.tag[1:])
        else:
            first, level = blocks[0].line, 0
        last = max([first, *(b.end_line for b in blocks)])
        sections.append(
            Section(
                heading if token is not None else None,
                level,
                tuple(blocks),
                tuple(notes),
                (first, last),
                heading_labels,
            )
        )
    orphans = [Footnote(k, v) for k, v in bodies.items() if v and k not in attached]
    if orphans and sections:
        last_section = sections[-1]
        sections[-1] = Section(
            last_section.heading,
            last_section.level,
            last_section.blocks,
            (*last_section.footnotes, *orphans),
            last_section.lines,
            last_section.heading_footnotes,
        )
    return sections

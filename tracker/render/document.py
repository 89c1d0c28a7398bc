"""What `tracker show` prints for a letter: a text outline, JSON (tracker.document/1), snapshot."""

from __future__ import annotations

from typing import Any

from tracker.figures.find import find_figures
from tracker.model import Document, Section
from tracker.read.snapshot import to_markdown
from tracker.render.jsontext import dumps
from tracker.render.names import number

SCHEMA = "tracker.document/1"
_OPENING = "(opening)"


def section_name(section: Section) -> str:
    return section.heading if section.heading is not None else _OPENING


def figures_json(doc: Document) -> list[dict[str, Any]]:
    """The "figures" list of the JSON output: every figure the letter gives, in order."""
    return [
        {
            "value": number(f.value),
            "high": None if f.high is None else number(f.high),
            "unit": f.unit,
            "text": f.text,
            "qualifier": f.qualifier,
            "noun": f.noun,
            "label": f.label,
            "as_of": f.as_of.isoformat() if f.as_of else None,
            "section": doc.sections[f.section].heading,
            "line": f.line,
            "row": f.row,
            "column": f.column,
            "conversion_of": f.conversion_of,
            "concept": f.concept,
            "role": f.role,
            "period": f.period.key if f.period else None,
            "period_kind": "current" if f.current else "fixed",
        }
        for f in find_figures(doc)
    ]


def document_json(doc: Document) -> dict[str, Any]:
    """The `tracker show --format json` contract (see DESIGN.md) as a dict."""
    meta = doc.meta
    return {
        "schema": SCHEMA,
        "meta": {
            "title": meta.title,
            "date": meta.date.isoformat() if meta.date else None,
            "language": meta.language,
            "references": list(meta.references),
            "cites": list(meta.cites),
            "signatory": meta.signatory,
            "source": meta.source,
            "sha256": meta.sha256,
        },
        "sections": [
            {
                "heading": s.heading,
                "level": s.level,
                "lines": list(s.lines),
                "words": s.words,
                "paragraphs": len(s.paragraphs),
            }
            for s in doc.sections
        ],
        "tables": [
            {
                "section": section.heading,
                "header": list(table.header),
                "rows": len(table.rows),
                "cells": [list(row) for row in table.rows],
                "lines": [table.line, table.end_line],
            }
            for section, table in doc.tables
        ],
        "footnotes": [
            {"label": note.label, "text": note.text, "section": section.heading}
            for section in doc.sections
            for note in section.footnotes
        ],
        "figures": figures_json(doc),
    }


def render_json(doc: Document) -> str:
    return dumps(document_json(doc)) + "\n"


def render_text(doc: Document) -> str:
    """Metadata, the section outline, tables and footnotes, for a person at a terminal."""
    meta = doc.meta
    out: list[str] = [meta.title or "(untitled)"]
    fields = [
        ("date", meta.date.isoformat() if meta.date else "-"),
        ("language", meta.language),
        ("references", "; ".join(meta.references) or "-"),
        ("cites", "; ".join(meta.cites) or "-"),
        ("signatory", meta.signatory or "-"),
        ("source", meta.source or "-"),
        ("sha256", meta.sha256 or "-"),
    ]
    out += [f"  {name:<11} {value}" for name, value in fields]
    out += ["", f"Outline ({len(doc.sections)} sections)", "  lines      words  level  heading"]
    for section in doc.sections:
        span = f"{section.lines[0]}-{section.lines[1]}"
        indent = "  " * max(section.level - 1, 0)
        out.append(
            f"  {span:<10} {section.words:>5}  {section.level:>5}  {indent}{section_name(section)}"
        )
    tables = doc.tables
    if tables:
        out += ["", f"Tables ({len(tables)})"]
        for section, table in tables:
            out.append(
                f"  lines {table.line}-{table.end_line} in {section_name(section)}: "
                f"{len(table.header)} columns, {len(table.rows)} rows"
            )
            for row in (table.header, *table.rows):
                out.append("    | " + " | ".join(row) + " |")
    out += _figures_text(doc)
    notes = [(s, n) for s in doc.sections for n in s.footnotes]
    if notes:
        out += ["", f"Footnotes ({len(notes)})"]
        for section, note in notes:
            out.append(f"  [{note.label}] {note.text}  (in: {section_name(section)})")
    return "\n".join(out) + "\n"


def _figures_text(doc: Document) -> list[str]:
    """The figures block of the text outline: line, figure as written, unit, label."""
    figures = find_figures(doc)
    if not figures:
        return []
    out = [
        "",
        f"Figures ({len(figures)})",
        "  line  figure                      unit   role        period           concept",
    ]
    for f in figures:
        written = f"{f.qualifier} {f.text}" if f.qualifier else f.text
        period = (f.period.key if f.period else "-") + ("" if f.current else " fixed")
        as_of = f"  (as of {f.as_of.isoformat()})" if f.as_of else ""
        line = f"  {f.line:<5} {written:<27} {f.unit:<6} {f.role:<11} {period:<16} {f.concept}"
        out.append(line + as_of)
    return out


def render_markdown(doc: Document) -> str:
    """The letter's canonical Markdown snapshot."""
    return to_markdown(doc)

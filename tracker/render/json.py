"""The comparison as JSON, per the `tracker.compare/1` contract in DESIGN.md."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tracker.model import Comparison, Document, Figure, FigureChange, Meta, SectionPair
from tracker.render.jsontext import dumps
from tracker.render.names import heading, number

SCHEMA = "tracker.compare/1"


def render_json(c: Comparison) -> str:
    """The comparison as indented JSON text ending in a newline; same input, same bytes."""
    data = {
        "schema": SCHEMA,
        "old": _letter(c.old.meta),
        "new": _letter(c.new.meta),
        "summary": {"sections": c.section_counts, "figures": c.figure_counts, "differs": c.differs},
        "sections": [_section(c, pair) for pair in c.sections],
        "figures": [_figure(c, change) for change in c.figures],
        "findings": [
            {"kind": f.kind, "severity": f.severity, "message": f.message, "section": f.section}
            for f in c.findings
        ],
    }
    return dumps(data) + "\n"


def _letter(meta: Meta) -> dict[str, Any]:
    return {
        "title": meta.title,
        "date": meta.date.isoformat() if meta.date else None,
        "references": list(meta.references),
        "language": meta.language,
        "source": meta.source,
        "sha256": meta.sha256,
    }


def _side(doc: Document, indices: tuple[int, ...]) -> str | list[str | None] | None:
    """Null for an absent side, a heading for one section, a list for split/merged sides."""
    if not indices:
        return None
    if len(indices) == 1:
        return heading(doc, indices[0])
    return [heading(doc, i) for i in indices]


def _section(c: Comparison, pair: SectionPair) -> dict[str, Any]:
    sentences: dict[str, int] = {}
    for edit in pair.edits:
        if edit.op != "equal":
            sentences[edit.op] = sentences.get(edit.op, 0) + 1
    return {
        "status": pair.status,
        "old": _side(c.old, pair.old),
        "new": _side(c.new, pair.new),
        "similarity": pair.similarity,
        "old_index": list(pair.old),
        "new_index": list(pair.new),
        "sentences": dict(sorted(sentences.items())),
    }


def _value(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "value": number(figure.value),
        "high": None if figure.high is None else number(figure.high),
        "text": figure.text,
        "qualifier": figure.qualifier,
        "as_of": figure.as_of.isoformat() if figure.as_of else None,
        "line": figure.line,
        "concept": figure.concept,
        "role": figure.role,
        "period": figure.period.key if figure.period else None,
        "period_kind": "current" if figure.current else "fixed",
    }


def _figure(c: Comparison, change: FigureChange) -> dict[str, Any]:
    where = change.new or change.old
    doc = c.new if change.new else c.old
    section = heading(doc, where.section) if where and where.section < len(doc.sections) else None
    delta_pct = None if change.delta_pct is None else round(change.delta_pct, 2)
    return {
        "status": change.status,
        "label": change.label,
        "unit": change.unit,
        "old": _value(change.old),
        "new": _value(change.new),
        "delta": None if change.delta is None else number(change.delta),
        "delta_pct": None if delta_pct is None else number(Decimal(delta_pct)),
        "delta_text": change.delta_text,
        "section": section,
        "concept": where.concept if where else None,
        "role": where.role if where else None,
        "period": where.period.key if where and where.period else None,
        "why": change.why,
        "old_letter": change.old_letter,
        "old_date": change.old_date.isoformat() if change.old_date else None,
    }

"""Compare two letters: align sections, redline each pair, pair figures and check them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tracker.comparison.checks import find_findings
from tracker.comparison.pairing import pair_figures
from tracker.comparison.redline import redline
from tracker.comparison.sections import align_sections
from tracker.figures.find import find_figures
from tracker.model import Comparison, Document, Figure, SectionPair


def compare(
    old: Document,
    new: Document,
    found: tuple[Sequence[Figure], Sequence[Figure]] | None = None,
) -> Comparison:
    """The one comparison of two letters: section pairs with redlines, figures, findings.
    `found` holds the two letters' `find_figures`, when the caller has them already."""
    aligned = align_sections(old.sections, new.sections)
    pairs = tuple(_with_redline(old, new, pair) for pair in aligned)
    old_figures, new_figures = found or (find_figures(old), find_figures(new))
    figures = pair_figures(old, new, old_figures, new_figures, pairs)
    findings = find_findings(old, new, old_figures, new_figures, figures)
    return Comparison(old=old, new=new, sections=pairs, figures=figures, findings=findings)


def _with_redline(old: Document, new: Document, pair: SectionPair) -> SectionPair:
    """The pair with its sentence edits; added, removed and unchanged pairs need none."""
    if not pair.old or not pair.new or pair.status == "unchanged":
        return pair
    edits = redline(
        [old.sections[i] for i in pair.old],
        [new.sections[i] for i in pair.new],
        new.meta.language,
    )
    return replace(pair, edits=edits)

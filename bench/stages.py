#!/usr/bin/env python3
"""Time each stage of one comparison in-process: where does `tracker compare` spend its time?

    .venv/bin/python bench/stages.py OLD NEW

Prints one line per stage as soon as it finishes (CPU seconds of this process), so a stage
that runs too long can be stopped and the earlier ones are still known.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path


def main() -> int:
    started = time.process_time()

    def stage(name: str, since: float) -> float:
        now = time.process_time()
        print(f"{name} {now - since:.3f}", flush=True)
        return now

    from tracker.comparison.checks import find_findings
    from tracker.comparison.compare import _with_redline
    from tracker.comparison.pairing import pair_figures
    from tracker.comparison.sections import align_sections
    from tracker.figures.find import find_figures
    from tracker.model import Comparison
    from tracker.read.files import load_document
    from tracker.render.json import render_json

    mark = stage("import", started)
    old, new = load_document(Path(sys.argv[1])), load_document(Path(sys.argv[2]))
    mark = stage("read+parse", mark)
    pairs = align_sections(old.sections, new.sections)
    mark = stage("align", mark)
    pairs = tuple(_with_redline(old, new, pair) for pair in pairs)
    mark = stage("redline", mark)
    old_figures, new_figures = find_figures(old), find_figures(new)
    mark = stage("find_figures", mark)
    figures = pair_figures(old, new, old_figures, new_figures, pairs)
    mark = stage("pair_figures", mark)
    findings = find_findings(old, new, old_figures, new_figures, figures)
    mark = stage("find_findings", mark)
    render_json(replace(Comparison(old, new, pairs), figures=figures, findings=findings))
    stage("render_json", mark)
    return 0


if __name__ == "__main__":
    sys.exit(main())

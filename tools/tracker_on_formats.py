"""Run `tracker` with the seed letters swapped for their PDF (old) and Word (new) fixtures.

For the evaluation across formats: score.py calls `tracker compare OLD NEW --format json` with
the seeds' text files; this stands in for `tracker` and passes the old letter's PDF and the new
letter's Word file from tests/fixtures/formats/ instead.

    .venv/bin/python ../shared/eval/score.py \
        --tracker ".venv/bin/python tools/tracker_on_formats.py" ../shared/eval/gold/*.json
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEED = re.compile(r"seeds/(\d{3})_[0-9a-f]+\.txt$")


def main() -> int:
    extensions = iter(["pdf", "docx"])  # old as PDF, new as Word
    args = []
    for arg in sys.argv[1:]:
        match = SEED.search(arg)
        args.append(str(FORMATS / f"seed-{match.group(1)}.{next(extensions)}") if match else arg)
    tracker = Path(sys.executable).with_name("tracker")
    return subprocess.run([str(tracker), *args], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

"""File names of any bytes: made safe in every output, refused where they cannot be, and every
message about them is one line.

Names with a carriage return, a newline, control characters, direction overrides or bytes that
are no UTF-8 go through the real command line and real git repositories.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from history_repos import SEEDS, SERIES, make_repo, run_cli, run_main, status
from markdown_checks import assert_plain_markdown

from tracker.text.safe import shown

FIRST, SECOND, THIRD = (
    "2025-09-10-nieuwsbericht-militaire-steun.txt",
    "2025-11-27-antwoorden-kamervragen.txt",
    "2026-02-27-leveringen-militaire-goederen.txt",
)
NAMES = {
    "latin-1": os.fsdecode(b"2025-03-01-caf\xe9.txt"),
    "newline": "2025-03-01-a\nb.txt",
    "carriage-return": "2025-03-01-a\rb.txt",
    "escape": "2025-03-01-\x1b[31mrood.txt",
    "bidi": "2025-03-01-brief\u202etxt.exe.txt",
    "markdown": "2025-03-01-[klik](x) | # kop.txt",
}


@pytest.mark.parametrize("kind", sorted(NAMES))
def test_show_and_compare_make_any_file_name_safe(tmp_path: Path, kind: str) -> None:
    name = NAMES[kind]
    shutil.copyfile(SEEDS / FIRST, tmp_path / name)
    for fmt in ("text", "json", "markdown"):
        proc = run_cli(tmp_path, "show", "--format", fmt, name)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        if fmt == "json":
            assert json.loads(proc.stdout)["meta"]["source"] == shown(name)
    for suffix in (".md", ".json"):
        out = tmp_path / f"rapport-{name}{suffix}"
        proc = run_cli(tmp_path, "compare", name, str(SEEDS / SECOND), "-o", out.name)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        out.read_bytes().decode("utf-8")  # valid UTF-8, whatever the names


@pytest.mark.parametrize("kind", sorted(NAMES))
def test_a_missing_file_of_any_name_is_one_line(tmp_path: Path, kind: str) -> None:
    proc = run_cli(tmp_path, "show", f"missing-{NAMES[kind]}")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("tracker: error: ")
    assert "Traceback" not in proc.stderr


def test_ingest_refuses_a_name_that_is_no_utf8_and_ingests_the_others(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", [FIRST, THIRD])
    folder = root / "letters" / SERIES
    shutil.copyfile(SEEDS / SECOND, folder / NAMES["latin-1"])
    proc = run_cli(root, "ingest", "letters")
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == 1, proc.stderr
    assert "2025-03-01-caf\\xe9.txt" in errors[0] and "UTF-8" in errors[0]
    assert "Traceback" not in proc.stderr
    listed = run_main(root, "history", SERIES)
    assert f"{SERIES} (2 letters)" in listed.stdout
    assert run_main(root, "rebuild", "--check").returncode == 0
    git_dir = root / ".git"
    assert not list(git_dir.glob("tracker-journal*"))
    # Only the refused letter itself is left, untracked, for its owner to rename.
    assert status(root).splitlines() == ['?? "letters/oekraine-steun/2025-03-01-caf\\351.txt"']


@pytest.mark.parametrize("kind", ["newline", "carriage-return", "escape", "bidi", "markdown"])
def test_ingest_keeps_any_utf8_name(tmp_path: Path, kind: str) -> None:
    root = make_repo(tmp_path / "repo", [FIRST])
    shutil.copyfile(SEEDS / SECOND, root / "letters" / SERIES / NAMES[kind])
    proc = run_cli(root, "ingest", "letters")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert all(line.split()[0] in {"new", "updated"} for line in lines), proc.stdout
    assert sum(line.startswith("new") for line in lines) == 2
    assert status(root) == ""
    assert run_main(root, "rebuild", "--check").returncode == 0
    index = (root / "reports" / SERIES / "README.md").read_text(encoding="utf-8")
    assert_plain_markdown(index)

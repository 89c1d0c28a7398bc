"""`tracker show`: golden outlines of real letters, the JSON contract, the snapshot, bad input.

Golden files live in tests/golden/show/; `make golden` (TRACKER_UPDATE_GOLDEN=1) rewrites them.
Read every rewritten file before committing it: the outline must be the letter's. They hold the
whole text output except the "Figures" block, which the figures tests check: that keeps these
files about reading the letter (metadata, outline, tables, footnotes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
from typer.testing import CliRunner

from tracker.cli import app
from tracker.read.files import load_document
from tracker.read.snapshot import to_markdown

GOLDEN = Path(__file__).parent / "golden" / "show"
UPDATE = os.environ.get("TRACKER_UPDATE_GOLDEN") == "1"
LETTERS = {**{f"seed-{k}": v for k, v in SEEDS.items()}, **CORPUS}
runner = CliRunner()


def show(*args: str) -> str:
    result = runner.invoke(app, ["show", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def without_figures(output: str) -> str:
    """The text output without its "Figures (n)" block (heading up to the next blank line)."""
    kept: list[str] = []
    skipping = False
    for line in output.split("\n"):
        if line.startswith("Figures ("):
            skipping = True
        elif skipping and not line:
            skipping = False
            continue
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_golden_show_text(name: str) -> None:
    output = without_figures(show(str(LETTERS[name])))
    expected = GOLDEN / f"{name}.txt"
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")


def test_json_follows_the_contract() -> None:
    data = json.loads(show(str(SEEDS["delivery"]), "--format", "json"))
    assert data["schema"] == "tracker.document/1"
    assert data["meta"] == {
        "title": "Leveringen militaire goederen aan Oekraïne",
        "date": "2026-02-27",
        "language": "nl",
        "references": ["MINDEF20260006976"],
        "cites": ["22 054, nr. 463"],
        "signatory": "Dilan Yeşilgöz-Zegerius",
        "source": "2026-02-27-leveringen-militaire-goederen.txt",
        "sha256": data["meta"]["sha256"],
    }
    assert len(data["meta"]["sha256"]) == 64
    assert data["sections"][0]["heading"] is None
    assert data["sections"][2] == {
        "heading": "Industrie",
        "level": 1,
        "lines": [76, 79],
        "words": 366,
        "paragraphs": 3,
    }
    [table] = data["tables"]
    assert table["header"] == ["Type steun", "31 aug. 2025", "03 feb. 2026"]
    assert table["rows"] == 4
    assert table["section"] == "Financiële stand van zaken levering van militaire goederen"
    assert isinstance(data["figures"], list)


def test_markdown_is_the_canonical_snapshot() -> None:
    path = SEEDS["report"]
    assert show(str(path), "--format", "markdown") == to_markdown(load_document(path))


def test_stdin() -> None:
    data = SEEDS["news"].read_bytes()
    result = runner.invoke(app, ["show", "-"], input=data)
    assert result.exit_code == 0
    assert result.stdout.startswith("Nederland levert in hoog tempo militaire steun aan Oekraïne\n")
    assert "  source      stdin.txt\n" in result.stdout


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], input=stdin, capture_output=True, check=False
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00" * 50), "binary"),
        (lambda d: _write(d / "blank.txt", b"\n\n   \n"), "no letter text"),
        (lambda d: _write(d / "brief.odt", b"PK\x03\x04"), "unsupported file type"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    proc = run("show", str(make(tmp_path)))
    stderr = proc.stderr.decode()
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert stderr.count("\n") == 1 and stderr.startswith("tracker: error: ")
    assert message in stderr
    assert "Traceback" not in stderr


def test_bad_format_exits_2() -> None:
    proc = run("show", str(SEEDS["news"]), "--format", "yaml")
    assert proc.returncode == 2
    assert b"unknown format 'yaml'" in proc.stderr


def test_empty_stdin_exits_2() -> None:
    proc = run("show", "-")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("tracker: error: stdin.txt: the file is empty")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path

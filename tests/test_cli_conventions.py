"""The command's habits borrowed from git and friends: --stat and --name-only, formats told by
the extension, dates in range, plural nouns and usage lines, on the seed letters."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from history_repos import BY_DATE, SEEDS, make_repo, run_main
from typer.testing import CliRunner

from tracker.cli import app
from tracker.cli.options import letter_date
from tracker.comparison.compare import compare
from tracker.read.files import dated, load_document
from tracker.render.summary import render_name_only, render_stat

NEWS = SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt"  # seed 001
DELIVERY = SEEDS / "2026-02-27-leveringen-militaire-goederen.txt"  # seed 000
runner = CliRunner()


def _compare(*args: str) -> tuple[int, str, str]:
    """`tracker compare ARGS` through the real entry point, which turns errors into one line."""
    proc = run_main(SEEDS, "compare", *args)
    return proc.returncode, proc.stdout, proc.stderr


# --- --stat and --name-only -----------------------------------------------------------------


def test_stat_gives_counts_and_the_figures_that_moved_on_one_screen() -> None:
    code, out, err = _compare(str(NEWS), str(DELIVERY), "--stat")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) <= 24
    assert lines[0] == (
        "Nederland levert in hoog tempo militaire steun aan Oekraïne → "
        "Leveringen militaire goederen aan Oekraïne"
    )
    comparison = compare(dated(load_document(NEWS)), dated(load_document(DELIVERY)))
    counts = ", ".join(f"{n} {s}" for s, n in comparison.section_counts.items())
    assert (
        f" {len(comparison.old.sections)} → {len(comparison.new.sections)} sections ({counts});"
        in out
    )
    moved = [f for f in comparison.figures if f.status != "unchanged"]
    assert f" {len(moved)} figures moved (" in out
    # The first changed figure, with its old and new text and its change.
    first = next(f for f in comparison.figures if f.status == "changed")
    assert first.old and first.new and first.delta_text
    line = next(x for x in lines if x.startswith(f"   {first.label[:39]}"))
    assert f"{first.old.text} → {first.new.text}  {first.delta_text}" in line
    # What does not fit is counted, and every figure that moved is shown or counted.
    shown = [x for x in lines if " → " in x and x.startswith("   ")]
    more = [x for x in lines if x.startswith(" … ") and x.endswith(("figure", "figures"))]
    hidden = int(more[0].split()[1]) if more else 0
    assert len(shown) + hidden == len(moved)


@pytest.mark.parametrize("height", [5, 10, 40])
def test_stat_never_passes_the_screen(height: int) -> None:
    comparison = compare(dated(load_document(NEWS)), dated(load_document(DELIVERY)))
    text = render_stat(comparison, lines=height)
    assert len(text.splitlines()) <= height
    assert "sections (" in text and "figures moved" in text


def test_stat_of_a_letter_against_itself_moves_nothing() -> None:
    code, out, _ = _compare(str(DELIVERY), str(DELIVERY), "--stat")
    assert code == 0
    assert out.splitlines()[1:] == [
        " 7 → 7 sections (7 unchanged); 0 words inserted, 0 deleted",
        " 0 figures moved (26 unchanged)",
    ]


def test_name_only_lists_the_headings_of_changed_sections() -> None:
    code, out, _ = _compare(str(NEWS), str(DELIVERY), "--name-only")
    assert code == 0
    comparison = compare(dated(load_document(NEWS)), dated(load_document(DELIVERY)))
    assert out == render_name_only(comparison)
    names = out.splitlines()
    assert "Industrie" in names and "Training" in names
    assert len(names) == len(set(names))
    unchanged = [p for p in comparison.sections if p.status == "unchanged"]
    for pair in unchanged:
        assert comparison.new.sections[pair.new[0]].heading not in names
    assert _compare(str(DELIVERY), str(DELIVERY), "--name-only")[1] == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stat", "--name-only"], "--stat and --name-only are two summaries (choose one)"),
        (["--stat", "--format", "json"], "--stat is a summary of its own (leave out --format)"),
        (["--name-only", "--explain"], "--name-only is a summary of its own (leave out --explain)"),
    ],
)
def test_summaries_refuse_what_they_cannot_be_with(args: list[str], message: str) -> None:
    code, _, err = _compare(str(NEWS), str(DELIVERY), *args)
    assert code == 2
    assert err == f"tracker: error: {message}\n"


def test_exit_code_goes_with_stat() -> None:
    assert _compare(str(NEWS), str(DELIVERY), "--stat", "--exit-code")[0] == 1
    assert _compare(str(DELIVERY), str(DELIVERY), "--stat", "--exit-code")[0] == 0


# --- the format by the extension ------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.pdf", "report.txt", "report.docx", "report.xml"])
def test_an_extension_the_tracker_cannot_write_is_refused(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, _, err = _compare(str(NEWS), str(DELIVERY), "-o", str(target))
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(f"tracker: error: cannot write a {target.suffix} report to {target}")
    assert not target.exists()


def test_known_extensions_pick_the_format_and_format_picks_any(tmp_path: Path) -> None:
    for name, start in (("r.md", "# Changes"), ("r.json", "{"), ("r", "# Changes")):
        assert _compare(str(NEWS), str(DELIVERY), "-o", str(tmp_path / name))[0] == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    target = tmp_path / "r.txt"
    assert _compare(str(NEWS), str(DELIVERY), "-o", str(target), "--format", "terminal")[0] == 0
    assert "\x1b[" not in target.read_text(encoding="utf-8")  # a file is no terminal
    assert "Figures that changed" in target.read_text(encoding="utf-8")


# --- dates ----------------------------------------------------------------------------------


def test_compare_dates_a_letter_by_its_file_name_as_ingest_does(tmp_path: Path) -> None:
    undated = tmp_path / "nieuwsbericht.txt"
    shutil.copy(NEWS, undated)  # the news item's text gives no date of its own
    renamed = tmp_path / "2024-01-02-nieuwsbericht.txt"
    shutil.copy(NEWS, renamed)
    for old, expected in ((NEWS, "2025-09-10"), (undated, None), (renamed, "2024-01-02")):
        code, out, _ = _compare(str(old), str(DELIVERY), "--format", "json")
        assert code == 0
        assert json.loads(out)["old"]["date"] == expected
    code, out, _ = _compare(str(NEWS), str(DELIVERY), "--format", "markdown")
    assert "| Date | 2025-09-10 | 2026-02-27 |" in out


def test_ingest_refuses_a_date_after_today_or_before_1900(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", [])
    letter = root / "letters" / "oekraine-steun" / "brief.txt"
    shutil.copy(NEWS, letter)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    for date, said in (
        ("2035-09-10", "is after today"),
        (tomorrow.isoformat(), "is after today"),
        ("1899-12-31", "is before 1900"),
        ("10-09-2025", "is not a date (use YYYY-MM-DD)"),
    ):
        proc = run_main(root, "ingest", str(letter), "--date", date)
        assert proc.returncode == 2, proc.stdout
        assert len(proc.stderr.splitlines()) == 1
        assert proc.stderr.startswith("tracker: error: --date ") and said in proc.stderr
        assert not (root / "snapshots").exists()
    proc = run_main(root, "ingest", str(letter), "--date", "2025-09-10")
    assert proc.returncode == 0, proc.stderr
    assert (root / "snapshots" / "oekraine-steun").is_dir()


def test_letter_date_bounds_are_inclusive() -> None:
    today = dt.date(2026, 3, 4)
    assert letter_date("2026-03-04", today) == today
    assert letter_date("1900-01-01", today) == dt.date(1900, 1, 1)


# --- small things ---------------------------------------------------------------------------


def test_history_says_letter_for_one_and_letters_for_more(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", BY_DATE[:1])
    assert run_main(root, "ingest", "letters").returncode == 0
    assert run_main(root, "history").stdout.splitlines()[0] == "oekraine-steun (1 letter)"
    shutil.copy(SEEDS / BY_DATE[1], root / "letters" / "oekraine-steun")
    assert run_main(root, "ingest", "letters").returncode == 0
    assert run_main(root, "history").stdout.splitlines()[0] == "oekraine-steun (2 letters)"


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "Usage: tracker show [OPTIONS] LETTER"),
        ("compare", "Usage: tracker compare [OPTIONS] OLD NEW"),
        ("ingest", "Usage: tracker ingest [OPTIONS] FILES..."),
        ("history", "Usage: tracker history [OPTIONS] [SERIES]"),
        ("figures", "Usage: tracker figures [OPTIONS] SERIES"),
        ("init", "Usage: tracker init [OPTIONS] [DIRECTORY]"),
    ],
)
def test_usage_names_arguments_in_capitals(command: str, usage: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == usage
    assert "{" not in result.stdout.splitlines()[0]

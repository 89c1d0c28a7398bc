"""A plain `tracker compare OLD NEW [--format F]` or `tracker show LETTER [--format F]` runs
without typer (cli/quick.py): it writes what the typer command writes, fails as it fails, and
leaves every other command line to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.cli.quick import plain_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "letters" / "oekraine-steun"
NEWS = str(SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt")
DELIVERY = str(SEEDS / "2026-02-27-leveringen-militaire-goederen.txt")


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """The `tracker` entry point in a new process, which then says whether typer was loaded."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('typer' in sys.modules, file=sys.stderr))\n"
        f"sys.argv = ['tracker', *{list(args)!r}]\n"
        "from tracker.__main__ import main\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )


@pytest.mark.parametrize(
    "options", [["--format", "json"], ["-f", "markdown"], ["--format", "html"], []]
)
def test_a_plain_compare_writes_what_the_command_writes_without_typer(options: list[str]) -> None:
    plain = run_main("compare", NEWS, DELIVERY, *options)
    typer_run = CliRunner().invoke(app, ["compare", NEWS, DELIVERY, *options])
    assert plain.returncode == typer_run.exit_code == 0
    assert plain.stdout == typer_run.stdout
    assert plain.stderr == "False\n"


@pytest.mark.parametrize("options", [["--format", "json"], ["-f", "markdown"], []])
def test_a_plain_show_writes_what_the_command_writes_without_typer(options: list[str]) -> None:
    plain = run_main("show", DELIVERY, *options)
    typer_run = CliRunner().invoke(app, ["show", DELIVERY, *options])
    assert plain.returncode == typer_run.exit_code == 0
    assert plain.stdout == typer_run.stdout
    assert plain.stderr == "False\n"


def test_a_plain_compare_of_a_missing_letter_fails_as_the_command_does(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    plain = run_main("compare", NEWS, missing, "--format", "json")
    through_typer = run_main("compare", NEWS, missing, "--format", "json", "--no-pager")
    assert plain.returncode == through_typer.returncode == 2
    assert plain.stdout == through_typer.stdout == ""
    # typer is loaded for the error line only: the same line
    assert plain.stderr == through_typer.stderr
    assert plain.stderr.startswith("tracker: error: ") and plain.stderr.count("\n") == 2


@pytest.mark.parametrize(
    "args",
    [
        ["compare", NEWS, DELIVERY, "--exit-code"],
        ["compare", NEWS, DELIVERY, "--format", "terminal"],
        ["compare", NEWS, DELIVERY, "--format=json"],
        ["compare", NEWS, DELIVERY, "--format", "json", "--stat"],
        ["compare", "-", DELIVERY, "--format", "json"],
        ["compare", NEWS, "--help", "--format", "json"],
        ["compare", NEWS, "--format", "json", DELIVERY],
        ["compare", NEWS],
        ["show", NEWS, "--format", "html"],
        ["show", NEWS, "--no-pager"],
        ["show", "-"],
        ["--version"],
        [],
    ],
)
def test_every_other_command_line_is_left_to_typer(args: list[str]) -> None:
    assert plain_command(args) is None


def test_a_plain_show_into_a_closed_pipe_ends_as_the_command_does(tmp_path: Path) -> None:
    # A letter whose JSON is far larger than a pipe holds: the write meets the closed pipe.
    text = Path(DELIVERY).read_text(encoding="utf-8")
    big = tmp_path / "2026-02-27-long.txt"
    big.write_text(text + "\n\n".join([text.split("\n\n", 3)[-1]] * 12), encoding="utf-8")
    # Unbuffered, Python drops what it cannot write to a closed pipe without an error.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    ends = []
    for extra in ([], ["--no-pager"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tracker", "show", str(big), "--format", "json", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(10) == b'{\n  "schem'
        proc.stdout.close()
        ends.append((proc.wait(), proc.stderr.read()))
        proc.stderr.close()
    assert ends[0] == ends[1] == (1, b"")

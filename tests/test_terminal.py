"""Colour and the pager, as a person at a terminal meets them: the real command in a real
pseudo-terminal (the pty module), a fake $PAGER that records what it was given."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from history_repos import run_main

from tracker.cli.terminal import pager_command, wants_color

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "letters" / "oekraine-steun"
OLD = SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt"
NEW = SEEDS / "2026-02-27-leveringen-militaire-goederen.txt"
ESC = b"\x1b["
READ_LIMIT_SECONDS = 60.0
"""A guard against a hang, not a measurement: the command takes a second or two."""

_FAKE_PAGER = """#!/bin/sh
# Records what a pager is given: its arguments, LESS, and the text on standard input.
printf '%s\\n' "$*" > "{record}.args"
printf '%s\\n' "$LESS" > "{record}.less"
cat > "{record}.text"
echo "PAGER GOT $(wc -l < "{record}.text") LINES"
"""


def _env(**extra: str) -> dict[str, str]:
    """This environment less anything that sets colour or paging, plus `extra`."""
    drop = {"NO_COLOR", "FORCE_COLOR", "PAGER", "TRACKER_PAGER", "LESS", "LV", "LINES", "COLUMNS"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def in_pty(*args: str, env: dict[str, str], rows: int = 24, cols: int = 100) -> tuple[int, bytes]:
    """Run `tracker ARGS` with a pseudo-terminal of `rows` x `cols` as its standard input,
    output and error; its exit status and everything it showed on the terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(slave)
    shown = bytearray()
    deadline = time.monotonic() + READ_LIMIT_SECONDS
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer to the terminal has gone
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    return proc.wait(timeout=READ_LIMIT_SECONDS), bytes(shown)


def piped(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], env=env, cwd=ROOT, capture_output=True
    )


@pytest.fixture
def fake_pager(tmp_path: Path) -> Path:
    """A pager script; it leaves `<record>.args`, `.less` and `.text` behind when run."""
    record = tmp_path / "pager"
    script = tmp_path / "fake-pager"
    script.write_text(_FAKE_PAGER.format(record=record), encoding="utf-8")
    script.chmod(0o755)
    return record


def _script(record: Path) -> str:
    return str(record.parent / "fake-pager")


# --- colour ---------------------------------------------------------------------------------


def test_a_terminal_gets_colour() -> None:
    code, shown = in_pty("compare", str(OLD), str(NEW), "--no-pager", env=_env())
    assert code == 0, shown
    assert ESC in shown
    assert b"Leveringen militaire goederen" in shown


def test_no_color_turns_colour_off_in_a_terminal() -> None:
    code, shown = in_pty("compare", str(OLD), str(NEW), "--no-pager", env=_env(NO_COLOR="1"))
    assert code == 0, shown
    assert ESC not in shown
    assert b"Leveringen militaire goederen" in shown


def test_color_never_turns_colour_off_in_a_terminal() -> None:
    code, shown = in_pty(
        "compare", str(OLD), str(NEW), "--no-pager", "--color", "never", env=_env()
    )
    assert code == 0, shown
    assert ESC not in shown


def test_a_pipe_gets_colour_only_when_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    # In this process (quicker than a new one): its standard output is a buffer, not a terminal.
    args = ("compare", str(OLD), str(NEW), "--format", "terminal")
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    assert "\x1b[" not in run_main(ROOT, *args).stdout
    assert "\x1b[" in run_main(ROOT, *args, "--color", "always").stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_main(ROOT, *args).stdout
    # NO_COLOR wins over FORCE_COLOR; the command line wins over both.
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_main(ROOT, *args).stdout
    assert "\x1b[" in run_main(ROOT, *args, "--color", "always").stdout


@pytest.mark.parametrize(
    ("mode", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # empty means unset, as no-color.org says
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_precedence(mode: str, env: dict[str, str], tty: bool, expected: bool) -> None:
    assert wants_color(mode, env, tty) is expected


def test_an_unknown_colour_mode_is_one_line_and_exit_2() -> None:
    proc = piped("compare", str(OLD), str(NEW), "--color", "sometimes", env=_env())
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        "tracker: error: --color 'sometimes' is not a colour mode (use auto, always or never)"
    ]


# --- the pager ------------------------------------------------------------------------------


def test_long_output_in_a_terminal_goes_through_the_pager(fake_pager: Path) -> None:
    env = _env(PAGER=_script(fake_pager))
    code, shown = in_pty("compare", str(OLD), str(NEW), env=env)
    assert code == 0, shown
    text = fake_pager.with_suffix(".text").read_bytes()
    assert text.count(b"\n") > 24  # longer than the screen
    assert ESC in text  # colour goes to the pager, which the terminal shows
    assert b"Leveringen militaire goederen" in text
    assert fake_pager.with_suffix(".less").read_text() == "FRX\n"  # git's LESS
    # The terminal shows what the pager showed, not the report itself.
    assert b"PAGER GOT" in shown
    assert b"Leveringen militaire goederen" not in shown


def test_tracker_pager_wins_over_pager_and_less_is_left_as_set(fake_pager: Path) -> None:
    env = _env(TRACKER_PAGER=_script(fake_pager) + " --flag", PAGER="false", LESS="R")
    code, shown = in_pty("show", str(NEW), env=env)
    assert code == 0, shown
    assert fake_pager.with_suffix(".args").read_text() == "--flag\n"
    assert fake_pager.with_suffix(".less").read_text() == "R\n"
    assert b"Leveringen militaire goederen" not in shown


def test_the_default_pager_is_less_with_git_s_flags(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "pager"
    less = bin_dir / "less"
    less.write_text(_FAKE_PAGER.format(record=record), encoding="utf-8")
    less.chmod(0o755)
    env = _env(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    code, shown = in_pty("compare", str(OLD), str(NEW), env=env)
    assert code == 0, shown
    assert record.with_suffix(".args").read_text() == "-FRX\n"
    assert pager_command({}) == "less -FRX"


def test_no_pager_prints_straight_to_the_terminal(fake_pager: Path) -> None:
    env = _env(PAGER=_script(fake_pager))
    code, shown = in_pty("compare", str(OLD), str(NEW), "--no-pager", env=env)
    assert code == 0, shown
    assert not fake_pager.with_suffix(".text").exists()
    assert b"Leveringen militaire goederen" in shown


def test_output_to_a_pipe_is_never_paged(fake_pager: Path) -> None:
    proc = piped("compare", str(OLD), str(NEW), env=_env(PAGER=_script(fake_pager)))
    assert proc.returncode == 0
    assert not fake_pager.with_suffix(".text").exists()
    assert proc.stdout.startswith(b"# Changes from ")


def test_output_that_fits_the_screen_is_not_paged(fake_pager: Path) -> None:
    env = _env(PAGER=_script(fake_pager))
    code, shown = in_pty("compare", str(OLD), str(NEW), "--name-only", env=env)
    assert code == 0, shown
    assert not fake_pager.with_suffix(".text").exists()
    assert b"Industrie" in shown


def test_stat_fits_the_terminal_with_the_prompt_under_it(fake_pager: Path) -> None:
    env = _env(PAGER=_script(fake_pager))
    code, shown = in_pty("compare", str(OLD), str(NEW), "--stat", env=env, rows=15)
    assert code == 0, shown
    assert not fake_pager.with_suffix(".text").exists()
    lines = shown.decode().splitlines()
    assert len(lines) == 14
    assert "figures moved" in shown.decode() and "more figures" in lines[-1]


@pytest.mark.parametrize("pager", ["", "cat", "no-such-pager-program"])
def test_an_empty_cat_or_missing_pager_prints_straight(pager: str) -> None:
    code, shown = in_pty("compare", str(OLD), str(NEW), env=_env(PAGER=pager))
    assert code == 0, shown
    assert b"Leveringen militaire goederen" in shown
    assert b"not found" not in shown


def test_history_figures_and_show_page_too(tmp_path: Path, fake_pager: Path) -> None:
    env = _env(PAGER=_script(fake_pager))
    code, shown = in_pty("figures", "oekraine-steun", env=env, rows=10)
    assert code == 0, shown
    assert b"figure" in fake_pager.with_suffix(".text").read_bytes()
    code, shown = in_pty("history", env=env, rows=5)
    assert code == 0, shown
    assert b"oekraine-steun (5 letters)" in fake_pager.with_suffix(".text").read_bytes()

"""The fault campaign's fast part (tests/faults.py and tests/py; `make soak`
runs the whole).

Hostile letters and file names through `show`, `compare` and `ingest` (the real entry point,
in this process: a warning is an error here, so it counts too); kills at random moments during
ingest, then the same command again; concurrent ingests; the Action with hostile names. Each
must give exit 0, 1 or 2, never a traceback, one line on stderr for 2, a clean and consistent
repository, and stay within its time budget (generous: the machine is shared, and a hang takes
far longer).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import faults
import pytest
from history_repos import run_main
from hostile_inputs import ACTION_NAMES, letter_files, series_folders
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

BUDGET = 20.0
"""Seconds one command may take here."""


def fast(examples: int) -> settings:
    """Few examples, the same ones every run: `make test` must stay quick and steady."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        # A failing example is reported as found: shrinking one takes minutes here.
        phases=[Phase.explicit, Phase.generate],
    )


def in_process(
    cwd: Path, *args: str, timeout: float, env: dict[str, str] | None = None
) -> faults.Run:
    """faults.run_tracker's stand-in: the same entry point, without starting Python anew."""
    start = time.monotonic()
    proc = run_main(cwd, *args)
    return faults.Run(
        tuple(args), proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return faults.base_repository(tmp_path_factory.mktemp("base"))


@fast(25)
@given(letter=letter_files(), fmt=st.sampled_from(["text", "json", "markdown"]))
def test_show_survives_hostile_letters(letter: tuple[str, bytes], fmt: str) -> None:
    with tempfile.TemporaryDirectory() as work:
        assert faults.show_case(Path(work), letter, fmt, in_process, BUDGET) == set()


@fast(10)
@given(
    old=letter_files(),
    new=letter_files(),
    fmt=st.sampled_from(["markdown", "json", "terminal"]),
)
def test_compare_survives_hostile_letters(
    old: tuple[str, bytes], new: tuple[str, bytes], fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as work:
        assert faults.compare_case(Path(work), old, new, fmt, in_process, BUDGET) == set()


@fast(8)
@given(drawn=st.lists(st.tuples(series_folders, letter_files()), max_size=3))
def test_ingest_survives_hostile_letters_and_names(
    base: Path, drawn: list[tuple[str, tuple[str, bytes]]]
) -> None:
    letters = [(folder, name, data) for folder, (name, data) in drawn]
    with tempfile.TemporaryDirectory() as work:
        found = faults.ingest_case(base, Path(work), letters, in_process, BUDGET * 3)
        assert found == set()


@pytest.fixture(scope="module")
def ingest_seconds(base: Path, tmp_path_factory: pytest.TempPathFactory) -> float:
    """How long the uninterrupted ingest that the kill trials cut short takes."""
    trial = faults.kill_trial(base, tmp_path_factory.mktemp("untimed"), random.Random(0), 0)
    assert trial.ok, trial.why
    return trial.seconds


@pytest.mark.parametrize("seed", [1, 2])
def test_an_ingest_killed_at_a_random_moment_completes_on_the_next_run(
    base: Path, tmp_path: Path, seed: int, ingest_seconds: float
) -> None:
    trial = faults.kill_trial(base, tmp_path, random.Random(seed), ingest_seconds)
    assert trial.ok, trial.why


def test_concurrent_ingests_all_land(tmp_path: Path) -> None:
    trial = faults.concurrency_round(tmp_path, 4)
    assert trial.ok, trial.why


def test_the_action_with_hostile_names(tmp_path: Path) -> None:
    names = ["a\rb.txt", ACTION_NAMES[2][0], "::error::x,y:z.txt", "$(touch pwned).txt"]
    trial = faults.action_trial(tmp_path, names)
    assert trial.ok, trial.why

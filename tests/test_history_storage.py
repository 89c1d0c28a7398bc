"""Safe names, atomic writes and the repository lock, on real files and real processes."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import HistoryError
from tracker.history.lock import repo_lock
from tracker.history.names import MAX_FILE_NAME, safe_file_name, series_name, strip_date_prefix
from tracker.history.storage import inside, write_atomic
from tracker.text.words import slugify


def test_slugify_folds_accents_and_cuts_at_a_word() -> None:
    assert slugify("Leveringen militaire goederen aan Oekraïne") == (
        "leveringen-militaire-goederen-aan-oekraine"
    )
    long = slugify("Verslag van de " + "zeer " * 30 + "lange vergadering")
    assert len(long) <= 60 and not long.endswith("-")
    assert long.split("-")[-1] == "zeer"
    assert slugify("€ — ??") == ""


@pytest.mark.parametrize(
    "raw", ["../etc", "a/b", "a\\b", "..", ".", "", "  ", "naam\x00", "lijn\nbreuk", "€€"]
)
def test_hostile_series_names_are_refused(raw: str) -> None:
    with pytest.raises(HistoryError) as caught:
        series_name(raw)
    assert "series" in str(caught.value)
    assert caught.value.hint


def test_series_names_become_slugs() -> None:
    assert series_name("Oekraïne steun") == "oekraine-steun"
    assert series_name("fomc-statements-2024") == "fomc-statements-2024"


@pytest.mark.parametrize("raw", ["..", ".", "", ".hidden.txt", "/etc/..", "\x01\x02"])
def test_hostile_file_names_are_refused(raw: str) -> None:
    with pytest.raises(HistoryError):
        safe_file_name(raw)


def test_file_names_lose_paths_and_control_characters_and_keep_their_extension() -> None:
    assert safe_file_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_file_name("C:\\Users\\x\\brief.pdf") == "brief.pdf"
    assert safe_file_name("brief\x1b[31m.txt") == "brief[31m.txt"
    long = safe_file_name("ë" * 300 + ".docx")
    assert long.endswith(".docx")
    assert len(long.encode("utf-8")) <= MAX_FILE_NAME
    long.encode("utf-8").decode("utf-8")  # not cut inside a character


def test_strip_date_prefix() -> None:
    assert strip_date_prefix("2026-02-27-leveringen") == "leveringen"
    assert strip_date_prefix("20260227-brief") == "20260227-brief"
    assert strip_date_prefix("brief") == "brief"


def test_inside_refuses_dotdot_and_symlinks_out(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "reports").mkdir(parents=True)
    assert inside(root, "reports/x.md") == (root / "reports" / "x.md").resolve()
    with pytest.raises(HistoryError):
        inside(root, "../outside.md")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "snapshots").symlink_to(outside)
    with pytest.raises(HistoryError, match="outside the repository"):
        inside(root, "snapshots/s/a.md")


def test_write_atomic_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.md"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.md"]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "file.md"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.md"]


_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tracker.history.lock import repo_lock
    with repo_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def _hold(lock: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lock), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def _reap(proc: subprocess.Popen[str]) -> None:
    proc.wait()
    assert proc.stdout is not None
    proc.stdout.close()


def test_second_holder_waits_then_gives_up_with_a_message(tmp_path: Path) -> None:
    lock = tmp_path / "tracker.lock"
    proc = _hold(lock, 30)
    try:
        said: list[str] = []
        started = time.monotonic()
        with pytest.raises(HistoryError) as caught, repo_lock(lock, wait=0.5, on_wait=said.append):
            pass
        assert time.monotonic() - started >= 0.5
        assert f"pid {proc.pid}" in str(caught.value)
        assert "another tracker run" in str(caught.value)
        assert said and "waiting" in said[0]
    finally:
        proc.kill()
        _reap(proc)


def test_waiter_gets_the_lock_when_the_holder_finishes(tmp_path: Path) -> None:
    lock = tmp_path / "tracker.lock"
    proc = _hold(lock, 1.0)
    try:
        started = time.monotonic()
        with repo_lock(lock, wait=20):
            # The holder keeps the lock for a second after saying so: we waited for it.
            assert time.monotonic() - started >= 0.5
    finally:
        _reap(proc)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    lock = tmp_path / "tracker.lock"
    proc = _hold(lock, 60)
    os.kill(proc.pid, 9)
    _reap(proc)
    started = time.monotonic()
    with repo_lock(lock, wait=5):
        pass
    assert time.monotonic() - started < 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_name_becomes_a_plain_slug_or_is_refused(raw: str) -> None:
    slug = slugify(raw)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    assert len(slug) <= 60
    try:
        name = series_name(raw)
    except HistoryError:
        return
    assert name == slug and name


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_file_name_is_stored_inside_its_folder_or_refused(raw: str) -> None:
    try:
        name = safe_file_name(raw)
    except HistoryError:
        return
    assert "/" not in name and "\\" not in name and name not in {".", ".."}
    assert not re.search(r"[\x00-\x1f\x7f]", name)
    assert len(name.encode("utf-8")) <= MAX_FILE_NAME
    assert (Path("/repo/letters/s") / name).parent == Path("/repo/letters/s")


POSIX_ONLY = {"fcntl", "termios", "pwd", "grp", "resource", "pty", "tty"}
"""Modules Windows lacks: imported at a module's top, they stop the tracker loading there."""


def test_no_module_imports_a_posix_only_module_at_its_top() -> None:
    package = Path(__file__).resolve().parents[1] / "tracker"
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module.split(".")[0]]
            found += [f"{path.relative_to(package)}: {n}" for n in names if n in POSIX_ONLY]
    assert found == []

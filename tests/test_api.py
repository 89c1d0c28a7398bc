"""The public API: docs/api.md's example runs as written, and `import tracker` loads nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tracker

ROOT = Path(__file__).resolve().parents[1]
API_DOC = ROOT / "docs" / "api.md"


def example_code() -> str:
    """The Python blocks of docs/api.md, in order, as one program."""
    blocks = re.findall(r"^```python\n(.*?)^```", API_DOC.read_text(encoding="utf-8"), re.M | re.S)
    assert blocks, "docs/api.md has no ```python example"
    return "\n".join(blocks)


def test_the_documented_example_runs_on_the_seed_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "letters" / "oekraine-steun", tmp_path / "letters" / "oekraine-steun")
    monkeypatch.chdir(tmp_path)
    exec(compile(example_code(), str(API_DOC), "exec"), {"__name__": "__main__"})
    printed = capsys.readouterr().out
    assert "militaire steun begroot: € 13,6 miljard -> €14,3 mld." in printed
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# Changes from")
    # The example made a real git repository with one commit per letter.
    log = subprocess.run(
        ["git", "-C", str(tmp_path / "tracking"), "log", "--oneline"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(log) == len(os.listdir(tmp_path / "letters" / "oekraine-steun"))
    assert all(line.split(" ", 1)[1].startswith("oekraine-steun: ") for line in log)


def test_all_names_what_the_package_serves() -> None:
    assert set(tracker.__all__) == {"__version__", *tracker._API}
    for name in tracker.__all__:
        assert getattr(tracker, name) is not None, name
    assert set(tracker.__all__) <= set(dir(tracker))
    with pytest.raises(AttributeError):
        _ = tracker.no_such_name  # type: ignore[attr-defined]


def test_importing_the_package_loads_no_library_module() -> None:
    code = "import sys, tracker; print(sorted(m for m in sys.modules if m.startswith('tracker')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['tracker']", result.stderr


def test_public_compare_is_not_shadowed_by_a_subpackage() -> None:
    # tracker.comparison holds the comparing; a subpackage named compare/ would replace the
    # function tracker.compare with itself as soon as anything imported it.
    import tracker.comparison.compare

    assert callable(tracker.compare)

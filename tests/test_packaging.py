"""The package's metadata, built by the build backend itself from a copy of the project.

The Action installs the tracker with the newest setuptools on every run, so a deprecation
warning today is a failed install on the day it becomes an error: the build must be silent.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from email.parser import Parser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

_BUILD = """
import sys
import setuptools.build_meta as backend
out = sys.argv[1]
dist_info = backend.prepare_metadata_for_build_wheel(out)
sdist = backend.build_sdist(out)
print("built:", dist_info, sdist)
"""


def _project_copy(tmp: Path) -> Path:
    """The files the build reads, in a folder of their own, so the work tree stays clean."""
    copy = tmp / "project"
    copy.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(
        ROOT / "tracker", copy / "tracker", ignore=shutil.ignore_patterns("__pycache__")
    )
    return copy


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The backend's run over a copy of the project, and the folder it built into."""
    tmp_path = tmp_path_factory.mktemp("build")
    project = _project_copy(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    # -W error: any warning of the backend (a deprecated field, a license table) fails the build.
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-c", _BUILD, str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc, out


def _built_names(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """The .dist-info folder and the sdist, from the last line (the backend talks before it)."""
    last = proc.stdout.splitlines()[-1]
    assert last.startswith("built: "), proc.stdout
    return last.split()[1:]


def test_the_build_backend_builds_metadata_and_sdist_without_a_warning(
    built: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    proc, out = built
    assert proc.returncode == 0, proc.stderr
    assert "deprecat" not in proc.stderr.lower(), proc.stderr
    assert "warning" not in proc.stderr.lower(), proc.stderr
    dist_info, sdist = _built_names(proc)
    meta = Parser().parsestr((out / dist_info / "METADATA").read_text(encoding="utf-8"))
    assert meta["Name"] == "letter-tracker"
    assert meta["License-Expression"] == "MIT"
    assert meta["License"] is None  # the deprecated free-text field is gone
    assert meta.get_all("License-File") == ["LICENSE"]
    assert meta["Requires-Python"] == ">=3.11"
    classifiers = meta.get_all("Classifier") or []
    assert "Operating System :: OS Independent" in classifiers
    assert not [c for c in classifiers if c.startswith("License ::")]  # PEP 639: the expression
    with tarfile.open(out / sdist) as archive:
        names = {Path(n).name for n in archive.getnames()}
    assert {"LICENSE", "pyproject.toml", "py.typed"} <= names


def test_the_python_classifiers_are_the_versions_ci_tests(
    built: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    proc, out = built
    assert proc.returncode == 0, proc.stderr
    meta = Parser().parsestr((out / _built_names(proc)[0] / "METADATA").read_text("utf-8"))
    prefix = "Programming Language :: Python :: "
    claimed = {
        c.removeprefix(prefix)
        for c in meta.get_all("Classifier") or []
        if c.startswith(prefix + "3.")
    }
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    tested = set(ci["jobs"]["test"]["strategy"]["matrix"]["python-version"])
    assert claimed == tested

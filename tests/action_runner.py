"""The action run the way GitHub runs it, on this machine and without GitHub: the runner, and a
remote with a tracking repository to run it on (tests/test_action_e2e.py, the fault suite).

`Runner` reads action.yml and runs each step as the Actions runner would: a `run:` step is
written to a file and run with `bash --noprofile --norc -eo pipefail`, in the workspace, with
the step's `env:` (its `${{ }}` expressions evaluated here, the runner's job) on top of the
GITHUB_* variables, and fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files per step. The remote
is a bare repository, the workspace a shallow clone of it, as actions/checkout makes.

Three steps are stood in for, and only these: actions/setup-python becomes the project's venv
put first on PATH; actions/cache is recorded (its path and key, as evaluated) and does nothing,
as on a first run; and the install step — whose script must be exactly the pip install of the
action's own checkout — becomes an import check against that venv, because installing the
tracker into a fresh venv takes about 40 s each time. A step's `if:` is evaluated in the one
form action.yml uses, `inputs.NAME == 'value'` joined by `&&`.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from workflow_commands import parse_outputs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "letters" / "oekraine-steun"
VENV_BIN = Path(sys.executable).parent
INSTALL_SCRIPT = 'python -m pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"'
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")
CONDITION = re.compile(r"^inputs\.([\w-]+) == '([^']*)'$")
HOSTILE = "2025-11-27 \"antwoorden\" 'kamer' $(touch pwned) `touch pwned2` *ü é\nregel.txt"


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@dataclass
class StepRun:
    """What one step left behind."""

    stdout: str
    returncode: int
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    skipped: bool = False


@dataclass
class ActionRun:
    """What a whole run of the action left behind."""

    steps: dict[str, StepRun]
    outputs: dict[str, str]

    @property
    def stdout(self) -> str:
        return "".join(step.stdout for step in self.steps.values())

    @property
    def summary(self) -> str:
        return "".join(step.summary for step in self.steps.values())


class Runner:
    """Runs action.yml's steps against a workspace, as GitHub's runner would."""

    def __init__(self, tmp: Path, workspace: Path) -> None:
        self.tmp = tmp
        self.workspace = workspace
        self.action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
        home = tmp / "home"
        home.mkdir(parents=True)
        self.env = {
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "GIT_CONFIG_NOSYSTEM": "1",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "someone/letters",
            "GITHUB_REF": "refs/heads/main",
            "GITHUB_REF_NAME": "main",
            "GITHUB_EVENT_NAME": "push",
            "RUNNER_TEMP": str(tmp / "runner-temp"),
        }
        (tmp / "runner-temp").mkdir(exist_ok=True)
        self.count = 0
        self.caches: list[dict[str, str]] = []
        """What each actions/cache step was given: its path and key."""

    def evaluate(self, value: Any, inputs: dict[str, str], steps: dict[str, StepRun]) -> str:
        """The few expression forms action.yml uses; anything else fails the test."""
        text = str(value)
        found = EXPRESSION.sub(lambda m: self._value(m.group(1), inputs, steps), text)
        assert "${{" not in found, f"expression form not known to this test: {text}"
        return found

    def _value(self, expression: str, inputs: dict[str, str], steps: dict[str, StepRun]) -> str:
        head, _, rest = expression.partition(".")
        if head == "inputs":
            return inputs[rest]
        if head == "github" and rest == "token":
            return "test-token"
        if head == "runner" and rest == "os":
            return "Linux"
        if head == "steps":
            step_id, _, output = rest.partition(".outputs.")
            return steps[step_id].outputs.get(output, "") if step_id in steps else ""
        raise AssertionError(f"expression not known to this test: {expression}")

    def condition(self, step: dict[str, Any], inputs: dict[str, str]) -> bool:
        """A step's `if:`, in the form action.yml uses; no `if:` runs the step."""
        if "if" not in step:
            return True
        results = []
        for part in str(step["if"]).split("&&"):
            match = CONDITION.match(part.strip())
            assert match, f"condition form not known to this test: {step['if']}"
            results.append(inputs[match.group(1)] == match.group(2))
        return all(results)

    def stand_in(
        self, step: dict[str, Any], inputs: dict[str, str], steps: dict[str, StepRun]
    ) -> StepRun:
        """The `uses:` steps: setup-python (the venv is first on PATH already) and cache."""
        if step["uses"].startswith("actions/setup-python@"):
            return StepRun("", 0, outputs={"python-version": platform.python_version()})
        assert step["uses"].startswith("actions/cache@"), step["uses"]
        given = {k: self.evaluate(v, inputs, steps) for k, v in step.get("with", {}).items()}
        self.caches.append(given)
        return StepRun("", 0, outputs={"cache-hit": "false"})

    def inputs(self, given: dict[str, str]) -> dict[str, str]:
        values = {}
        for name, spec in self.action["inputs"].items():
            default = self.evaluate(spec.get("default", ""), {}, {})
            values[name] = given.get(name, default)
        assert set(given) <= set(values), "unknown input"
        return values

    def run(
        self, given: dict[str, str] | None = None, *, before: dict[str, Any] | None = None
    ) -> ActionRun:
        """Run every step; `before` maps a step id to a callable run just before that step."""
        inputs = self.inputs(given or {})
        steps: dict[str, StepRun] = {}
        for index, step in enumerate(self.action["runs"]["steps"]):
            step_id = step.get("id", f"__{index}")
            if before and step_id in before:
                before[step_id]()
            if not self.condition(step, inputs):
                steps[step_id] = StepRun("", 0, skipped=True)
                continue
            if "uses" in step:
                steps[step_id] = self.stand_in(step, inputs, steps)
                continue
            script = step["run"]
            if step_id == "install":
                assert script == INSTALL_SCRIPT
                script = 'python -c "import tracker" && test -d "$GITHUB_ACTION_PATH/tracker"\n'
            result = self.run_step(script, step.get("env", {}), inputs, steps)
            steps[step_id] = result
            if result.returncode != 0 and not step.get("continue-on-error"):
                break
        outputs = {
            name: self.evaluate(spec["value"], inputs, steps)
            for name, spec in self.action["outputs"].items()
        }
        return ActionRun(steps, outputs)

    def run_step(
        self, script: str, env: dict[str, Any], inputs: dict[str, str], steps: dict[str, StepRun]
    ) -> StepRun:
        self.count += 1
        base = self.tmp / f"step-{self.count}"
        base.mkdir()
        files = {name: base / name for name in ("output", "summary", "env", "path")}
        for path in files.values():
            path.touch()
        script_path = base / "script.sh"
        script_path.write_text(script, encoding="utf-8")
        step_env = {
            **self.env,
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
            "GITHUB_ENV": str(files["env"]),
            "GITHUB_PATH": str(files["path"]),
            **{key: self.evaluate(value, inputs, steps) for key, value in env.items()},
        }
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_path)],
            cwd=self.workspace,
            env=step_env,
            capture_output=True,
            text=True,
            check=False,
        )
        return StepRun(
            stdout=proc.stdout + proc.stderr,
            returncode=proc.returncode,
            outputs=parse_outputs(files["output"].read_text(encoding="utf-8")),
            summary=files["summary"].read_text(encoding="utf-8"),
        )


def make_world(tmp_path: Path) -> dict[str, Path]:
    """A bare remote holding a tracking repository with one letter, and an author's clone."""
    remote = tmp_path / "remote.git"
    author = tmp_path / "author"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    git(tmp_path, "clone", "-q", str(remote), str(author))
    identity(author, "Author")
    series = author / "letters" / "oekraine-steun"
    series.mkdir(parents=True)
    shutil.copy(SEEDS / "2025-09-10-nieuwsbericht-militaire-steun.txt", series)
    workflows = author / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copy(ROOT / ".github" / "workflows" / "track-letters.yml", workflows)
    git(author, "add", "-A")
    git(author, "commit", "-q", "-m", "First letter")
    git(author, "push", "-q", "origin", "main")
    return {"remote": remote, "author": author, "tmp": tmp_path}


def identity(repo: Path, name: str) -> None:
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", f"{name.lower()}@example.test")


def checkout(world: dict[str, Path], name: str) -> Path:
    """A workspace as actions/checkout leaves it: a shallow clone on the branch."""
    workspace = world["tmp"] / name
    git(world["tmp"], "clone", "-q", "--depth", "1", f"file://{world['remote']}", str(workspace))
    return workspace


def remote_log(world: dict[str, Path]) -> list[str]:
    return git(world["remote"], "log", "--format=%H %an", "main").splitlines()


def changed_files(world: dict[str, Path], commit: str) -> list[str]:
    out = git(world["remote"], "show", "--name-only", "-z", "--format=", commit)
    return [name for name in out.split("\0") if name]

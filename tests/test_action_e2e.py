"""The action end to end, run the way GitHub runs it, on this machine and without GitHub.

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

import base64
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from workflow_commands import parse_command, parse_outputs

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


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """A bare remote holding a tracking repository with one letter, and an author's clone."""
    remote = tmp_path / "remote.git"
    author = tmp_path / "author"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    git(tmp_path, "clone", "-q", str(remote), str(author))
    _identity(author, "Author")
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


def _identity(repo: Path, name: str) -> None:
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


def test_action_ingests_new_letters_pushes_them_and_a_rerun_adds_nothing(
    world: dict[str, Path],
) -> None:
    # The first run ingests the first letter.
    first = Runner(world["tmp"] / "run1", checkout(world, "ws1"))
    run = first.run()
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    assert run.outputs["ingested"] == "1"
    assert len(remote_log(world)) == 2

    # An author pushes two letters in one push, one under a hostile name.
    author = world["author"]
    git(author, "pull", "-q", "--rebase", "origin", "main")
    series = author / "letters" / "oekraine-steun"
    shutil.copy(SEEDS / "2026-02-27-leveringen-militaire-goederen.txt", series)
    shutil.copy(SEEDS / "2025-11-27-antwoorden-kamervragen.txt", series / HOSTILE)
    git(author, "add", "-A")
    git(author, "commit", "-q", "-m", "Two letters")
    git(author, "push", "-q", "origin", "main")
    before = remote_log(world)

    # Someone else pushes while the action runs, after its checkout and before its push.
    def other_push() -> None:
        other = checkout(world, "other")
        _identity(other, "Other")
        (other / "NOTES.md").write_text("Notes pushed during the run.\n", encoding="utf-8")
        git(other, "add", "NOTES.md")
        git(other, "commit", "-q", "-m", "Notes")
        git(other, "push", "-q", "origin", "main")

    workspace = checkout(world, "ws2")
    second = Runner(world["tmp"] / "run2", workspace)
    run = second.run(before={"push": other_push})
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout

    log = remote_log(world)
    new = log[: len(log) - len(before)]
    bot = [line for line in new if line.endswith(" github-actions[bot]")]
    assert len(bot) == 2 and len(new) == 3, log  # two letters, and the other push kept
    assert log.index(next(x for x in new if x.endswith(" Other"))) > log.index(bot[-1])
    assert "NOTES.md" in git(world["remote"], "ls-tree", "--name-only", "main")
    for line in bot:
        files = changed_files(world, line.split()[0])
        assert any(f.startswith("snapshots/oekraine-steun/") for f in files), files
        assert any(
            f.startswith("reports/oekraine-steun/") and not f.endswith("README.md") for f in files
        ), files

    # Outputs: the two reports, as paths in the pushed tree, and the figures count.
    reports = run.outputs["reports"].split("\n")
    assert len(reports) == 2
    tree = git(world["remote"], "ls-tree", "-r", "--name-only", "-z", "main").split("\0")
    assert set(reports) <= set(tree)
    assert run.outputs["ingested"] == "2"
    assert int(run.outputs["changed-figures"]) >= 0
    # The summary holds both reports whole, their relative links made absolute.
    blob = "https://github.com/someone/letters/blob/main/"
    assert run.summary.startswith(
        "## Letter tracker\n\n2 new letters, "
        f"{run.outputs['changed-figures']} changed figures; the reports follow.\n\n### "
    )
    for report in reports:
        text = git(world["remote"], "show", f"main:{report}")
        for line in text.splitlines():
            if "](" not in line:
                assert line in run.summary
        assert f"[Series index]({blob}reports/oekraine-steun/README.md)" in run.summary
    # The token reached git only through the environment, masked in the log.
    basic = base64.b64encode(b"x-access-token:test-token").decode()
    assert f"::add-mask::{basic}\n" in run.steps["push"].stdout
    assert "test-token" not in (workspace / ".git" / "config").read_text(encoding="utf-8")
    # One warning annotation per finding the series manifest counts, on the letter's file.
    from tracker.history.index import entries_from_csv

    manifest = git(world["remote"], "show", "main:reports/oekraine-steun/letters.csv")
    pushed = {"2026-02-27-leveringen-militaire-goederen.txt", HOSTILE}
    expected = sum(e.findings for e in entries_from_csv(manifest) if e.source in pushed)
    warnings = [parse_command(x) for x in run.steps["track"].stdout.splitlines() if x[:2] == "::"]
    warnings = [w for w in warnings if w[0] == "warning"]
    assert len(warnings) == expected
    for _, props, _ in warnings:
        if "line" in props:
            letter = (author / props["file"]).read_text(encoding="utf-8").splitlines()
            section = props["title"].split(": ", 1)[1]
            assert letter[int(props["line"]) - 1].strip() == section
    assert all(
        props["file"] in {f"letters/oekraine-steun/{n}" for n in pushed} for _, props, _ in warnings
    )
    # The hostile name ran nothing.
    assert not list(world["tmp"].rglob("pwned*"))

    # A re-run adds nothing: no commit, no report.
    third = Runner(world["tmp"] / "run3", checkout(world, "ws3"))
    run = third.run()
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    assert remote_log(world) == log
    assert run.outputs["ingested"] == "0"
    assert run.outputs["reports"] == ""
    assert run.summary == (
        "## Letter tracker\n\nNo new letters: 3 letters under letters, all tracked already.\n\n"
    )


def test_action_fails_with_an_error_annotation_and_pushes_nothing(
    world: dict[str, Path],
) -> None:
    before = remote_log(world)
    runner = Runner(world["tmp"] / "run", checkout(world, "ws"))
    run = runner.run({"letters": "../outside"})
    track = run.steps["track"]
    assert track.returncode == 2
    assert "::error title=tracker::letters folder '../outside' is outside the repository" in (
        track.stdout
    )
    assert "push" not in run.steps
    assert remote_log(world) == before
    assert track.outputs == {}


def test_commit_false_writes_files_and_pushes_nothing(world: dict[str, Path]) -> None:
    before = remote_log(world)
    workspace = checkout(world, "ws")
    run = Runner(world["tmp"] / "run", workspace).run({"commit": "false"})
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    assert run.outputs["ingested"] == "1"
    assert run.outputs["changes-detected"] == "true"
    assert run.outputs["commit-sha"] == ""
    assert (workspace / run.outputs["reports"]).is_file()
    assert remote_log(world) == before
    assert 'Not pushing: the commit input is not "true".' in run.steps["push"].stdout


def test_a_push_that_loses_a_race_is_rebased_and_retried(world: dict[str, Path]) -> None:
    workspace = checkout(world, "ws")
    other = checkout(world, "other")
    _identity(other, "Other")
    (other / "NOTES.md").write_text("Pushed while the action pushes.\n", encoding="utf-8")
    git(other, "add", "NOTES.md")
    git(other, "commit", "-q", "-m", "Notes")
    # The workspace's pre-push hook pushes the other clone's commit first, once: the action's
    # push then finds the branch moved under it, exactly as when a push lands at that moment.
    hook = workspace / ".git" / "hooks" / "pre-push"
    marker = world["tmp"] / "raced"
    hook.write_text(
        "#!/bin/sh\n"
        f"[ -e '{marker}' ] && exit 0\n"
        f"touch '{marker}'\n"
        f"env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE "
        f"git -C '{other}' push -q origin main >&2\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    run = Runner(world["tmp"] / "run", workspace).run()
    push = run.steps["push"]
    assert push.returncode == 0, push.stdout
    assert marker.exists()
    assert "Pushed to main on attempt 2." in push.stdout
    log = remote_log(world)
    assert log[0].endswith(" github-actions[bot]") and log[1].endswith(" Other"), log
    assert "NOTES.md" in git(world["remote"], "ls-tree", "--name-only", "main")


def test_after_a_force_push_every_letter_missing_from_the_snapshots_is_ingested(
    world: dict[str, Path],
) -> None:
    run = Runner(world["tmp"] / "run1", checkout(world, "ws1")).run()
    assert run.outputs["ingested"] == "1"
    # The author rewrites the branch: the bot's commit is gone, a second letter comes along.
    author = world["author"]
    shutil.copy(
        SEEDS / "2025-11-27-antwoorden-kamervragen.txt", author / "letters" / "oekraine-steun"
    )
    git(author, "add", "-A")
    git(author, "commit", "-q", "--amend", "-m", "Two letters, rewritten")
    git(author, "push", "-q", "--force", "origin", "main")
    assert len(remote_log(world)) == 1

    run = Runner(world["tmp"] / "run2", checkout(world, "ws2")).run()
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    assert run.outputs["ingested"] == "2"
    log = remote_log(world)
    assert [line.split(" ", 1)[1] for line in log] == [
        "github-actions[bot]",
        "github-actions[bot]",
        "Author",
    ]
    snapshots = git(world["remote"], "ls-tree", "--name-only", "main:snapshots/oekraine-steun")
    assert len(snapshots.split()) == 2


def test_outputs_name_the_pushed_commit_and_whether_anything_changed(
    world: dict[str, Path],
) -> None:
    runner = Runner(world["tmp"] / "run1", checkout(world, "ws1"))
    run = runner.run()
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    assert run.outputs["changes-detected"] == "true"
    assert run.outputs["commit-sha"] == git(world["remote"], "rev-parse", "main").strip()
    # pip's cache: the directory pip itself names, keyed on the action's pyproject.toml.
    pip_dir = subprocess.run(
        ["python", "-m", "pip", "cache", "dir"],
        env=runner.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    assert runner.caches == [
        {"path": pip_dir, "key": f"letter-tracker-pip-Linux-{platform.python_version()}-{digest}"}
    ]
    # Nothing new: nothing detected, nothing pushed.
    again = Runner(world["tmp"] / "run2", checkout(world, "ws2")).run()
    assert again.outputs["changes-detected"] == "false"
    assert again.outputs["commit-sha"] == ""


def test_the_commit_sha_is_the_one_on_the_branch_after_a_rebase(world: dict[str, Path]) -> None:
    workspace = checkout(world, "ws")

    def other_push() -> None:
        other = checkout(world, "other")
        _identity(other, "Other")
        (other / "NOTES.md").write_text("Pushed meanwhile.\n", encoding="utf-8")
        git(other, "add", "NOTES.md")
        git(other, "commit", "-q", "-m", "Notes")
        git(other, "push", "-q", "origin", "main")

    run = Runner(world["tmp"] / "run", workspace).run(before={"push": other_push})
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    head = git(world["remote"], "log", "-1", "--format=%H %an", "main").split()
    assert head[1] == "github-actions[bot]"
    assert run.outputs["commit-sha"] == head[0]


def test_commit_author_and_message_template(world: dict[str, Path]) -> None:
    run = Runner(world["tmp"] / "run", checkout(world, "ws")).run(
        {
            "commit-author": "Jane de Vries <jane@example.test>",
            "commit-message": "[{series}] {date}: {title}\n\n{summary}\n\n{message}",
        }
    )
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    made = git(world["remote"], "log", "-1", "--format=%an|%ae|%cn|%B", "main")
    author, email, committer, message = made.split("|", 3)
    assert (author, email, committer) == (
        "Jane de Vries",
        "jane@example.test",
        "github-actions[bot]",
    )
    subject, _, rest = message.partition("\n\n")
    assert subject == (
        "[oekraine-steun] 2025-09-10: Nederland levert in hoog tempo militaire steun aan Oekraïne"
    )
    assert "oekraine-steun: 2025-09-10 Nederland levert" in rest  # {message}: the tracker's own


@pytest.mark.parametrize(
    ("given", "error"),
    [
        (
            {"commit-author": "Jane de Vries"},
            '::error title=tracker::The commit-author input is not of the form "Name <email>".',
        ),
        (
            {"commit-message": "{series}: {sereis}"},
            "::error title=tracker::the commit message template names {sereis}, which is no "
            "field (use {series}, {date}, {title}, {summary}, {moves}, {subject}, {message})",
        ),
    ],
    ids=["author", "template"],
)
def test_a_bad_author_or_template_stops_before_any_commit(
    world: dict[str, Path], given: dict[str, str], error: str
) -> None:
    before = remote_log(world)
    workspace = checkout(world, "ws")
    run = Runner(world["tmp"] / "run", workspace).run(given)
    track = run.steps["track"]
    assert track.returncode == 2
    assert error in track.stdout.splitlines()
    assert "push" not in run.steps
    assert remote_log(world) == before
    assert not (workspace / "snapshots").exists()


def test_the_pip_cache_can_be_turned_off(world: dict[str, Path]) -> None:
    runner = Runner(world["tmp"] / "run", checkout(world, "ws"))
    run = runner.run({"cache": "false", "commit": "false"})
    assert all(s.returncode == 0 for s in run.steps.values()), run.stdout
    assert runner.caches == []
    assert run.steps["pip-cache"].skipped

"""The action end to end, run the way GitHub runs it (tests/action_runner.py), on this machine
and without GitHub."""

from __future__ import annotations

import base64
import hashlib
import platform
import shutil
import subprocess
from pathlib import Path

import pytest
from action_runner import (
    HOSTILE,
    ROOT,
    SEEDS,
    Runner,
    changed_files,
    checkout,
    git,
    identity,
    make_world,
    remote_log,
)
from workflow_commands import parse_command


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """A bare remote holding a tracking repository with one letter, and an author's clone."""
    return make_world(tmp_path)


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
        identity(other, "Other")
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
    identity(other, "Other")
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
        identity(other, "Other")
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


def test_a_letter_that_cannot_be_ingested_fails_the_run_after_the_others_are_pushed(
    world: dict[str, Path],
) -> None:
    author = world["author"]
    series = author / "letters" / "oekraine-steun"
    shutil.copy(SEEDS / "2026-02-27-leveringen-militaire-goederen.txt", series)
    # A carriage return in one name; no date anywhere in the other, nor in its name.
    shutil.copy(SEEDS / "2025-11-27-antwoorden-kamervragen.txt", series / "2025-11-27-a\rb.txt")
    (series / "brief.md").write_text(
        "# Steun aan Oekraïne\n\nNederland heeft circa €14,3 mld. aan militaire steun begroot.\n",
        encoding="utf-8",
    )
    git(author, "add", "-A")
    git(author, "commit", "-q", "-m", "Three letters, one undated")
    git(author, "push", "-q", "origin", "main")
    before = remote_log(world)

    run = Runner(world["tmp"] / "run", checkout(world, "ws")).run()
    track = run.steps["track"]
    assert track.returncode == 0, track.stdout
    errors = [parse_command(x) for x in track.stdout.splitlines() if x.startswith("::error")]
    assert len(errors) == 1, track.stdout
    _, props, message = errors[0]
    assert props["file"] == "letters/oekraine-steun/brief.md"
    assert "no date" in message
    assert run.outputs["failed"] == "1" and run.outputs["ingested"] == "3"
    assert "1 letter could not be ingested" in track.summary
    # The other letters are pushed; then the run fails, with its reason.
    assert run.steps["push"].returncode == 0
    assert len(remote_log(world)) == len(before) + 3
    assert run.steps["failed"].returncode == 2
    assert "1 letter(s) could not be ingested" in run.steps["failed"].stdout

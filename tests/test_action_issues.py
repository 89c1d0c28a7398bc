"""An issue per new letter, end to end: the action's steps run as GitHub runs them, against
a local HTTP server on 127.0.0.1 that stands in for GitHub's API and records each request.

The server answers as GitHub does (201 with the issue's address, 422 for a label that is
there) or fails as scripted; a failure asks for a Retry-After of 0 seconds, so retries cost
no waiting and no test depends on time.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from history_repos import commits, make_repo, run_cli
from test_action_e2e import Runner, checkout, remote_log, world  # noqa: F401  (a fixture)
from workflow_commands import parse_command

from tracker.comparison.compare import compare
from tracker.errors import GitHubError
from tracker.github import workflow
from tracker.github.action import run_action
from tracker.github.api import GitHub
from tracker.github.issues import IssueDraft, issue_drafts, open_issues, read_drafts
from tracker.history.ingest import IngestResult
from tracker.history.series import read_entries
from tracker.read.snapshot import from_markdown

REPO = "someone/letters"
ROOT = Path(__file__).resolve().parents[1]
DRAFT = IssueDraft(
    "oekraine-steun: 2026-02-27 A letter",
    "**oekraine-steun** · 2026-02-27\n",
    "oekraine-steun",
    "letters/oekraine-steun/2026-02-27-a.txt",
)
BLOB = "https://github.com/someone/letters/blob/main/"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeGitHub:
    """What the server was asked, and what it is to answer: per (method, path), a queue of
    statuses to fail with before it answers as GitHub would."""

    requests: list[Request] = field(default_factory=list)
    failures: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    issues: list[dict[str, Any]] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    lose_answer: bool = False
    """Make the first issue, then answer 502 as if the answer got lost on the way."""
    url: str = ""

    def answer(self, request: Request) -> tuple[int, Any]:
        queued = self.failures.get((request.method, request.path))
        if queued:
            return queued.pop(0), {"message": "Server Error"}
        if request.method == "POST" and request.path.endswith("/labels"):
            name = request.body["name"]
            if name in self.labels:
                return 422, {"message": "Validation Failed", "errors": [{"code": "already_exists"}]}
            self.labels.add(name)
            return 201, {"name": name}
        if request.method == "POST" and request.path.endswith("/issues"):
            number = len(self.issues) + 1
            issue = {
                "number": number,
                "title": request.body["title"],
                "html_url": f"https://github.com/{REPO}/issues/{number}",
                "labels": [{"name": n} for n in request.body["labels"]],
            }
            self.issues.append(issue)
            if self.lose_answer:
                self.lose_answer = False
                return 502, {"message": "Bad Gateway"}
            return 201, issue
        if request.method == "GET" and request.path.endswith("/issues"):
            label = request.query["labels"][0]
            found = [i for i in self.issues if {"name": label} in i["labels"]]
            return 200, list(reversed(found))
        return 404, {"message": "Not Found"}


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            request = Request(
                self.command,
                parts.path,
                parse_qs(parts.query),
                {k.lower(): v for k, v in self.headers.items()},
                json.loads(raw) if raw else None,
            )
            fake.requests.append(request)
            status, body = fake.answer(request)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status >= 500 or status == 429:
                self.send_header("Retry-After", "0")
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _serve

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_with_issues(
    world: dict[str, Path],  # noqa: F811
    github: FakeGitHub,
    name: str,
    inputs: dict[str, str] | None = None,
) -> Any:
    runner = Runner(world["tmp"] / name, checkout(world, f"ws-{name}"))
    runner.env["GITHUB_API_URL"] = github.url
    return runner.run({"open-issue": "true", **(inputs or {})})


def warnings_of(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    commands = [parse_command(line) for line in stdout.splitlines() if line.startswith("::")]
    return [c for c in commands if c[0] == "warning"]


def test_a_new_letter_gets_an_issue_after_its_commit_is_pushed(
    world: dict[str, Path],  # noqa: F811
    github: FakeGitHub,
) -> None:
    before = remote_log(world)
    run = run_with_issues(world, github, "run")
    assert all(step.returncode == 0 for step in run.steps.values()), run.stdout
    assert len(remote_log(world)) == len(before) + 1
    assert [(r.method, r.path) for r in github.requests] == [
        ("POST", f"/repos/{REPO}/labels"),
        ("POST", f"/repos/{REPO}/issues"),
    ]
    for request in github.requests:
        assert request.headers["authorization"] == "Bearer test-token"
        assert request.headers["accept"] == "application/vnd.github+json"
        assert request.headers["x-github-api-version"] == "2022-11-28"
    assert github.requests[0].body["name"] == "oekraine-steun"
    issue = github.requests[1].body
    assert issue["title"] == (
        "oekraine-steun: 2025-09-10 Nederland levert in hoog tempo militaire steun aan Oekraïne"
    )
    assert issue["labels"] == ["oekraine-steun"]
    stem = "2025-09-10-nieuwsbericht-militaire-steun"
    body = issue["body"]
    assert body.startswith("**oekraine-steun** · 2025-09-10 · Nederland levert")
    assert "First letter of the series." in body
    assert f"[Change report]({BLOB}reports/oekraine-steun/{stem}.md)" in body
    assert f"[Side by side]({BLOB}reports/oekraine-steun/{stem}.html)" in body
    assert f"[Series index]({BLOB}reports/oekraine-steun/README.md)" in body
    # The issue links to files that are in the pushed branch.
    from test_action_e2e import git

    tree = git(world["remote"], "ls-tree", "-r", "--name-only", "main").split()
    for path in (f"reports/oekraine-steun/{stem}.md", f"reports/oekraine-steun/{stem}.html"):
        assert path in tree
    assert run.outputs["issues"] == f"https://github.com/{REPO}/issues/1"
    assert f"Opened https://github.com/{REPO}/issues/1 for letters/oekraine-steun/" in (
        run.steps["issues"].stdout
    )


def test_a_failing_api_is_a_warning_and_the_commit_stays(
    world: dict[str, Path],  # noqa: F811
    github: FakeGitHub,
) -> None:
    before = remote_log(world)
    github.failures[("POST", f"/repos/{REPO}/labels")] = [502] * 4
    run = run_with_issues(world, github, "run")
    assert all(step.returncode == 0 for step in run.steps.values()), run.stdout
    assert len(remote_log(world)) == len(before) + 1  # the letter's commit is pushed
    assert run.outputs["ingested"] == "1"
    assert run.outputs["issues"] == ""
    (_, props, message), *rest = warnings_of(run.steps["issues"].stdout)
    assert rest == []
    assert props["file"].startswith("letters/oekraine-steun/")
    assert message.startswith("Could not open the issue for letters/oekraine-steun/")
    assert "HTTP 502 after 4 tries" in message
    assert len(github.requests) == 4


def test_the_issue_of_a_later_letter_names_its_moved_figures_and_findings() -> None:
    """Drafted from this repository's own seed series, as the action drafts it after the
    ingest: the manifest and the ledger under reports/ give what changed and what moved."""
    stem = "2026-02-27-leveringen-militaire-goederen"
    entry = next(e for e in read_entries(ROOT, "oekraine-steun") if e.letter == stem)
    c = compare(
        from_markdown(
            (ROOT / "snapshots/oekraine-steun/2025-11-27-antwoorden-kamervragen.md").read_text()
        ),
        from_markdown((ROOT / f"snapshots/oekraine-steun/{stem}.md").read_text()),
    )
    result = IngestResult(
        series="oekraine-steun",
        date=entry.date,
        title=entry.title,
        letter=f"letters/oekraine-steun/{entry.source}",
        snapshot=f"snapshots/oekraine-steun/{stem}.md",
        report=f"reports/oekraine-steun/{stem}.md",
        status="new",
        committed=True,
        sections_changed=entry.sections_changed,
        figures_changed=entry.figures_changed,
        findings=c.findings,
    )
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": REPO}
    [draft] = issue_drafts(ROOT, [result], {**env, "GITHUB_REF_NAME": "main"})
    assert draft.title == "oekraine-steun: 2026-02-27 Leveringen militaire goederen aan Oekraïne"
    assert draft.label == "oekraine-steun"
    body = draft.body
    # What happened, as the manifest counts it: the council's sections replace the answers'.
    assert entry.summary.startswith("7 sections added, 7 removed; 4 figures changed")
    assert entry.summary[:1].upper() + entry.summary[1:] + "." in body
    assert "#### Figures that moved\n\n| Figure | Before | Now |" in body
    assert "| militaire steun begroot | € 13,6 miljard | €14,3 mld. |" in body
    assert "#### Findings" in body and body.count("\n- **") == len(c.findings) > 0
    assert f"[Side by side]({BLOB}reports/oekraine-steun/{stem}.html)" in body
    # Every link in the issue points at a file of the repository.
    for link in re.findall(r"\]\(([^)]+)\)", body):
        assert (ROOT / link.removeprefix(BLOB)).is_file(), link


def test_retries_after_server_errors_and_rate_limits(github: FakeGitHub) -> None:
    github.failures[("POST", f"/repos/{REPO}/labels")] = [503]
    github.failures[("POST", f"/repos/{REPO}/issues")] = [500, 429]
    waits: list[float] = []
    api = GitHub(github.url, "token", REPO, sleep=waits.append)
    opened = open_issues([DRAFT], {}, api=api)
    assert opened.urls == (f"https://github.com/{REPO}/issues/1",)
    assert [(r.method, r.path) for r in github.requests] == [
        ("POST", f"/repos/{REPO}/labels"),
        ("POST", f"/repos/{REPO}/labels"),
        ("POST", f"/repos/{REPO}/issues"),
        ("GET", f"/repos/{REPO}/issues"),  # did the failed try open it after all? no
        ("POST", f"/repos/{REPO}/issues"),
        ("GET", f"/repos/{REPO}/issues"),
        ("POST", f"/repos/{REPO}/issues"),
    ]
    assert waits == [0.0, 0.0, 0.0]  # GitHub's Retry-After, honoured
    assert github.requests[3].query == {
        "labels": ["oekraine-steun"],
        "state": ["all"],
        "sort": ["created"],
        "per_page": ["30"],
    }
    assert len(github.issues) == 1


def test_an_issue_made_by_a_try_whose_answer_was_lost_is_not_made_twice(
    github: FakeGitHub,
) -> None:
    github.lose_answer = True
    opened = open_issues([DRAFT], {}, api=GitHub(github.url, "t", REPO, sleep=lambda _: None))
    assert len(github.issues) == 1
    assert opened.urls == (f"https://github.com/{REPO}/issues/1",)
    assert [r.method for r in github.requests] == ["POST", "POST", "GET"]


def test_a_refusal_is_final_and_said_in_the_warning(github: FakeGitHub) -> None:
    github.failures[("POST", f"/repos/{REPO}/issues")] = [403]
    opened = open_issues([DRAFT], {}, api=GitHub(github.url, "t", REPO, sleep=lambda _: None))
    [(_, props, message)] = warnings_of("\n".join(opened.log))
    assert props["file"] == DRAFT.letter
    assert "cannot open the issue: HTTP 403, Server Error" in message
    assert [r.method for r in github.requests] == ["POST", "POST"]  # label, issue: no retry


def test_without_the_option_no_request_is_made_and_no_right_is_asked(
    world: dict[str, Path],  # noqa: F811
    github: FakeGitHub,
) -> None:
    run = run_with_issues(world, github, "run", {"open-issue": "false"})
    assert all(step.returncode == 0 for step in run.steps.values()), run.stdout
    assert run.steps["issues"].skipped
    assert github.requests == [] and run.outputs["issues"] == ""
    # Nor without a commit to push: the issue step comes after the push, or not at all.
    runner = Runner(world["tmp"] / "conditions", world["tmp"])
    step = next(s for s in runner.action["runs"]["steps"] if s.get("id") == "issues")
    on = runner.inputs({"open-issue": "true"})
    assert runner.condition(step, on)
    assert not runner.condition(step, {**on, "commit": "false"})
    assert step["continue-on-error"] is True
    # The workflow asks for issues: write only with the option.
    plain = workflow.workflow_yaml("./")
    with_issues = workflow.workflow_yaml("./", open_issue=True)
    assert "issues:" not in plain and "open-issue" not in plain
    assert "      issues: write # to open an issue per new letter\n" in with_issues
    assert '          open-issue: "true"\n' in with_issues


def test_an_unreachable_api_is_tried_four_times_then_given_up() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the with block ends: nothing listens
    waits: list[float] = []
    api = GitHub(f"http://127.0.0.1:{port}", "token", REPO, sleep=waits.append)
    with pytest.raises(GitHubError, match="after 4 tries"):
        api.open_issue("title", "body", "label")
    assert waits == [2.0, 6.0, 18.0]
    draft = IssueDraft("title", "body", "label", "letters/x/a.txt")
    opened = open_issues(
        [draft], {}, api=GitHub(f"http://127.0.0.1:{port}", "t", REPO, sleep=waits.append)
    )
    assert opened.urls == ()
    [(level, props, _)] = [parse_command(line) for line in opened.log]
    assert level == "warning" and props["file"] == "letters/x/a.txt"


def test_the_token_never_follows_a_redirect(github: FakeGitHub) -> None:
    github.failures[("POST", f"/repos/{REPO}/labels")] = [301]
    api = GitHub(github.url, "token", REPO, sleep=lambda _: None)
    with pytest.raises(GitHubError, match="HTTP 301"):
        api.ensure_label("x", "y")
    assert len(github.requests) == 1


def test_missing_settings_and_drafts(tmp_path: Path) -> None:
    draft = IssueDraft("t", "b", "l", "letters/l/a.txt")
    opened = open_issues([draft], {"GITHUB_REPOSITORY": REPO})
    assert [parse_command(line)[2] for line in opened.log] == [
        "No issues opened: a token (the token input) is not set."
    ]
    with pytest.raises(GitHubError, match="not http"):
        GitHub("file:///etc/passwd", "t", REPO)
    result = run_cli(tmp_path, "action-issues", "--drafts", str(tmp_path / "none.json"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("tracker: error: no issue drafts at ")
    assert len(result.stderr.splitlines()) == 1
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(Exception, match="cannot read the issue drafts"):
        read_drafts(tmp_path / "bad.json")


def test_the_readme_shows_the_lines_the_option_adds_to_the_workflow() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### An issue per new letter", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 2
    with_issues = workflow.workflow_yaml(
        "your-name/letter-tracker@<full-commit-sha>", open_issue=True
    )
    plain = workflow.workflow_yaml("your-name/letter-tracker@<full-commit-sha>")
    for block in blocks:
        assert block in with_issues
    added = [line for line in with_issues.splitlines() if line not in plain.splitlines()]
    assert added == [
        "# No token rights by default; the one job below gets the two rights it needs.",
        "      issues: write # to open an issue per new letter",
        '          open-issue: "true"',
    ]


def test_a_draft_that_cannot_be_written_is_a_warning_and_the_letter_is_in(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", ["2025-09-10-nieuwsbericht-militaire-steun.txt"])
    result = run_action(
        root,
        "letters",
        series=None,
        commit=True,
        env={},
        issues_file=tmp_path / "no-such-folder" / "drafts.json",
    )
    assert result.ingested == 1
    [(level, props, message)] = [parse_command(x) for x in result.log if x.startswith("::")]
    assert level == "warning" and props == {"title": "tracker issue"}
    assert message.startswith("No issues drafted: ")
    assert commits(root)[0].startswith("oekraine-steun: 2025-09-10 ")

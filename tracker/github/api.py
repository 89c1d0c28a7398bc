"""GitHub's REST API, the little the Action uses of it: a label and an issue per new letter.

urllib from the standard library, with the workflow's token. A server error, a rate limit
(429, or 403 with Retry-After or no requests left) or a network error is tried again after a
growing wait (GitHub's Retry-After when it gives one); any other refusal is final. Redirects
are not followed, so the token goes to the API's own address only.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from tracker.errors import GitHubError

DEFAULT_API = "https://api.github.com"
DELAYS = (2.0, 6.0, 18.0)
"""Seconds waited before the second, third and fourth try: a blip passes in seconds, and four
tries within half a minute keep a failing step short."""
LONGEST_WAIT = 60.0
"""The most a Retry-After header is honoured for; longer, and the issue is given up."""
TIMEOUT = 30.0
"""Seconds one request may take."""
API_VERSION = "2022-11-28"

T = TypeVar("T")


class _Again(Exception):
    """A failure worth another try, and how long GitHub asked to wait (None: our own wait)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx becomes an HTTPError, and the token stays where it was sent


class GitHub:
    """One repository on one API server, with one token."""

    def __init__(
        self,
        api_url: str,
        token: str,
        repository: str,
        *,
        delays: Sequence[float] = DELAYS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if urllib.parse.urlsplit(api_url).scheme not in ("http", "https"):
            raise GitHubError(f"API address {api_url!r} is not http(s)", "set GITHUB_API_URL")
        self.api_url = api_url.rstrip("/")
        self.token = token
        self.repository = repository
        self.delays = tuple(delays)
        self.sleep = sleep
        self.opener = urllib.request.build_opener(_NoRedirects)

    def call(self, method: str, path: str, payload: object = None) -> tuple[int, Any]:
        """One request: its status and JSON body. Raises _Again for what is worth retrying
        and GitHubError when the server cannot be reached at all."""
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(f"{self.api_url}{path}", data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", API_VERSION)
        request.add_header("User-Agent", "letter-tracker")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(request, timeout=TIMEOUT) as answer:
                return answer.status, _json(answer.read())
        except urllib.error.HTTPError as error:
            body = _json(error.read())
            wait = _retry_after(error.headers.get("Retry-After"))
            limited = error.code == 403 and (
                wait is not None or error.headers.get("X-RateLimit-Remaining") == "0"
            )
            if error.code >= 500 or error.code == 429 or limited:
                raise _Again(f"{method} {path}: HTTP {error.code}", wait) from None
            return error.code, body
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            reason = getattr(error, "reason", error)
            raise _Again(f"{method} {path}: {reason}") from None

    def retrying(self, attempt: Callable[[int], T]) -> T:
        """`attempt(n)` for n = 0, 1, …, waiting between tries, until it gives an answer."""
        for n in range(len(self.delays) + 1):
            try:
                return attempt(n)
            except _Again as again:
                if n == len(self.delays):
                    hint = "the report is committed; open the issue by hand"
                    raise GitHubError(f"{again} after {n + 1} tries", hint) from None
                wait = self.delays[n] if again.wait is None else again.wait
                if wait > LONGEST_WAIT:
                    raise GitHubError(
                        f"{again}; GitHub asks to wait {wait:.0f} s", "open the issue by hand"
                    ) from None
                self.sleep(wait)
        raise AssertionError("unreachable")

    def ensure_label(self, name: str, description: str) -> None:
        """The label `name` exists in the repository (made now, or there already)."""
        path = f"/repos/{self.repository}/labels"
        payload = {"name": name, "color": "1d76db", "description": description[:100]}
        status, body = self.retrying(lambda _: self.call("POST", path, payload))
        if status not in (201, 422):  # 422: the label is there already
            raise GitHubError(f"cannot make the label {name!r}: {_why(status, body)}")

    def open_issue(self, title: str, body: str, label: str) -> str:
        """Open an issue and return its address. A try after a failed one first looks for
        the issue, in case the failed try was made after all."""

        def attempt(n: int) -> tuple[int, Any]:
            if n:
                found = self.find_issue(title, label)
                if found is not None:
                    return 201, {"html_url": found}
            payload = {"title": title, "body": body, "labels": [label]}
            return self.call("POST", f"/repos/{self.repository}/issues", payload)

        status, answer = self.retrying(attempt)
        if status != 201 or not isinstance(answer, dict) or "html_url" not in answer:
            raise GitHubError(f"cannot open the issue: {_why(status, answer)}")
        return str(answer["html_url"])

    def find_issue(self, title: str, label: str) -> str | None:
        """The address of the newest issue with this title and label, if there is one."""
        query = urllib.parse.urlencode(
            {"labels": label, "state": "all", "sort": "created", "per_page": 30}
        )
        status, issues = self.call("GET", f"/repos/{self.repository}/issues?{query}")
        if status != 200 or not isinstance(issues, list):
            return None
        for issue in issues:
            if isinstance(issue, dict) and issue.get("title") == title:
                return str(issue.get("html_url"))
        return None


def _json(data: bytes) -> Any:
    try:
        return json.loads(data) if data else None
    except ValueError:
        return None


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _why(status: int, body: Any) -> str:
    message = body.get("message") if isinstance(body, dict) else None
    return f"HTTP {status}" + (f", {message}" if message else "")

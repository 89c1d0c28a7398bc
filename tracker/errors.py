"""Typed errors: the library raises these, the CLI turns them into one line and exit 2."""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error a user can cause; `str()` is the cause, `hint` the fix."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class InputError(TrackerError):
    """A letter file that cannot be read: missing, empty, binary, undecodable, too large."""


class ExtractionError(InputError):
    """A file that was read but yielded no usable letter text (empty, garbled, scanned)."""


class HistoryError(TrackerError):
    """A tracking repository that cannot be used as asked: bad series name, locked, dirty."""


class GitHubError(TrackerError):
    """GitHub's API refused a request or could not be reached, after the retries."""

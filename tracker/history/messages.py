"""Commit messages from a template (the Action's `commit-message` input, or
`tracker action-run --message-template`): the tracker's own message, reworded."""

from __future__ import annotations

import re

from tracker.errors import InputError
from tracker.history.index import LetterEntry
from tracker.text.words import squash

FIELDS = ("series", "date", "title", "summary", "moves", "subject", "message")
"""What a template may name: the letter's series, date and title, what changed (summary),
the figures that moved most (moves), and the tracker's own message: its first line
(subject) or the whole of it (message)."""
_FIELD = re.compile(r"\{([^{}\s]*)\}")


def check_template(template: str) -> str:
    """The template, refused before any work when it names a field the tracker cannot fill
    or would give an empty message."""
    for name in _FIELD.findall(template):
        if name not in FIELDS:
            raise InputError(
                f"the commit message template names {{{name}}}, which is no field",
                "use " + ", ".join(f"{{{field}}}" for field in FIELDS),
            )
    if not template.strip():
        raise InputError("the commit message template is empty", "give a template or none")
    return template


def templated_message(template: str, series: str, entry: LetterEntry, message: str) -> str:
    """`template` with its fields filled in for the letter `entry`; `message` is the
    tracker's own. Other braces are kept as written."""
    fields = {
        "series": series,
        "date": entry.date.isoformat(),
        "title": squash(entry.title),
        "summary": entry.summary,
        "moves": ", ".join(m for m in entry.moves.split("; ") if m),
        "subject": message.split("\n", 1)[0],
        "message": message,
    }
    return _FIELD.sub(lambda m: fields[m[1]], template).strip()

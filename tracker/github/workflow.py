"""The workflow a tracking repository runs: `tracker init --action` writes it."""

from __future__ import annotations

# The workflow a tracking repository runs; `tracker init` writes it with the action's ref.
_WORKFLOW = """\
# Runs the letter tracker on every push of a letter: each new letter under letters/ is
# ingested, its change report is written, and snapshot and report are committed back.
name: track letters

on:
  push:
    paths:
      - "letters/**"
  workflow_dispatch:

# No token rights by default; the one job below gets the {rights} it needs.
permissions: {{}}

# One run at a time: two runs ingesting at once would race for the same reports. A waiting run
# that a newer one replaces loses nothing: every run ingests all the letters not yet tracked.
concurrency:
  group: track-letters-${{{{ github.ref }}}}
  cancel-in-progress: false

jobs:
  track:
    name: ingest new letters
    runs-on: ubuntu-latest
    permissions:
      contents: write # to commit snapshots and reports and push them
{issues_right}    timeout-minutes: 30
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: {action_ref}{uses_note}
        with:
          letters: letters
{issues_input}"""


ISSUES_WHY = "to open an issue per new letter"


def workflow_yaml(action_ref: str, *, open_issue: bool = False) -> str:
    """The track-letters workflow that runs the action `action_ref` (`owner/repo@sha` or `./`);
    with `open_issue`, it opens an issue per new letter and asks for the right to."""
    if not action_ref or any(ch.isspace() for ch in action_ref):
        raise ValueError(f"not an action reference: {action_ref!r}")
    # The job checks the repository out anyway, and actionlint does not yet know GitHub's
    # `$/` self-repository form that zizmor prefers to `./`; so `./` stays, said once here.
    note = "  # zizmor: ignore[self-repository]" if action_ref.startswith("./") else ""
    return _WORKFLOW.format(
        action_ref=action_ref,
        uses_note=note,
        rights="two rights" if open_issue else "one right",
        issues_right=f"      issues: write # {ISSUES_WHY}\n" if open_issue else "",
        issues_input='          open-issue: "true"\n' if open_issue else "",
    )

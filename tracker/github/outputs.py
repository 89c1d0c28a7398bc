"""Step outputs: the `$GITHUB_OUTPUT` file, each value behind a random delimiter."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path


def output_block(name: str, value: str, delimiter: str) -> str:
    """One `$GITHUB_OUTPUT` entry in the multi-line form `name<<DELIM … DELIM`."""
    if delimiter in name or delimiter in value:
        # The toolkit refuses this too: the value would end the block early.
        raise ValueError("the output delimiter occurs in the output")
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"


def outputs_text(outputs: Mapping[str, str], *, delimiter: str | None = None) -> str:
    """The `$GITHUB_OUTPUT` text for several outputs, each behind a random delimiter."""
    delim = delimiter or f"ghadelimiter_{secrets.token_hex(16)}"
    return "".join(output_block(name, value, delim) for name, value in outputs.items())


def write_outputs(path: Path, outputs: Mapping[str, str]) -> None:
    """Append outputs to the `$GITHUB_OUTPUT` file."""
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(outputs_text(outputs))

"""The README documents every command and every option of the `tracker` command."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from tracker.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _named(word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", README) is not None


def test_every_command_and_option_is_in_the_readme() -> None:
    command = typer.main.get_command(app)
    missing = []
    for name, sub in command.commands.items():
        if not _named(f"tracker {name}"):
            missing.append(f"tracker {name}")
        for param in sub.params:
            if param.param_type_name != "option" or "--help" in param.opts:
                continue
            if not any(_named(opt) for opt in param.opts):
                missing.append(f"tracker {name} {param.opts[0]}")
    assert missing == []

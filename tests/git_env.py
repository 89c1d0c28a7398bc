"""The tests' git runs in repositories of their own, never in the one that runs the tests."""

from __future__ import annotations

import os

REPOSITORY_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)
"""What tells git which repository to act on, wherever it runs."""


def forget_outer_repository() -> None:
    """Drop the variables git hands the commands it runs (`git rebase --exec "make test"`, a
    hook): left in place, every git the tests start in a temporary folder would act on the
    repository under test instead, committing to it, or making it bare with `git init --bare`."""
    for name in REPOSITORY_VARIABLES:
        os.environ.pop(name, None)

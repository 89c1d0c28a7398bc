"""Regular expressions compiled on first use.

Compiling the package's patterns is a third of what starting the tracker costs: Python's
regular expression compiler is itself Python. Most patterns are needed by every letter, but
some only by a wording few letters use ("the second half of 2023", "the September quarter"):
those wait for a text that may match them.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A pattern compiled the first time `compiled` is asked for; `re.compile`'s arguments."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int | re.RegexFlag = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern, the same object every time."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

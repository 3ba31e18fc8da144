"""Problems found in a user's file: values, not exceptions.

A problem points at one place (1-based line and column) so editors can jump to it, says what
is wrong in the user's language, and, where it can, how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, ordered by place so a run's output is stable."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    #: Another file the problem is about (the earlier report a duplicate repeats), if any.
    related: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def full_message(self) -> str:
        """The message with its hint, as one line."""
        return f"{self.message}（{self.hint}）" if self.hint else self.message


class UsageError(Exception):
    """The run cannot go on because of how it was called (a missing file, a bad option)."""

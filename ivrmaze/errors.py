"""ivrmaze's exceptions: one hierarchy under IvrmazeError, so callers can catch what they mean.

Vocabulary layer: imports nothing from ivrmaze. Library code raises these; only the CLI words
them as problems of an option (``--at``, ``-o``).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class IvrmazeError(Exception):
    """Base of every error ivrmaze raises on purpose."""


class UsageError(IvrmazeError):
    """A command or API call was given something it cannot use (bad path, bad option)."""


class MazeLoadError(IvrmazeError):
    """Menu files have errors; ``problems`` holds the findings."""

    def __init__(self, problems: Iterable[Any]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else "no details"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"menu files have errors: {where}{more}")


class SourceError(IvrmazeError):
    """A file cannot be read as data at all; carries the finding kind, message and position."""

    def __init__(self, kind: str, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


class ScheduleError(IvrmazeError, ValueError):
    """A bad day spec, time range or date; the message says what was expected."""


class PeriodError(IvrmazeError, ValueError):
    """A period (an instant, a window or a list of them) that cannot be read."""


class InstantError(UsageError, ValueError):
    """An instant that cannot be read (``"Fri 16:30"``, ``2011-04-25T10:00``)."""

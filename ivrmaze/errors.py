"""ivrmaze's exceptions: a small hierarchy, so callers can catch what they mean."""
from __future__ import annotations


class IvrmazeError(Exception):
    """Base of every error ivrmaze raises on purpose."""


class UsageError(IvrmazeError):
    """A command or API call was given something it cannot use (bad path, bad option)."""


class MazeLoadError(IvrmazeError):
    """Menu files have errors; ``problems`` holds the findings."""

    def __init__(self, problems):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else "no details"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"menu files have errors: {where}{more}")

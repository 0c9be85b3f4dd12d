"""Formatters turn findings (and metrics) into text for people and machines. They never analyse."""
from __future__ import annotations

import os
from collections.abc import Mapping

from ..findings import Finding


def default_format(environ: Mapping[str, str] | None = None) -> str:
    """The format when ``--format`` is not given: ``github`` under GitHub Actions, else ``text`` (as yamllint)."""
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def when_text(f: Finding) -> str:
    """When ``f`` holds, in the one window format: ``Mon-Fri 16:00-20:00; Sat all day``, or ``always``."""
    return "; ".join(f.when) if f.when else "always"


def with_when(message: str, f: Finding) -> str:
    """``message (when: Mon-Fri 16:00-20:00; Sat all day)`` for a finding that holds at some times only."""
    return f"{message} (when: {'; '.join(f.when)})" if f.when else message

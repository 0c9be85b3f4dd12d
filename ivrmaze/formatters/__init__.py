"""Formatters turn findings (and metrics) into text for people and machines. They never analyse."""
from __future__ import annotations

import os
from collections.abc import Mapping


def default_format(environ: Mapping[str, str] | None = None) -> str:
    """The format when ``--format`` is not given: ``github`` under GitHub Actions, else ``text`` (as yamllint)."""
    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"

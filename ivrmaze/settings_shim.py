"""SHIM(lead): the settings table until H3's ``config.Settings`` and ``checks.SETTINGS`` are merged.

Delete this module at merge: annotate with ``config.Settings`` and take the default table from
``ivrmaze.checks.SETTINGS`` (callers at the orchestration layer pass it; see PLAN.md, "config").
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .config import DEFAULT_LIMITS, LIMIT_DOCS
from .kinds import KINDS, Kind


@dataclass(frozen=True)
class Settings:
    """The shape of H3's ``config.Settings``."""

    kinds: Mapping[str, Kind]  # every finding kind by name (loading, maze, expectation)
    aliases: Mapping[str, str]  # a renamed kind's old name -> its name
    limits: Mapping[str, tuple[int, str]]  # limit name -> (default, doc)


@cache
def old_settings() -> Settings:
    """The table built the old way, from ivrmaze/kinds.py and ivrmaze/config.py."""
    return Settings(kinds=dict(KINDS), aliases={},
                    limits={name: (default, LIMIT_DOCS.get(name, "")) for name, default in DEFAULT_LIMITS.items()})

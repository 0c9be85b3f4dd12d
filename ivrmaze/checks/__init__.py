"""One module per check. Each holds everything about it: ``KIND`` (or ``KINDS``: name, stable
code, aliases, default severity, summary, enabled by default), ``LIMITS`` (limit name ->
(default, doc)), optionally ``LISTS`` (list setting name -> (doc, what makes an item unusable))
and ``check(ctx) -> iterable of Finding``, thin code that turns analysis results into findings.
The tables every other layer reads (``KINDS``, ``ALIASES``, ``LIMITS``,
``SETTINGS``) are built here from the modules. A check never reads severities: ``run_checks``
skips the checks no file enables, and the caller's ``config.apply`` sets each severity.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from ..config import Config, Settings
from ..findings import Finding
from ..kinds import BASE, Kind
from . import (
    _aside,
    announced_keys,
    cannot_follow,
    dead_end,
    endless_reprompt,
    first_failure_disconnect,
    hours_unknown,
    missing_error_route,
    no_way_out,
    no_zero_out,
    ping_pong,
    silent_bounce,
    too_deep,
    too_many_options,
    too_many_retells,
    trap,
    unreachable,
    unresolvable_intent,
)
from .context import CheckContext

CHECKS: tuple[ModuleType, ...] = (unreachable, dead_end, trap, ping_pong, unresolvable_intent, too_many_options,
                                  too_deep, too_many_retells, no_zero_out, silent_bounce, cannot_follow, hours_unknown,
                                  announced_keys, endless_reprompt, first_failure_disconnect, no_way_out,
                                  missing_error_route)


def kinds_of(check: Any) -> tuple[Kind, ...]:
    """The kinds a check module reports."""
    return tuple(check.KINDS) if hasattr(check, "KINDS") else (check.KIND,)


def settings_of(checks: Sequence[Any]) -> Settings:
    """The table of ``checks`` (modules, or anything with their KIND or KINDS and LIMITS)."""
    kinds = sorted([*BASE.values(), *(k for c in checks for k in kinds_of(c))], key=lambda k: k.code)
    limits = {name: value for c in checks for name, value in c.LIMITS.items()}
    lists = {name: value for c in checks for name, value in getattr(c, "LISTS", {}).items()}
    aliases = {old: k.name for k in kinds for old in k.aliases}
    taken = Counter([k.name for k in kinds] + [k.code for k in kinds] + [old for k in kinds for old in k.aliases])
    twice = sorted(word for word, n in taken.items() if n > 1)
    if twice:  # a code or name means one kind, forever
        raise ValueError(f"finding kinds given twice: {', '.join(twice)}")
    return Settings({k.name: k for k in kinds}, aliases, limits, lists)


#: The table config, the loader and the schema read: every kind, old names, every limit.
SETTINGS = settings_of(CHECKS)
#: Every finding kind by name, in code order (loading, maze, expectation).
KINDS: dict[str, Kind] = dict(SETTINGS.kinds)
#: A renamed kind's old name -> its name.
ALIASES: dict[str, str] = dict(SETTINGS.aliases)
#: Limit name -> default.
LIMITS: dict[str, int] = {name: default for name, (default, _) in SETTINGS.limits.items()}


def run_checks(computed: Any, config: Config) -> list[Finding]:
    """Every enabled check's findings, at their kinds' default severities (``config.apply``
    then sets the configured ones); a big maze's on two cores (``_aside``)."""
    ctx = CheckContext(computed, config)
    files = list(ctx.maze.files)
    # a check no file enables is not run at all (no-zero-out is off by default)
    enabled = [c for c in CHECKS if any(config.setting(f, k.name)[0] for k in kinds_of(c) for f in files)]

    def run(check: ModuleType) -> list[Finding]:
        return list(check.check(ctx))

    parts = _aside.run_split(enabled, run) if _aside.worth_it(ctx, enabled) else [run(c) for c in enabled]
    return [f for part in parts for f in part]

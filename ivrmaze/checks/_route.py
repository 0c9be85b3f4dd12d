"""Shared by the route-based checks (too-deep, too-many-retells)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..graph import route_shown
from ._where import intent_pos
from .context import CheckContext


class Over(NamedTuple):
    """A (file, entry, intent) whose best route goes over a limit: where to report it, the
    worst row, the windows (None: at all times) and the limit."""

    file: str
    line: int
    column: int
    entry: str
    intent: str
    worst: Any
    when: tuple[str, ...] | None
    limit: int


def over_limit(ctx: CheckContext, metric: str, limit_name: str) -> Iterator[Over]:
    """Per (file, entry, intent): the rows whose ``metric`` exceeds the limit, grouped. One pass
    over the rows: each row is counted once and grouped once."""
    rows_of: Counter[tuple[str, str, str]] = Counter()
    groups: dict[tuple[str, str, str], list[Any]] = {}
    for m in ctx.rows:
        key = (m.file, m.entry, m.intent)
        rows_of[key] += 1
        value = getattr(m, metric)
        if value is not None and value > ctx.config.limit(m.file, limit_name):
            groups.setdefault(key, []).append(m)
    for (file, entry, intent), ms in groups.items():
        worst = max(ms, key=lambda m: getattr(m, metric))
        f, line, col = intent_pos(ctx, file, intent)
        every = len(ms) == rows_of[(file, entry, intent)]
        when = None if every and ctx.at is None else tuple(w for m in ms for w in m.when)
        yield Over(f, line, col, entry, intent, worst, when, ctx.config.limit(file, limit_name))


def route_text(route: Iterable[str], file: str) -> str:
    """A route as a designer reads it in ``file``: `main -> billing -> other.yaml#desk`."""
    return " -> ".join(route_shown(route, file))

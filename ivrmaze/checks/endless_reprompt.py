"""endless-reprompt: a caller who stays silent (or presses only wrong keys) at a menu hears the
same prompts again and again, for ever: the failing caller's walk (``_failing``) goes round a
cycle that no retry bound ends.

`retries` bounds the failures in a row only while the call goes from menu to menu on its
`no_input` / `no_match` routes; `exhausted` and any other move (a "sorry" message, a branch, a
closed team's redirect) start the count again. So `no_input: main` on `main` ends after
`retries` failures, but `exhausted: main`, or `no_input: sorry` with `sorry` leading back to
`main`, goes round for ever. One finding per cycle, with the windows in which it exists; the
key to edit is the first failure route on it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from ..kinds import Kind
from ._caps import cap_text
from ._failing import MODE_WORDS, MODES, cycles, explore, walks
from ._failing_arrays import cycle_states_of
from ._where import edge_pos, names, node_pos
from .context import CheckContext, finding

KIND = Kind("endless-reprompt", "IVM218", "warning",
            "A caller who stays silent or presses wrong keys hears the menu again for ever.")
LIMITS: dict[str, tuple[int, str]] = {}

_FAILURES = ("no_input", "no_match", "exhausted")


@dataclass
class _Cycle:
    """One cycle over every state: how callers fall in, its route, the windows by state."""

    modes: list[str] = field(default_factory=list)
    route: list[tuple[int, int | None]] = field(default_factory=list)
    edges: set[int] = field(default_factory=set)
    windows: dict[int, list[Any]] = field(default_factory=dict)


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    reached = np.array([res.reach_all for res, _ in ctx.groups])
    looked = reached | ~reached.any(axis=0)  # a menu never reached is judged at every state
    found: dict[frozenset[int], _Cycle] = {}
    for s, ((_, windows), at, walk) in enumerate(zip(ctx.groups, looked, walks(ctx), strict=True)):
        on_cycles = cycle_states_of(walk, np.flatnonzero(st.is_menu & at), MODES)
        for mode in MODES:
            graph = explore(walk, on_cycles[mode], mode)  # the walk from its cycles only
            for part in cycles(graph):
                nodes = frozenset(i for i, _ in part)
                if not any(st.kind[i] == "menu" for i in nodes):
                    continue  # messages and redirects going round without a menu: a trap, not a re-prompt
                c = found.setdefault(nodes, _Cycle())
                if mode not in c.modes:
                    c.modes.append(mode)
                if not c.route:
                    c.route, c.edges = _route(ctx, graph, set(part))
                c.windows[s] = windows
    for nodes, c in sorted(found.items(), key=lambda kv: _where(ctx, kv[1])[:3]):
        yield _finding(ctx, nodes, c)


def _route(ctx: CheckContext, graph: dict[Any, Any], part: set[Any]) -> tuple[list[tuple[int, int | None]], set[int]]:
    """Once round the cycle from its first menu (by position) with the fewest failures: the
    nodes played with the edge into each (None: the menu played again), and the routes that
    start the count again (`exhausted`, or a failure route out of the menus)."""
    st = ctx.static
    start = min((s for s in part if st.kind[s[0]] == "menu"), key=lambda s: (node_pos(ctx, s[0])[:3], s[1]))
    route: list[tuple[int, int | None]] = [(start[0], None)]
    resets: set[int] = set()
    s, seen = start, {start}
    while True:
        s2, e = next((t, e) for t, e in graph[s] if t in part)
        if e is not None and st.edata[e]["via"] in _FAILURES and (
                st.edata[e]["via"] == "exhausted" or st.kind[s2[0]] != "menu"):
            resets.add(e)
        route.append((s2[0], e))
        if s2 in seen:
            return route, resets
        seen.add(s2)
        s = s2


def _where(ctx: CheckContext, c: _Cycle) -> tuple[str, int, int, str]:
    if c.edges:
        return min((edge_pos(ctx, e) for e in c.edges), key=lambda w: w[:3])
    return node_pos(ctx, c.route[0][0])


def _shown(ctx: CheckContext, route: list[tuple[int, int | None]], file: str) -> str:
    """`main (3 times) -> (exhausted) sorry -> main`: the route, a menu played again in place
    counted, a failure or closed route named."""
    out: list[list[Any]] = []  # [label, name, times]
    for i, e in route:
        via = ctx.static.edata[e]["via"] if e is not None else "next"
        if out and out[-1][1] == ctx.name(i, file) and (e is None or via in MODES):
            out[-1][2] += 1  # the menu again, in place or by its own no_input/no_match
            continue
        out.append([f"({via}) " if via in (*_FAILURES, "closed") else "", ctx.name(i, file), 1])
    return " -> ".join(f"{label}{n}" + (f" ({k} times)" if k > 1 else "") for label, n, k in out)


def _finding(ctx: CheckContext, nodes: frozenset[int], c: _Cycle) -> Finding:
    file, line, col, nid = _where(ctx, c)
    when = ctx.when([w for s in sorted(c.windows) for w in c.windows[s]], file)
    prefix = "at these times " if ctx.at is None and when is not None else ""
    who = " or ".join(MODE_WORDS[m] for m in MODES if m in c.modes)
    first = ctx.name(c.route[0][0], file)
    platform = ctx.maze.files[file].platform
    return finding(KIND, f"{prefix}callers who {who} at `{first}` go round {_shown(ctx, c.route, file)} for "
                   "ever: no retry bound ends it, expected `retries` failures to end in an `exhausted` route to a "
                   f"person, a callback or a closing message{cap_text(platform)}", file, line, col, node=nid,
                   when=when, nodes=names(ctx, nodes, file))

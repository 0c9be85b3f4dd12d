"""first-failure-disconnect: a menu that cuts the call off at the caller's first silence or
first wrong key: the failing caller's walk (``_failing``) from the menu, after one failure,
reaches the end of the call (a hangup, or messages that end in one) before any prompt, person,
voicemail or callback. `no_input: hangup`, `retries: 1` with `exhausted: hangup` (the default),
`no_match: goodbye` with `goodbye` a message that ends the call: all give the caller no second
chance. A loop's next round (a platform flow's retry block) is walked too: back to the menu, it is a
second chance. A menu with no options (nothing to press) is not judged. Every way the call can go
(a decision's outcomes) must end it for a finding.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..graph import Role
from ..kinds import Kind
from ._failing import ENDS, MODES, Walk, walks
from ._failing_arrays import not_cut
from .context import CheckContext, finding

KIND = Kind("first-failure-disconnect", "IVM219", "warning",
            "A menu hangs up on the caller's first silence or first wrong key.")
LIMITS: dict[str, tuple[int, str]] = {}

_ON_FIRST = {"no_input": "the first silence", "no_match": "the first wrong key"}


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    reached = np.array([res.reach_all for res, _ in ctx.groups])
    looked = reached | ~reached.any(axis=0)  # a menu never reached is judged at every state
    has_options = np.zeros(len(st.nodes), dtype=bool)
    has_options[st.src[st.role == Role.CALLER]] = True
    found: dict[tuple[int, tuple[str, ...]], tuple[dict[str, list[int]], list[Any]]] = {}
    for (_, windows), at, walk in zip(ctx.groups, looked, walks(ctx), strict=True):
        menus = np.flatnonzero(st.is_menu & has_options & at)
        maybe = _maybe_cut(walk, menus, not_cut(walk))  # the walk below decides, for these only
        for m in np.flatnonzero(np.any(list(maybe.values()), axis=0)).tolist():
            routes = {mode: r for mode in MODES if maybe[mode][m] and (r := _cut_off(walk, m, mode)) is not None}
            if routes:
                key = (m, tuple(routes))
                found.setdefault(key, (routes, []))[1].extend(windows)
    for (m, _), (routes, windows) in sorted(found.items(), key=lambda kv: _where(ctx, kv[0][0], kv[0][1], kv[1][0])):
        yield _finding(ctx, m, routes, windows)


def _maybe_cut(walk: Walk, menus: Any, kept: Any) -> dict[str, Any]:
    """Per mode, per node: whether the first failure at menu (in ``menus``) can lead to the end of
    the call, on arrays: not when the menu plays again or the move after it reaches a node that
    ``kept`` marks (``_failing_arrays.not_cut``)."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = walk.st
    tired = walk.bound[menus] <= 1
    out = {}
    for mode in MODES:
        e = np.where(tired, walk.fail["exhausted"][menus], walk.fail[mode][menus])
        maybe = np.zeros(len(st.nodes), dtype=bool)
        maybe[menus] = np.where(e >= 0, ~kept[st.dst[np.maximum(e, 0)]], tired)
        out[mode] = maybe
    return out


def _cut_off(walk: Walk, m: int, mode: str) -> list[int] | None:
    """The edges from menu ``m``'s first failure to the end of the call, when every way after
    it ends the call before a prompt, a person, a message box or a callback; else None."""
    first = walk.step((m, 0), mode)
    if not first:
        return []  # no exhausted route at all: the call ends
    route: list[int] | None = None
    todo = [(s, [e] if e is not None else [], frozenset[int]()) for s, e in first]
    seen: set[int] = set()
    while todo:
        (i, _), edges, path = todo.pop()
        if walk.st.kind[i] == "menu":
            return None  # another prompt: a second chance
        why = walk.ends(i)
        if why is not None and why != ENDS:
            return None
        if why == ENDS:
            route = route if route is not None else edges
            continue
        if i in path:
            return None  # going round without a prompt: a trap, reported as one
        if i in seen:
            continue  # reached another way already
        seen.add(i)
        nxt = [(s, e) for s, e in walk.step((i, 0), mode) if e is not None]
        nxt += [((int(walk.st.dst[e]), 0), e) for e in walk.again_edge[walk.st.src[walk.again_edge] == i].tolist()]
        todo += [(s, edges + [e], path | {i}) for s, e in nxt]  # a loop's next round: it may prompt again
    return route


def _where(ctx: CheckContext, m: int, modes: tuple[str, ...], routes: dict[str, list[int]]) -> tuple[str, int, int]:
    """The key to edit: `retries` when it is 1, else the first failure route written."""
    a = ctx.node_attr(m)
    node = ctx.maze.files[a["file"]].nodes[a["id"]]
    if node.retries == 1:
        p = node.field_pos.get("retries", node.pos)
        return a["file"], p.line, p.column
    for mode in modes:
        for e in routes[mode][:1]:
            d = ctx.static.edata[e]
            if not d.get("default"):
                return d["file"], d["line"], d["column"]
    return a["file"], a["line"], a["column"]


def _finding(ctx: CheckContext, m: int, routes: dict[str, list[int]], windows: list[Any]) -> Finding:
    a = ctx.node_attr(m)
    file, line, col = _where(ctx, m, tuple(routes), routes)
    when = ctx.when(windows, file)
    prefix = "at these times " if ctx.at is None and when is not None else ""
    dst = {mode: [int(ctx.static.dst[e]) for e in r] for mode, r in routes.items()}
    if len(routes) == 2 and dst["no_input"] == dst["no_match"]:
        same = routes["no_input"][:1] == routes["no_match"][:1]
        first = None if same else "no_input or no_match"
        on = f"the first silence or wrong key ({_route_text(ctx, m, routes['no_input'], file, first)})"
    else:
        on = " and on ".join(f"{_ON_FIRST[mode]} ({_route_text(ctx, m, routes[mode], file)})"
                             for mode in MODES if mode in routes)
    return finding(KIND, f"{prefix}menu `{a['id']}` hangs up on {on}, expected a second chance: the "
                   "menu again (`retries` of 2 or more, `no_input`/`no_match` back to it) or a route to a person, "
                   "a voicemail or a callback", file, line, col, node=a["id"], when=when)


def _route_text(ctx: CheckContext, m: int, edges: list[int], file: str, first: str | None = None) -> str:
    """`main -> (no_input) goodbye -> hangup`; ``first``: the label of the first move instead."""
    parts = [ctx.name(m, file)]
    for n, e in enumerate(edges):
        via = first if n == 0 and first else ctx.static.edata[e]["via"]
        label = f"({via}) " if via in (*MODES, "exhausted", "closed") or via == first else ""
        parts.append(label + ctx.name(int(ctx.static.dst[e]), file))
    return " -> ".join(parts)

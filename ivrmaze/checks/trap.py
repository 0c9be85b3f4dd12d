"""trap and after-hours-trap: for an intent, reachable nodes from which neither a resolution
nor the end of the call can be reached: the caller goes round forever. Over the week, a trap
that exists only while a team or branch on its route is closed is an after-hours-trap; any
other trap is a `trap`, with its windows when it does not exist at all times.

One finding per trap: per line, a set of nodes that callers go round in (a strongly connected
part that no move leaves) is one problem, whatever the state and whatever intents it traps; it
gets all those intents and exactly the windows in which that set is a trap (two traps of one
window are two findings, each with its own windows)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..graph import When, shown, unknown_hours_node
from ..kinds import Kind
from ..words import listing
from ._caps import cap_text
from ._where import Where, channel, edge_pos, edge_text, names, node_pos
from .context import CheckContext, finding

TRAP = Kind("trap", "IVM203", "error", "Callers with this intent go round forever.")
AFTER_HOURS_TRAP = Kind("after-hours-trap", "IVM204", "error",
                        "A trap that exists only while a team or branch on its route is closed.")
KINDS = (TRAP, AFTER_HOURS_TRAP)
LIMITS: dict[str, tuple[int, str]] = {}

if TYPE_CHECKING:
    import numpy as np


@dataclass
class _Trap:
    """One trap of a line over every state: the intents it traps, the moves into it, the
    closed-team redirects inside it, its windows by state, and by state whether a closed team
    or branch on its route makes it (an after-hours trap is made so in every state)."""

    intents: list[str] = field(default_factory=list)
    entering: set[int] = field(default_factory=set)
    redirects: set[int] = field(default_factory=set)
    windows: dict[int, list[Any]] = field(default_factory=dict)
    closed: dict[int, bool] = field(default_factory=dict)
    #: by state, the schedules not in the files (`hours: unknown`) that are tried closed there
    unknown: dict[int, frozenset[str]] = field(default_factory=dict)


#: One trap of a state as found: its nodes, the moves into it, the redirects inside it, and
#: whether a live `closed` route is among the nodes that lead into it or go round in it.
_Found = tuple[frozenset[int], set[int], set[int], bool]


def check(ctx: CheckContext) -> Iterator[Finding]:
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    st = ctx.static
    seen: dict[tuple[int, bytes, bytes], list[_Found]] = {}  # many intents share a state's trap
    live: dict[int, np.ndarray] = {}  # per state, once: its moves as a mask over the edges
    for ln in ctx.lines:
        traps: dict[frozenset[int], _Trap] = {}
        for s, (res, wins) in enumerate(ctx.groups):
            for intent in ln.intents:
                li = res.lines[(ln.node, intent)]
                if not len(li.trap_nodes):
                    continue
                key = (s, li.trap_nodes.tobytes(), li.entering.tobytes())
                if key not in seen:
                    if s not in live:
                        live[s] = np.zeros(len(st.src), dtype=bool)
                        live[s][res.moves.edge] = True
                    seen[key] = _found(st, live[s], li.trap_nodes, li.entering)
                for nodes, entering, redirects, made in seen[key]:
                    trap = traps.setdefault(nodes, _Trap())
                    if intent not in trap.intents:
                        trap.intents.append(intent)
                    trap.entering |= entering
                    trap.redirects |= redirects
                    trap.windows[s] = wins
                    trap.unknown[s] = ctx.maze.unknown_hours - res.state
                    trap.closed[s] = trap.closed.get(s, False) or made
        for nodes, trap in traps.items():
            yield _finding(ctx, ln, sorted(nodes), trap)


def _found(st: Any, live: np.ndarray, idx: np.ndarray, into: np.ndarray) -> list[_Found]:
    """The traps of one line, intent and state (``idx``: the trap's nodes, sorted; ``into``: the
    moves into it; ``live``: the state's moves as a mask over the edges): the strongly connected
    parts of the trap's nodes that no move leaves, where callers go round (its other nodes only
    lead into them). Only the trap's own nodes and edges are looked at (``Static.out_edges``):
    a big maze has hundreds of traps, and a pass over every edge for each was most of the check."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    from ..analysis.frontier import gather  # numpy, as above
    from ..analysis.graphs import csr, strong_components  # numpy, as above (scipy for big mazes)

    order, start = st.out_edges()
    e = np.sort(gather(start, order, idx)[1])  # in edge order, as a mask over every edge gives them
    e = e[live[e]]
    e = e[_at(idx, st.dst[e]) >= 0]  # the moves among the trap's nodes
    su, sv = _at(idx, st.src[e]), _at(idx, st.dst[e])
    A = csr(np.ones(len(e)), su, sv, (len(idx), len(idx)), st.small)
    n, label = strong_components(A)
    lu, lv = label[su], label[sv]
    left = np.zeros(n, dtype=bool)
    left[lu[lu != lv]] = True
    closed = st.when[e] == When.CLOSED  # the closed redirects among the trap's nodes (live: moves)
    # each trap node's sink part (-1: none, as for a node outside the trap); every edge is then
    # looked at once, not once per part
    cid = np.append(np.where(left[label], -1, label), -1)
    sinks = np.flatnonzero(~left)
    members = _by_part(label[~left[label]], idx[~left[label]])
    # moves into a part: from outside the trap, or from the trap's nodes that lead into it
    to = cid[_at(idx, st.dst[into])]
    fun, fun_src = cid[sv], cid[su]
    fun_keep = (fun >= 0) & (fun_src != fun)
    red_keep = closed & (fun_src >= 0) & (fun_src == fun)
    entering = _by_part(np.concatenate([to[to >= 0], fun[fun_keep]]),
                        np.concatenate([into[to >= 0], e[fun_keep]]))
    redirects = _by_part(fun_src[red_keep], e[red_keep])
    made = bool(closed.any())
    return [(frozenset(members[c]), set(entering.get(c, ())), set(redirects.get(c, ())), made)
            for c in sinks.tolist()]


def _at(idx: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Each of ``nodes``' position in the sorted ``idx``, -1 where it is not there (so that
    ``a[_at(...)]`` reads the last entry of an array with one more: a sentinel)."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy

    p = np.minimum(np.searchsorted(idx, nodes), max(len(idx) - 1, 0))
    return np.where(idx[p] == nodes, p, -1) if len(idx) else np.full(len(nodes), -1, dtype=np.int64)


def _by_part(parts: np.ndarray, items: np.ndarray) -> dict[int, list[int]]:
    """``items`` grouped by their ``parts``."""
    out: dict[int, list[int]] = {}
    for c, x in zip(parts.tolist(), items.tolist(), strict=True):
        out.setdefault(c, []).append(x)
    return out


def _finding(ctx: CheckContext, ln: Any, nodes: list[int], trap: _Trap) -> Finding:
    when = ctx.when([w for s in sorted(trap.windows) for w in trap.windows[s]], ln.file)
    # only over the week, and only when a closed team or branch makes it whenever it exists
    after_hours = ctx.at is None and when is not None and all(trap.closed.values())
    closed = _unknown_closed(trap, ln.file)
    kind = AFTER_HOURS_TRAP if after_hours or (closed and all(trap.closed.values())) else TRAP
    file, line, col, nid = _key_to_edit(ctx, ln, trap)
    members = names(ctx, nodes, file)
    intents = tuple(x for x in ln.intents if x in trap.intents)
    prefix = "at these times " if ctx.at is None and when is not None else ""
    if closed:
        prefix += f"if {listing(closed)} {'is' if len(closed) == 1 else 'are'} closed (hours not in the files), "
    return finding(kind, f"{prefix}callers who want {listing([f'`{x}`' for x in intents])}{channel(ln.entry)} go "
                   f"round forever among {listing(members)}{_how(ctx, trap)}, expected a way to a resolution or an "
                   "honest end (a callback, a closing message on a `closed` route, or `end: intended`)"
                   f"{cap_text(ctx.maze.files[file].platform)}", file, line, col, node=nid, intents=intents, when=when,
                   nodes=members)


def _unknown_closed(trap: _Trap, file: str) -> list[str]:
    """The nodes whose hours are not in the files and that are closed wherever the trap exists
    (none when it exists with them all open)."""
    sets = list(trap.unknown.values())
    if not sets or not all(sets):
        return []
    common = frozenset.intersection(*sets) or frozenset.union(*sets)
    return sorted(shown(unknown_hours_node(s), file) for s in common)


def _key_to_edit(ctx: CheckContext, ln: Any, trap: _Trap) -> Where:
    """Time-dependent redirects close the circle: they are the key to edit; else the first
    move into the trap; else the line's entry (the whole line is inside it)."""
    edges = trap.redirects or trap.entering
    if edges:
        return edge_pos(ctx, min(edges, key=lambda e: edge_pos(ctx, e)[:3]))
    return node_pos(ctx, ln.node)


def _how(ctx: CheckContext, trap: _Trap) -> str:
    how = ""
    if trap.redirects:
        how += f"; closed teams send callers back ({listing(sorted({edge_text(ctx, e) for e in trap.redirects}))})"
    if trap.entering:
        how += f"; callers fall in at {listing(sorted({edge_text(ctx, e) for e in trap.entering}))}"
    if not trap.redirects and not trap.entering:
        how = "; the whole line from its entry is inside it"
    return how

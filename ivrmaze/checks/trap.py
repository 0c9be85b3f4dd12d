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
from ..graph import When
from ..kinds import Kind
from ..words import listing
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


def check(ctx: CheckContext) -> Iterator[Finding]:
    st = ctx.static
    # per state, once: the live edges that exist only while a team is closed
    closed = [res.moves.edge[st.when[res.moves.edge] == When.CLOSED] for res, _ in ctx.groups]
    parts: dict[tuple[int, bytes], list[np.ndarray]] = {}  # (state, trap mask) -> its connected parts
    for ln in ctx.lines:
        traps: dict[frozenset[int], _Trap] = {}
        for s, ((res, wins), e) in enumerate(zip(ctx.groups, closed, strict=True)):
            for intent in ln.intents:
                li = res.lines[(ln.node, intent)]
                if not li.trap.any():
                    continue
                key = (s, li.trap.tobytes())
                if key not in parts:
                    parts[key] = _parts(st, res.moves, li.trap)
                for part in parts[key]:
                    trap = traps.setdefault(frozenset(part.tolist()), _Trap())
                    _add(st, res.moves, trap, part, li, intent, e)
                    trap.windows[s] = wins
                    # a live `closed` route among the nodes that lead into it or go round in it
                    made = bool((li.trap[st.src[e]] & li.trap[st.dst[e]]).any())
                    trap.closed[s] = trap.closed.get(s, False) or made
        for nodes, trap in traps.items():
            yield _finding(ctx, ln, sorted(nodes), trap)


def _parts(st: Any, mv: Any, mask: np.ndarray) -> list[np.ndarray]:
    """The traps of ``mask``: its strongly connected parts that no move leaves, where callers go
    round (the other nodes of ``mask`` only lead into them)."""
    import numpy as np  # here, not at the top: validate reads the checks' tables without numpy
    import scipy.sparse as sp
    from scipy.sparse import csgraph

    idx = np.flatnonzero(mask)
    e = mv.edge[mask[st.src[mv.edge]] & mask[st.dst[mv.edge]]]
    pos = np.full(len(mask), -1, dtype=np.int64)
    pos[idx] = np.arange(len(idx))
    A = sp.csr_matrix((np.ones(len(e)), (pos[st.src[e]], pos[st.dst[e]])), shape=(len(idx), len(idx)))
    n, label = csgraph.connected_components(A, directed=True, connection="strong")
    lu, lv = label[pos[st.src[e]]], label[pos[st.dst[e]]]
    left = np.zeros(n, dtype=bool)
    left[lu[lu != lv]] = True
    return [idx[label == c] for c in np.flatnonzero(~left).tolist()]


def _add(st: Any, mv: Any, trap: _Trap, part: np.ndarray, li: Any, intent: str, closed: np.ndarray) -> None:
    """Count ``intent``, the moves into ``part`` (from outside the mask, or from its nodes that
    only lead into traps) and the closed-team redirects inside it, for ``trap``."""
    import numpy as np

    if intent not in trap.intents:
        trap.intents.append(intent)
    inside = np.zeros(len(li.trap), dtype=bool)
    inside[part] = True
    e = mv.edge
    funnel = e[inside[st.dst[e]] & ~inside[st.src[e]] & li.trap[st.src[e]]]
    trap.entering |= set(li.entering[inside[st.dst[li.entering]]].tolist()) | set(funnel.tolist())
    trap.redirects |= set(closed[inside[st.src[closed]] & inside[st.dst[closed]]].tolist())


def _finding(ctx: CheckContext, ln: Any, nodes: list[int], trap: _Trap) -> Finding:
    when = ctx.when([w for s in sorted(trap.windows) for w in trap.windows[s]], ln.file)
    # only over the week, and only when a closed team or branch makes it whenever it exists
    after_hours = ctx.at is None and when is not None and all(trap.closed.values())
    kind = AFTER_HOURS_TRAP if after_hours else TRAP
    file, line, col, nid = _key_to_edit(ctx, ln, trap)
    members = names(ctx, nodes, file)
    intents = tuple(x for x in ln.intents if x in trap.intents)
    prefix = "at these times " if ctx.at is None and when is not None else ""
    return finding(kind, f"{prefix}callers who want {listing([f'`{x}`' for x in intents])}{channel(ln.entry)} go "
                   f"round forever among {listing(members)}{_how(ctx, trap)}, expected a way to a resolution or an "
                   "honest end (a closed message, a callback)", file, line, col, node=nid, intents=intents, when=when,
                   nodes=members)


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

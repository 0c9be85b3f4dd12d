"""trap and after-hours-trap: for an intent, reachable nodes from which neither a resolution
nor the end of the call can be reached: the caller goes round forever."""
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
AFTER_HOURS_TRAP = Kind("after-hours-trap", "IVM204", "error", "A trap or dead end that exists only at certain times.")
KINDS = (TRAP, AFTER_HOURS_TRAP)
LIMITS: dict[str, tuple[int, str]] = {}

if TYPE_CHECKING:
    import numpy as np


@dataclass
class _Trap:
    """One intent's trap over every state: its nodes, the moves into it, the closed-team
    redirects inside it, and the windows in which it exists."""

    nodes: np.ndarray | None = None  # the union of the states' trap masks
    entering: set[int] = field(default_factory=set)
    redirects: set[int] = field(default_factory=set)
    windows: list[Any] = field(default_factory=list)


def check(ctx: CheckContext) -> Iterator[Finding]:
    st = ctx.static
    # per state, once: the live edges that exist only while a team is closed
    closed = [res.moves.edge[st.when[res.moves.edge] == When.CLOSED] for res, _ in ctx.groups]
    for ln in ctx.lines:
        for intent in ln.intents:
            trap = _gather(ctx, (ln.node, intent), closed)
            if trap.windows:
                yield _finding(ctx, ln, intent, trap)


def _gather(ctx: CheckContext, key: tuple[int, str], closed: list[np.ndarray]) -> _Trap:
    st = ctx.static
    trap = _Trap()
    for (res, wins), e in zip(ctx.groups, closed, strict=True):
        li = res.lines[key]
        if li.trap.any():
            trap.nodes = li.trap.copy() if trap.nodes is None else trap.nodes | li.trap
            trap.entering |= set(li.entering.tolist())
            trap.redirects |= set(e[li.trap[st.src[e]] & li.trap[st.dst[e]]].tolist())
            trap.windows.extend(wins)
    return trap


def _finding(ctx: CheckContext, ln: Any, intent: str, trap: _Trap) -> Finding:
    when = ctx.when(trap.windows, ln.file)
    kind = TRAP if when is None or ctx.at is not None else AFTER_HOURS_TRAP
    file, line, col, nid = _key_to_edit(ctx, ln, trap)
    how = _how(ctx, trap)
    members = names(ctx, [] if trap.nodes is None else trap.nodes.nonzero()[0].tolist(), file)
    prefix = "at these times " if kind is AFTER_HOURS_TRAP else ""
    return finding(kind, f"{prefix}callers who want `{intent}`{channel(ln.entry)} go round forever among "
                   f"{listing(members)}{how}, expected a way to a resolution or an honest end (a closed message, "
                   "a callback)", file, line, col, node=nid, intent=intent, when=when, nodes=members)


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

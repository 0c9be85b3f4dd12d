"""trap and after-hours-trap: for an intent, reachable nodes from which neither a resolution
nor the end of the call can be reached: the caller goes round forever."""
from __future__ import annotations

import numpy as np

from ..findings import Finding
from ._where import edge_pos, edge_text, listing, names, node_pos

KINDS = ("trap", "after-hours-trap")


def check(ctx, rows):
    for ln in ctx.lines:
        for intent in ln.intents:
            nodes = np.zeros(len(ctx.static.nodes), dtype=bool)
            entering: set[int] = set()
            redirects: set[int] = set()
            windows = []
            st = ctx.static
            for res, wins in ctx.groups:
                li = res.lines[(ln.node, intent)]
                if li.trap.any():
                    nodes |= li.trap
                    entering |= set(li.entering.tolist())
                    e = res.moves.edge
                    inner = e[li.trap[st.src[e]] & li.trap[st.dst[e]] & (st.when[e] == 2)]
                    redirects |= set(inner.tolist())
                    windows.extend(wins)
            if not windows:
                continue
            when = ctx.when(windows, ln.file)
            kind = "trap" if when is None or ctx.at is not None else "after-hours-trap"
            if redirects:
                # time-dependent redirects close the circle: that is the key to edit
                first = min(redirects, key=lambda e: edge_pos(ctx, e)[:3])
                file, line, col, nid = edge_pos(ctx, first)
                closes = sorted({edge_text(ctx, e) for e in redirects})
                how = f"; closed teams send callers back ({listing(closes)})"
                if entering:
                    how += f"; callers fall in at {listing(sorted({edge_text(ctx, e) for e in entering}))}"
            elif entering:
                first = min(entering, key=lambda e: edge_pos(ctx, e)[:3])
                file, line, col, nid = edge_pos(ctx, first)
                falls = sorted({edge_text(ctx, e) for e in entering})
                how = f"; callers fall in at {listing(falls)}"
            else:
                file, line, col, nid = node_pos(ctx, ln.node)
                how = "; the whole line from its entry is inside it"
            members = names(ctx, np.flatnonzero(nodes), file)
            prefix = "at these times " if kind == "after-hours-trap" else ""
            via = "" if ln.entry == "phone" else f" (channel {ln.entry})"
            yield Finding(kind, f"{prefix}callers who want `{intent}`{via} go round forever among {listing(members)}"
                          f"{how}, expected a way to a resolution or an honest end (a closed message, a callback)",
                          file, line, col, node=nid, intent=intent, when=when, nodes=members)

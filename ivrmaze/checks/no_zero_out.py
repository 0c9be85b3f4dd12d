"""no-zero-out: a menu with no option that leads to a human within one more hop.
Off by default; enable with `checks: {no-zero-out: true}`."""
from __future__ import annotations

from ..findings import Finding

KINDS = ("no-zero-out",)


def check(ctx, rows):
    G = ctx.maze.graph
    for q, a in G.nodes(data=True):
        if a["kind"] != "menu":
            continue
        human = False
        for _, v, d in G.out_edges(q, data=True):
            if d["role"] != "caller":
                continue
            if G.nodes[v]["kind"] == "queue" or any(
                    G.nodes[w]["kind"] == "queue" for _, w, dd in G.out_edges(v, data=True) if dd["role"] == "auto"):
                human = True
                break
        if not human:
            yield Finding("no-zero-out", f"menu `{a['id']}` has no option that reaches a person within one more hop, "
                          "expected an option (often 0) that leads to an agent", a["file"], a["line"], a["column"],
                          node=a["id"])

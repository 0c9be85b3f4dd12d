"""A brute-force oracle for the analysis: plain Python over the parsed model (MenuFile), not the
graph or the arrays. Slow and obvious on purpose; used on small random menus."""
from __future__ import annotations

import itertools

INF = float("inf")


def moves(mf, state_open, intent):
    """node -> (chooser, [targets with multiplicity]) at a state; chooser: caller|agent|auto|end|resolved."""
    out = {}
    for nid, node in mf.nodes.items():
        open_ = node.hours is None or node.hours in state_open
        settles = node.resolves == "*" or intent in node.resolves
        resolved = settles and (node.kind != "queue" or open_)
        if resolved:
            out[nid] = ("resolved", [])
            continue
        links = node.links
        if node.kind == "menu":
            t = [l.target for l in links if l.via == "options"]
            if not t:
                t = [l.target for l in links if l.via in ("no_input", "no_match", "exhausted")]
                out[nid] = ("caller", t) if t else ("end", [])
            else:
                out[nid] = ("caller", t)
        elif node.kind == "say":
            out[nid] = ("auto", [l.target for l in links if l.via == "next"])
        elif node.kind == "queue":
            if open_:
                t = [l.target for l in links if l.via == "transfers"]
                out[nid] = ("agent", t) if t else ("end", [])
            else:
                out[nid] = ("auto", [l.target for l in links if l.via == "closed"])
        elif node.kind == "branch":
            want = "open" if node.hours in state_open else "closed"
            out[nid] = ("auto", [l.target for l in links if l.via == want])
        else:
            out[nid] = ("end", [])
        if out[nid][0] != "end" and not out[nid][1]:
            out[nid] = ("end", [])
    out["hangup"] = ("end", [])
    return out


def humans(mf, state_open):
    return {nid for nid, n in mf.nodes.items() if n.kind == "queue" and (n.hours is None or n.hours in state_open)}


def best(mf, mv, entry, hum, warm_edges, limit=9, auto_edges=frozenset()):
    """(hops, retells) by enumerating every path up to ``limit`` hops. A warm transfer carries the
    story along automatic moves (``auto_edges``: messages, branches, closed routes) until the next
    human picks up: meeting that human costs no retell."""
    bestv = None
    stack = [(entry, 0, 0, entry in hum, False)]
    while stack:
        node, hops, retells, met, carried = stack.pop()
        kind, targets = mv[node]
        if kind == "resolved":
            if bestv is None or (hops, retells) < bestv:
                bestv = (hops, retells)
            continue
        if hops >= limit:
            continue
        for t in set(targets):
            warm = (node, t) in warm_edges
            carry = warm or (carried and (node, t) in auto_edges)
            r, m = retells, met
            if t in hum:
                if met and not carry:
                    r += 1
                m, carry = True, False
            stack.append((t, hops + 1, r, m, carry))
    return bestv


def guaranteed(mv, entry, rounds=40):
    V = {n: (0 if k == "resolved" else INF) for n, (k, _) in mv.items()}
    for _ in range(rounds):
        W = {}
        for n, (k, ts) in mv.items():
            if k == "resolved":
                W[n] = 0
            elif k == "end" or not ts:
                W[n] = INF
            elif k == "agent":
                W[n] = 1 + max(V[t] for t in ts)
            else:
                W[n] = 1 + min(V[t] for t in ts)
        V = W
    return None if V[entry] == INF else int(V[entry])


def probability(mv, entry, rounds=4000):
    x = {n: (1.0 if k == "resolved" else 0.0) for n, (k, _) in mv.items()}
    for _ in range(rounds):
        x = {n: (1.0 if k == "resolved" else 0.0 if k == "end" else sum(x[t] for t in ts) / len(ts))
             for n, (k, ts) in mv.items()}
    return x[entry]


def reach(mv, start):
    seen, stack = set(), [start]
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        k, ts = mv[n]
        if k not in ("resolved", "end"):
            stack.extend(ts)
    return seen


def trap(mv, entry):
    """Nodes reachable from the entry from which no end and no resolution can be reached."""
    out = set()
    for n in reach(mv, entry):
        if not any(mv[m][0] in ("resolved", "end") for m in reach(mv, n)):
            out.add(n)
    return out


def expected(mv, entry, rounds=6000):
    if trap(mv, entry):
        return None
    t = {n: 0.0 for n in mv}
    for _ in range(rounds):
        t = {n: (0.0 if k in ("resolved", "end") else 1 + sum(t[x] for x in ts) / len(ts))
             for n, (k, ts) in mv.items()}
    return t[entry]


def states(mf):
    names = sorted(mf.schedules)
    for bits in itertools.product([False, True], repeat=len(names)):
        yield frozenset(n for n, b in zip(names, bits) if b)

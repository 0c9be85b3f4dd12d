"""The step between loading and the analysis (issue 15) against the straightforward ways it
replaces, on random mazes and on the shipped menus and fixtures: graph.graph_parts (a node's edges
in a few list operations, their attributes made when read) against the loop of a statement per
edge it was, edge for edge and attribute for attribute, and moves.build_static over its columns
against the arrays of a Python loop over the attribute dicts."""
import pathlib

import numpy as np
import pytest
from conftest import FIXTURES, MENUS, random_maze
from hypothesis import given, settings
from hypothesis import strategies as hs
from test_analysis_fast_kinds import flows

import ivrmaze
from ivrmaze import graph as G
from ivrmaze.analysis.moves import Static, build_static
from ivrmaze.testing.strategies import menus

# -- the straightforward ways: graph_parts and build_static as they were before issue 15 --------


def plain_parts(files):
    """graph_parts as a loop of a statement per edge (as it was)."""
    nodes = []
    #: file -> node id -> its graph id: one string shared by the node and all its edges
    qids = {}
    for mf in files.values():
        if mf.ok:
            nodes += plain_file_nodes(mf, qids.setdefault(mf.path, {}))
    seen = {q for q, _ in nodes}
    edges = []
    for mf in files.values():
        if not mf.ok:
            continue
        own = qids[mf.path]
        for node in mf.nodes.values():
            if node.links:
                plain_edges(files, mf, node, own[node.id], qids, (nodes, seen, edges))
    return G.Parts(nodes, edges)


def plain_file_nodes(mf, qids):
    """The nodes of one file, with their attributes; their graph ids into ``qids``."""
    entries = {}
    for channel, nid in mf.entries.items():
        entries.setdefault(nid, []).append(channel)
    path = mf.path
    out = []
    for node in mf.nodes.values():
        q = qids[node.id] = G.qualify(path, node.id)
        pos = node.pos
        attrs = G._NodeAttrs(path, node.id, node.kind, node.text, pos[0], pos[1], node.resolves,
                             G._schedule(path, node), node.retries, tuple(entries.get(node.id, ())), node.end).__dict__
        if node.loop:
            attrs["loop"] = node.loop  # a loop's rounds (only loops have the key)
        out.append((q, attrs))
    return out


def plain_edges(files, mf, node, src, qids, out):
    """The edges of ``node`` (graph id ``src``) into ``out``'s edges, and the built-in hangup nodes they
    reach into its nodes (``seen``: the graph ids of those made). A team without hours never closes,
    so its `closed` target is never reached: no edge."""
    nodes, seen, edges = out
    path, kind, sched = mf.path, node.kind, G._schedule(mf.path, node)
    table = qids[path]
    keys = {}  # every edge from ``src`` is made here: its keys by target
    for link in node.links:
        via = link.via
        if via == "external":
            other = files[str(link.file)]
            target_file, target_id = other.path, link.node or str(other.entry)
            table = qids.setdefault(target_file, {})
        elif via == "closed" and not sched and kind == "queue":
            continue
        else:
            target_file, target_id, table = path, str(link.target), qids[path]
        dst = table.get(target_id)
        if dst is None:
            dst = table[target_id] = G.qualify(target_file, target_id)
        when, schedule = "always", None
        if via == "on_error" or not sched:
            pass  # a step can fail whatever the time
        elif kind == "queue":
            when, schedule = ("closed" if via == "closed" else "open"), sched
        elif kind == "branch":
            when, schedule = via, sched  # "open" | "closed"
        keys[dst] = k = keys.get(dst, -1) + 1  # our own keys: networkx's search for a free one is slow
        pos = link.pos
        outcome = via == "outcomes"
        data = G._EdgeAttrs(G.ROLE_OF_VIA[via], via, None if outcome else link.key,
                            (link.label or link.key) if outcome else link.label, when, schedule, link.warm,
                            link.default, path, pos[0], pos[1]).__dict__
        if outcome and node.assume is not None:
            data["assumed"] = link.key == node.assume
        if target_id == G.HANGUP and dst not in seen:
            seen.add(dst)
            nodes.append((dst, G._NodeAttrs(target_file, G.HANGUP, "hangup", "The call ends.", 0, 0, frozenset(),
                                            None, 0, (), None).__dict__))
        edges.append((src, dst, k, data))



def plain_static(parts, intents=()):
    """build_static as a loop over the attribute dicts per column (as it was)."""
    roles = {r.name.lower(): int(r) for r in G.Role}
    whens = {w.name.lower(): int(w) for w in G.When}
    nodes = [n for n, _ in parts.nodes]
    index = {n: i for i, n in enumerate(nodes)}
    attrs = [d for _, d in parts.nodes]
    edges = list(parts.edges)
    eattrs = [e[3] for e in edges]
    schedules = sorted({d["schedule"] for d in attrs if d.get("schedule")} |
                       {d["schedule"] for d in eattrs if d.get("schedule")})
    sidx = {s: i for i, s in enumerate(schedules)}
    kind = np.array([d["kind"] for d in attrs], dtype=object)
    sched = np.array([sidx.get(d.get("schedule"), -1) for d in attrs], dtype=np.int64)
    all_intents = list(dict.fromkeys(list(intents) + sorted(
        {i for d in attrs if d.get("resolves") != "*" for i in d.get("resolves", ())})))
    if not all_intents and any(d.get("resolves") == "*" for d in attrs):
        all_intents = ["*"]
    iidx = {x: i for i, x in enumerate(all_intents)}
    resolves = np.zeros((len(nodes), len(all_intents)), dtype=bool)
    for i, d in enumerate(attrs):
        r = d.get("resolves")
        if r == "*":
            resolves[i, :] = True
        elif r:
            for x in r:
                resolves[i, iidx[x]] = True
    src = np.array([index[e[0]] for e in edges], dtype=np.int64)
    dst = np.array([index[e[1]] for e in edges], dtype=np.int64)
    role = np.array([roles[d["role"]] for d in eattrs], dtype=np.int8)
    when = np.array([whens[d["when"]] for d in eattrs], dtype=np.int8)
    esched = np.array([sidx.get(d.get("schedule"), -1) for d in eattrs], dtype=np.int64)
    warm = np.array([bool(d.get("warm")) for d in eattrs], dtype=bool)
    via = np.array([d["via"] for d in eattrs], dtype=object)
    off = np.array([d.get("assumed") is False for d in eattrs], dtype=bool)
    loop = np.array([d.get("loop", 0) for d in attrs], dtype=np.int64)
    return Static(nodes, index, kind, sched, schedules, src, dst, role, when, esched, warm,
                  attrs, eattrs, all_intents, resolves, kind == "queue", kind == "menu",
                  via == "on_error", off, loop, via == "again", via == "done", via)


# -- the comparisons ---------------------------------------------------------------------------
ARRAYS = ("kind", "sched", "src", "dst", "role", "when", "esched", "warm", "resolves", "is_queue", "is_menu",
          "error", "off", "loop", "again", "done", "via")


def as_items(pairs):
    """Records with their attribute dicts as (key, value) lists: the keys' order counts too."""
    return [tuple(p[:-1]) + (list(p[-1].items()),) for p in pairs]


def same_static(a, b):
    for name in ARRAYS:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x, y), name
    assert (a.nodes, a.index, a.schedules, a.intents) == (b.nodes, b.index, b.schedules, b.intents)
    assert as_items(zip(a.nodes, a.nattrs, strict=True)) == as_items(zip(b.nodes, b.nattrs, strict=True))
    assert len(a.edata) == len(b.edata)
    assert [list(d.items()) for d in a.edata] == [list(d.items()) for d in b.edata]


def check_maze(maze):
    intents = [i for mf in maze.files.values() for i in mf.intents]
    plain = plain_parts(maze._by_abs)
    parts = G.graph_parts(maze._by_abs)
    assert isinstance(parts.edges, G.EdgeList)
    assert as_items(parts.nodes) == as_items(plain.nodes)
    assert len(parts.edges) == len(plain.edges)
    assert [parts.edges[i] for i in reversed(range(-len(plain.edges), 0))] == plain.edges[::-1]  # read last first
    assert as_items(parts.edges) == as_items(plain.edges)
    assert parts.edges.data[0:2] == [e[3] for e in plain.edges[0:2]] and parts.edges[:1] == plain.edges[:1]
    assert not plain.edges or parts.edges.data[0] is parts.edges[-len(plain.edges)][3]  # made once
    fast = build_static(G.graph_parts(maze._by_abs), intents)  # columns, no dict read
    same_static(fast, plain_static(plain, intents))
    same_static(build_static(plain, intents), plain_static(plain, intents))  # any list of edges


@settings(max_examples=100, deadline=None)
@given(hs.one_of(menus(), flows()))
def test_parts_and_arrays_match_the_straightforward_ones(tmp_path_factory, menu):
    maze = random_maze(tmp_path_factory, menu)
    if maze is not None:
        check_maze(maze)


SHIPPED = [MENUS, *sorted((FIXTURES / "ok").glob("*.yaml")), *sorted((FIXTURES / "calls").glob("*.yaml")),
           *sorted(p for p in (FIXTURES / "platforms").rglob("*") if p.is_file() and p.suffix in (".json", ".yaml", ".i3inboundflow", ".conf"))]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(pathlib.Path(p).relative_to(MENUS.parent)))
def test_parts_and_arrays_of_the_shipped_menus(path):
    maze = ivrmaze.load(str(path), strict=False)
    check_maze(maze)



def test_parts_of_files_linked_to_each_others_hangups(tmp_path):
    """External links to another file's `hangup` (before and after that file's own) make one
    hangup node per file, in the order the edges reach them, as the straightforward way does."""
    (tmp_path / "a.yaml").write_text(
        "ivrmaze: 1\nentry: start\nnodes:\n"
        "  start: {menu: Hello, options: {'1': b1, '2': b2, '3': other}, exhausted: hangup}\n"
        "  b1: {external: {file: b.yaml, node: hangup}}\n"
        "  b2: {external: {file: b.yaml, node: hangup}}\n"
        "  other: {external: b.yaml}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "ivrmaze: 1\nentry: start\nnodes:\n"
        "  start: {say: Bye, next: hangup}\n", encoding="utf-8")
    maze = ivrmaze.load(str(tmp_path / "a.yaml"), strict=False)
    assert not maze.problems and sum(d["kind"] == "hangup" for _, d in maze.parts.nodes) == 2
    check_maze(maze)

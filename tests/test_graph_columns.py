"""graph's columns (issue 15) against the straightforward ways they replace, on random mazes of
several files linked through `external` (to nodes, entries and hangups, with holidays and hours):
graph_parts against a statement per edge (test_analysis_parts.plain_parts), build_static against a
loop over the attribute dicts, Maze.node_count and unknown_hours against a pass over the node
dicts, the holidays of linked files against a pass over every link, and the ways out for records
no loader writes (a link to a node the files lack, a `when` no When names)."""
import dataclasses

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as hs
from test_analysis_parts import as_items, plain_parts, plain_static, same_static

import ivrmaze
from ivrmaze import graph as G
from ivrmaze.analysis import computed
from ivrmaze.analysis.moves import build_static
from ivrmaze.model import Link

HOLIDAYS = ["2026-12-25", "2027-01-01", "2027-04-05"]


@hs.composite
def linked_files(draw):
    """2-4 files: menus, queues (with, without or with unknown hours), branches and says, some
    nodes `external` to another file (its entry, a node of it, or its hangup)."""
    n = draw(hs.integers(2, 4))
    names = [f"f{i}.yaml" for i in range(n)]
    sizes = [draw(hs.integers(1, 5)) for _ in names]
    files = {}
    for f, (name, size) in enumerate(zip(names, sizes, strict=True)):
        ids = [f"n{f}-{i}" for i in range(size)]
        target = hs.sampled_from(ids + ["hangup"])
        hours = {"office": {"mon-fri": "08:00-17:00",
                            "holidays": draw(hs.lists(hs.sampled_from(HOLIDAYS), unique=True, max_size=2))}}
        nodes = {}
        for i, nid in enumerate(ids):
            kind = draw(hs.sampled_from(["menu", "say", "queue", "branch", "external", "external"]))
            if kind == "menu":
                keys = draw(hs.lists(hs.sampled_from("123"), min_size=1, max_size=3, unique=True))
                nodes[nid] = {"menu": "Choose.", "options": {k: draw(target) for k in keys}}
            elif kind == "say":
                nodes[nid] = {"say": "Hello.", "next": draw(target)}
            elif kind == "queue":
                nodes[nid] = {"queue": "Team", "resolves": ["sales"], "closed": draw(target),
                              "transfers": [draw(target)], "hours": draw(hs.sampled_from(["office", "unknown", None]))}
                if nodes[nid]["hours"] is None:
                    del nodes[nid]["hours"]
            elif kind == "branch":
                nodes[nid] = {"branch": draw(hs.sampled_from(["office", "unknown"])), "open": draw(target),
                              "closed": draw(target), "on_error": draw(target)}
            else:
                other = draw(hs.integers(0, n - 1))
                node = draw(hs.sampled_from([None, "hangup", *(f"n{other}-{j}" for j in range(sizes[other]))]))
                nodes[nid] = {"external": names[other] if node is None else {"file": names[other], "node": node}}
            if i == 0 and f == 0:
                nodes[nid].pop("resolves", None)
        files[name] = {"ivrmaze": 1, "entry": ids[0], "hours": hours, "intents": {"sales": "Sales"},
                       "nodes": nodes}
    return files


def load_linked(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("linked")
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return ivrmaze.load(str(folder), strict=False)


def plain_linked_holidays(maze):
    """File -> holiday dates of the files linked with it: a pass over every link (as it was)."""
    groups = {p: {p} for p in maze.files}
    for path, mf in maze.files.items():
        for node in mf.nodes.values():
            for link in node.links:
                if link.via == "external" and link.file in maze._by_abs:
                    joined = groups[path] | groups[maze._by_abs[link.file].path]
                    for p in joined:
                        groups[p] = joined
    return {p: {d for q in groups[p] for s in maze.files[q].schedules.values() for d in s.holidays}
            for p in maze.files}


def check_linked(maze):
    plain = plain_parts(maze._by_abs)
    parts = G.graph_parts(maze._by_abs)
    assert as_items(parts.nodes) == as_items(plain.nodes)
    assert as_items(parts.edges) == as_items(plain.edges)
    intents = [i for mf in maze.files.values() for i in mf.intents]
    fast = build_static(parts, intents)
    same_static(fast, plain_static(plain, intents))
    assert fast.files is not None and list(fast.files) == [d["file"] for _, d in plain.nodes]
    assert maze.node_count == sum(1 for _, a in plain.nodes if a["kind"] != "hangup")
    assert maze.unknown_hours == {d["schedule"] for _, d in plain.nodes
                                  if d.get("schedule") and G.is_unknown_hours(d["schedule"])}
    assert computed._linked_holidays(maze) == plain_linked_holidays(maze)


@settings(max_examples=150, deadline=None)
@given(linked_files())
def test_columns_of_linked_files_match_the_straightforward_ways(tmp_path_factory, files):
    check_linked(load_linked(tmp_path_factory, files))


def test_linked_files_reach_each_others_hangups_and_entries(tmp_path_factory):
    """Fixed: a file whose only way to `hangup` is another file's external link to it."""
    files = {"a.yaml": {"ivrmaze": 1, "entry": "start", "hours": {"h": {"daily": "08:00-20:00", "holidays": ["2027-01-01"]}},
                        "nodes": {"start": {"menu": "Hi", "options": {"1": "x", "2": "y"}},
                                  "x": {"external": {"file": "b.yaml", "node": "hangup"}}, "y": {"external": "b.yaml"}}},
             "b.yaml": {"ivrmaze": 1, "entry": "s", "nodes": {"s": {"say": "Bye"}}},
             "c.yaml": {"ivrmaze": 1, "entry": "t", "hours": {"h": {"daily": "08:00-20:00", "holidays": ["2026-12-25"]}},
                        "nodes": {"t": {"say": "Alone", "next": "hangup"}}}}
    maze = load_linked(tmp_path_factory, files)
    assert not maze.problems
    check_linked(maze)
    holidays = computed._linked_holidays(maze)
    assert [sorted(holidays[p]) for p in sorted(holidays)] == [["2027-01-01"], ["2027-01-01"], ["2026-12-25"]]


def _with_link(maze, make):
    """The maze's files with ``make(first node)`` added to the first node's links."""
    files = dict(maze._by_abs)
    path, mf = next(iter(files.items()))
    node = next(iter(mf.nodes.values()))
    files[path] = dataclasses.replace(mf, nodes={**mf.nodes, node.id: dataclasses.replace(
        node, links=[*node.links, make(node)])})
    return files


def test_a_link_to_a_node_the_files_lack(tmp_path_factory):
    """No loader keeps one; the graph still has the edge (to a node without attributes), and
    build_static fails on it the way the dicts' way does."""
    maze = load_linked(tmp_path_factory, {"a.yaml": {"ivrmaze": 1, "entry": "s", "nodes": {
        "s": {"say": "Hi", "next": "t"}, "t": {"say": "Bye"}}}})
    files = _with_link(maze, lambda n: Link("next", "nowhere", n.pos))
    plain, parts = plain_parts(files), G.graph_parts(files)
    assert as_items(parts.nodes) == as_items(plain.nodes) and as_items(parts.edges) == as_items(plain.edges)
    assert [v for _, v, _, _ in parts.edges if v.endswith("#nowhere")] and parts.edges.lost
    with pytest.raises(KeyError):
        plain_static(plain)
    with pytest.raises(KeyError):
        build_static(parts)


def test_a_branch_route_no_when_names(tmp_path_factory):
    """A branch's link other than open, closed and on_error (no loader writes one) keeps its `via`
    as its `when`, as the straightforward way does."""
    maze = load_linked(tmp_path_factory, {"a.yaml": {"ivrmaze": 1, "entry": "b", "hours": {"h": {"daily": "08:00-20:00"}},
                                                     "nodes": {"b": {"branch": "h", "open": "t", "closed": "t"},
                                                               "t": {"say": "Bye"}}}})
    files = _with_link(maze, lambda n: Link("next", "t", n.pos))
    plain, parts = plain_parts(files), G.graph_parts(files)
    assert as_items(parts.edges) == as_items(plain.edges)
    assert [d["when"] for *_, d in parts.edges][:3] == ["open", "closed", "next"]
    with pytest.raises(KeyError):
        build_static(parts)


def test_a_hangup_id_that_is_another_files_node(tmp_path_factory):
    """Ids with `#`: file `a#b`'s hangup reads as node `b#hangup` of file `a`; as the straightforward
    way, no second node is made and the edge goes to that node."""
    maze = load_linked(tmp_path_factory, {"a.yaml": {"ivrmaze": 1, "entry": "s", "nodes": {
        "s": {"say": "Hi", "next": "t"}, "t": {"say": "Bye"}}}})
    (path, mf), = maze._by_abs.items()
    node = mf.nodes["t"]
    weird = dataclasses.replace(node, id="x#hangup", links=[])
    other = dataclasses.replace(mf, path=mf.path + "#x", abspath=mf.abspath + "#x",
                                nodes={"s": dataclasses.replace(node, id="s", links=[Link("next", "hangup", node.pos)])})
    files = {path: dataclasses.replace(mf, nodes={**mf.nodes, "x#hangup": weird}), other.abspath: other}
    plain, parts = plain_parts(files), G.graph_parts(files)
    assert as_items(parts.nodes) == as_items(plain.nodes) and as_items(parts.edges) == as_items(plain.edges)
    assert not [d for _, d in parts.nodes if d["kind"] == "hangup" and d["file"] == other.path]
    assert [v for u, v, _, _ in parts.edges if u == G.qualify(other.path, "s")] == [G.qualify(mf.path, "x#hangup")]
    same_static(build_static(parts), plain_static(plain))

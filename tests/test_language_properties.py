"""Hypothesis properties of the menu language.

- Any valid menu (ivrmaze.testing.menus) loads without problems, passes the JSON Schema, and
  becomes a graph with exactly the declared nodes and edges (an oracle below restates the
  language from the issue, independently of the loader).
- Any corruption of a valid menu (a key dropped, a target renamed, a value of the wrong type,
  garbage bytes, a truncated file) gives findings or loads cleanly; it never raises, and the
  CLI exits 0 or 1 with no traceback. The loader and the JSON Schema agree on it: a file the
  loader takes cleanly passes the schema, and a file that passes the schema has only problems
  that JSON Schema cannot express (references, duplicate keys, empty ranges, time zones).
"""
import collections
import json
import os
import pathlib
import re
import tempfile

import jsonschema
from clirun import ivrmaze as run_cli
from hypothesis import given
from hypothesis import strategies as st

import ivrmaze
from ivrmaze.checks import SETTINGS
from ivrmaze.schema import menu_schema
from ivrmaze.testing import dump, menus

FILENAME = "menu.yaml"
KIND_KEYS = ("menu", "say", "queue", "branch", "voicemail", "callback", "external")
# The roles of edges, as the issue defines them.
ROLE = {"options": "caller", "next": "auto", "closed": "auto", "open": "auto", "external": "auto",
        "transfers": "agent", "no_input": "failure", "no_match": "failure", "exhausted": "failure"}
SCHEMA = jsonschema.Draft7Validator(menu_schema(SETTINGS), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _target(value):
    return value["to"] if isinstance(value, dict) else value


def declared_graph(menu):
    """(node ids, Counter of (source, target, via, dtmf, role)) that the menu declares."""
    nodes = set(menu["nodes"])
    edges = collections.Counter()
    for nid, body in menu["nodes"].items():
        kind = next(k for k in KIND_KEYS if k in body)

        def add(target, via, key=None, nid=nid):
            edges[(nid, str(target), via, key, ROLE[via])] += 1

        if kind == "menu":
            for key, value in body.get("options", {}).items():
                add(_target(value), "options", str(key))
            for via in ("no_input", "no_match"):
                if via in body:
                    add(body[via], via)
            add(body.get("exhausted", "hangup"), "exhausted")
        elif kind == "say":
            add(body.get("next", "hangup"), "next")
        elif kind == "queue":
            if "hours" in body:  # a team without hours never closes: no `closed` edge
                add(body.get("closed", "hangup"), "closed")
            for item in body.get("transfers", []):
                add(_target(item), "transfers")
        elif kind == "branch":
            add(body["open"], "open")
            add(body["closed"], "closed")
        elif kind == "external":
            ext = body["external"]
            add(ext["node"] if isinstance(ext, dict) and "node" in ext else menu["entry"], "external")
    if any(target == "hangup" for _, target, *_ in edges):
        nodes.add("hangup")
    return nodes, edges


def _write(folder, content):
    path = pathlib.Path(folder) / FILENAME
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@given(menus(FILENAME))
def test_valid_menus_load_into_exactly_the_declared_graph_and_pass_the_schema(menu):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, dump(menu))
        maze = ivrmaze.load(str(path))
    assert maze.problems == []
    G = maze.graph
    nodes, edges = declared_graph(menu)
    assert {G.nodes[n]["id"] for n in G} == nodes
    assert len(G) == len(nodes)
    got = collections.Counter((G.nodes[u]["id"], G.nodes[v]["id"], d["via"], d["dtmf"], d["role"])
                              for u, v, d in G.edges(data=True))
    assert got == edges
    for _, data in G.nodes(data=True):
        if data["id"] != "hangup":
            assert data["line"] > 0 and data["column"] > 0
    for _, _, data in G.edges(data=True):
        assert data["line"] > 0 and data["column"] > 0
    # what the loader accepts, the published schema accepts too
    assert [e.message for e in SCHEMA.iter_errors(maze.files[next(iter(maze.files))].document.data)] == []


# -- corruptions ------------------------------------------------------------------------------------
def _paths(value, prefix=()):
    """Every path to a mapping key or list item inside ``value``."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for k, v in items:
        yield prefix + (k,)
        yield from _paths(v, prefix + (k,))


def _get(value, path):
    for p in path:
        value = value[p]
    return value


def _target_paths(menu):
    """Paths of values that name a node (a target)."""
    out = [("entry",)] if "entry" in menu else []
    out += [("channels", c) for c in menu.get("channels", {})]
    for nid, body in menu["nodes"].items():
        base = ("nodes", nid)
        for via in ("next", "closed", "open", "no_input", "no_match", "exhausted"):
            if via in body:
                out.append(base + (via,))
        for key, value in body.get("options", {}).items():
            out.append(base + ("options", key) + (("to",) if isinstance(value, dict) else ()))
        for i, item in enumerate(body.get("transfers", [])):
            out.append(base + ("transfers", i) + (("to",) if isinstance(item, dict) else ()))
    return out


#: What JSON Schema cannot say: names that must exist, equal keys, empty ranges, real time zones,
#: plus what only the reader sees (an unsafe tag, a `#:` comment that hides an option).
BEYOND_SCHEMA = {"reference", "duplicate-key", "schedule", "timezone", "unsafe", "dtmf"}

def _integral_floats(value) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        value = list(value.values())
    return isinstance(value, list) and any(_integral_floats(v) for v in value)


WRONG_VALUES = st.one_of(st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                            max_size=2),
                         st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.text(max_size=5))


@st.composite
def corrupted(draw):
    """(kind of corruption, file content as bytes) from a valid menu."""
    menu = draw(menus(FILENAME))
    how = draw(st.sampled_from(["drop", "rename", "retype", "garbage", "truncate"]))
    if how in ("drop", "retype"):
        path = draw(st.sampled_from(list(_paths(menu))))
        parent = _get(menu, path[:-1])
        if how == "drop":
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(WRONG_VALUES)
    elif how == "rename":
        path = draw(st.sampled_from(_target_paths(menu) or [("nodes",)]))
        if path != ("nodes",):
            _get(menu, path[:-1])[path[-1]] = "zz-renamed"
    raw = dump(menu).encode("utf-8")
    if how == "garbage":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif how == "truncate":
        raw = raw[:draw(st.integers(0, len(raw) - 1))]
    return how, raw


@given(corrupted())
def test_corrupted_menus_give_findings_never_a_crash(case):
    how, raw = case
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, raw)
        maze = ivrmaze.load(str(path), strict=False)  # must not raise
        lines = raw.decode("utf-8", errors="replace").splitlines()
        for p in maze.problems:
            assert 0 <= p.line <= len(lines) + 1, p
            assert p.message and ", expected " in p.message, p
        doc = next(iter(maze.files.values())).document
        if doc is not None:  # the loader and the published schema agree on the file's shape
            schema_ok = not any(True for _ in SCHEMA.iter_errors(doc.data))
            if not maze.problems:
                assert schema_ok
            if schema_ok and not _integral_floats(doc.data):  # JSON Schema cannot tell 1.0 from 1
                assert {p.kind for p in maze.problems} <= BEYOND_SCHEMA, maze.problems
        if how == "rename" and b"zz-renamed" in raw:
            assert any(p.kind == "reference" and "zz-renamed" in p.message for p in maze.problems)
        text = run_cli("validate", "--format", "text", path)  # re-raises anything unexpected
        assert "Traceback" not in text.output + text.stderr
        if "skipped, not a menu" in text.stderr:  # lost its `ivrmaze:` key: not a menu, as the hook reads it
            assert not re.search(rb"^ivrmaze\s*:", raw, re.M), raw
            assert text.exit_code == 0
            return
        assert text.exit_code == (2 if not maze.ok else 0)  # a file that does not load: exit 2
        data = json.loads(run_cli("validate", "--format", "json", path).output)
        assert len(data["findings"]) == len(maze.problems)


@st.composite
def required_key_dropped(draw):
    """A valid menu without one key the language requires."""
    menu = draw(menus(FILENAME))
    choices = [("ivrmaze",), ("nodes",)]
    for nid, body in menu["nodes"].items():
        kind = next(k for k in KIND_KEYS if k in body)
        choices.append(("nodes", nid, kind))
        if kind == "branch":
            choices += [("nodes", nid, "open"), ("nodes", nid, "closed")]
    path = draw(st.sampled_from(choices))
    del _get(menu, path[:-1])[path[-1]]
    return dump(menu)


@given(required_key_dropped())
def test_a_dropped_required_key_is_always_reported(text):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, text)
        problems = ivrmaze.load(str(path), strict=False).problems
    assert problems
    assert {p.kind for p in problems} & {"missing-key", "node-kind"}


def test_oracle_sees_a_known_menu():
    """The oracle itself, on the Mobistar-like shape: it must be able to fail."""
    menu = {"ivrmaze": 1, "entry": "main", "nodes": {
        "main": {"menu": "m", "options": {"1": "desk", "2": {"to": "main", "label": "again"}}, "no_match": "main"},
        "desk": {"queue": "q", "transfers": ["main", {"to": "desk", "warm": True}]},
    }}
    nodes, edges = declared_graph(menu)
    assert nodes == {"main", "desk", "hangup"}
    assert edges == collections.Counter({
        ("main", "desk", "options", "1", "caller"): 1, ("main", "main", "options", "2", "caller"): 1,
        ("main", "main", "no_match", None, "failure"): 1, ("main", "hangup", "exhausted", None, "failure"): 1,
        ("desk", "main", "transfers", None, "agent"): 1, ("desk", "desk", "transfers", None, "agent"): 1})
    with tempfile.TemporaryDirectory() as folder:
        G = ivrmaze.load(str(_write(folder, dump(menu)))).graph
    assert sum(1 for _ in G.edges()) == sum(edges.values())
    assert os.path.basename(next(iter(G))).startswith(FILENAME)

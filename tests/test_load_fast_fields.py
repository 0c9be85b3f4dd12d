"""The loader's fast way through a node (load/nodes.py ``_plain_kind``, load/fast_fields.py, positions
from the node's own table) against its checks and handlers alone (``nodes.FAST = False``): on random
menus and on random breakages of them, the same model and the same findings, word for word and at
the same positions, whether the file's positions are kept in tables (libyaml's events) or by path
(the node tree). The mutants below show the comparison catches a fast way that goes wrong."""
from __future__ import annotations

import contextlib
import dataclasses
import inspect
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrmaze import language as L
from ivrmaze import source
from ivrmaze.checks import SETTINGS
from ivrmaze.load import fast_fields, nodes
from ivrmaze.load.menu_file import read_menu_file
from ivrmaze.model import Link, MenuFile
from ivrmaze.testing.strategies import menus

_SCALARS = [None, True, False, 0, 1, 3, -1, 2.5, "", "3", "*", "#", "hangup", "HangUp", "yes", "Intended"]
_IDS = ["hangup", "HangUp", "a#b", "a b", "", "x\ty", "ünï", "dup"]


def _sometimes(draw, ratio: int) -> bool:
    """True one time in ``ratio`` (Hypothesis's own draws lean to the simplest branch)."""
    return draw(st.integers(0, ratio - 1)) == 0


@st.composite
def _near(draw, ftype: str, names: dict[str, list[str]]) -> object:
    """A value for a field of type ``ftype``: mostly of its common shape, now and then a mistake a designer
    makes (in the value, or in a part of it)."""
    def odd() -> object:
        return draw(st.sampled_from(_SCALARS + [[], {}]))

    def one(pool: list[object]) -> object:
        return odd() if _sometimes(draw, 5) else draw(st.sampled_from(pool))

    def to(extra: str) -> dict[str, object]:  # `{to: target, label: text}` or `{to: target, warm: true}`
        out: dict[str, object] = {"to": one(names["target"])}
        if draw(st.booleans()):
            out[extra] = one(["Team", ""] if extra == "label" else [True, False])
        if _sometimes(draw, 6):
            out[draw(st.sampled_from(["zzz", "to", "label", "warm"]))] = odd()
        if _sometimes(draw, 8):
            del out["to"]
        return out

    def items(pool: list[object], extra: str, n: int) -> list[object]:
        return [to(extra) if draw(st.booleans()) else one(pool) for _ in range(n)]

    if _sometimes(draw, 8) and ftype != "text":
        return odd()
    if ftype == "options":
        keys = draw(st.lists(st.sampled_from([*L.DTMF_KEYS, *L.DTMF_KEYS, "x", "10", "", 1, True]), max_size=4,
                             unique=True))
        return dict(zip(keys, items(names["target"], "label", len(keys)), strict=True))
    if ftype == "transfers":
        return one(names["target"]) if draw(st.booleans()) else items(names["target"], "warm", draw(st.integers(0, 3)))
    if ftype == "resolves":
        return one(names["intent"] + ["*"]) if _sometimes(draw, 3) else [
            one(names["intent"]) for _ in range(draw(st.integers(0, 3)))] + (["*"] if _sometimes(draw, 6) else [])
    if ftype == "outcomes":
        keys = draw(st.lists(st.sampled_from(["yes", "no", "1", ""]), max_size=3, unique=True))
        return dict(zip(keys, items(names["target"], "label", len(keys)), strict=True))
    if ftype == "external":
        if draw(st.booleans()):
            return one(["menu.yaml"])
        return {k: one(pool) for k, pool in (("file", ["menu.yaml"]), ("flow", ["Other"]), ("node", names["target"]),
                                              ("zzz", [1])) if _sometimes(draw, 2)}
    pools: dict[str, list[object]] = {
        "target": names["target"], "schedule": names["schedule"], "int": [1, 2, 4], "bool": [True, False],
        "outcome": ["yes", "no", "zzz"], "end": ["intended", "unwired"]}
    return one(pools.get(ftype, ["Press one.", "Team"]))


_HEADER = {"ivrmaze": 1, "intents": {"billing": "Billing", "sales": "Sales"},
           "hours": {"office": {"mon-fri": "09:00-17:00"}}}
_NODE_IDS = ["a", "b", "c", "d", *_IDS]


@st.composite
def _broken(draw) -> dict:
    """A menu file of a few nodes, each of a kind with some of its fields, each field's value right or
    nearly (``_near``); now and then a key added or moved last, a second kind, a body that is no mapping."""
    ids = draw(st.lists(st.sampled_from(_NODE_IDS), min_size=1, max_size=5, unique=True))
    names = {"target": [*ids, "hangup", "nowhere"], "intent": ["billing", "sales", "nope"],
             "schedule": ["office", "unknown", "nope"]}
    nodes_ = {}
    for nid in ids:
        kind = draw(st.sampled_from(L.KINDS))
        body = {f.name: draw(_near(f.type, names)) for f in L.NODE_FIELDS[kind]
                if f.name == kind or f.required or draw(st.booleans())}
        op = draw(st.sampled_from(["none", "none", "none", "add", "del", "last", "body"]))
        if op == "body":
            body = draw(st.one_of(st.sampled_from(_SCALARS), st.just([])))
        elif op == "add":
            body[draw(st.sampled_from([*L.KINDS, "optoins", "zzz"]))] = draw(_near("text", names))
        elif op == "del":
            del body[draw(st.sampled_from(sorted(body)))]
        elif op == "last":
            key = draw(st.sampled_from(sorted(body)))
            body[key] = body.pop(key)
        nodes_[nid] = body
    return {**_HEADER, "nodes": nodes_}


def _parse(text: str, tree: bool) -> source.Document:
    """``text`` parsed with its positions in tables (libyaml's events) or, ``tree``, by path."""
    with mock.patch.object(source, "_fast_build", lambda _text: None) if tree else contextlib.nullcontext():
        return source.parse("menu.yaml", text)


def _read(doc: source.Document, fast: bool) -> tuple[MenuFile, list]:
    """The file's model and findings, read the fast way or by the checks and handlers alone."""
    mf = MenuFile("menu.yaml", "/nowhere/menu.yaml", doc)
    with mock.patch.object(nodes, "FAST", fast):
        problems = read_menu_file(mf, doc, "/nowhere", SETTINGS)
    return mf, problems


def _differences(text: str) -> list[str]:
    """Where the fast way and the checks alone part, on ``text`` read both ways (none: the same)."""
    out = []
    for tree in (False, True):
        try:
            doc = _parse(text, tree)
        except source.SourceError:
            return []  # not data: no node is read
        (fast, fast_found), (full, full_found) = _read(doc, True), _read(doc, False)
        if fast_found != full_found:
            out.append(f"findings (tree={tree}): {fast_found} != {full_found}")
        if list(fast.nodes.items()) != list(full.nodes.items()) or fast != full:
            out.append(f"model (tree={tree}): {fast.nodes} != {full.nodes}")
    return out


def _dump(menu: dict, flow: bool | None) -> str:
    return yaml.safe_dump(menu, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=flow)


_FLOW = st.sampled_from([False, None, True])


@settings(deadline=None)
@given(menu=menus(), flow=_FLOW)
def test_a_valid_menu_reads_the_same_both_ways(menu, flow):
    assert _differences(_dump(menu, flow)) == []


@settings(deadline=None, max_examples=300)
@given(menu=_broken(), flow=_FLOW)
def test_a_broken_menu_reads_the_same_both_ways(menu, flow):
    assert _differences(_dump(menu, flow)) == []


#: Per field type: values right and wrong, in each part that the fast way looks at.
_VALUES: dict[str, list[object]] = {
    "target": ["b", "hangup", "nowhere", "", "Hangup", 5, True, None, 2.5, [], {}, ["b"]],
    "options": [{"1": "b"}, {"1": "b", "#": "a", "*": "hangup"}, {"x": "b"}, {"10": "b"}, {1: "b"}, {True: "b"},
                {"1": 5}, {"1": True}, {"1": None}, {"1": ["b"]}, {"1": {"to": "b"}}, {"1": {"to": "b", "label": "L"}},
                {"1": {"to": "b", "label": None}}, {"1": {"to": "b", "label": 5}}, {"1": {"label": "L"}},
                {"1": {"to": "b", "zzz": 1}}, {"1": {"to": 5}}, {"1": {}}, {"1": "b", "x": "a"}, {}, [], "b", None],
    "transfers": ["b", "nowhere", 5, True, None, [], ["b"], ["b", "a"], ["b", 5], [{"to": "b"}],
                  [{"to": "b", "warm": True}], ["a", {"to": "b", "warm": False}], [{"to": "b", "warm": "yes"}],
                  [{"to": "b", "warm": None}], [{"warm": True}], [{"to": "b", "zzz": 1}], [{"to": 5}], [None],
                  [["b"]], {}],
    "resolves": ["*", "billing", "nope", ["billing"], ["billing", "sales", "billing"], ["billing", "*"], ["*", "nope"],
                 ["nope", "*"], ["billing", "nope"], ["*"], [5], [None], [""], [], {}, None, 5],
    "text": ["Hello.", "", 5, 2.5, True, None, [], {}],
    "schedule": ["office", "unknown", "nope", "", 5, None],
    "int": [1, 3, 0, -1, True, 2.5, "3", None],
    "bool": [True, False, "yes", 1, None],
    "end": ["intended", "unwired", "Intended", 1, None],
    "outcomes": [{"yes": "b"}, {"yes": {"to": "b", "label": "L"}}, {"yes": 5}, {}, [], None],
    "outcome": ["yes", "no", 5, None],
    "external": ["menu.yaml", {"file": "menu.yaml", "node": "b"}, {"flow": "Other"}, {}, 5, None],
}
#: A node of each kind, of the common shape, that goes to `b` (a say node) and back to `a` (itself).
_BASES: dict[str, dict[str, object]] = {
    "menu": {"menu": "Choose.", "options": {"1": "b"}, "no_input": "a"},
    "say": {"say": "Hello.", "next": "b", "resolves": ["billing"]},
    "queue": {"queue": "Desk", "hours": "office", "closed": "b", "transfers": ["b"], "resolves": ["billing"]},
    "branch": {"branch": "office", "open": "b", "closed": "a"},
    "voicemail": {"voicemail": "Box"}, "callback": {"callback": "Team"}, "unknown": {"unknown": "Dynamic"},
    "external": {"external": "menu.yaml"},
    "decide": {"decide": "Staffed?", "outcomes": {"yes": "b", "no": "a"}, "assume": "yes"},
    "loop": {"loop": 2, "again": "b", "done": "a"},
}


def _file(a: object, nid: str = "a") -> dict:
    """A file of ``a`` and two say nodes, `b` and `5` (a target written as a number names it)."""
    return {**_HEADER, "nodes": {nid: a, "b": {"say": "Bye."}, "5": {"say": "Five."}}}


def test_the_bases_are_of_every_kind():
    assert sorted(_BASES) == sorted(L.KINDS)
    assert set(_VALUES) == {f.type for fields in L.NODE_FIELDS.values() for f in fields}


@pytest.mark.parametrize("kind, field", [(k, f) for k, fs in L.NODE_FIELDS.items() for f in fs])
def test_each_value_of_each_field_reads_the_same(kind, field):
    for value in _VALUES[field.type]:
        for flow in (False, True):
            text = _dump(_file({**_BASES[kind], field.name: value}), flow)
            assert _differences(text) == [], text


#: Odd nodes of one kind: menus with no way on.
_ODD_BODIES = {"menu": [{"menu": "Choose.", "options": {}}, {"menu": "Choose."}, {"menu": "Choose.", "options": None},
                        {"menu": "Choose.", "options": {}, "optoins": {"1": "b"}}]}
_NODES = [*_IDS, None, 5, "say", [], {}, {"zzz": "x"}, {"options": {"1": "b"}}]


@pytest.mark.parametrize("kind", sorted(_BASES))
def test_each_odd_node_reads_the_same(kind):
    """Its id refused, its kind key last or doubled, a key unknown or missing, a body not a mapping."""
    base = _BASES[kind]
    first, *rest = base
    second = "menu" if kind == "say" else "say"
    bodies: list[object] = [{k: base[k] for k in (*rest, first)}, {**base, second: "Twice."}, {**base, "zzz": 1},
                            {**base, "optoins": {"1": "b"}}, *({k: v for k, v in base.items() if k != d} for d in base),
                            *_ODD_BODIES.get(kind, [])]
    for nid in ("a", *_IDS):
        for body in ([base] if nid != "a" else []) + bodies + (_NODES[len(_IDS):] if nid == "a" else []):
            text = _dump(_file(body, nid), None)
            assert _differences(text) == [], text


_MAZE = """\
ivrmaze: 1
entry: root
intents: {billing: Billing}
hours: {office: {mon-fri: '09:00-17:00'}}
nodes:
  root:
    menu: Choose.
    options: {'1': desk, '2': {to: team, label: Team}, x: desk}
    no_input: root
  desk: {queue: Desk, transfers: [team, {to: root, warm: true}, {to: team, zzz: 1}], resolves: [billing, sales]}
  team: {branch: office, closed: root}
"""


def test_the_example_takes_the_fast_way():
    """Its positions are in tables, and its common nodes are read without the field checks."""
    doc = _parse(_MAZE, False)
    assert doc.table(("nodes",)) is not None
    with mock.patch.object(nodes, "_checked_kind", side_effect=AssertionError) as checked, \
            pytest.raises(AssertionError):
        _read(doc, True)
    assert checked.call_args.args[1] == "team"  # root and desk took the fast way; team lacks `open`


def _value_not_key(c, table, path, part):
    return fast_fields.value_at(c, table, path, part)


def _all_resolved(c, node, body, path, f, _table):
    node.resolves = frozenset(body[f.name])


def _reader_swapped(old, new):
    return {kind: tuple((name, target, new if read is old else read, f) for name, target, read, f in reads)
            for kind, reads in nodes._READ_FAST.items()}


@pytest.mark.parametrize("target, name, wrong", [
    (fast_fields, "key_at", _value_not_key),                       # a link placed at its value
    (fast_fields, "sub_table", lambda table, _part: table),         # positions looked up in the node's table
    (fast_fields, "_DTMF", frozenset([*L.DTMF_KEYS, "x"])),        # an option key that is not a DTMF key
    (fast_fields, "_TRANSFER_KEYS", frozenset(["to", "warm", "zzz"])),  # an unknown key in a transfer
    (nodes, "_SHAPES", {k: (s[0], frozenset()) for k, s in nodes._SHAPES.items()}),  # a required key not asked for
    (nodes, "_READ_FAST", _reader_swapped(fast_fields.resolves, _all_resolved)),  # an intent not defined
], ids=["position", "table", "dtmf", "transfer", "required", "resolves"])
def test_the_comparison_catches_a_wrong_fast_way(target, name, wrong):
    assert _differences(_MAZE) == []
    with mock.patch.object(target, name, wrong):
        try:
            found = _differences(_MAZE)
        except (KeyError, IndexError, TypeError) as e:  # a position looked up where it is not
            found = [repr(e)]
    assert found


@given(st.lists(st.one_of(st.none(), st.booleans(), st.text(max_size=3)), min_size=10, max_size=10))
def test_links_init_is_the_dataclass_one(values):
    """Link's own __init__ takes the fields in order, with their defaults, and sets each one."""
    fields = dataclasses.fields(Link)
    params = list(inspect.signature(Link.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is dataclasses.MISSING
                                           else f.default for f in fields]
    link = Link(*values)
    assert [getattr(link, f.name) for f in fields] == values
    assert link == Link(**{f.name: v for f, v in zip(fields, values, strict=True)})
    with pytest.raises(dataclasses.FrozenInstanceError):
        link.via = "next"  # type: ignore[misc]

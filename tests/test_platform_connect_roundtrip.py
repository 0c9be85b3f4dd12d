"""Round trip (issue 13): a random ivrmaze menu written as an Amazon Connect flow and read back by
the Connect reader gives the same findings, node by node, as the menu itself."""
import json
import pathlib
import tempfile
from collections import Counter

import yaml
from connect_writer import menus, write_flow
from hypothesis import given, settings

import ivrmaze as lib
from ivrmaze.lint import check
from ivrmaze.load import connect

#: Findings only a platform file has: the companion's "no intents" note.
PLATFORM_ONLY = {"companion"}


def findings(path: pathlib.Path) -> tuple[list[str], Counter]:
    maze = lib.load(str(path), strict=False)
    problems = [f"{p.kind}: {p.message}" for p in maze.problems if p.kind not in PLATFORM_ONLY]
    found = Counter((f.kind, f.node) for f in check(maze).findings if f.kind not in PLATFORM_ONLY)
    return problems, found


@settings(max_examples=30)
@given(menus())
def test_a_menu_written_as_a_connect_flow_reads_back_to_the_same_findings(menu):
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        (folder / "yaml").mkdir()
        (folder / "flow").mkdir()
        own = folder / "yaml" / "line.yaml"
        own.write_text(yaml.safe_dump(menu, sort_keys=False), encoding="utf-8")
        flow = folder / "flow" / "line.json"
        flow.write_text(json.dumps(write_flow(menu), indent=2), encoding="utf-8")
        assert connect.looks_like(str(flow), flow.read_bytes())
        want_problems, want = findings(own)
        got_problems, got = findings(flow)
    assert want_problems == [] and got_problems == []
    assert got == want


def test_the_writer_makes_what_the_reader_reads_back_node_for_node():
    menu = {"ivrmaze": 1, "name": "x", "entry": "main", "nodes": {
        "main": {"menu": "Press 1.", "options": {"1": "sales"}, "no_input": "main", "no_match": "bye"},
        "bye": {"say": "Goodbye.", "next": "hangup"},
        "sales": {"queue": "Sales", "resolves": "*", "can_fail": True, "on_error": "bye"}}}
    text = json.dumps(write_flow(menu))
    back = connect.translate("/x/line.json", text.encode(), None).data
    assert back["entry"] == "main"
    assert back["nodes"]["main"] == {"menu": "Press 1.", "options": {"1": "sales"}, "no_input": "main",
                                     "no_match": "bye"}
    assert back["nodes"]["bye"] == {"say": "Goodbye.", "next": "hangup"}
    assert back["nodes"]["sales"] == {"queue": "Sales", "on_error": "bye", "can_fail": True}

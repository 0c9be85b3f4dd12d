"""Drawings without phantoms (issue 12, point 7): no edge that exists at no time of the week,
no node left floating at an instant with nothing leading to it or from it."""
from __future__ import annotations

import yaml

import ivrmaze
from ivrmaze.render import build_scene
from ivrmaze.timeline import parse_at, state_at

AROUND_THE_CLOCK = {
    "ivrmaze": 1,
    "name": "Always open line",
    "entry": "main",
    "hours": {"team": {"daily": "00:00-24:00"}, "office": {"mon-fri": "09:00-17:00"}},
    "intents": {"help": "Get help"},
    "nodes": {
        "main": {"menu": "Press 1 for help, 2 for the office, 3 for the desk.",
                 "options": {"1": "helpers", "2": "office", "3": "desk"}, "exhausted": "main"},
        "helpers": {"queue": "Helpers", "hours": "team", "resolves": ["help"]},  # closed: hang up, never
        "office": {"queue": "Office", "hours": "office", "closed": "main", "resolves": ["help"]},
        "desk": {"queue": "Desk", "hours": "office", "resolves": ["help"]},  # closed: hang up
    },
}


def load(tmp_path, doc=AROUND_THE_CLOCK):
    p = tmp_path / "always.yaml"
    p.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return ivrmaze.load(str(p))


def edges_from(scene, nid):
    return [(e.role, scene.nodes[e.dst].qid.rpartition("#")[2]) for e in scene.edges
            if scene.nodes[e.src].qid.endswith(f"#{nid}")]


def hangups(scene):
    return [n for n in scene.nodes.values() if n.kind == "hangup"]


def test_a_team_open_around_the_clock_has_no_closed_edge(tmp_path):
    scene = build_scene(load(tmp_path))
    assert edges_from(scene, "helpers") == []
    assert not any("closed (team: always)" in e.tooltip for e in scene.edges)
    # Teams that do close keep their closed edge.
    assert ("closed", "main") in edges_from(scene, "office")
    assert ("closed", "hangup") in edges_from(scene, "desk")
    assert len(hangups(scene)) == 1


def test_no_orphan_hang_up_at_an_instant(tmp_path):
    maze = load(tmp_path)
    at = parse_at("Tue 10:00")
    scene = build_scene(maze, state=state_at(maze, at), when_label="Tue 10:00")
    assert hangups(scene) == []  # the desk is open: nothing leads to the hang-up then
    assert {n.qid.rpartition("#")[2] for n in scene.nodes.values() if n.kind != "start"} == {
        "main", "helpers", "office", "desk"}
    night = build_scene(maze, state=state_at(maze, parse_at("Tue 20:00")), when_label="Tue 20:00")
    assert len(hangups(night)) == 1 and ("closed", "hangup") in edges_from(night, "desk")



def test_no_orphan_node_at_an_instant(tmp_path):
    doc = yaml.safe_load(yaml.safe_dump(AROUND_THE_CLOCK))
    doc["nodes"]["office"]["closed"] = "later"  # reached only while the office is closed
    doc["nodes"]["later"] = {"callback": "We call you back tomorrow.", "resolves": ["help"]}
    doc["nodes"]["spare"] = {"voicemail": "Nobody comes here."}  # no edge at any time: unreachable, drawn
    maze = load(tmp_path, doc)
    ids = {n.qid.rpartition("#")[2] for n in build_scene(maze, state=state_at(maze, parse_at("Tue 10:00"))).nodes.values()}
    assert "later" not in ids and "spare" in ids
    ids = {n.qid.rpartition("#")[2] for n in build_scene(maze, state=state_at(maze, parse_at("Tue 20:00"))).nodes.values()}
    assert {"later", "spare"} <= ids
    assert {"later", "spare"} <= {n.qid.rpartition("#")[2] for n in build_scene(maze).nodes.values()}

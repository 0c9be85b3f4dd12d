"""Finding styles (issue 12, point 7): an error never looks like a warning, a finding configured to
another severity takes that severity's colour, and a focus node's ring survives any finding style."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ivrmaze
from conftest import MENUS, maze_finding
from dotparse import parse
from ivrmaze.checks import KINDS
from ivrmaze.findings import Finding
from ivrmaze.render import build_scene, styles, to_dot
from ivrmaze.render.lookup import resolve_node
from ivrmaze.render.overlay import FINDING_MARKS

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


@pytest.fixture(scope="module")
def maze():
    return ivrmaze.load(MOBISTAR)


def drawn(maze, findings, **kw):
    scene = build_scene(maze, analysis=SimpleNamespace(findings=tuple(findings), intents=()), **kw)
    return scene, parse(to_dot(scene))


def attrs(scene, g, maze, nid):
    return {**styles.NODE, **g.nodes[scene.node_of(resolve_node(maze, nid)).name]}


@pytest.mark.parametrize("kind", [k for k, m in FINDING_MARKS.items() if m in styles.MARK_SEVERITY])
def test_a_finding_mark_has_the_colour_of_its_kinds_severity(kind):
    mark = FINDING_MARKS[kind]
    assert styles.MARK_SEVERITY[mark] == KINDS[kind].severity
    colour = {"error": styles.ERROR_COLOR, "warning": styles.WARNING_COLOR}[KINDS[kind].severity]
    assert styles.node_style("queue", [mark])["color"] == colour
    assert styles.node_style("menu", [mark])["color"] == colour


def test_error_and_warning_styles_differ():
    errors = {m for m, s in styles.MARK_SEVERITY.items() if s == "error"}
    warnings = {m for m, s in styles.MARK_SEVERITY.items() if s == "warning"}
    assert errors == {"trap", "after-hours"} and warnings == {"dead-end", "ping-pong"}
    for e in errors:
        for w in warnings:
            assert styles.node_style("say", [e])["color"] != styles.node_style("say", [w])["color"], (e, w)
    for e in errors:  # a node with both shows the error
        for w in warnings:
            assert styles.node_style("queue", [w, e])["color"] == styles.node_style("queue", [e, w])["color"] == (
                styles.ERROR_COLOR)
    # An after-hours trap and a dead end on one page: red dashed, orange solid.
    assert "dashed" in styles.node_style("say", ["after-hours"])["style"]
    assert "dashed" not in styles.node_style("say", ["dead-end"]).get("style", "")
    # The legend says which is which.
    assert styles.MARK_DOCS["after-hours"].startswith("error") and styles.MARK_DOCS["dead-end"].startswith("warning")


def test_a_finding_configured_to_another_severity_takes_its_colour(maze):
    file = next(iter(maze.files))
    scene, g = drawn(maze, [maze_finding("dead-end", "ends", file, 74, 3, severity="error", node="goodbye"),
                            maze_finding("dead-end", "ends", file, 70, 3, severity="warning", node="closed-message"),
                            maze_finding("trap", "t", file, 54, 5, severity="warning", node="switchboard")])
    assert attrs(scene, g, maze, "goodbye")["color"] == styles.ERROR_COLOR
    assert "mark-error" in g.nodes[scene.node_of(resolve_node(maze, "goodbye")).name]["class"].split()
    assert attrs(scene, g, maze, "closed-message")["color"] == styles.WARNING_COLOR
    assert attrs(scene, g, maze, "switchboard")["color"] == styles.WARNING_COLOR


@pytest.mark.parametrize("mark", ["trap", "after-hours", "dead-end", "ping-pong", "resolves", "closed"])
def test_the_focus_ring_stays_on_any_mark(mark):
    plain = styles.node_style("queue", [mark])
    focused = styles.node_style("queue", [mark, "focus"])
    assert int(focused["peripheries"]) == int(plain.get("peripheries", "1")) + 1
    assert float(focused["penwidth"]) >= max(2.5, float(plain["penwidth"]))
    assert {k: v for k, v in focused.items() if k not in ("peripheries", "penwidth")} == {
        k: v for k, v in plain.items() if k not in ("peripheries", "penwidth")}


def test_a_focus_node_with_a_finding_keeps_its_ring(maze):
    file = next(iter(maze.files))
    trap = maze_finding("trap", "round", file, 54, 5, node="switchboard", nodes=("switchboard",))
    scene, g = drawn(maze, [trap], focus=[resolve_node(maze, "switchboard")], depth=1)
    sw = attrs(scene, g, maze, "switchboard")
    assert {"mark-trap", "mark-focus"} <= set(sw["class"].split()) and sw["peripheries"] == "2"
    assert sw["color"] == styles.ERROR_COLOR

"""Findings and intents drawn on the diagram: from made-up analysis results (so the drawing rules
are pinned down whatever the analysis finds) and from the real analysis of the Mobistar line."""
from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

import ivrmaze
from conftest import MENUS, maze_finding
from dotparse import legend_entries, parse
from ivrmaze.findings import Finding
from ivrmaze.render import build_scene, styles, to_dot
from ivrmaze.render.legend import node_swatch
from ivrmaze.render.lookup import resolve_node
from ivrmaze.render.overlay import overlay
from ivrmaze.timeline import parse_at, state_at

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


@pytest.fixture(scope="module")
def maze():
    return ivrmaze.load(MOBISTAR)


def fake(maze, findings=(), intents=()):
    return SimpleNamespace(findings=tuple(findings), intents=tuple(intents))


def node(scene, maze, nid):
    return scene.node_of(resolve_node(maze, nid))


def row(maze, intent, route, hops, when=("Mon-Fri 08:00-16:00",)):
    file = next(iter(maze.files))
    return SimpleNamespace(file=file, entry="phone", intent=intent, when=when, best_hops=hops,
                           guaranteed_hops=hops, resolve_probability=1.0, expected_hops=hops, retells=0,
                           best_route=tuple(f"{file}#{n}" for n in route))


def test_finding_marks(maze):
    file = next(iter(maze.files))
    findings = [
        maze_finding("trap", "round and round", file, 54, 5, node="switchboard", intent="remove-container",
                nodes=("main", "switchboard")),
        maze_finding("ping-pong", "cycle", file, 42, 17, node="billing", nodes=("billing", "switchboard")),
        maze_finding("dead-end", "ends", file, 74, 3, node="goodbye"),
        maze_finding("unreachable", "nobody", file, 57, 3, node="security"),
        maze_finding("after-hours-trap", "evenings", file, 28, 7, node="tech", intent="outage",
                when=("Mon-Fri 16:00-20:00",), nodes=("tech", "billing")),
    ]
    scene = build_scene(maze, analysis=fake(maze, findings))
    g = parse(to_dot(scene))
    sw = node(scene, maze, "switchboard")
    # A trap marks its own nodes and the moves among them, and the moves by which callers fall in.
    main, welcome = node(scene, maze, "main"), node(scene, maze, "welcome")
    assert "trap" in sw.marks and "trap" in main.marks and "trap" not in welcome.marks
    assert g.nodes[sw.name]["color"] == "#b91c1c"
    back = [e for e in scene.edges if e.src == sw.name and e.dst == main.name]
    assert back and all("trap" in e.marks for e in back)
    fall = [e for e in scene.edges if "falls-in" in e.marks and e.dst in (main.name, sw.name)]
    assert fall and all(e.src not in (main.name, sw.name) for e in fall)
    assert any(e.src == welcome.name and e.dst == main.name for e in fall)
    assert "round and round" in welcome.tooltip or "round and round" in main.tooltip
    assert "dead-end" in node(scene, maze, "goodbye").marks
    assert "unreachable" in node(scene, maze, "security").marks
    assert "after-hours" in node(scene, maze, "tech").marks
    assert "after-hours" in node(scene, maze, "billing").marks  # one of that trap's own nodes
    assert "when: Mon-Fri 16:00-20:00" in node(scene, maze, "tech").tooltip
    assert "IVM201 unreachable: nobody" in node(scene, maze, "security").tooltip
    pp = [e for e in scene.edges if "ping-pong" in e.marks]
    assert {(scene.nodes[e.src].title, scene.nodes[e.dst].title) for e in pp} == {
        ("Billing", "Switchboard"), ("Switchboard", "Billing")}
    assert all(e.role == "agent" and g.nodes and e.name for e in pp)
    # The legend explains every mark drawn.
    legend = legend_entries(g)
    for m in ("trap", "dead-end", "unreachable", "after-hours", "ping-pong"):
        assert legend[styles.MARK_DOCS[m]] == node_swatch(styles.node_style("", [m]))
    assert styles.FINDING_EDGE_DOCS["falls-in"] in legend


def test_intent_marks_resolvers_route_and_its_traps(maze):
    file = next(iter(maze.files))
    findings = [maze_finding("trap", "t", file, 54, 5, node="switchboard", intent="remove-container",
                        nodes=("welcome", "main", "switchboard")),
                maze_finding("trap", "other", file, 28, 7, node="billing", intent="outage", nodes=("billing",))]
    res = fake(maze, findings, [row(maze, "remove-container", ["welcome", "main", "switchboard", "facilities"], 3),
                                row(maze, "remove-container", [], None, when=("Sat 09:00-17:00",))])
    scene = build_scene(maze, intent="remove-container", analysis=res)
    assert "resolves" in node(scene, maze, "facilities").marks
    for nid in ("welcome", "main", "switchboard"):
        assert {"route", "trap"} <= set(node(scene, maze, nid).marks)  # the whole trap, with the intent
    assert "trap" not in node(scene, maze, "billing").marks  # another intent's trap is left out
    route = [e for e in scene.edges if "route" in e.marks]
    assert [(scene.nodes[e.src].qid.split("#")[1], scene.nodes[e.dst].qid.split("#")[1]) for e in route] == [
        ("welcome", "main"), ("main", "switchboard"), ("switchboard", "facilities")]
    assert "best route: 3 hops (Mon-Fri 08:00-16:00)" in scene.subtitle


def test_real_analysis_friday_afternoon(maze):
    st = state_at(maze, parse_at("Fri 16:30"))
    scene = build_scene(maze, state=st, when_label="Fri 16:30", analysis=maze.analyze(at="Fri 16:30"))
    sw = node(scene, maze, "switchboard")
    assert {"closed", "trap"} <= set(sw.marks)  # closed, and it sends the container's caller round
    assert "dead-end" in node(scene, maze, "goodbye").marks


def test_real_analysis_intent_route(maze):
    scene = build_scene(maze, intent="invoice", analysis=maze.analyze(at="Mon 10:00"))
    assert [n for n in ("welcome", "main", "billing") if "route" in node(scene, maze, n).marks] == [
        "welcome", "main", "billing"]
    assert "resolves" in node(scene, maze, "billing").marks


def test_overlay_never_marks_absent_edges(maze):
    scene = build_scene(maze)
    file = next(iter(maze.files))
    f = maze_finding("ping-pong", "c", file, 42, 17, node="billing", nodes=("billing", "switchboard"))
    dead = {e.name for e in scene.edges}
    ov = overlay(scene, fake(maze, [f]), dead=frozenset(dead))
    assert ov.edges == {}


def test_big_maze_is_drawn_as_a_tree_with_refs():
    gen = pytest.importorskip("benchmarks.generate")
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        paths = gen.write(d, gen.generate(500, seed=3))
        maze = ivrmaze.load(paths[0])
        t0 = time.perf_counter()
        scene = build_scene(maze)
        source = to_dot(scene)
        assert time.perf_counter() - t0 < 5
    assert scene.compact
    g = parse(source)
    assert g.attrs["rankdir"] == "LR"
    refs = [n for n in scene.nodes.values() if n.kind == "ref"]
    assert refs and all(r.alias_of in scene.nodes and r.qid == scene.nodes[r.alias_of].qid for r in refs)
    # Every graph edge is still drawn, once, to its node or to a ref of it.
    drawn = {}
    for e in scene.edges:
        dst = scene.nodes[e.dst]
        for m in e.members:
            drawn[m] = dst.alias_of or dst.name
    assert set(drawn) == set(maze.graph.edges(keys=True))
    assert all(scene.nodes[v].qid == m[1] for m, v in drawn.items())
    # Transfers, closed redirects and failures all go to refs: the menu tree alone shapes the layout.
    assert all(scene.nodes[e.dst].kind == "ref" for e in scene.edges
               if e.role in ("agent", "closed", "failure") and e.src != e.dst)


def test_big_maze_lays_out_quickly_and_stays_readable():
    """The tuning that keeps a 500-node drawing readable also keeps dot fast (it took over 5 minutes
    before: one rank per transfer in a chain, and hubs pulling edges across the drawing)."""
    from render_support import require_dot
    require_dot()
    gen = pytest.importorskip("benchmarks.generate")
    import re
    import tempfile

    from ivrmaze.render import render_scene
    with tempfile.TemporaryDirectory() as d:
        maze = ivrmaze.load(gen.write(d, gen.generate(500, seed=5))[0])
        t0 = time.perf_counter()
        svg = render_scene(build_scene(maze, analysis=maze.analyze()), "svg").decode()
        assert time.perf_counter() - t0 < 60
    width, height = (float(x) for x in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    assert max(width, height) < 20000 and max(width, height) / min(width, height) < 4  # no endless ribbon

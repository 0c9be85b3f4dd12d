"""Drawings of platform flows (issues 13 and 14): a folder of flows that call each other by name is
drawn as one line, its nodes titled by their labels (not Connect UUIDs), with the new kinds explained."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from clirun import ivrmaze
from dotparse import parse
from render_support import require_dot

import ivrmaze as api
from ivrmaze.render import build_scene, to_dot

PLATFORMS = Path(__file__).parent / "fixtures" / "platforms"
CONNECT = PLATFORMS / "connect" / "line"
SVG = "{http://www.w3.org/2000/svg}"
TITLE_WIDTH = 32  # characters a wrapped title line holds at most
HOURS = "05a7e5a1-0000-4000-8000-000000000005"  # routing.json's CheckHoursOfOperation 'Office hours'


def svg_text(path: Path) -> str:
    return " ".join("".join(el.itertext()) for el in ET.parse(path).getroot().iter(f"{SVG}text"))


def starts(path: Path) -> int:
    return sum(1 for el in ET.parse(path).getroot().iter(f"{SVG}g") if "kind-start" in (el.get("class") or ""))


def test_demo_draws_a_line_of_connect_flows_with_the_flows_it_calls(tmp_path):
    require_dot()
    out = tmp_path / "out"
    r = ivrmaze("demo", CONNECT, "-o", out)
    assert r.exit_code == 0, r.output + r.stderr
    # routing.json calls the others by name: one line, drawn with them, not five drawings
    assert sorted(p.name for p in out.iterdir()) == ["routing.html", "routing.png", "routing.svg"]
    text = svg_text(out / "routing.svg")
    assert "is not among the files" not in text
    for flow in ("Open hours", "closed_hours", "Voicemail", "Agent transfer"):  # their boxes
        assert flow in text
    assert starts(out / "routing.svg") == 1  # called flows are entered through the call, not dialled
    assert "dead end at 05a7e5a1" not in text  # the hours check leads on into the other flows


def test_demo_still_draws_each_ivrmaze_line(tmp_path):
    require_dot()
    menus = tmp_path / "menus"
    menus.mkdir()
    root = Path(__file__).parent.parent / "menus"
    for name in ("telecom-partner.yaml", "telecom-provider.yaml", "postnl.yaml"):
        (menus / name).write_bytes((root / name).read_bytes())
    out = tmp_path / "out"
    assert ivrmaze("demo", menus, "-o", out).exit_code == 0
    assert sorted(p.stem for p in out.glob("*.svg")) == ["postnl", "telecom-partner", "telecom-provider"]
    assert starts(out / "telecom-partner.svg") == 2  # an ivrmaze file with `entry` is a way in, as before


@pytest.mark.parametrize("command", ["render", "review"])
def test_render_and_review_of_a_folder_follow_the_flows(tmp_path, command):
    require_dot()
    out = tmp_path / ("x.svg" if command == "render" else "x.html")
    r = ivrmaze(command, CONNECT, "-o", out)
    assert r.exit_code == 0, r.output + r.stderr
    text = out.read_text(encoding="utf-8")
    assert "is not among the files" not in text and "Open hours" in text


def test_platform_nodes_are_titled_by_their_labels():
    maze = api.load(str(CONNECT))
    scene = build_scene(maze)
    node = next(n for n in scene.nodes.values() if n.qid.endswith("#" + HOURS))
    assert node.title == "05a7e5a1… (CheckHoursOfOperation 'Office hours')"
    assert HOURS in node.tooltip  # the full id stays in the tooltip
    assert node.title_lines and all(len(x) <= TITLE_WIDTH for x in node.title_lines)
    assert " ".join(node.title_lines) == node.title and node.title_lines[0] == "05a7e5a1…"  # the id on its own
    label = parse(to_dot(scene)).nodes[node.name]["label"]
    assert "05a7e5a1…" in label and HOURS not in label and "<BR/>" in label
    assert not any("-0000-4000-8000-" in n.title for n in scene.nodes.values())  # no UUID titles anywhere
    assert scene.title == "Acme routing"  # the called flows are parts of its line


def test_ivrmaze_titles_are_unchanged():
    maze = api.load("menus/postnl.yaml")
    scene = build_scene(maze)
    assert all(not n.title_lines for n in scene.nodes.values())
    assert any(n.title == "main" for n in scene.nodes.values())


def test_review_page_names_route_nodes_by_their_labels():
    from ivrmaze.render.review import build_review
    review = build_review(api.load(str(CONNECT)))
    routes = [" → ".join(r.route) for r in review.rows if r.route]
    assert routes and not any("-0000-4000-8000-" in r for r in routes)  # no UUIDs, no file#uuid
    assert any("03a7e5a1… (InvokeLambdaFunction) → " in r and "Agent transfer: " in r for r in routes)


def test_a_label_that_repeats_the_id_is_shown_once():
    from ivrmaze.render.labels import platform_title
    assert platform_title("`initialGreeting` (initialGreeting)") == "initialGreeting"
    assert platform_title("`05a7e5a1…` (Compare)") == "05a7e5a1… (Compare)"


def test_error_routes_are_not_drawn_in_a_finding_colour():
    from ivrmaze.render import styles
    reds = {styles.ERROR_COLOR, styles.WARNING_COLOR, styles.EDGE_MARKS["removed"]["color"]}
    reds |= {a.get("color") for m, a in styles.EDGE_MARKS.items() if m in styles.FINDING_EDGE_DOCS}
    on_error = styles.edge_style("error")
    assert on_error["color"] not in reds and on_error["color"] != styles.edge_style("failure")["color"]
    assert "dotted" in on_error["style"]  # a failure path


@pytest.mark.parametrize("command", ["render", "review"])
def test_render_and_review_of_one_flow_draw_its_line_among_the_flows_beside_it(tmp_path, command):
    require_dot()
    out = tmp_path / ("x.svg" if command == "render" else "x.html")
    r = ivrmaze(command, CONNECT / "routing.json", "-o", out)
    assert r.exit_code == 0, r.output + r.stderr
    text = out.read_text(encoding="utf-8")
    assert "is not among the files" not in text and "Open hours" in text and "Agent transfer" in text
    r = ivrmaze(command, CONNECT / "voicemail.json", "-o", out)  # a flow that calls none: itself only
    assert r.exit_code == 0 and "Open hours" not in out.read_text(encoding="utf-8")

"""The diagram as DOT source: node and edge sets, styles by role, merged labels, --at, focus,
and hostile menu text that must come out as text (parsed back with an independent reader)."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml

import ivrmaze
from conftest import MENUS
from dotparse import html_label_text, parse, unescape
from ivrmaze.render import build_scene, render_scene, styles, to_dot
from ivrmaze.render.lookup import check_intent, resolve_node
from ivrmaze.timeline import parse_at, state_at
from render_support import HOSTILE, hostile_menu, require_dot

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


def write(tmp_path, doc: dict, name="menu.yaml") -> str:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(p)


def draw(maze, **kw):
    scene = build_scene(maze, **kw)
    return scene, parse(to_dot(scene))


@pytest.fixture(scope="module")
def mobistar():
    return ivrmaze.load(MOBISTAR)


def test_every_node_and_edge_is_drawn(mobistar):
    scene, g = draw(mobistar)
    G = mobistar.graph
    drawn = {scene.nodes[n].qid for n in g.nodes if n in scene.nodes and scene.nodes[n].kind != "start"}
    assert drawn == set(G.nodes)
    merged = {m for e in scene.edges for m in e.members}
    assert merged == set(G.edges(keys=True))
    assert {(e.src, e.dst) for e in scene.edges} == {(t, h) for t, h in g.edge_set() if not t.startswith("legend")}
    assert all(re.fullmatch(r"[A-Za-z0-9_]+", n) for n in g.nodes)  # safe ids for DOT and SVG
    # One cluster per file holds its nodes; the start dot is in it too.
    assert set(g.subgraphs["cluster_0"]) == {n for n in g.nodes if not n.startswith("legend_")}


def test_styles_by_role(mobistar):
    scene, g = draw(mobistar)
    by_pair = {}
    for t, h, a in g.edges:
        by_pair.setdefault((scene.nodes[t].qid.split("#")[-1] if t in scene.nodes else t,
                            scene.nodes[h].qid.split("#")[-1] if h in scene.nodes else h), []).append(a)
    (caller,) = by_pair[("main", "billing")]
    assert caller.get("style", "solid") == "solid" and unescape(caller["label"]) == "1"
    (agent,) = by_pair[("billing", "switchboard")]
    assert agent["style"] == "dashed"
    (closed,) = by_pair[("switchboard", "main")]
    assert closed["color"] == "#7c3aed" and unescape(closed["label"]) == "closed"
    (fail,) = by_pair[("main", "goodbye")]
    assert fail["style"] == "dotted" and unescape(fail["label"]) == "too many tries"
    # Parallel edges of one role merge; roles never mix.
    loops = by_pair[("main", "main")]
    labels = sorted(unescape(a["label"]) for a in loops)
    assert labels == ["*", "no input | no match"]
    shapes = {scene.nodes[n].kind: a.get("shape") for n, a in g.nodes.items() if n in scene.nodes}
    assert shapes["menu"] == "box" and shapes["queue"] == "hexagon" and shapes["hangup"] == "octagon"
    entry = next(n for n in scene.nodes.values() if n.qid.endswith("#welcome"))
    assert "entry" in entry.marks and g.nodes[entry.name]["penwidth"] == "2.5"


def test_merged_option_labels(tmp_path):
    path = write(tmp_path, {"ivrmaze": 1, "entry": "m", "nodes": {
        "m": {"menu": "Press 1 or 2 for sales", "options": {"1": "sales", "2": {"to": "sales", "label": "Sales"},
                                                             "3": "m"}},
        "sales": {"say": "Hello sales"}}})
    maze = ivrmaze.load(path)
    scene, g = draw(maze)
    (e,) = [a for t, h, a in g.edges if t.endswith("__m") and h.endswith("__sales")]
    assert unescape(e["label"]) == "1 | 2 Sales"


def test_no_failures_hides_failure_edges(mobistar):
    scene, g = draw(mobistar, failures=False)
    assert all(e.role != "failure" for e in scene.edges)
    assert not any(a.get("style") == "dotted" for *_, a in g.edges if "legend" not in _[0])


def test_at_draws_the_live_side_only(mobistar):
    st = state_at(mobistar, parse_at("Fri 16:30"))
    scene, g = draw(mobistar, state=st, when_label="Fri 16:30")
    sw = scene.node_of(resolve_node(mobistar, "switchboard"))
    assert "closed" in sw.marks and "CLOSED now" in html_label_text(g.nodes[sw.name]["label"])
    assert g.nodes[sw.name]["fillcolor"] == "#d1d5db"
    billing = scene.node_of(resolve_node(mobistar, "billing"))
    assert "closed" not in billing.marks  # helpdesk is open until 20:00
    pairs = {(scene.nodes[t].qid.split("#")[-1], scene.nodes[h].qid.split("#")[-1]) for t, h in g.edge_set()
             if t in scene.nodes and h in scene.nodes and scene.nodes[t].kind != "start"}
    assert ("switchboard", "main") in pairs  # the closed redirect
    assert ("switchboard", "security") not in pairs  # nobody answers to transfer
    assert ("billing", "closed-message") not in pairs  # billing is open
    assert "at Fri 16:30" in html_label_text(g.attrs["label"])


def test_branch_shows_only_the_live_side(tmp_path):
    path = write(tmp_path, {"ivrmaze": 1, "entry": "b", "hours": {"office": {"mon-fri": "09:00-17:00"}},
                            "nodes": {"b": {"branch": "office", "open": "desk", "closed": "sorry"},
                                      "desk": {"queue": "Desk", "resolves": "*"},
                                      "sorry": {"say": "Closed"}}})
    maze = ivrmaze.load(path)
    for at, live, gone in (("Mon 10:00", "desk", "sorry"), ("Sun 10:00", "sorry", "desk")):
        scene, g = draw(maze, state=state_at(maze, parse_at(at)))
        heads = {scene.nodes[h].qid.split("#")[-1] for t, h in g.edge_set() if t.endswith("__b")}
        assert heads == {live}, at
    scene, g = draw(maze)  # the whole week: both sides, coloured open / closed
    colors = {unescape(a["label"]): a["color"] for t, h, a in g.edges if t.endswith("__b")}
    assert colors == {"open": "#047857", "closed": "#7c3aed"}


def test_focus_draws_the_region(mobistar):
    q = resolve_node(mobistar, "facilities")
    scene, g = draw(mobistar, focus=[q], depth=1)
    ids = {n.qid.split("#")[-1] for n in scene.nodes.values()}
    assert ids == {"facilities", "switchboard", "security", "main"}
    assert "focus" in scene.node_of(q).marks


def test_resolve_node_and_intent_errors(mobistar):
    assert resolve_node(mobistar, "mobistar-2011.yaml#main").endswith("#main")
    assert resolve_node(mobistar, "mobistar-2011#main").endswith("#main")
    with pytest.raises(ivrmaze.UsageError, match=r"no node `switchbord`.*did you mean `switchboard`"):
        resolve_node(mobistar, "switchbord")
    with pytest.raises(ivrmaze.UsageError, match=r"no intent `invoices`.*did you mean `invoice`"):
        check_intent(mobistar, "invoices")




@pytest.fixture()
def hostile(tmp_path):
    return ivrmaze.load(write(tmp_path, hostile_menu()))


def test_hostile_text_stays_text_in_dot(hostile):
    scene, g = draw(hostile)
    tips = [unescape(a["tooltip"]) for a in g.nodes.values() if "tooltip" in a]
    labels = {unescape(a["label"]) for *_, a in g.edges if "label" in a}
    titles = [html_label_text(a["label"]) for a in g.nodes.values() if g.kinds.get(a.get("label")) == "html"]
    for i, text in enumerate(HOSTILE):
        assert any(text in t for t in tips), text  # the full text, in the tooltip
        assert f"{i + 1} {text}" in labels, text  # the option label, on its edge
        if i % 2 == 0:  # queues: the team name is the title
            assert any(t.startswith(text.replace("\n", " ")) for t in titles), text
    assert HOSTILE[2] in html_label_text(g.attrs["label"])


def test_hostile_text_stays_text_in_svg(hostile):
    require_dot()
    svg = render_scene(build_scene(hostile), "svg").decode()
    root = ET.fromstring(svg)  # well-formed: nothing broke out of an attribute or a text node
    tags = {el.tag.rpartition("}")[2] for el in root.iter()}
    assert not tags & {"script", "img", "foreignObject", "iframe"}
    texts = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    titles = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}title")]
    for text in HOSTILE:
        assert any(text in t for t in titles), text
    assert "Émoji 📞 café" in texts and "&amp;" in texts and "<b>bold</b>" in texts
    assert "back\\slash \\N \\l \\G" in texts  # Graphviz escapes shown as typed, not expanded


def test_dot_source_is_accepted_by_graphviz(mobistar):
    exe = require_dot()
    out = subprocess.run([exe, "-Tdot"], input=to_dot(build_scene(mobistar)).encode(), capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
    assert b"Warning" not in out.stderr and b"Error" not in out.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in MENUS.glob("*.yaml")))
def test_the_legend_sits_below_the_drawing(name):
    """Issue 12: a legend beside the drawing took a third to a half of its width; below it, it
    takes none (and explains every kind and role drawn)."""
    require_dot()
    import json

    scene = build_scene(ivrmaze.load(str(MENUS / name)))
    out = subprocess.run(["dot", "-Tjson"], input=to_dot(scene).encode(), capture_output=True, check=True).stdout
    layout = json.loads(out)
    [legend] = [o for o in layout["objects"] if o["name"] == "cluster_legend"]
    top = float(legend["lp"].split(",")[1]) + float(legend["lheight"]) * 72 / 2  # Graphviz y grows upwards
    bottoms = [float(o["pos"].split(",")[1]) - float(o["height"]) * 72 / 2 for o in layout["objects"] if "pos" in o]
    assert bottoms and top < min(bottoms)
    width = float(layout["bb"].split(",")[2])
    assert float(legend["lwidth"]) * 72 <= width
    text = html_label_text(parse(to_dot(scene)).subgraph_attrs["cluster_legend"]["label"])
    for k in scene.kinds():
        assert k == "start" or styles.KIND_DOCS[k] in text
    for r in scene.roles():
        assert r == "entry" or styles.EDGE_DOCS[r] in text

"""`ivrmaze render --diff OLD NEW`: NEW's maze with what a change added in green and what it removed
dashed red, read back from the DOT source with the independent reader (tests/dotparse.py)."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml

from clirun import ivrmaze
from dotparse import legend_entries, html_label_text, parse, unescape
from ivrmaze.render import styles
from ivrmaze.render.legend import edge_swatch, node_swatch
from render_support import HOSTILE, artifact, hostile_menu, require_dot

OLD = """\
ivrmaze: 1
name: Helpdesk
entry: main
hours:
  office: {mon-fri: "09:00-17:00"}
intents: {invoice: An invoice, outage: An outage}
nodes:
  main:
    menu: Press 1 for billing, 2 for support, 3 for sales.
    options: {"1": billing, "2": support, "3": sales}
    no_match: main
  billing: {queue: Billing, hours: office, closed: main, resolves: [invoice]}
  support: {queue: Support, resolves: [outage], transfers: [billing]}
  sales: {queue: Sales, hours: office, transfers: [billing]}
"""
# Option 2 re-targeted to billing (next to the unchanged option 1), option 3 and sales removed,
# option 4 and a voicemail added.
NEW = """\
ivrmaze: 1
name: Helpdesk
entry: main
hours:
  office: {mon-fri: "09:00-17:00"}
intents: {invoice: An invoice, outage: An outage}
nodes:
  main:
    menu: Press 1 or 2 for billing, 4 to leave a message.
    options: {"1": billing, "2": billing, "4": message}
    no_match: main
  billing: {queue: Billing, hours: office, closed: main, resolves: [invoice]}
  support: {queue: Support, resolves: [outage], transfers: [billing]}
  message: {voicemail: Leave a message, resolves: [outage]}
"""

ADDED_NODE = styles.NODE_MARKS["added"]
REMOVED_NODE = styles.NODE_MARKS["removed"]
ADDED_EDGE = styles.EDGE_MARKS["added"]
REMOVED_EDGE = styles.EDGE_MARKS["removed"]
LOOK = ("color", "fillcolor", "style", "penwidth", "fontcolor")


def files(tmp_path, old=OLD, new=NEW, name="helpdesk.yaml"):
    (tmp_path / "old").mkdir(exist_ok=True)
    (tmp_path / "new").mkdir(exist_ok=True)
    a, b = tmp_path / "old" / name, tmp_path / "new" / name
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    return a, b


def draw(tmp_path, *args, name="diff.dot"):
    out = tmp_path / name
    r = ivrmaze("render", *args, "-o", out)
    assert r.exit_code == 0, r.output + r.stderr
    return r, parse(out.read_text(encoding="utf-8"))


def node(g, nid):
    """The drawn node of menu node ``nid`` (names are ``<file stem>__<id>``)."""
    [name] = [n for n in g.nodes if n.endswith(f"__{nid.replace('-', '_')}") and not n.startswith(("legend", "ref"))]
    return g.nodes[name]


def edges(g, src, dst):
    """Attribute dicts of the drawn edges from node ``src`` to node ``dst`` (ids, as in ``node``)."""
    return [a for t, h, a in g.edges if t.endswith(f"__{src}") and h.endswith(f"__{dst}")
            and not t.startswith("legend")]


def label(a):
    return unescape(a.get("label", ""))


def looks(a, marks):
    return all(a.get(k) == v for k, v in marks.items() if k != "style") and (
        "style" not in marks or marks["style"] in a.get("style", "").split(","))


def test_added_green_removed_dashed_red_retargeted_both(tmp_path):
    old, new = files(tmp_path)
    r, g = draw(tmp_path, "--diff", old, new)
    assert "added 1 nodes, 2 edges; removed 1 nodes, 4 edges" in r.output
    # a new node and the option that leads to it: green
    assert looks(node(g, "message"), ADDED_NODE) and "mark-added" in node(g, "message")["class"]
    [to_message] = edges(g, "main", "message")
    assert label(to_message) == "4" and looks(to_message, ADDED_EDGE)
    # a removed node, its option from main and its own transfer, all drawn where they were: dashed red
    sales = node(g, "sales")
    assert looks(sales, REMOVED_NODE) and "dashed" in sales["style"] and "mark-removed" in sales["class"]
    assert "removed by this change" in unescape(sales["tooltip"]) and "was at" in unescape(sales["tooltip"])
    assert html_label_text(sales["label"]).startswith("Sales")
    [to_sales] = edges(g, "main", "sales")
    assert label(to_sales) == "3" and looks(to_sales, REMOVED_EDGE) and to_sales["style"] == "dashed"
    [sales_out] = edges(g, "sales", "billing")
    assert looks(sales_out, REMOVED_EDGE) and "role-agent" in sales_out["class"]
    [sales_closed] = edges(g, "sales", "hangup")  # the `closed: hangup` that came with its hours
    assert label(sales_closed) == "closed" and looks(sales_closed, REMOVED_EDGE)
    # the re-targeted option 2: the new edge green, the old one dashed red
    [to_support] = edges(g, "main", "support")
    assert label(to_support) == "2" and looks(to_support, REMOVED_EDGE)
    assert "removed by this change" in unescape(to_support["tooltip"])
    # option 2 now goes where option 1 goes: two edges, never one labelled "1 | 2"
    to_billing = {label(a): a for a in edges(g, "main", "billing")}
    assert set(to_billing) == {"1", "2"}
    assert looks(to_billing["2"], ADDED_EDGE) and "added by this change" in unescape(to_billing["2"]["tooltip"])
    assert "mark-added" not in to_billing["1"]["class"] and to_billing["1"].get("color") != ADDED_EDGE["color"]


def test_unchanged_parts_look_as_in_a_plain_drawing(tmp_path):
    old, new = files(tmp_path)
    _, g = draw(tmp_path, "--diff", old, new)
    _, plain = draw(tmp_path, new, "--no-findings", name="plain.dot")
    for nid in ("main", "billing", "support"):
        a, b = node(g, nid), node(plain, nid)
        assert {k: a.get(k) for k in LOOK} == {k: b.get(k) for k in LOOK}, nid
        assert "mark-added" not in a["class"] and "mark-removed" not in a["class"]
    for src, dst, lab in (("main", "billing", "1"), ("billing", "main", "closed"), ("support", "billing", ""),
                          ("main", "main", "no match")):
        [a] = [x for x in edges(g, src, dst) if label(x) == lab]
        [b] = [x for x in edges(plain, src, dst) if lab in label(x).split(" | ")]
        assert {k: a.get(k) for k in LOOK} == {k: b.get(k) for k in LOOK}, (src, dst, lab)
    # the plain drawing merges options 1 and 2; the diff keeps the added one apart
    assert [label(a) for a in edges(plain, "main", "billing")] == ["1 | 2"]
    start = [a for t, h, a in g.edges if t.startswith("start") and h.endswith("__main")]
    assert len(start) == 1 and "mark-" not in start[0]["class"]


def test_legend_and_title(tmp_path):
    old, new = files(tmp_path)
    _, g = draw(tmp_path, "--diff", old, new)
    legend = legend_entries(g)
    assert legend["added by this change"] == node_swatch(styles.node_style("", ["added"]))
    assert legend["removed by this change"] == node_swatch(styles.node_style("", ["removed"]))
    assert legend["option or link added"] == edge_swatch(styles.edge_style("caller", ["added"]))
    assert legend["option or link removed"] == edge_swatch(styles.edge_style("caller", ["removed"]))
    assert f'COLOR="{ADDED_EDGE["color"]}"' in legend["option or link added"]
    assert "╌" in legend["option or link removed"] and REMOVED_EDGE["color"] in legend["option or link removed"]
    title = html_label_text(g.attrs["label"])
    assert f"{old} → {new}: 1 node and 2 edges added, 1 node and 4 edges removed" in title
    assert "1 other change in the tooltips" in title  # main's prompt
    assert "Press 1 or 2 for billing" in unescape(node(g, "main")["tooltip"])
    assert "now says" in unescape(node(g, "main")["tooltip"])
    _, bare = draw(tmp_path, "--diff", old, new, "--no-legend", name="bare.dot")
    assert not any(n.startswith("legend") for n in bare.nodes) and "cluster_legend" not in bare.subgraphs


def test_entry_kind_and_failures(tmp_path):
    new = (OLD.replace("entry: main", "entry: welcome")
           .replace("nodes:\n", "nodes:\n  welcome: {say: Hello, next: main}\n")
           .replace("support: {queue: Support, resolves: [outage], transfers: [billing]}",
                    "support: {say: Support moved online, next: hangup}")
           .replace("    no_match: main\n", ""))
    old, new = files(tmp_path, OLD, new)
    _, g = draw(tmp_path, "--diff", old, new)
    starts = {h.rpartition("__")[2]: a for t, h, a in g.edges if t.startswith("start")}
    assert looks(starts["welcome"], ADDED_EDGE) and looks(starts["main"], REMOVED_EDGE)
    assert looks(node(g, "welcome"), ADDED_NODE)
    # a node that changed kind: its old transfer removed, its new link added, the change in its tooltip
    assert "is now a say (was a queue)" in unescape(node(g, "support")["tooltip"])
    [gone] = edges(g, "support", "billing")
    [now] = edges(g, "support", "hangup")
    assert looks(gone, REMOVED_EDGE) and looks(now, ADDED_EDGE)
    assert "mark-" not in node(g, "hangup")["class"]  # main's `exhausted: hangup` went there before
    [no_match] = edges(g, "main", "main")
    assert label(no_match) == "no match" and looks(no_match, REMOVED_EDGE)
    _, quiet = draw(tmp_path, "--diff", old, new, "--no-failures", name="quiet.dot")
    assert edges(quiet, "main", "main") == []


def test_at_intent_focus(tmp_path):
    old, new = files(tmp_path)
    # Saturday: the office is closed, so billing's redirect is drawn, and sales (office hours in OLD) is
    # closed: its removed redirect is drawn, its removed transfer is not
    _, g = draw(tmp_path, "--diff", old, new, "--at", "Sat 10:00")
    assert "mark-closed" in node(g, "sales")["class"] and "mark-removed" in node(g, "sales")["class"]
    assert [label(a) for a in edges(g, "billing", "main")] == ["closed"]
    assert edges(g, "sales", "billing") == [] and looks(edges(g, "sales", "hangup")[0], REMOVED_EDGE)
    assert not any("mark-unreachable" in a.get("class", "") for a in g.nodes.values())  # no findings
    # Monday: open; --intent marks the best route and the resolvers in NEW
    _, mon = draw(tmp_path, "--diff", old, new, "--at", "Mon 10:00", "--intent", "invoice", name="mon.dot")
    assert edges(mon, "billing", "main") == [] and edges(mon, "sales", "hangup") == []
    assert len(edges(mon, "sales", "billing")) == 1
    [to_billing] = [a for a in edges(mon, "main", "billing") if "mark-route" in a["class"]]
    assert "mark-resolves" in node(mon, "billing")["class"]
    assert "mark-route" not in node(mon, "sales")["class"]
    # --focus: the region around a node in NEW, removed neighbours included
    _, part = draw(tmp_path, "--diff", old, new, "--focus", "sales", "--depth", "1", name="part.dot")
    drawn = {n.rpartition("__")[2] for n in part.nodes if not n.startswith(("legend", "start"))}
    assert drawn == {"sales", "main", "billing", "hangup"}


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "menus").mkdir()
    (tmp_path / "menus" / "helpdesk.yaml").write_text(OLD, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "menus")
    (tmp_path / "menus" / "helpdesk.yaml").write_text(NEW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_git_revision(repo):
    r, g = draw(repo, "--diff", "HEAD:menus/helpdesk.yaml", "menus/helpdesk.yaml")
    assert "added 1 nodes, 2 edges; removed 1 nodes, 4 edges" in r.output
    assert looks(node(g, "message"), ADDED_NODE) and looks(node(g, "sales"), REMOVED_NODE)
    assert "was at HEAD:menus/helpdesk.yaml:14" in unescape(node(g, "sales")["tooltip"])
    assert "HEAD:menus/helpdesk.yaml → menus/helpdesk.yaml: " in html_label_text(g.attrs["label"])
    [cluster] = [n for n in g.subgraphs if n.startswith("cluster_") and n != "cluster_legend"]
    assert set(g.subgraphs[cluster]) >= {"helpdesk__sales", "helpdesk__message", "helpdesk__main"}
    # folders at a revision, and a file the pull request adds: all of it green
    (repo / "menus" / "extra.yaml").write_text(NEW.replace("Helpdesk", "Extra line"), encoding="utf-8")
    _, folders = draw(repo, "--diff", "HEAD:menus", "menus", name="folders.dot")
    extra = [a for n, a in folders.nodes.items() if n.startswith("extra__")]
    assert extra and all(looks(a, ADDED_NODE) for a in extra)
    assert looks(node(folders, "sales"), REMOVED_NODE)
    # a file that does not exist at one side: all of it added, or all of it removed
    _, born = draw(repo, "--diff", "HEAD:menus/extra.yaml", "menus/extra.yaml", name="born.dot")
    assert all(looks(a, ADDED_NODE) for n, a in born.nodes.items() if n.startswith("extra__"))
    _, gone = draw(repo, "--diff", "HEAD:menus/helpdesk.yaml", "HEAD:menus/gone.yaml", name="gone.dot")
    shown = [a for n, a in gone.nodes.items() if n.startswith("helpdesk__")]
    assert len(shown) == 5 and all(looks(a, REMOVED_NODE) for a in shown)
    assert html_label_text(gone.attrs["label"]).startswith("Helpdesk\n")


def test_removed_file_is_a_box_of_its_own(tmp_path):
    a, b = tmp_path / "old", tmp_path / "new"
    a.mkdir()
    b.mkdir()
    (a / "helpdesk.yaml").write_text(NEW, encoding="utf-8")
    (a / "legacy.yaml").write_text(OLD.replace("Helpdesk", "Legacy line"), encoding="utf-8")
    (b / "helpdesk.yaml").write_text(NEW, encoding="utf-8")
    _, g = draw(tmp_path, "--diff", a, b)
    legacy = {n: x for n, x in g.nodes.items() if n.startswith("legacy__")}
    assert legacy and all(looks(x, REMOVED_NODE) for x in legacy.values())
    removed_clusters = [n for n, members in g.subgraphs.items() if set(members) & set(legacy)]
    assert len(removed_clusters) == 1
    assert "legacy.yaml (removed)" in (tmp_path / "diff.dot").read_text(encoding="utf-8")  # its box's title
    assert not any("mark-removed" in x.get("class", "") or "mark-added" in x.get("class", "")
                   for n, x in g.nodes.items() if n.startswith("helpdesk__"))


def test_menu_text_stays_text(tmp_path):
    """Removed nodes and options carry menu text too: it is escaped like everywhere else."""
    doc = hostile_menu()
    old = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    doc["nodes"]["café-menu"]["options"] = {"1": "n0"}
    for i in range(1, len(HOSTILE)):
        del doc["nodes"][f"n{i}"]
    new = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    a, b = files(tmp_path, old, new, name="hostile.yaml")
    _, g = draw(tmp_path, "--diff", a, b)
    removed = [x for x in g.nodes.values() if "mark-removed" in x.get("class", "")]
    assert len(removed) == len(HOSTILE) - 1
    tips = [unescape(x["tooltip"]) for x in removed]
    labels = {unescape(x.get("label", "")) for *_, x in g.edges if "mark-removed" in x.get("class", "")}
    for i, text in enumerate(HOSTILE[1:], start=1):
        assert any(text in t for t in tips), text
        assert f"{i + 1} {text}" in labels, text
    require_dot()
    out = tmp_path / "hostile.svg"
    assert ivrmaze("render", "--diff", a, b, "-o", out).exit_code == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert not {el.tag.rpartition("}")[2] for el in root.iter()} & {"script", "img", "foreignObject"}


def test_svg_and_png(tmp_path):
    """A real drawing (test-artifacts/render-diff.png is the one to look at)."""
    require_dot()
    old, new = files(tmp_path)
    svg = tmp_path / "diff.svg"
    assert ivrmaze("render", "--diff", old, new, "-o", svg).exit_code == 0
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    groups = {g.get("id"): g for g in root.iter(f"{ns}g")}
    sales = groups["helpdesk__sales"]
    assert "mark-removed" in sales.get("class") and any(
        el.get("stroke-dasharray") for el in sales.iter() if el.tag in (f"{ns}polygon", f"{ns}path"))
    titles = ["".join(t.itertext()) for t in root.iter(f"{ns}title")]
    assert any("removed by this change" in t for t in titles) and any("added by this change" in t for t in titles)
    png = artifact("render-diff.png")
    assert ivrmaze("render", "--diff", old, new, "-o", png).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


OUT = ["-o", "{tmp}/x.dot"]


@pytest.mark.parametrize("args, says", [
    ([*OUT], "expected menu files or folders to draw (PATHS), or --diff OLD NEW"),
    (["{new}", "--diff", "{old}", "{new}", *OUT], "--diff OLD NEW draws NEW itself; leave out PATHS"),
    ([*OUT, "--diff", "{old}"], "Option '--diff' requires 2 arguments"),
    (["--diff", "{old}", *OUT, "{new}"], "expected OLD and NEW right after --diff, got '-o'"),
    (["--diff", "{tmp}/nope.yaml", "{new}", *OUT], "nope.yaml: no such file or folder"),
    (["--diff", "nosuchrev:menus/x.yaml", "{new}", *OUT], "nosuchrev: not a git revision"),
    (["--diff", "{old}", "{new}", *OUT, "--focus", "salse"], "did you mean `sales`"),
    (["--diff", "{old}", "{new}", *OUT, "--intent", "invoices"], "did you mean `invoice`"),
    (["--diff", "{old}", "{new}", *OUT, "--at", "Fri 25:00"], "--at"),
    (["--diff", "{old}", "{new}", "-o", "{tmp}/x.yaml"], "never writes over menu files"),
])
def test_usage_errors(tmp_path, monkeypatch, args, says):
    old, new = files(tmp_path)
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    r = ivrmaze("render", *[x.format(old=old, new=new, tmp=tmp_path) for x in args])
    assert r.exit_code == 2, r.output
    assert says in r.stderr, r.stderr
    assert "Traceback" not in r.stderr + r.output
    assert not (tmp_path / "x.dot").exists()


def test_new_side_with_problems(tmp_path):
    old, new = files(tmp_path, new=NEW.replace('"4": message', '"4": mesage'))
    r = ivrmaze("render", "--diff", old, new, "-o", tmp_path / "x.dot")
    assert r.exit_code == 2 and "goes to `mesage`, which is not defined" in r.stderr
    assert "Traceback" not in r.stderr

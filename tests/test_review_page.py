"""The review page as a file: self-contained, escaped, and holding what the browser tests click."""
from __future__ import annotations

import base64
import hashlib
import html
import html.parser
import json
import re

import pytest
import yaml
from conftest import MENUS
from render_support import HOSTILE, hostile_menu, require_dot

import ivrmaze
from ivrmaze.graph import qualify
from ivrmaze.render.html import json_for_script, review_page
from ivrmaze.render.review import build_review

MOBISTAR = str(MENUS / "mobistar-2011.yaml")


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def page_for(maze, **kw) -> str:
    from ivrmaze.render import render_scene
    review = build_review(maze, **kw)
    return review_page(review, render_scene(review.scene, "svg").decode())


@pytest.fixture(scope="module")
def mobistar_page():
    require_dot()
    return page_for(ivrmaze.load(MOBISTAR))


@pytest.fixture()
def hostile_page(tmp_path):
    require_dot()
    p = tmp_path / "hostile.yaml"
    p.write_text(yaml.safe_dump(hostile_menu(), allow_unicode=True), encoding="utf-8")
    return page_for(ivrmaze.load(str(p)))


def test_self_contained(mobistar_page):
    t = Tags()
    t.feed(mobistar_page)
    names = [n for n, _ in t.tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    for _, attrs in t.tags:
        for k, v in attrs.items():
            if k in ("src", "href", "xlink:href", "action"):
                assert not re.match(r"\s*(https?:|//|data:|javascript:)", v or ""), (k, v)
    assert "@import" not in mobistar_page and "url(" not in mobistar_page


def test_only_this_pages_script_may_run(mobistar_page):
    scripts = re.findall(r"<script>(.*?)</script>", mobistar_page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', mobistar_page).group(1)
    assert f"script-src &#x27;sha256-{digest}&#x27;" in csp and "default-src &#x27;none&#x27;" in csp


def test_time_selector_and_data(mobistar_page):
    t = Tags()
    t.feed(mobistar_page)
    options = [a.get("value") for n, a in t.tags if n == "option"]
    assert "-1" in options
    text = "".join(t.text)
    for label in ("Fri 16:00-20:00", "Mon 08:00-16:00", "2011-04-25 08:00-20:00 (holiday)"):
        assert label in text
    data = json.loads(re.search(r'<script type="application/json" id="ivm-data">(.*?)</script>',
                                mobistar_page, re.S).group(1))
    fri = next(w for w in data["windows"] if w["label"] == "Fri 16:00-20:00")
    state = data["states"][fri["state"]]
    assert any(n.endswith("__switchboard") for n in state["closed"])
    assert not any(n.endswith("__billing") for n in state["closed"])
    assert state["closedSchedules"] == ["office"] and state["open"] == ["helpdesk"]
    assert set(data["intents"]) == {"remove-container", "invoice", "outage"}
    # Every finding link names nodes that are in the diagram.
    ids = set(re.findall(r'<g id="([A-Za-z0-9_]+)" class="node', mobistar_page))
    for _, attrs in t.tags:
        if "finding-link" in (attrs.get("class") or ""):
            assert set(attrs["data-nodes"].split()) <= ids


def test_metrics_rows_know_their_windows(mobistar_page):
    rows = re.findall(r'<tr data-intent="([^"]+)" data-states="([^"]*)"', mobistar_page)
    assert len(rows) >= 3
    covered = {}
    for intent, states in rows:
        for s in states.split():
            covered.setdefault(intent, []).append(s)
    for intent, states in covered.items():
        assert len(states) == len(set(states)), intent  # each state in exactly one row per intent


def test_hostile_text_is_escaped(hostile_page):
    t = Tags()
    t.feed(hostile_page)
    names = [n for n, _ in t.tags]
    assert names.count("script") == 2  # the data and the page's own script
    assert "img" not in names and "iframe" not in names
    assert not any(k.startswith("on") for _, a in t.tags for k in a)
    text = "".join(t.text)
    for s in HOSTILE[1:3]:
        assert s in text  # shown as text (the title, the findings, the intent selector)
    data = re.search(r'<script type="application/json" id="ivm-data">(.*?)</script>', hostile_page, re.S).group(1)
    assert "<" not in data and ">" not in data


def test_json_for_script_cannot_close_the_element():
    s = json_for_script({"x": "</script><script>alert(1)</script>\u2028&"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == {"x": "</script><script>alert(1)</script>\u2028&"}


@pytest.fixture(scope="module")
def friday_page():
    require_dot()
    return page_for(ivrmaze.load(MOBISTAR), at="Fri 16:30")


def page_data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="ivm-data">(.*?)</script>', page, re.S).group(1))


def test_at_names_the_instant_and_has_no_time_choice(friday_page):
    t = Tags()
    t.feed(friday_page)
    text = "".join(t.text)
    assert "<title>Review: Mobistar customer line, January 2011 at Fri 16:30</title>" in friday_page
    assert re.search(r'<h1>[^<]*<span class="at">at Fri 16:30</span></h1>', friday_page)
    assert "One instant: Fri 16:30." in text and "the whole week and the holidays" in text
    time_select = next(a for n, a in t.tags if n == "select" and a.get("id") == "ivm-time")
    assert "disabled" in time_select
    options = re.search(r'<select id="ivm-time"[^>]*>(.*?)</select>', friday_page, re.S).group(1)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", options) == ["Fri 16:30 only"]
    for label in ("Mon 08:00-16:00", "Whole week", "(holiday)"):  # no window of the week to choose
        assert label not in options
    assert "How each intent fares at Fri 16:30 only" in text
    data = page_data(friday_page)
    assert data["at"] == "Fri 16:30" and data["windows"] == [] and data["states"] == []
    assert data["week"]["closedSchedules"] == ["office"] and data["week"]["open"] == ["helpdesk"]
    assert data["week"]["dead"] == []  # the edges absent then are not drawn at all


def test_at_draws_the_maze_as_it_is_then(friday_page):
    nodes = {n: html.unescape(c) for n, c in re.findall(r'<g id="([A-Za-z0-9_]+)" class="(node[^"]*)"', friday_page)}
    sw = next(n for n in nodes if n.endswith("__switchboard"))
    assert "mark-closed" in nodes[sw].split()  # greyed in the drawing itself, with or without script
    assert "mark-closed" not in nodes[next(n for n in nodes if n.endswith("__billing"))].split()
    edges = re.findall(r'<g id="(e__[A-Za-z0-9_]+)" class="edge', friday_page)
    assert not any(e.startswith(f"e__{sw}__") and "security" in e for e in edges)  # closed: no transfers
    assert any(e.startswith(f"e__{sw}__") and e.endswith("__main") for e in edges)  # its closed redirect
    whole_week = page_for(ivrmaze.load(MOBISTAR))
    assert any(e.startswith(f"e__{sw}__") and "security" in e
               for e in re.findall(r'<g id="(e__[A-Za-z0-9_]+)" class="edge', whole_week))


def test_at_findings_and_metrics_are_that_instants(friday_page):
    from ivrmaze.lint import lint as analyze
    res = analyze(ivrmaze.load(MOBISTAR), at="Fri 16:30")
    lists = re.findall(r'<ol class="findings" data-state="([^"]*)"', friday_page)
    assert lists == ["-1"]  # one list: this instant's
    codes = re.findall(r'<span class="kind">([^<]*)</span>', friday_page)
    assert codes == [f.kind for f in res.findings]
    assert "trap" in codes and "after-hours-trap" not in codes  # a trap found at one instant is a trap
    assert "when: " not in friday_page  # every finding is about this instant
    rows = re.findall(r'<tr data-intent="([^"]+)" data-states="([^"]*)"', friday_page)
    assert sorted(i for i, _ in rows) == sorted(m.intent for m in res.intents) == [
        "invoice", "outage", "remove-container"]  # one row per intent
    row = re.search(r'<tr data-intent="remove-container"[^>]*>(.*?)</tr>', friday_page).group(1)
    assert "<td class=\"when\">Fri 16:30</td>" in row and "no route" in row
    assert "class=unresolved" in re.search(r'<tr data-intent="remove-container"[^>]*>', friday_page).group(0)


def test_at_a_holiday_says_so():
    require_dot()
    page = page_for(ivrmaze.load(MOBISTAR), at="2011-04-25T10:00")
    assert "One instant: 2011-04-25 10:00 (Mon, a holiday)." in page
    assert page_data(page)["week"]["closedSchedules"] == ["office"]


def test_at_page_escapes_hostile_text(tmp_path):
    require_dot()
    p = tmp_path / "hostile.yaml"
    p.write_text(yaml.safe_dump(hostile_menu(), allow_unicode=True), encoding="utf-8")
    page = page_for(ivrmaze.load(str(p)), at="Sun 03:00")
    t = Tags()
    t.feed(page)
    names = [n for n, _ in t.tags]
    assert names.count("script") == 2 and "img" not in names and "iframe" not in names
    assert not any(k.startswith("on") for _, a in t.tags for k in a)
    assert HOSTILE[1] in "".join(t.text)
    data = re.search(r'<script type="application/json" id="ivm-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data


def test_routes_across_files_keep_the_file_part(tmp_path):
    """A best route through another file names that file's nodes as ``file#id`` (graph.shown) in
    the metrics table; the line's own nodes by their id."""
    (tmp_path / "a.yaml").write_text(yaml.safe_dump({
        "ivrmaze": 1, "name": "A", "entry": "main", "intents": {"help": "Get help"},
        "nodes": {"main": {"menu": "Press 1", "options": {"1": "out"}}, "out": {"external": "b.yaml"}}}))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump({
        "ivrmaze": 1, "name": "B", "entry": "desk", "intents": {"help": "Get help"}, "nodes": {"desk": {"queue": "Desk", "resolves": ["help"]}}}))
    maze = ivrmaze.load(str(tmp_path / "a.yaml"))
    review = build_review(maze)
    b_file = next(f for f in maze.files if f.endswith("b.yaml"))
    row = next(r for r in review.rows if r.intent == "help" and r.line == "A")
    assert row.route == ["main", "out", qualify(b_file, "desk")]
    assert f'<td class="route">main → out → {qualify(b_file, "desk")}</td>' in review_page(review, "<svg></svg>")


def test_a_trap_of_several_intents_lists_them_and_marks_where_callers_fall_in(tmp_path):
    """Issue 11: the page shows every intent a trap traps (and keeps the finding when any of them
    is chosen); the trap's own nodes are marked, and the moves by which callers fall in."""
    require_dot()
    p = tmp_path / "loop.yaml"
    p.write_text(yaml.safe_dump({
        "ivrmaze": 1, "entry": "welcome", "intents": {"a": "A", "b": "B"},
        "nodes": {"welcome": {"say": "Hello", "next": "desk"},
                  "desk": {"queue": "Desk", "transfers": ["other"]},
                  "other": {"queue": "Other", "transfers": ["desk"]}}}), encoding="utf-8")
    maze = ivrmaze.load(str(p))
    review = build_review(maze)
    trap = next(f for f in review.states[0].findings if f.kind == "trap")
    assert trap.intents == ("a", "b")
    page = review_page(review, "<svg></svg>")
    assert 'data-intent="a b"' in page
    assert "intents: a, b" in page
    assert "where callers fall into a trap" in page
    views = review.states[0].views[""]
    desk, other = (review.scene.by_qid[qualify(str(p), n)] for n in ("desk", "other"))
    assert "trap" in views.nodes[desk] and "trap" in views.nodes[other]
    welcome = review.scene.by_qid[qualify(str(p), "welcome")]
    assert "trap" not in views.nodes.get(welcome, [])
    fall = [e for e in review.scene.edges if "falls-in" in views.edges.get(e.name, [])]
    assert [(e.src, e.dst) for e in fall] == [(welcome, desk)]

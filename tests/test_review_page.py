"""The review page as a file: self-contained, escaped, and holding what the browser tests click."""
from __future__ import annotations

import base64
import hashlib
import html.parser
import json
import re

import pytest
import yaml

import ivrmaze
from conftest import MENUS
from ivrmaze.render.html import json_for_script, review_page
from ivrmaze.render.review import build_review
from render_support import HOSTILE, hostile_menu, require_dot

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

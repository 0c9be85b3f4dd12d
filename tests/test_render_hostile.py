"""Issue 9 for the drawings: menu text never becomes markup, control characters or bidirectional
overrides, in the DOT source, the SVG (its tooltips) or the review page.

The hostile text is put straight into the loaded graph and files (not through the loader, which
refuses some of it): whatever reaches the render layer must come out as text."""
from __future__ import annotations

import html.parser
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
import yaml
from conftest import maze_finding
from dotparse import parse, unescape
from render_support import require_dot

import ivrmaze
from ivrmaze.errors import UsageError
from ivrmaze.findings import Finding
from ivrmaze.graph import file_of
from ivrmaze.lint import lint as analyze
from ivrmaze.render import build_scene, render_scene, to_dot
from ivrmaze.render.html import review_page
from ivrmaze.render.lookup import resolve_node
from ivrmaze.render.review import build_review

SCRIPT = "</script><script>alert(1)</script>"
BIDI = "abc\u202edef\u2066"
CONTROL = "a\x1b]0;pwned\x07b\x00c\x7fd\x85e\x9bf"
HOSTILE = [SCRIPT, '"quoted"', "back\\slash \\N \\l", "<b>bold</b> <!-- x", CONTROL, "line one\nline two",
           BIDI, "sep\u2028ara\u2029tor", "lone \ud800 surrogate"]
#: Characters that must never appear raw in what the drawings write (newline and tab aside).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]")
MENU = {"ivrmaze": 1, "name": "Line", "entry": "main", "intents": {"help": "Get help"},
        "hours": {"office": {"mon-fri": "09:00-17:00"}},
        "nodes": {"main": {"menu": "Hello", "options": {"1": {"to": "desk", "label": "help"}, "2": "info"}},
                  "desk": {"queue": "Desk", "hours": "office", "closed": "info", "resolves": ["help"]},
                  "info": {"say": "Bye", "next": "hangup"}}}


def hostile_maze(tmp_path, text: str):
    """A small valid maze whose prompts, team name, option label, node id (as drawn), line name
    and intent description are all ``text``."""
    p = tmp_path / "line.yaml"
    p.write_text(yaml.safe_dump(MENU), encoding="utf-8")
    maze = ivrmaze.load(str(p))
    G = maze.graph
    for q, d in G.nodes(data=True):
        d["text"] = text
        if q.endswith("#info"):
            d["id"] = text
    for _, _, d in G.edges(data=True):
        if d.get("via") == "options":
            d["label"] = text
    mf = next(iter(maze.files.values()))
    mf.name = text
    mf.intents["help"] = text
    return maze


def finding_about(maze, text: str) -> Finding:
    q = next(q for q in maze.graph.nodes if q.endswith("#desk"))
    return maze_finding("dead-end", f"hostile {text}", file_of(q), 1, 1, node="desk", intent="help")


def with_finding(maze, text: str):
    """``analyze`` with one more finding, whose message carries ``text``."""
    def run(m, at=None):
        res = analyze(m, at=at)
        return SimpleNamespace(findings=[*res.findings, finding_about(maze, text)], intents=res.intents,
                               summary=res.summary)
    return run


def assert_no_raw(out: str, where: str) -> None:
    bad = RAW.search(out)
    assert bad is None, f"{where}: raw {bad.group()!r} at {bad.start()}: {out[max(bad.start() - 40, 0):bad.end() + 40]!r}"


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_dot_source_holds_text_only(tmp_path, text):
    maze = hostile_maze(tmp_path, text)
    res = with_finding(maze, text)(maze)
    scene = build_scene(maze, analysis=res)
    source = to_dot(scene)
    source.encode("utf-8")  # a lone surrogate would make this fail
    assert_no_raw(source, "DOT")
    g = parse(source)
    # No statement smuggled in: the nodes and edges are the scene's (and the legend's samples).
    assert set(scene.nodes) <= set(g.nodes) and all(n in scene.nodes or n.startswith("legend_") for n in g.nodes)
    drawn = sorted((t, h) for t, h, _ in g.edges if not t.startswith("legend_"))
    assert drawn == sorted((e.src, e.dst) for e in scene.edges)
    for name, a in g.nodes.items():
        for key, value in a.items():
            if key == "label" and g.kinds.get(value) == "html":
                assert not re.search(r"<(?!/?(B|BR|FONT)\b)", value[1:-1]), (name, value)  # our tags only


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_svg_holds_text_only(tmp_path, text):
    require_dot()
    maze = hostile_maze(tmp_path, text)
    svg = render_scene(build_scene(maze, analysis=with_finding(maze, text)(maze)), "svg").decode("utf-8")
    assert_no_raw(svg, "SVG")
    root = ET.fromstring(svg)  # well-formed XML (raw C0 controls are not)
    tags = {el.tag.rpartition("}")[2] for el in root.iter()}
    assert not tags & {"script", "img", "foreignObject", "iframe", "a"}
    titles = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}title"))
    if text in (SCRIPT, '"quoted"', "<b>bold</b> <!-- x"):
        assert text in titles  # shown as typed


def test_svg_tooltips_show_escapes_for_invisible_characters(tmp_path):
    require_dot()
    svg = render_scene(build_scene(hostile_maze(tmp_path, BIDI)), "svg").decode("utf-8")
    titles = " ".join("".join(el.itertext()) for el in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}title"))
    assert "abc\\u202edef\\u2066" in titles


def test_dot_labels_show_escapes_for_invisible_characters(tmp_path):
    g = parse(to_dot(build_scene(hostile_maze(tmp_path, CONTROL + BIDI))))
    labels = [unescape(a["label"]) for *_, a in g.edges if "label" in a]
    assert any("a ]0;pwned b c d\\x85e\\x9bfabc\\u202edef\\u2066" in t for t in labels), labels


class Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("at", [None, "Mon 10:00"])
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_review_page_holds_text_only(tmp_path, text, at):
    require_dot()
    maze = hostile_maze(tmp_path, text)
    review = build_review(maze, analyze=with_finding(maze, text), at=at, intent="help")
    page = review_page(review, render_scene(review.scene, "svg").decode("utf-8"))
    page.encode("utf-8")
    assert_no_raw(page, "page")
    p = Page()
    p.feed(page)
    names = [n for n, _ in p.tags]
    assert names.count("script") == 2 and "img" not in names and "iframe" not in names
    assert not any(k.startswith("on") for _, a in p.tags for k in a)
    data = re.search(r'<script type="application/json" id="ivm-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data and "\u2028" not in data and "\u2029" not in data
    json.loads(data)
    if text in (SCRIPT, '"quoted"', "<b>bold</b> <!-- x"):
        shown = "".join(p.text)
        assert f"hostile {text}" in shown  # the finding's message, as text
        assert f"help: {text}" in shown  # the intent selector


def test_review_page_shows_escapes_for_invisible_characters(tmp_path):
    require_dot()
    maze = hostile_maze(tmp_path, BIDI)
    review = build_review(maze, analyze=with_finding(maze, BIDI))
    page = review_page(review, "<svg></svg>")
    assert "hostile abc\\u202edef\\u2066" in page and "help: abc\\u202edef\\u2066" in page


def test_lookup_messages_escape_ids_from_the_menu(tmp_path):
    maze = hostile_maze(tmp_path, "\x1b]0;title\x07")
    with pytest.raises(UsageError) as e:
        resolve_node(maze, "nope")
    assert "\x1b" not in str(e.value) and "\\x1b]0;title\\x07" in str(e.value)


def test_dot_from_hostile_text_is_accepted_by_graphviz(tmp_path):
    exe = require_dot()
    for text in HOSTILE:
        source = to_dot(build_scene(hostile_maze(tmp_path, text)))
        out = subprocess.run([exe, "-Tdot"], input=source.encode("utf-8"), capture_output=True, check=False)
        assert out.returncode == 0 and b"Error" not in out.stderr, (text, out.stderr)


def test_clean_keeps_line_breaks_and_shows_invisible_characters():
    from ivrmaze.render.labels import clean
    assert clean("a\r\nb\rc\td") == "a\nb\nc\td"
    assert clean("x\x1b[31my\x00\x7f") == "x [31my  "  # C0 and DEL: spaces, as before
    assert clean("p\u202eq\x85r\u2028s\ud800") == "p\\u202eq\\x85r\\u2028s\\ud800"
    assert clean(None) == "" and clean(clean("\u202e")) == clean("\u202e")


def test_a_channel_name_with_an_at_sign_is_drawn(tmp_path):
    maze = hostile_maze(tmp_path, "x")
    q = next(q for q in maze.graph.nodes if q.endswith("#main"))
    maze.graph.nodes[q]["entry"] = ("phone", "web@chat")
    scene = build_scene(maze)
    entries = sorted(e.label for e in scene.edges if e.role == "entry")
    assert entries == ["phone", "web@chat"]
    assert {scene.nodes[e.dst].qid for e in scene.edges if e.role == "entry"} == {q}


def platform_maze(tmp_path, text: str):
    """The hostile maze as a platform flow's: each node's label (its title on drawings) is ``text``,
    long enough to be wrapped."""
    maze = hostile_maze(tmp_path, "x")
    mf = next(iter(maze.files.values()))
    mf.platform = "amazon-connect"
    mf.labels = {nid: f"`{text}…` (GetParticipantInput '{text} {text} {text}')" for nid in mf.nodes}
    return maze


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_platform_labels_are_drawn_as_text_only(tmp_path, text):
    require_dot()
    maze = platform_maze(tmp_path, text)
    scene = build_scene(maze, analysis=analyze(maze))
    main = scene.node_of(next(q for q in maze.graph.nodes if q.endswith("#main")))
    assert main.title_lines and "main (menu)" in main.tooltip  # wrapped; the full id in the tooltip
    source = to_dot(scene)
    assert_no_raw(source, "DOT")
    for name, a in parse(source).nodes.items():
        if a.get("label", "").startswith("<"):
            assert not re.search(r"<(?!/?(B|BR|FONT)\b)", a["label"][1:-1]), (name, a["label"])
    svg = render_scene(scene, "svg").decode("utf-8")
    assert_no_raw(svg, "SVG")
    assert not {el.tag.rpartition("}")[2] for el in ET.fromstring(svg).iter()} & {"script", "foreignObject", "a"}
    review = build_review(maze)
    page = review_page(review, render_scene(review.scene, "svg").decode("utf-8"))
    assert_no_raw(page, "page")
    p = Page()
    p.feed(page)
    assert [n for n, _ in p.tags].count("script") == 2 and not any(k.startswith("on") for _, a in p.tags for k in a)

"""The round trip of issue 14: a random ivrmaze maze, written as a Twilio Studio flow by a test
helper (tests/studio_flows.py), reads back through the Studio reader to the same findings.

The mazes are those Studio can say: menus (a Gather and the Split on its Digits; Studio counts no
retries, so a failing caller goes where the failure is wired, again and again: ``exhausted``
follows the first wired failure, as the reader writes it), messages, people (Connect Call To,
going on after the call), voicemails, decisions (a Split whose last outcome is its ``noMatch``)
and widgets ivrmaze cannot follow. Findings are compared by kind, node and severity (their
positions and the words that name the platform differ, as they should)."""
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from studio_flows import studio_flow, text

import ivrmaze
from ivrmaze import language as L
from ivrmaze.testing.strategies import ids

_PROMPTS = ("For sales press 1, for support press 2.", "Press 1 to repeat, or press 0 for the operator.",
            "Press star to go back.", "Welcome.", "Please hold.", "Press pound for the main menu.")
_WORDS = st.sampled_from(("Sales", "Support", "Billing desk", "Goodbye.", "Thank you.", "Sorry."))


@st.composite
def studio_mazes(draw: Any) -> dict[str, Any]:
    node_ids = draw(ids(min_size=1, max_size=7))
    target = st.sampled_from(node_ids + [L.HANGUP])
    nodes: dict[str, Any] = {}
    for nid in node_ids:
        kind = draw(st.sampled_from(("menu", "menu", "say", "queue", "voicemail", "decide", "unknown")))
        if kind == "menu":
            keys = draw(st.lists(st.sampled_from(L.DTMF_KEYS), max_size=4, unique=True))
            body: dict[str, Any] = {"menu": draw(st.sampled_from(_PROMPTS)),
                                    "options": {k: draw(target) for k in keys},
                                    "no_match": draw(target), "no_input": draw(target)}
            again = next((body[k] for k in ("no_input", "no_match") if body[k] != L.HANGUP), None)
            if again is not None:
                body["exhausted"] = again
        elif kind == "say":
            body = {"say": draw(_WORDS)}
            to = draw(target)
            if to != L.HANGUP:
                body["next"] = to
        elif kind == "queue":
            body = {"queue": draw(_WORDS), "resolves": "*"}
            to = draw(target)
            if to != L.HANGUP:
                body["next"] = to
        elif kind == "voicemail":
            body = {"voicemail": draw(_WORDS), "resolves": "*"}
        elif kind == "decide":
            names = draw(st.lists(st.sampled_from(("yes", "no", "maybe", "gold")), min_size=1, max_size=3, unique=True))
            outs = {n: draw(target) for n in names}
            outs[names[-1]] = draw(st.sampled_from(node_ids))  # one way on at least: a split that goes nowhere is unwired
            body = {"decide": "a lookup", "outcomes": outs}
        else:
            body = {"unknown": "a widget ivrmaze does not know"}
        nodes[nid] = body
    menu: dict[str, Any] = {"ivrmaze": 1}
    if draw(st.booleans()):
        menu["entry"] = draw(st.sampled_from(node_ids))
    if draw(st.booleans()):
        menu["channels"] = {"message": draw(st.sampled_from(node_ids))}
    menu["nodes"] = nodes
    return menu


def _findings(path: str) -> list[tuple[str, str | None, str]]:
    maze = ivrmaze.load(path, strict=False)
    assert [p for p in maze.problems if p.severity == "error"] == []
    found = maze.analyze().findings
    return sorted((f.kind, f.node, f.severity) for f in found if f.kind != "companion")


@given(studio_mazes())
def test_a_maze_written_as_a_studio_flow_reads_back_to_the_same_findings(tmp_path_factory, menu):
    folder = tmp_path_factory.mktemp("roundtrip")
    (folder / "maze.yaml").write_text(yaml.safe_dump(menu, sort_keys=False), encoding="utf-8")
    (folder / "flow.json").write_text(text(studio_flow(menu)), encoding="utf-8")
    assert _findings(str(folder / "flow.json")) == _findings(str(folder / "maze.yaml"))

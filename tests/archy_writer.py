"""A test helper: an ivrmaze maze written out as a Genesys Archy flow (the round trip of issue 13).

Only what an Archy file can say without a companion file is written: menus (their DTMF
choices; a silent or wrong key plays the menu again, ``repeatCount`` times, then disconnects),
messages, queues, voicemail, decisions and schedules whose hours are not in the file. Each
menu becomes an Archy menu whose refId is the node id, each other node a task holding one
action named ``a`` (so its id reads back as ``<id>.a``), followed by a jump to where it leads.
"""
from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

KEYS = list("0123456789*#")
DTMF_NAMES = {**{d: f"digit_{d}" for d in "0123456789"}, "*": "star", "#": "pound"}


def archy_id(data: dict[str, Any], nid: str) -> str:
    """The id the Archy reader gives back to the node ``nid`` of ``data``."""
    return nid if nid == "hangup" or "menu" in data["nodes"][nid] else f"{nid}.a"


def _ref(data: dict[str, Any], target: str) -> str:
    kind = "menus/menu" if "menu" in data["nodes"][target] else "tasks/task"
    return f"/inboundCall/{kind}[{target}]"


def _goto(data: dict[str, Any], target: str, name: str = "go") -> list[dict[str, Any]]:
    """The actions that send the call to ``target`` (nothing for a hangup: the task ends)."""
    if target == "hangup":
        return [{"disconnect": {"name": name}}]
    key = "jumpToMenu" if "menu" in data["nodes"][target] else "jumpToTask"
    ref = "targetMenuRef" if key == "jumpToMenu" else "targetTaskRef"
    return [{key: {"name": name, ref: _ref(data, target)}}]


def _out(data: dict[str, Any], target: str) -> dict[str, Any]:
    return {"actions": _goto(data, target, "out")}


def _choice(data: dict[str, Any], menu: str, key: str, target: str) -> dict[str, Any]:
    base = {"name": f"key {key}", "dtmf": DTMF_NAMES[key]}
    if target == "hangup":
        return {"menuDisconnect": base}
    if target == menu:
        return {"menuRepeat": base}
    if "menu" in data["nodes"][target]:
        return {"menuJumpToMenu": {**base, "targetMenuRef": _ref(data, target)}}
    return {"menuJumpToTask": {**base, "targetTaskRef": _ref(data, target)}}


def _action(data: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """(the Archy action of a non-menu node, where the call goes after it, if anywhere)."""
    if "say" in node:
        return {"playAudio": {"name": "a", "audio": {"tts": node["say"]}}}, node.get("next", "hangup")
    if "queue" in node or "voicemail" in node:
        failure = {"outputs": {"failure": _out(data, node["on_error"])}} if "on_error" in node else {}
        if "queue" in node:
            return {"transferToAcd": {"name": "a", "targetQueue": {"lit": {"name": node["queue"]}}, **failure}}, None
        dest = {"queue": {"targetQueue": {"lit": {"name": node["voicemail"]}}}}
        return {"transferToVoicemail": {"name": "a", "destination": dest, **failure}}, None
    if "decide" in node:
        outs = {o: _out(data, t) for o, t in node["outcomes"].items()}
        return {"decision": {"name": "a", "condition": {"exp": node["decide"]}, "outputs": outs}}, None
    outs = {"open": _out(data, node["open"]), "closed": _out(data, node["closed"])}
    return {"evaluateSchedule": {"name": "a", "schedule": {"lit": {"name": "desk"}}, "outputs": outs}}, None


def to_archy(data: dict[str, Any]) -> str:
    """The ivrmaze document ``data`` (of the shapes ``mazes`` draws) as an Archy YAML flow."""
    menus, tasks = [], []
    retries = {n["retries"] for n in data["nodes"].values() if "menu" in n} or {3}
    for nid, node in data["nodes"].items():
        if "menu" in node:
            choices = [_choice(data, nid, k, t) for k, t in node["options"].items()]
            menus.append({"menu": {"name": nid, "refId": nid, "audio": {"tts": node["menu"]},
                                   "settingsMenu": {"repeatCount": {"lit": node["retries"]}}, "choices": choices}})
            continue
        action, after = _action(data, node)
        tasks.append({"task": {"name": nid, "refId": nid,
                               "actions": [action] + (_goto(data, after) if after is not None else [])}})
    flow = {"name": data["name"], "startUpRef": _ref(data, data["entry"]), "defaultLanguage": "en-us",
            "settingsMenu": {"repeatCount": {"lit": min(retries)}}, "menus": menus, "tasks": tasks}
    return yaml.safe_dump({"inboundCall": flow}, sort_keys=False)


@st.composite
def mazes(draw: Any, max_nodes: int = 7) -> dict[str, Any]:
    """Random ivrmaze mazes of the shapes an Archy flow holds (see the module docstring)."""
    n = draw(st.integers(2, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    target = st.sampled_from(ids + ["hangup"])
    nodes: dict[str, Any] = {}
    for nid in ids:
        kind = draw(st.sampled_from(["menu", "menu", "say", "queue", "voicemail", "decide", "branch"]))
        if kind == "menu":
            keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
            text = draw(st.sampled_from(["Choose.", "For sales press 1.", "Press 1 or 2, or star to repeat."]))
            nodes[nid] = {"menu": text, "options": {k: draw(target) for k in keys}, "no_input": nid, "no_match": nid,
                          "retries": draw(st.integers(1, 4)), "exhausted": "hangup"}
        elif kind == "say":
            nodes[nid] = {"say": f"message {nid}", "next": draw(target)}
        elif kind in ("queue", "voicemail"):
            nodes[nid] = {kind: f"team {nid}", "can_fail": True, "resolves": "*"}
            if draw(st.booleans()):
                nodes[nid]["on_error"] = draw(target)
        elif kind == "decide":
            nodes[nid] = {"decide": f"Flow.x{nid}", "outcomes": {"yes": draw(target), "no": draw(target)},
                          "on_error": "hangup"}
        else:
            nodes[nid] = {"branch": "unknown", "open": draw(target), "closed": draw(target), "on_error": "hangup"}
    return {"ivrmaze": 1, "name": "Random line", "entry": ids[0], "nodes": nodes}

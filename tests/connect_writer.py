"""A test helper: an ivrmaze menu (as data) written as an Amazon Connect flow, and random menus of
the part of the language a Connect flow can say, for the round trip of test_platform_connect_roundtrip.

What Connect cannot say is left out of the menus drawn: intents (queues and callbacks resolve
any), hours and branches (hours live outside the flow), agents' transfers, voicemail, externals
to a node of another file, `retries` and `exhausted` (Connect has no retry count). Menus always
wire `no_input` and `no_match` (an unwired branch hangs up on Connect, re-prompts in ivrmaze).
"""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ivrmaze import language as L

HANGUP_ACTION = "end of call"  # an Identifier no ivrmaze id can be (it has spaces)
PHRASES = ("Welcome.", "For sales press 1, for support press 2.", "Press 3 to hear this again.",
           "Sorry, we are busy.", "Druk op 1 voor verkoop.", "Goodbye.")


def _to(target: str) -> str:
    return HANGUP_ACTION if target == L.HANGUP else target


def _via_queue(nodes: dict[str, Any], target: str) -> str:
    """A transition to a queue or callback goes through the action that sets its queue."""
    kind = next(iter(nodes.get(target, {})), None)
    return f"set queue {target}" if kind in ("queue", "callback") else _to(target)


def _action(ident: str, type_: str, params: dict[str, Any] | None = None, next_: str | None = None,
            errors: list[tuple[str, str]] = (), conditions: list[tuple[str, str, str]] = ()) -> dict[str, Any]:
    t: dict[str, Any] = {"Errors": [{"NextAction": to, "ErrorType": e} for e, to in errors],
                         "Conditions": [{"NextAction": to, "Condition": {"Operator": op, "Operands": [v]}}
                                        for op, v, to in conditions]}
    if next_ is not None:
        t["NextAction"] = next_
    return {"Identifier": ident, "Type": type_, "Parameters": params or {}, "Transitions": t}


def _target(value: Any) -> str:
    return value["to"] if isinstance(value, dict) else value


def write_flow(menu: dict[str, Any]) -> dict[str, Any]:
    """``menu`` (an ivrmaze document drawn by ``menus``) as a Connect flow."""
    nodes = menu["nodes"]
    go = lambda t: _via_queue(nodes, _target(t))  # noqa: E731 - one line, used everywhere below
    actions = [_action(HANGUP_ACTION, "DisconnectParticipant")]
    for nid, body in nodes.items():
        kind = next(iter(body))
        if kind == "menu":
            actions.append(_action(nid, "GetParticipantInput", {"Text": body["menu"]}, None,
                                   [("InputTimeLimitExceeded", go(body["no_input"])),
                                    ("NoMatchingCondition", go(body["no_match"]))],
                                   [("Equals", key, go(t)) for key, t in body.get("options", {}).items()]))
        elif kind == "say":
            actions.append(_action(nid, "MessageParticipant", {"Text": body["say"]}, go(body.get("next", L.HANGUP))))
        elif kind in ("queue", "callback"):
            actions.append(_action(f"set queue {nid}", "UpdateContactTargetQueue", {"QueueId": body[kind]}, nid))
            errors = [("NoMatchingError", go(body["on_error"]))] if "on_error" in body else []
            actions.append(_action(nid, "TransferContactToQueue" if kind == "queue" else "CreateCallbackContact",
                                   errors=errors))
        elif kind == "decide":
            actions.append(_action(nid, "Compare", {"ComparisonValue": body["decide"]}, None, [],
                                   [("Equals", name, go(t)) for name, t in body["outcomes"].items()]))
        elif kind == "loop":
            actions.append(_action(nid, "Loop", {"LoopCount": str(body["loop"])}, None, [],
                                   [("Equals", "ContinueLooping", go(body["again"])),
                                    ("Equals", "DoneLooping", go(body["done"]))]))
    return {"Version": "2019-10-30", "StartAction": go(menu["entry"]),
            "Metadata": {"entryPointPosition": {"x": 0, "y": 0}, "ActionMetadata": {}}, "Actions": actions}


_IDS = st.lists(st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True).filter(lambda s: s != L.HANGUP),
                min_size=1, max_size=7, unique=True)


@st.composite
def _node(draw: st.DrawFn, ids: list[str]) -> dict[str, Any]:
    target = st.sampled_from(ids + [L.HANGUP])
    kind = draw(st.sampled_from(("menu", "menu", "say", "queue", "callback", "decide", "loop")))
    if kind == "menu":
        keys = draw(st.lists(st.sampled_from(L.DTMF_KEYS), max_size=4, unique=True))
        return {"menu": draw(st.sampled_from(PHRASES)), "options": {k: draw(target) for k in keys},
                "no_input": draw(target), "no_match": draw(target)}
    if kind == "say":
        return {"say": draw(st.sampled_from(PHRASES)), "next": draw(target)}
    if kind in ("queue", "callback"):  # a transfer can fail on Connect: the reader says so (`can_fail`)
        node = {kind: draw(st.sampled_from(("Sales", "Support", "Billing"))), "resolves": "*", "can_fail": True}
        if draw(st.booleans()):
            node["on_error"] = draw(target)
        return node
    if kind == "decide":
        names = draw(st.lists(st.sampled_from(("yes", "no", "VIP", "other")), min_size=1, max_size=3, unique=True))
        return {"decide": "$.Attributes.Segment", "outcomes": {n: draw(target) for n in names}}
    return {"loop": draw(st.integers(1, 3)), "again": draw(target), "done": draw(target)}


@st.composite
def menus(draw: st.DrawFn) -> dict[str, Any]:
    """A valid ivrmaze menu of the part of the language a Connect flow can say (see the docstring)."""
    ids = draw(_IDS)
    nodes = {nid: draw(_node(ids)) for nid in ids}
    return {"ivrmaze": L.FORMAT_VERSION, "name": "round trip", "entry": draw(st.sampled_from(ids)), "nodes": nodes}

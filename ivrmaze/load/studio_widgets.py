"""The Studio widgets as ivrmaze nodes: one translator per widget type (``WIDGETS``), and ``build``.

docs/platforms/twilio-studio.md has the table of what each widget becomes. A type of widget not
in the table becomes an ``unknown`` node (ivrmaze cannot follow the call through it); known
widgets that only route on their events (an outgoing call, a payment, a recording) become
decisions over those events (``ROUTERS``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .. import language as L
from ..words import suggest
from .flows import flow_ref
from .studio_graph import Flow, Widget, dangling, entries, knows, node_id, pass_through
from .studio_inputs import SPLIT, decide, gather, outcomes, reply
from .studio_text import short

_FLOW_SID = re.compile(r"\b(FW[0-9a-fA-F]{32})\b")
#: Widgets that route the call on their events only: each event an outcome.
ROUTERS = ("make-outgoing-call-v2", "capture-payments", "record-call", "fork-stream", "connect-virtual-agent",
           "send-to-auto-pilot", "send-to-autopilot", "connect-to-ai-assistant", "set-assistant-parameters")


def _next(flow: Flow, nid: str, body: dict[str, Any], w: Widget, event: str, key: str = "next") -> None:
    to = flow.link(("nodes", nid, key), w.on(event))
    if to is not None and to != L.HANGUP:
        body[key] = to


def _on_error(flow: Flow, nid: str, body: dict[str, Any], w: Widget, events: tuple[str, ...], kind: str) -> None:
    err = flow.error_route(w, events)
    if err is not None:
        body["on_error"] = err
        t = next(t for t in w.transitions if t.event in events and t.next is not None)
        flow.link(("nodes", nid, "on_error"), t)
    if knows(kind, "can_fail"):
        body["can_fail"] = True


def say_play(flow: Flow, w: Widget) -> None:
    say, play, digits = w.prop("say"), w.prop("play"), w.prop("digits")
    body: dict[str, Any] = {"say": say or (f"(a recording: {play})" if play else
                                           f"(plays the keys {digits})" if digits else f"({w.name} says nothing)")}
    flow.text(w.nid, "say", w, "say" if say else "play" if play else "digits")
    _next(flow, w.nid, body, w, "audioComplete")
    flow.node(w.nid, body, w)


def send_message(flow: Flow, w: Widget) -> None:
    body: dict[str, Any] = {"say": f"(message) {w.prop('body') or ''}".rstrip()}
    flow.text(w.nid, "say", w, "body")
    _next(flow, w.nid, body, w, "sent")
    err = flow.error_route(w, ("failed",))
    if err is not None:
        body["on_error"] = err
        flow.link(("nodes", w.nid, "on_error"), w.on("failed"))
    flow.node(w.nid, body, w)


def set_variables(flow: Flow, w: Widget) -> None:
    """Only a set-variables widget on a loop of them is a node (the others are passed through)."""
    names = [str(v.get("key")) for v in w.props.get("variables", []) if isinstance(v, dict)]
    body: dict[str, Any] = {"say": f"(sets {', '.join(names) or 'no variables'})"}
    _next(flow, w.nid, body, w, "next")
    flow.node(w.nid, body, w)


def split(flow: Flow, w: Widget) -> None:
    """Split Based On...: a decision on data (Liquid templates are opaque values)."""
    outs: dict[str, Any] = {}
    outcomes(flow, w.nid, w, "", outs)
    flow.text(w.nid, "decide", w, "input")
    decide(flow, w, {"decide": f"split on {short(w.prop('input') or 'nothing')}", "outcomes": outs}, ())


def _checked(flow: Flow, w: Widget, what: str, success: str, failure: str) -> None:
    outs: dict[str, Any] = {}
    to = flow.link(("nodes", w.nid, "outcomes", success), w.on(success))
    if to is not None:
        outs[success] = to
    decide(flow, w, {"decide": what, "outcomes": outs}, (failure,), can_fail=True)


def run_function(flow: Flow, w: Widget) -> None:
    fn = w.prop("url") or w.prop("function_sid") or "a function"
    _checked(flow, w, f"does the function {short(fn)} succeed?", "success", "fail")


def http_request(flow: Flow, w: Widget) -> None:
    what = f"{w.prop('method') or 'GET'} {w.prop('url') or ''}".strip()
    _checked(flow, w, f"does the HTTP request {short(what)} succeed?", "success", "failed")


def connect_call(flow: Flow, w: Widget) -> None:
    """Connect Call To: a person (or a conference); ``callCompleted`` goes on after the call."""
    to = w.prop("to") or w.prop("conference") or "somebody"
    body: dict[str, Any] = {"queue": f"{w.prop('noun') or 'number'} {short(to)}"}
    flow.text(w.nid, "queue", w, "to")
    _next(flow, w.nid, body, w, "callCompleted")
    flow.node(w.nid, body, w)


def enqueue(flow: Flow, w: Widget) -> None:
    """Enqueue Call and Send To Flex: a queue; its failures are its error route."""
    if w.type == "send-to-flex":
        name, prop = f"Flex (workflow {w.prop('workflow') or '?'})", "workflow"
    else:
        q, wf = w.prop("queue_name"), w.prop("workflow_sid")
        name, prop = (q, "queue_name") if q else (f"TaskRouter workflow {wf or '?'}", "workflow_sid")
    body: dict[str, Any] = {"queue": name}
    flow.text(w.nid, "queue", w, prop)
    _next(flow, w.nid, body, w, "callComplete")
    _on_error(flow, w.nid, body, w, ("failedToEnqueue", "callFailure"), "queue")
    flow.node(w.nid, body, w)


def voicemail(flow: Flow, w: Widget) -> None:
    body: dict[str, Any] = {"voicemail": f"the message recorded by {w.name}"}
    if knows("voicemail", "next"):
        _next(flow, w.nid, body, w, "recordingComplete")
    err = flow.error_route(w, ("noAudio",))
    if err is not None:
        body["on_error"] = err
        flow.link(("nodes", w.nid, "on_error"), w.on("noAudio"))
    flow.node(w.nid, body, w)


def _leg(flow: Flow, w: Widget, inner: dict[str, Any], what: str, back: str, failures: tuple[str, ...]) -> None:
    """A subflow or a TwiML redirect: the call goes to ``inner``; when ``back`` is wired it may
    also come back and go on (a decision: ivrmaze cannot tell which)."""
    if w.on(back) is None or w.on(back).next is None:  # type: ignore[union-attr]
        body = dict(inner)
        kind = next(iter(inner))
        if kind in L.ON_ERROR_KINDS:
            _on_error(flow, w.nid, body, w, failures, kind)
        flow.node(w.nid, body, w)
        return
    leg = flow.fresh(f"{w.nid}.leg")
    flow.node(leg, inner, w, what)
    outs: dict[str, Any] = {"keeps the call": leg}
    to = flow.link(("nodes", w.nid, "outcomes", "returns"), w.on(back))
    if to is not None:
        outs["returns"] = to
    decide(flow, w, {"decide": f"does {what} keep the call, or return it?", "outcomes": outs}, failures,
           can_fail=True)


def _external(ref: str, what: str) -> dict[str, Any]:
    if any(f.name == "flow" for f in getattr(L, "EXTERNAL_FIELDS", ())):
        return {"external": {"flow": ref}}
    return {"unknown": f"{what} (flow {ref})"}


def subflow(flow: Flow, w: Widget) -> None:
    written = flow.filled(w.prop("flow_sid"))
    sid = flow_ref(written) if written else None
    if flow.subflow:
        flow.problem("reference", f"widget `{w.name}` runs a subflow from a subflow, which Studio refuses when the "
                     "call gets there (error 81024: the widget fails), expected the parent flow to run both subflows",
                     flow.pos(w.path + ("type",), value=True), node=w.nid, severity="warning")
    inner = _external(sid, "the subflow") if sid else {"unknown": f"the subflow of {w.name} (no flow_sid)"}
    flow.text(w.nid, next(iter(inner)), w, "flow_sid")
    _leg(flow, w, inner, "the subflow", "completed", ("failed",))


def redirect(flow: Flow, w: Widget) -> None:
    url = flow.filled(w.prop("url")) or ""
    m = _FLOW_SID.search(url)
    inner = _external(m.group(1), "the flow") if m else {"unknown": f"the TwiML at {short(url or '?')}"}
    flow.text(w.nid, next(iter(inner)), w, "url")
    _leg(flow, w, inner, "the TwiML redirect", "return", ("timeout", "fail"))


def router(flow: Flow, w: Widget) -> None:
    outs: dict[str, Any] = {}
    for t in w.transitions:
        outcomes(flow, w.nid, t, "", outs)
    decide(flow, w, {"decide": f"how {w.name} ({w.type}) ends", "outcomes": outs}, ())


def unknown(flow: Flow, w: Widget) -> None:
    flow.node(w.nid, {"unknown": f"a Studio widget of type {short(w.type, 40)}, which ivrmaze does not read"}, w)


WIDGETS: dict[str, Callable[[Flow, Widget], None]] = {
    "say-play": say_play, "gather-input-on-call": gather, SPLIT: split, "set-variables": set_variables,
    "run-function": run_function, "make-http-request": http_request, "connect-call-to": connect_call,
    "enqueue-call": enqueue, "send-to-flex": enqueue, "record-voicemail": voicemail, "run-subflow": subflow,
    "add-twiml-redirect": redirect, "send-message": send_message, "send-and-wait-for-reply": reply,
    **{t: router for t in ROUTERS},
}
INPUTS = ("gather-input-on-call", "send-and-wait-for-reply")


def _trigger(flow: Flow, initial: object, at: tuple[Any, ...]) -> Widget | None:
    triggers = [w for w in flow.widgets.values() if w.type == "trigger"]
    w = flow.widgets.get(initial) if isinstance(initial, str) else None
    if w is not None and w.type == "trigger":
        return w
    if initial is None:
        flow.problem("missing-key", "the flow has no `initial_state`, expected the name of its Trigger widget",
                     flow.pos(at[:-1]))
    elif w is None:
        flow.problem("reference", f"`initial_state` names `{initial}`, which is not a widget of this flow"
                     f"{suggest(initial, flow.widgets)}, expected the name of its Trigger widget",
                     flow.pos(at, value=True))
    else:
        flow.problem("type", f"`initial_state` names `{initial}`, a {w.type} widget, expected the flow's Trigger "
                     "widget (type `trigger`)", flow.pos(at, value=True))
    return triggers[0] if triggers else None


def build(flow: Flow, initial: object, at: tuple[Any, ...]) -> None:
    """Translate every widget of ``flow`` into ``flow.tr.data`` (see the module docstring)."""
    trigger = _trigger(flow, initial, at)
    taken: set[str] = set()
    for w in flow.widgets.values():
        if w.type != "trigger":
            w.nid = node_id(w.name, taken)
            taken.add(w.nid)
    dangling(flow)
    pass_through(flow)
    if trigger is not None:
        entries(flow, trigger)
    refs: dict[str, int] = {}
    for w in flow.widgets.values():
        for t in w.transitions:
            if t.next is not None:
                refs[t.next] = refs.get(t.next, 0) + 1
    rest = [w for w in flow.widgets.values() if w.type not in ("trigger", *INPUTS) and w.name not in flow.through]
    for w in [w for w in flow.widgets.values() if w.type in INPUTS] + rest:
        if w.name in flow.absorbed and refs.get(w.name, 0) <= 1:
            continue
        WIDGETS.get(w.type, unknown)(flow, w)
    # the file's order; a node made for a part of a widget after the widget's own, the subflow's end last
    order = {nid: (*flow.tr.key_pos.get(("nodes", nid), (0, 0)), nid not in taken) if nid != flow.end_node
             else (1 << 30, 0, True) for nid in flow.nodes}
    data = flow.tr.data
    flow.tr.data = {"ivrmaze": 1, **{k: data[k] for k in ("name", "entry", "channels") if k in data},
                    "nodes": dict(sorted(flow.nodes.items(), key=lambda kv: order[kv[0]]))}

"""Each Amazon Connect action type as ivrmaze nodes (docs/platforms/amazon-connect.md has the table).

``TRANSLATORS`` maps a Type to its translator; a Type not in it with transitions becomes a
`decide` whose outcomes are its transitions, one with none an `unknown`. Every translator
writes the node of the action (its id is the action's, see ``connect_flow``) and its links,
each at the position of its `NextAction` in the flow file.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import language as L
from ..source import Path
from .connect_flow import Action, Flow
from .connect_refs import is_dynamic, outcome_name, ref_name, slug, speech

#: The error that catches every other one: it becomes `on_error`.
CATCH_ALL = "NoMatchingError"
#: Where the caller's digits are kept when `StoreInput` is on.
STORED_INPUT = "$.StoredCustomerInput"
#: Whether a node kind takes `next` (queue always; callback and external when the language has it).
TAKES_NEXT = {kind: any(f.name == "next" for f in fields) for kind, fields in L.NODE_FIELDS.items()}
#: The kinds that take `on_error`, and those that take `can_fail` (the step can fail on the platform).
ON_ERROR = {kind for kind, fields in L.NODE_FIELDS.items() if any(f.name == "on_error" for f in fields)}
CAN_FAIL = {kind for kind, fields in L.NODE_FIELDS.items() if any(f.name == "can_fail" for f in fields)}
#: `end: unwired`: the flow wires no transition out of a step that is not an end.
UNWIRED = getattr(L, "END_UNWIRED", None)


def _param(a: Action, key: str) -> tuple[Any, Path]:
    return a.params.get(key), a.path + ("Parameters", key)


def on_error(fl: Flow, a: Action, nid: str, *, can_fail: bool = False) -> None:
    """The catch-all error route as `on_error`; ``can_fail``: the step can fail on Connect (a lookup,
    a function, a transfer), which missing-error-route asks a route of."""
    kind = next((k for k in fl.nodes[nid] if k in L.NODE_FIELDS), None)
    if kind not in ON_ERROR:
        return  # a menu has none: its error branch is not followed (docs/platforms/amazon-connect.md)
    err = a.error(CATCH_ALL)
    if err is not None:
        fl.link(a, nid, "on_error", *err)
    if can_fail and kind in CAN_FAIL:
        fl.field(nid, "can_fail", True, a.path + ("Type",))


def unwired(fl: Flow, a: Action, nid: str) -> None:
    """Mark a step the flow wires no transition out of (no-way-out reports it)."""
    if UNWIRED is not None and not a.trans.get("NextAction") and not a.errors() and not a.conditions():
        fl.field(nid, "end", UNWIRED, a.path + ("Identifier",))


def prompt(fl: Flow, a: Action, nid: str, key: str) -> None:
    """The text the caller hears (`Text` or `SSML`), or the recording (`PromptId`, `Media`) as
    `audio` beside a stand-in text (a menu; a `say` tells the recording in its text)."""
    for name in ("Text", "SSML"):
        value, path = _param(a, name)
        if isinstance(value, str) and not is_dynamic(value):
            fl.field(nid, key, speech(value) or "(empty prompt)", path)
            return
        if isinstance(value, str):
            return _recorded(fl, nid, key, f"text from {value.strip()}", path)
    for name in ("PromptId", "Media"):
        value, path = _param(a, name)
        if isinstance(value, dict):
            value = value.get("Uri")
        if isinstance(value, str):
            what = fl.names.get(a.ident) or ref_name(value)
            return _recorded(fl, nid, key, what, path)
    fl.field(nid, key, f"({a.type} with no prompt)", a.path + ("Identifier",))
    return None


def _recorded(fl: Flow, nid: str, key: str, what: str, path: Path) -> None:
    """A recording: a menu repeats its `audio` as the text (the stand-in the announced-keys checks skip)."""
    if key == "menu":
        fl.field(nid, key, what, path)
        fl.field(nid, "audio", what, path)
    else:
        fl.field(nid, key, f"(recorded prompt: {what})", path)


def _outcome(fl: Flow, a: Action, outcomes: dict[str, Any], name: str, label: str, to: Any, path: Path,
             nid: str) -> None:
    t = fl.target(a, to, path)
    if t is None:
        return
    base, n = name, 2
    while name in outcomes:
        name, n = f"{base}-{n}", n + 1
    outcomes[name] = {"to": t, "label": label} if label else t
    fl.put(("nodes", nid, "outcomes", name), path)
    fl.put(("nodes", nid, "outcomes", name, "to"), path)


def decide(fl: Flow, a: Action, text: str, text_at: Path, *, nid: str | None = None, extra: str = "",
           branches: list[tuple[str, str, Any, Path]] | None = None, can_fail: bool = False,
           catch: bool = True) -> str:
    """A `decide` node: ``branches`` (outcome name, label, NextAction, its path) by default the
    action's conditions, `NoMatchingCondition`, its other errors and its `NextAction`; with
    ``catch`` the catch-all error as `on_error`."""
    nid = fl.node(a, {}, nid=nid, extra=extra)
    fl.field(nid, "decide", text, text_at)
    outcomes: dict[str, Any] = {}
    for name, label, to, path in (branches if branches is not None else transitions(a)):
        _outcome(fl, a, outcomes, name, label, to, path, nid)
    if not outcomes:  # the language asks for one: none wired, the call is cut off here
        outcomes["unwired"] = {"to": L.HANGUP, "label": "no transition"}
        fl.put(("nodes", nid, "outcomes", "unwired"), a.path + ("Identifier",))
        unwired(fl, a, nid)
    fl.nodes[nid]["outcomes"] = outcomes
    fl.put(("nodes", nid, "outcomes"), a.path + ("Transitions",))
    if catch:
        on_error(fl, a, nid, can_fail=can_fail)
    return nid


def transitions(a: Action, done: str = "next") -> list[tuple[str, str, Any, Path]]:
    """Every transition of ``a`` but the catch-all error, as outcomes."""
    out = [(*outcome_name(op, operands), to, path) for op, operands, to, path in a.conditions()]
    out += [(slug(kind), kind, to, path) for kind, to, path in a.errors() if kind != CATCH_ALL]
    nxt = a.next()
    if nxt is not None:
        out.append((done, "", *nxt))
    return out


def _message(fl: Flow, a: Action) -> None:
    nid = fl.node(a, {})
    prompt(fl, a, nid, "say")
    nxt = a.next()
    if nxt is not None:
        fl.link(a, nid, "next", *nxt)
    unwired(fl, a, nid)
    on_error(fl, a, nid)


def _input(fl: Flow, a: Action) -> None:
    stored, _ = _param(a, "StoreInput")
    nxt = a.next()
    compare = fl.actions.get(nxt[0]) if nxt is not None and isinstance(nxt[0], str) else None
    if str(stored).lower() == "true" and not is_stored_compare(compare):
        text, at = _param(a, "StoreInput")
        decide(fl, a, "the digits the caller enters", at, branches=[
            *[(slug(k), k, to, p) for k, to, p in a.errors() if k != CATCH_ALL], *(
                [("entered", "", *nxt)] if nxt is not None else [])])
        return
    nid = fl.node(a, {})
    prompt(fl, a, nid, "menu")
    options: dict[str, Any] = {}
    fl.nodes[nid]["options"] = options
    fl.put(("nodes", nid, "options"), a.tpath("Conditions"))
    conditions = a.conditions() if compare is None or not is_stored_compare(compare) else compare.conditions()
    failures = {"InputTimeLimitExceeded": "no_input", "NoMatchingCondition": "no_match"}
    for op, operands, to, path in conditions:
        for key in operands:
            if key == "Timeout" and op == "Equals":  # what a stored input holds when nothing was entered
                failures.pop("InputTimeLimitExceeded", None)
                fl.link(a, nid, "no_input", to, path)
            elif key in L.DTMF_KEYS and key not in options:
                t = fl.target(a, to, path)
                if t is not None:
                    options[key] = t
                    fl.put(("nodes", nid, "options", key), path)
    own = {k: (to, p) for k, to, p in a.errors()}
    if compare is not None and is_stored_compare(compare):
        own.update({k: (to, p) for k, to, p in compare.errors() if k == "NoMatchingCondition"})
    for kind, via in failures.items():
        if kind in own:
            fl.link(a, nid, via, *own[kind])
        else:  # no branch for it: the flow ends there
            fl.field(nid, via, L.HANGUP, a.tpath())
    unwired(fl, a, nid)
    err = a.error(CATCH_ALL)
    if err is not None:
        _menu_error(fl, a, nid, *err)


def _menu_error(fl: Flow, a: Action, nid: str, to: Any, path: Path) -> None:
    """A menu has no error route: when its error branch goes where none of its own links go, a
    `decide` in front keeps that route ("does the prompt play?"), the menu behind it as `ID.menu`."""
    t = fl.target(a, to, path)
    body = fl.nodes[nid]
    if t is None or t in {*body.get("options", {}).values(), body.get("no_input"), body.get("no_match")}:
        return
    inner = f"{nid}.menu"
    fl.rename(nid, inner, ": the menu")
    fl.actions[inner] = Action(a.ident, inner, a.type, a.params, a.trans, a.index)  # for `target` alone
    decide(fl, a, "GetParticipantInput: does the prompt play?", a.path + ("Type",),
           branches=[("done", "", inner, a.path + ("Identifier",))])
    del fl.actions[inner]


def is_stored_compare(b: Action | None) -> bool:
    """Whether ``b`` is a Compare of the digits a GetParticipantInput stored (its menu options)."""
    value = b.params.get("ComparisonValue") if b is not None and b.type == "Compare" else None
    return isinstance(value, str) and value.strip() == STORED_INPUT


def _compare(fl: Flow, a: Action) -> None:
    value, at = _param(a, "ComparisonValue")
    shown = value if isinstance(value, str) else "a value"
    branches = [(*outcome_name(op, operands), to, p) for op, operands, to, p in a.conditions()]
    nomatch = a.error("NoMatchingCondition")
    if nomatch is not None:
        branches.append(("no-match", "no condition holds", *nomatch))
    branches += [(slug(k), k, to, p) for k, to, p in a.errors() if k not in (CATCH_ALL, "NoMatchingCondition")]
    decide(fl, a, f"{shown}", at, branches=branches)


def _lambda(fl: Flow, a: Action) -> None:
    value, at = _param(a, "LambdaFunctionARN")
    name = fl.names.get(a.ident) or (ref_name(value) if isinstance(value, str) else "?")
    decide(fl, a, f"Lambda function {name}", at, branches=transitions(a, done="returned"), can_fail=True)


def _metric(fl: Flow, a: Action) -> None:
    metric, at = _param(a, "MetricType")
    metric = str(metric or "a metric")
    queue = fl.queue_text(a)
    branches = []
    for op, operands, to, p in a.conditions():
        name, label = outcome_name(op, operands)
        if metric.startswith("NumberOfAgents") and op == "NumberGreaterThan" and operands == ["0"]:
            name, label = "agents", "some agents"
        branches.append((name, label, to, p))
    nomatch = a.error("NoMatchingCondition")
    if nomatch is not None:
        branches.append(("no-agents" if metric.startswith("NumberOfAgents") else "no-match", "no condition holds",
                         *nomatch))
    decide(fl, a, f"{metric} of {queue}", at, branches=branches, can_fail=True)


def _hours(fl: Flow, a: Action) -> None:
    value, at = _param(a, "HoursOfOperationId")
    nid = fl.node(a, {})
    fl.field(nid, "branch", "unknown", at if value is not None else a.path + ("Type",))
    if isinstance(value, str):
        fl.aliases[nid] |= {value.strip(), ref_name(value)}
    else:  # the hours of the contact's target queue
        fl.aliases[nid] |= {alias for _, aliases, _ in fl.queues_at(a) for alias in aliases}
    routes = {"True": "open", "False": "closed"}
    for op, operands, to, path in a.conditions():
        via = routes.get(operands[0]) if op == "Equals" and len(operands) == 1 else None
        if via is not None and via not in fl.nodes[nid]:
            fl.link(a, nid, via, to, path)
    for via in routes.values():
        if via not in fl.nodes[nid]:  # no branch for it: the flow ends there
            fl.field(nid, via, L.HANGUP, a.tpath())
    unwired(fl, a, nid)
    on_error(fl, a, nid, can_fail=True)


def _loop(fl: Flow, a: Action) -> None:
    count, at = _param(a, "LoopCount")
    text = str(count).strip() if count is not None else ""
    routes = {"ContinueLooping": "again", "DoneLooping": "done"}
    if not text.isdigit() or int(text) < 1:  # dynamic, or no round at all: the system decides
        keep = ("DoneLooping",) if text.isdigit() else tuple(routes)
        branches = [(routes[operands[0]], "", to, p) for _, operands, to, p in a.conditions()
                    if operands and operands[0] in keep]
        decide(fl, a, f"loop {text or '(no count)'} times", at, branches=branches)
        return
    nid = fl.node(a, {})
    fl.field(nid, "loop", int(text), at)
    for op, operands, to, path in a.conditions():
        via = routes.get(operands[0]) if op == "Equals" and len(operands) == 1 else None
        if via is not None and via not in fl.nodes[nid]:
            fl.link(a, nid, via, to, path)
    for via in routes.values():
        if via not in fl.nodes[nid]:
            fl.field(nid, via, L.HANGUP, a.tpath())
    unwired(fl, a, nid)


def generic(fl: Flow, a: Action) -> None:
    """An action ivrmaze has no model of: its transitions as outcomes the system picks, or, with
    none, an `unknown` (the call leaves what ivrmaze can follow)."""
    if not transitions(a) and a.error(CATCH_ALL) is None:
        nid = fl.node(a, {})
        fl.field(nid, "unknown", f"Connect action {a.type}", a.path + ("Type",))
        return
    decide(fl, a, f"{a.type} (not modelled: each of its branches is possible)", a.path + ("Type",))


def passing(fl: Flow, a: Action) -> None:
    """A pass-through action kept because it can fail elsewhere (or leads nowhere): one outcome."""
    nxt = a.next()
    text = a.type
    if a.type == "UpdateContactTargetQueue":
        text = f"set the target queue to {fl.names.get(a.ident) or _queue_param(a)}"
    attributes = a.params.get("Attributes")
    if a.type == "UpdateContactAttributes" and isinstance(attributes, dict) and attributes:
        text = f"set the contact attributes {', '.join(sorted(map(str, attributes)))}"
    decide(fl, a, text, a.path + ("Type",), branches=[("next", "", *nxt)] if nxt is not None else [])


def _queue_param(a: Action) -> str:
    value = a.params.get("QueueId", a.params.get("AgentId"))
    return (value.strip() if is_dynamic(value) else ref_name(value)) if isinstance(value, str) else "?"


Translator = Callable[[Flow, Action], None]
TRANSLATORS: dict[str, Translator] = {
    "MessageParticipant": _message, "GetParticipantInput": _input, "Compare": _compare,
    "InvokeLambdaFunction": _lambda, "CheckMetricData": _metric, "CheckHoursOfOperation": _hours,
    "Loop": _loop,
}

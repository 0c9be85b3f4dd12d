"""Amazon Connect actions that hand the call on: to a queue, a phone number, a callback, another
flow or a flow module (docs/platforms/amazon-connect.md).

The queue of `TransferContactToQueue` (and of a callback or a check without its own queue) is
the contact's target queue, set by the `UpdateContactTargetQueue` actions before it: ``connect``
finds which of them can reach each action (``Flow.queues_at``), and the queue is named by them
all ("Sales or Support"); one that reads the queue at run time (`$.Attributes.QueueARN`) makes
the target `unknown` when it is the only one.
"""
from __future__ import annotations

from typing import Any

from ..source import Path
from .connect_actions import CATCH_ALL, TAKES_NEXT, decide, on_error
from .connect_flow import Action, Flow
from .connect_refs import is_dynamic, ref_name, slug
from .flows import flow_ref

#: Errors of the hand-over actions that are not the catch-all: with a route of their own, the
#: action becomes a `decide` in front of the hand-over (the outcome `done` goes on to it).
SPECIFIC_ERRORS = ("QueueAtCapacity", "CallFailed", "ConnectionTimeLimitExceeded")


def _param(a: Action, key: str) -> tuple[Any, Path]:
    return a.params.get(key), a.path + ("Parameters", key)


def _front(fl: Flow, a: Action, what: str) -> str:
    """The node id the hand-over gets: the action's own, or, when it has errors of its own that go
    elsewhere than the catch-all, an extra node behind a `decide` that routes them."""
    catch = a.error(CATCH_ALL)
    own = [(k, to, p) for k, to, p in a.errors() if k in SPECIFIC_ERRORS and (catch is None or to != catch[0])]
    if not own:
        return a.nid
    inner = f"{a.nid}.{what}"
    fl.actions[inner] = Action(a.ident, inner, a.type, a.params, a.trans, a.index)  # for `target` alone
    decide(fl, a, f"{a.type}: does the {what} take the call?", a.path + ("Type",), branches=[
        ("done", "", inner, a.path + ("Identifier",)), *[(slug(k), k, to, p) for k, to, p in own]], catch=False)
    del fl.actions[inner]
    return inner


def _queue_node(fl: Flow, a: Action, nid: str, kind: str, explicit: Any, at: Path, extra: str) -> None:
    """A queue or callback node named by ``explicit`` (a QueueId) or else by the target queue."""
    queues = [(ref_name(explicit) if not is_dynamic(explicit) else f"dynamic queue {explicit.strip()}",
               {explicit.strip(), ref_name(explicit)}, is_dynamic(explicit))] if isinstance(explicit, str) \
        else fl.queues_at(a)
    fl.node(a, {}, nid=nid, extra=extra)
    where = at if isinstance(explicit, str) else a.path + ("Type",)
    if queues and all(dynamic for _, _, dynamic in queues):
        fl.field(nid, "unknown", " or ".join(sorted({text for text, _, _ in queues})), where)
    else:
        fl.field(nid, kind, " or ".join(sorted({text for text, _, _ in queues})) or "the target queue", where)
    for _, aliases, _ in queues:
        fl.aliases[nid] |= aliases
    on_error(fl, a, nid, can_fail=True)


def to_queue(fl: Flow, a: Action) -> None:
    nid = _front(fl, a, "queue")
    _queue_node(fl, a, nid, "queue", None, a.path, ": the queue" if nid != a.nid else "")


def callback(fl: Flow, a: Action) -> None:
    value, at = _param(a, "QueueId")
    if value is None:
        value, at = _param(a, "AgentId")
    _queue_node(fl, a, a.nid, "callback", value, at, "")
    nxt = a.next()
    if nxt is not None and TAKES_NEXT.get("callback") and "callback" in fl.nodes[a.nid]:
        fl.link(a, a.nid, "next", *nxt)


def to_phone(fl: Flow, a: Action) -> None:
    """A transfer to a phone number: a person answers (a queue that resolves any intent); with
    `ContinueFlowExecution` (the default) the flow goes on when that call ends (`next`)."""
    nid = _front(fl, a, "call")
    number, at = _param(a, "ThirdPartyPhoneNumber")
    shown = number.strip() if isinstance(number, str) else "a phone number"
    fl.node(a, {}, nid=nid, extra=": the call" if nid != a.nid else "")
    fl.field(nid, "queue", f"phone number {shown}", at if number is not None else a.path + ("Type",))
    if isinstance(number, str):
        fl.aliases[nid].add(shown)
    go_on, _ = _param(a, "ContinueFlowExecution")
    nxt = a.next()
    if nxt is not None and str(go_on).lower() != "false":
        fl.link(a, nid, "next", *nxt)
    on_error(fl, a, nid, can_fail=True)


def to_flow(fl: Flow, a: Action) -> None:
    """`TransferToFlow`: the call goes on in another flow, named as the other files know it."""
    value, at = _param(a, "ContactFlowId")
    nid = fl.node(a, {})
    name = flow_ref(value) if isinstance(value, str) else None
    if name is None:
        fl.field(nid, "unknown", f"dynamic flow {value.strip()}" if isinstance(value, str) and value.strip() else
                 "a flow the action does not name", at)
        return
    fl.field(nid, "external", {"flow": name}, at)
    fl.put(("nodes", nid, "external", "flow"), at)
    fl.aliases[nid].add(value.strip())
    on_error(fl, a, nid, can_fail=True)


def to_module(fl: Flow, a: Action) -> None:
    """`InvokeFlowModule`: the module runs and the flow goes on at `NextAction`. Followed into the
    module when the language's `external` takes `next`; else a `decide` that goes on (the module's
    own actions are not followed)."""
    value, at = _param(a, "FlowModuleId")
    name = (flow_ref(value) or value.strip()) if isinstance(value, str) else "?"
    nxt = a.next()
    if TAKES_NEXT.get("external") and isinstance(value, str) and not is_dynamic(value):
        nid = fl.node(a, {})
        fl.field(nid, "external", {"flow": name}, at)
        if nxt is not None:
            fl.link(a, nid, "next", *nxt)
        on_error(fl, a, nid, can_fail=True)
        return
    decide(fl, a, f"flow module {name} (its actions are not followed)", at,
           branches=[("done", "", *nxt)] if nxt is not None else [], can_fail=True)


"""The Studio flow's widgets as ivrmaze nodes: ids, links, positions, the ways in.

``Flow`` is what the widget translators (``studio_widgets``, ``studio_inputs``) write through:
each node at the position of its widget's ``name`` key, each link at its transition's ``next``
value. A transition with no ``next`` ends the call (``hangup``); in a subflow (a flow entered
only by its parent, ``incomingParent``) it returns the call to the parent flow instead.
``set-variables`` widgets are passed through: a link to one goes on to where it leads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import language as L
from ..findings import Finding
from ..source import Document, Path
from ..words import safe, suggest
from .platform import Translated

#: The Trigger's events other than the phone call: the channel each one is.
CHANNELS = {"incomingMessage": "message", "incomingConversationMessage": "conversation",
            "incomingRequest": "rest-api", "incomingParent": "subflow"}
PASS_THROUGH = "set-variables"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass
class Transition:
    event: str
    next: str | None
    path: Path  # of the transition object in the file
    conditions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Widget:
    name: str
    type: str
    props: dict[str, Any]
    transitions: list[Transition]
    path: Path  # of the widget object in the file
    nid: str = ""

    def on(self, event: str) -> Transition | None:
        return next((t for t in self.transitions if t.event == event), None)

    def prop(self, key: str) -> str | None:
        """A property as text, or None when absent or empty."""
        v = self.props.get(key)
        return None if v is None or isinstance(v, (dict, list)) or str(v).strip() == "" else str(v)


@dataclass
class Flow:
    tr: Translated
    file: str  # as findings show it
    doc: Document
    widgets: dict[str, Widget]
    vars: dict[str, str]
    nodes: dict[str, Any] = field(default_factory=dict)
    #: set-variables widget -> the widget its chain leads to (None: the call ends)
    through: dict[str, str | None] = field(default_factory=dict)
    #: Split widgets merged into the Gather (or Send & Wait) before them: not nodes of their own
    absorbed: set[str] = field(default_factory=set)
    subflow: bool = False
    #: where the subflow's way in is written (its end is shown there)
    parent_pos: tuple[int, int] = (1, 1)
    end_node: str | None = None

    # -- positions and ids -----------------------------------------------------------------
    def pos(self, path: Path, *, value: bool = False) -> tuple[int, int]:
        return tuple(self.doc.pos(path, value=value))  # type: ignore[return-value]

    def fresh(self, base: str) -> str:
        nid, n = base, 2
        while nid in self.nodes or nid in self.taken:
            nid, n = f"{base}_{n}", n + 1
        return nid

    @property
    def taken(self) -> set[str]:
        return {w.nid for w in self.widgets.values()}

    def problem(self, kind: str, message: str, pos: tuple[int, int], node: str | None = None,
                severity: str = "") -> None:
        self.tr.problems.append(Finding(kind, safe(message), self.file, pos[0], pos[1], node=node,
                                        severity=severity))

    def filled(self, text: str | None) -> str | None:
        """``text`` with its deploy-time placeholders (``${NAME}``) replaced by the known values."""
        if text is None or "${" not in text:
            return text
        return _PLACEHOLDER.sub(lambda m: self.vars.get(m.group(1), m.group(0)), text)

    # -- nodes -------------------------------------------------------------------------------
    def node(self, nid: str, body: dict[str, Any], w: Widget, what: str = "", merged: str | None = None) -> None:
        """Add node ``nid`` made from widget ``w`` (``what``: which part of it, for a widget made of
        several nodes; ``merged``: the Split merged into it)."""
        self.nodes[nid] = body
        self.tr.key_pos[("nodes", nid)] = self.pos(w.path + ("name",))
        self.tr.val_pos[("nodes", nid)] = self.pos(w.path, value=True)
        extra = f", {what}" if what else ""
        self.tr.labels[nid] = f"`{w.name}` ({w.type}{extra})"
        self.tr.notes[nid] = f"Studio widget {w.name} ({w.type}{extra})" + (
            f" with the split-based-on {merged}" if merged else "")
        self.tr.aliases.setdefault(nid, set()).update({w.name} | ({merged} if merged else set()))

    def text(self, nid: str, key: str, w: Widget, prop: str) -> None:
        """The position of field ``key`` of node ``nid``: property ``prop`` of widget ``w``."""
        p = w.path + ("properties", prop)
        if p in self.doc.key_pos:
            self.tr.key_pos[("nodes", nid, key)] = self.pos(p)
            self.tr.val_pos[("nodes", nid, key)] = self.pos(p, value=True)

    def target(self, t: Transition | None) -> str | None:
        """The node a transition leads to: ``hangup`` (or the subflow's return) without ``next``,
        None for a widget that does not exist (reported once, by ``dangling``)."""
        name: str | None = t.next if t is not None else None
        seen: set[str] = set()
        while name is not None and name in self.through and name not in seen:
            seen.add(name)
            name = self.through[name]
        if name is None:
            return self.end()
        w = self.widgets.get(name)
        return w.nid if w is not None and w.type != "trigger" else None

    def link(self, at: Path, t: Transition | None) -> str | None:
        """``target(t)``, with the ivrmaze path ``at`` placed at the transition's ``next``."""
        got = self.target(t)
        if t is not None:
            self.tr.key_pos[at] = self.pos(t.path + ("event",))
            self.tr.val_pos[at] = self.pos(t.path + ("next",), value=True)
        return got

    def end(self) -> str:
        """Where a transition without ``next`` goes."""
        if not self.subflow:
            return L.HANGUP
        if self.end_node is None:
            self.end_node = self.fresh("return-to-parent")
            self.nodes[self.end_node] = {"unknown": "the subflow ends here: the call goes back to the flow that ran it"}
            self.tr.labels[self.end_node] = f"`{self.end_node}` (the end of the subflow)"
            self.tr.key_pos[("nodes", self.end_node)] = self.parent_pos
        return self.end_node

    def error_route(self, w: Widget, events: tuple[str, ...]) -> str | None:
        """Where the widget's failure events lead: one target, or a decide between several (None
        when none of them is wired: the call ends there)."""
        ts = [t for t in w.transitions if t.event in events and t.next is not None]
        targets = {e: self.target(t) for t in ts for e in (t.event,)}
        distinct = {v for v in targets.values() if v is not None}
        if len(distinct) <= 1:
            return next(iter(distinct), None)
        nid = self.fresh(f"{w.nid}.error")
        outs = {t.event: self.link(("nodes", nid, "outcomes", t.event), t) for t in ts}
        self.node(nid, {"decide": f"which failure of {w.name}", "outcomes": {k: v for k, v in outs.items() if v}},
                  w, "its failures")
        return nid


def knows(kind: str, key: str) -> bool:
    """Whether the language has field ``key`` on ``kind`` (fields other helpers add as this is written)."""
    return any(f.name == key for f in L.NODE_FIELDS.get(kind, ()))


_SLUG = re.compile(r"[^\w.:\-]+")


def node_id(name: str, taken: set[str]) -> str:
    """The node id of a widget: its name, or the name slugged when it is not a usable id."""
    nid = name
    if L.id_problem(name) is not None or L.ID_FORBIDDEN in name:
        nid = _SLUG.sub("_", name.replace(L.ID_FORBIDDEN, "_")).strip("_") or "widget"
    if nid.lower() == L.HANGUP:
        nid += "_widget"
    base, n = nid, 2
    while nid in taken:
        nid, n = f"{base}_{n}", n + 1
    return nid


def dangling(flow: Flow) -> None:
    """A transition to a widget the flow does not have: an error at its ``next`` value."""
    names = [n for n, w in flow.widgets.items() if w.type != "trigger"]
    for w in flow.widgets.values():
        for t in w.transitions:
            if t.next is None or (t.next in flow.widgets and flow.widgets[t.next].type != "trigger"):
                continue
            why = ("is the flow's Trigger: it only starts the flow" if t.next in flow.widgets
                   else f"is not a widget of this flow{suggest(t.next, names)}")
            flow.problem("reference", f"transition `{t.event}` of widget `{w.name}` goes to `{t.next}`, which {why}, "
                         "expected the name of a widget under `states`", flow.pos(t.path + ("next",), value=True),
                         node=w.nid or None)


def pass_through(flow: Flow) -> None:
    """set-variables widgets: each leads on to its ``next`` (a loop of them is kept as nodes)."""
    for w in flow.widgets.values():
        if w.type == PASS_THROUGH:
            t = w.on("next")
            flow.through[w.name] = t.next if t is not None and t.next in flow.widgets else None
    for name in list(flow.through):
        seen, cur = set(), name
        while cur in flow.through and cur not in seen:
            seen.add(cur)
            cur = flow.through[cur]  # type: ignore[assignment]
        if cur in seen:  # a loop of set-variables only: they stay, as messages that say nothing
            for n in seen:
                flow.through.pop(n, None)


def entries(flow: Flow, trigger: Widget) -> None:
    """The Trigger's events: ``incomingCall`` is the phone entry, the others channels."""
    call, parent = trigger.on("incomingCall"), trigger.on("incomingParent")
    wired = {t.event for t in trigger.transitions if t.next is not None}
    flow.subflow = wired == {"incomingParent"}
    if parent is not None:
        flow.parent_pos = flow.pos(parent.path + ("event",))
    data = flow.tr.data
    first = call if call is not None and call.next is not None else (parent if flow.subflow else None)
    if first is not None:
        got = flow.link(("entry",), first)
        if got is not None:
            data["entry"] = got
    channels: dict[str, str] = {}
    for t in trigger.transitions:
        name = CHANNELS.get(t.event)
        if name is None or t.next is None or t is first or name in channels:
            continue
        got = flow.link(("channels", name), t)
        if got is not None:
            channels[name] = got
    if channels:
        data["channels"] = channels

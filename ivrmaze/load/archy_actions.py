"""Archy task actions -> ivrmaze nodes.

A task is a list of actions run in order: each action falls through to the next, an output
path (``outputs: {failure: {actions: [...]}}``) runs its own actions and then falls through to
the action after the one it belongs to, and the end of a task disconnects (Architect adds a
built-in Disconnect at the end of every task). So a sequence is translated from its last
action back to its first, each action knowing where the call goes after it (``nxt``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..language import HANGUP
from ..source import Path
from .archy_build import Build, Scope
from .archy_schedules import evaluate_schedule, evaluate_schedule_group
from .archy_values import audio, mapping, number, scalar, slug, value
from .flows import flow_ref

#: Actions that only set or fetch data, log or record: the call goes on to the next action.
PASS_THROUGH = frozenset({
    "updateData", "setParticipantData", "getParticipantData", "setLanguage", "setWrapupCode", "setScreenPop",
    "enableParticipantRecord", "setExternalTag", "setFlowOutcome", "initializeFlowOutcome", "addFlowMilestone",
    "setUUIData", "setWhisperAudio", "setConversationData", "setCallData", "holdMusic", "setHoldMusic",
    "callCommonModule", "setSecuredData", "getSecuredData", "setUserUtilization", "comment", "setAttributes",
    "decryptData", "encryptData", "sendResponse", "setSkills", "setPriority",
})
#: Actions whose outputs say how a data lookup went: the system picks one (a `decide`).
DATA = frozenset({"callData", "dataTableLookup", "collectInput", "callBridge", "getExternalContact",
                  "callLambda", "callFunction", "findQueue", "findUser", "findGroup", "getQueueStatus"})
#: Actions that make no node of their own (they only name where the call goes).
NO_NODE = PASS_THROUGH | {"disconnect", "jumpToMenu", "jumpToTask", "jumpToReusableTask", "loopNext", "exitLoop",
                          "loopExit", "endTask"}

Entry = Callable[[Path], str]


class Actions:
    """Translates action sequences of one flow (``entry`` gives the node of a menu or task path)."""

    def __init__(self, b: Build, entry: Entry):
        self.b, self.entry = b, entry

    # -- sequences ------------------------------------------------------------------------------
    def sequence(self, path: Path, scope: Scope, cont: str) -> str:
        """The node where the actions listed at ``path`` start; after the last one the call goes
        to ``cont``."""
        items = self.b.get(path)
        items = items if isinstance(items, list) else []
        steps = []
        for i, item in enumerate(items):
            m = mapping(item)
            if len(m) != 1 or not isinstance(next(iter(m)), str):
                self.b.problem("type", "an action is a mapping with one key, its type (such as `playAudio:`), "
                               "expected one action per list item", (*path, i))
                continue
            kind = next(iter(m))
            apath = (*path, i, kind)
            name = scalar(mapping(m[kind]).get("name")) or kind
            if kind not in NO_NODE:
                self.b.reserve(apath, f"{scope.prefix}.{slug(name)}")
            steps.append((kind, apath, name))
        target = cont
        for kind, apath, name in reversed(steps):
            target = self.action(kind, apath, name, scope, target)
        return target

    def output(self, path: Path, name: str, scope: Scope, nxt: str) -> str:
        """Where the output ``name`` of the action at ``path`` leads (its actions, then ``nxt``)."""
        opath = (*path, "outputs", name, "actions")
        return self.sequence(opath, scope, nxt) if self.b.get(opath) is not None else nxt

    def has_output(self, path: Path, name: str) -> bool:
        return self.b.get((*path, "outputs", name)) is not None

    # -- one action -----------------------------------------------------------------------------
    def action(self, kind: str, path: Path, name: str, scope: Scope, nxt: str) -> str:
        handler = _HANDLERS.get(kind)
        if handler is not None:
            return handler(self, path, name, scope, nxt)
        if kind in PASS_THROUGH:
            return nxt
        if kind in DATA:
            return self.data(kind, path, name, scope, nxt)
        nid = self.b.reserved[path]
        previous = kind in ("previousMenu", "jumpToPreviousMenu")
        what = "the previous menu" if previous else f"Archy action {kind} ({name})"
        return self.b.add(nid, {"unknown": what}, path, f"{kind} '{name}'")

    def disconnect(self, _path: Path, _name: str, _scope: Scope, _nxt: str) -> str:
        return HANGUP

    def jump(self, path: Path, _name: str, _scope: Scope, _nxt: str) -> str:
        key = "targetMenuRef" if path[-1] == "jumpToMenu" else "targetTaskRef"
        return self.b.target_of((*path, key), "menu" if key == "targetMenuRef" else "task", self.entry)

    def loop_next(self, path: Path, _name: str, scope: Scope, nxt: str) -> str:
        if scope.loop is None:
            self.b.problem("reference", f"`{path[-1]}` is outside a loop, expected it inside a loop's actions", path)
            return nxt
        return scope.loop[0] if path[-1] == "loopNext" else scope.loop[1]

    def play(self, path: Path, name: str, _scope: Scope, nxt: str) -> str:
        text, recording = audio(self.b.get((*path, "audio")))
        say = text if text is not None else f"(recording {recording})" if recording else f"(audio of '{name}')"
        return self.b.add(self.b.reserved[path], {"say": say, "next": nxt}, path, f"playAudio '{name}'",
                          {"say": (*path, "audio")}, {name})

    def failure(self, path: Path, scope: Scope, nxt: str) -> str:
        """Where a failed transfer goes: its `failure` output, then the next action."""
        return self.output(path, "failure", scope, nxt)

    def transfer(self, path: Path, name: str, scope: Scope, nxt: str, kind: str | None = None) -> str:
        """transferToAcd, -User, -Group, -Number, -Voicemail, -Flow: a queue, voicemail or external,
        whose failure path is its `on_error`; a target only known at run time is `unknown`."""
        kind = kind or str(path[-1])
        nid, label = self.b.reserved[path], f"{kind} '{name}'"
        key, what = _TRANSFER[kind]
        got = value(self.b.get((*path, key)) if key else _voicemail_target(self.b.get((*path, "destination"))))
        on_error = self.failure(path, scope, nxt)
        fields = {"on_error": (*path, "outputs", "failure") if self.has_output(path, "failure") else path}
        flow = flow_ref(got.text) if got is not None and what == "flow" and not got.dynamic else None
        if got is None or got.dynamic or what == "number" or (what == "flow" and flow is None):
            shown = "an unset target" if got is None else (f"the number {got.text}" if what == "number" and not
                                                             got.dynamic else f"the {what} {got.text}")
            return self._unknown_or_fails(nid, f"{kind} to {shown}", path, label, on_error)
        if what == "flow":
            node: dict[str, Any] = {"external": {"flow": flow}}
        elif what == "voicemail":
            node = {"voicemail": got.text}
        else:
            node = {"queue": got.text if what == "queue" else f"{what} {got.text}"}
        node["can_fail"] = True
        if on_error != HANGUP or self.has_output(path, "failure"):  # a failure path, if only a disconnect
            node["on_error"] = on_error
        return self.b.add(nid, node, path, label, {**fields, next(iter(node)): (*path, key or "destination")},
                          {name, got.text})

    def _unknown_or_fails(self, nid: str, what: str, path: Path, label: str, on_error: str) -> str:
        """An `unknown` target; if the transfer can fail onto a path of its own, a `decide` between
        the two first (an `unknown` node has no error route)."""
        if on_error == HANGUP and not self.has_output(path, "failure"):
            return self.b.add(nid, {"unknown": what}, path, label)
        unknown = self.b.reserve((*path, "target"), f"{nid}:target")
        self.b.add(unknown, {"unknown": what}, path, label)
        return self.b.add(nid, {"decide": f"Does the {what} go through?",
                                "outcomes": {"transferred": unknown, "failed": on_error}}, path, label)

    def decision(self, path: Path, name: str, scope: Scope, nxt: str) -> str:
        cond = value(self.b.get((*path, "condition")))
        outcomes: dict[str, Any] = {out: self.output(path, out, scope, nxt) for out in ("yes", "no")}
        return self.decide(path, name, cond.text if cond is not None else name, outcomes, {})

    def decide(self, path: Path, name: str, text: str, outcomes: dict[str, Any], fields: dict[str, Path]) -> str:
        nid = self.b.reserved[path]
        for out in outcomes:
            self.b.place(("nodes", nid, "outcomes", out), fields.get(out, (*path, "outputs", out)))
        return self.b.add(nid, {"decide": text, "outcomes": outcomes, "on_error": self.b.error_route}, path,
                          f"{path[-1]} '{name}'", {"decide": path})

    def switch(self, path: Path, name: str, scope: Scope, nxt: str) -> str:
        base = (*path, "evaluate", "firstTrue")
        cases = self.b.get((*base, "cases"))
        outcomes: dict[str, Any] = {}
        fields: dict[str, Path] = {}
        for i, case in enumerate(cases if isinstance(cases, list) else []):
            cpath = (*base, "cases", i, "case")
            cond = value(mapping(mapping(case).get("case")).get("value"))
            key = f"case-{i + 1}"
            target = self.sequence((*cpath, "actions"), scope, nxt)
            outcomes[key] = {"to": target, "label": cond.text} if cond is not None else target
            fields[key] = cpath
        dpath = (*base, "default", "actions")
        outcomes["default"] = self.sequence(dpath, scope, nxt) if self.b.get(dpath) is not None else nxt
        fields["default"] = (*base, "default") if self.b.get(dpath) is not None else path
        return self.decide(path, name, f"Switch '{name}': the first case that is true", outcomes, fields)

    def loop(self, path: Path, name: str, scope: Scope, nxt: str) -> str:
        nid = self.b.reserved[path]
        body = self.output(path, "loop", Scope(scope.prefix, (nid, nxt)), nid)
        count = number(self.b.get((*path, "loopCount")))
        if count is None or count < 1:
            return self.decide(path, name, f"Loop '{name}': another round?", {"again": body, "done": nxt},
                               {"again": (*path, "outputs", "loop"), "done": path})
        self.b.place(("nodes", nid, "again"), (*path, "outputs", "loop"))
        return self.b.add(nid, {"loop": count, "again": body, "done": nxt}, path, f"loop '{name}'",
                          {"loop": (*path, "loopCount"), "again": (*path, "outputs", "loop")})

    def data(self, kind: str, path: Path, name: str, scope: Scope, nxt: str) -> str:
        """A data action with outputs (success, failure, timeout, found, notFound ...): the system
        picks one; without outputs it only passes data on."""
        outs = mapping(self.b.get((*path, "outputs")))
        if not outs:
            return nxt
        outcomes = {str(o): self.output(path, str(o), scope, nxt) for o in outs}
        if "success" not in outcomes and "found" not in outcomes:
            outcomes["success"] = nxt
        return self.decide(path, name, f"{kind} '{name}': how does it go?", outcomes, {"success": path})


def _voicemail_target(dest: Any) -> Any:
    """The mailbox of a transferToVoicemail's ``destination`` (a queue, user or group)."""
    d = mapping(dest)
    for key, inner in (("queue", "targetQueue"), ("user", "targetUser"), ("group", "targetGroup")):
        if key in d:
            return mapping(d[key]).get(inner)
    return None


#: transfer kind -> (the key naming its target, what the target is)
_TRANSFER: dict[str, tuple[str, str]] = {
    "transferToAcd": ("targetQueue", "queue"), "transferToUser": ("targetUser", "user"),
    "transferToGroup": ("targetGroup", "group"), "transferToNumber": ("targetNumber", "number"),
    "transferToFlow": ("targetFlow", "flow"), "transferToFlowSecure": ("targetFlow", "flow"),
    "transferToVoicemail": ("", "voicemail"), "transferToGroupVoicemail": ("", "voicemail"),
}

_HANDLERS: dict[str, Callable[[Actions, Path, str, Scope, str], str]] = {
    "disconnect": Actions.disconnect, "jumpToMenu": Actions.jump, "jumpToTask": Actions.jump,
    "jumpToReusableTask": Actions.jump, "loopNext": Actions.loop_next, "exitLoop": Actions.loop_next,
    "loopExit": Actions.loop_next, "playAudio": Actions.play, "decision": Actions.decision,
    "switch": Actions.switch, "loop": Actions.loop, "endTask": Actions.disconnect,
    "evaluateScheduleGroup": evaluate_schedule_group, "evaluateSchedule": evaluate_schedule,
    **{kind: Actions.transfer for kind in _TRANSFER},
}

"""Following the call through priorities: jumps, the end of an extension, `Gosub` frames, node ids.

A priority that only sets or logs something (`Answer`, `Set`, `NoOp`, ...) is no node of its
own: the call goes on to the next one (priority + 1; a gap ends the extension, as in Asterisk,
whose autofallthrough then hangs up). A plain `Goto` is a jump, not a node. Everything else
becomes a node with the id `context,extension,priority` (the label instead of the number where
the priority has one). A `Gosub`/`Macro` is followed as a call: the subroutine's nodes are made
once per place the call returns to (their ids get `:n`), and its `Return` continues there.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ... import language as L
from ...words import safe, suggest
from . import apps as A
from .lines import Dialplan, Problem, Step, Where
from .resolve import label_prio, labels_of, lookup

_NAMED = re.compile(r"\$\{(?:GLOBAL\(([A-Za-z_][A-Za-z0-9_]*)\)|([A-Za-z_][A-Za-z0-9_]*))\}")
#: Calls nested deeper than this are not followed (a recursive `Gosub`).
MAX_CALLS = 8


@dataclass(frozen=True)
class Frame:
    """A `Gosub`/`Macro` call being followed: where its `Return` goes, and its number for ids."""

    ret: str
    macro: bool
    number: int
    depth: int
    #: The call's arguments, `${ARG1}`, `${ARG2}`, ... inside it.
    args: tuple[str, ...] = ()


@dataclass
class Walk:
    """The state of one translation: the dialplan, the nodes made so far, and their positions."""

    plan: Dialplan
    #: `--var NAME=VALUE` and the companion's `vars` (they win over `[globals]`).
    vars: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    key_pos: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    val_pos: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    told: set[Problem] = field(default_factory=set)
    hours: dict[str, dict[str, object]] = field(default_factory=dict)
    timezone: str | None = None
    #: GotoIfTime spec text -> the name of its schedule (one schedule per spec).
    specs: dict[str, str] = field(default_factory=dict)
    ids: dict[tuple[str, str, int, int, str], str] = field(default_factory=dict)
    frames: dict[tuple[str, bool, int, tuple[str, ...]], Frame] = field(default_factory=dict)
    todo: list[tuple[Step, Frame | None, str, str]] = field(default_factory=list)
    #: Contexts some followed priority belongs to.
    visited: set[str] = field(default_factory=set)
    #: ``timed.reach`` for this walk: a jump to an extension that timed includes guard meets their branches.
    reach: Callable[[str, str, Frame | None, Callable[[], str]], str | None] | None = None

    def problem(self, kind: str, message: str, at: Where, severity: str = "warning") -> None:
        """Report a problem once (a priority followed from several places is read several times). A jump
        that leads nowhere hangs the call up at run time, and Asterisk loads the rest: a warning."""
        p = Problem(kind, safe(message), at, severity)
        if p not in self.told:
            self.told.add(p)
            self.problems.append(p)

    def expand(self, text: str, frame: Frame | None = None) -> str:
        """``text`` with `${NAME}`, `${GLOBAL(NAME)}` and a call's `${ARGn}` of known values filled in (others kept)."""
        args = {f"ARG{i}": a for i, a in enumerate(frame.args, 1)} if frame is not None else {}

        def value(m: re.Match[str]) -> str:
            name = m.group(1) or m.group(2)
            return args.get(name) or self.vars.get(name, self.plan.globals.get(name, m.group(0)))
        return _NAMED.sub(value, text)

    def frame(self, ret: str, macro: bool, outer: Frame | None, args: tuple[str, ...] = ()) -> Frame | None:
        depth = (outer.depth if outer else 0) + 1
        if depth > MAX_CALLS:
            return None
        key = (ret, macro, depth, args)
        if key not in self.frames:
            self.frames[key] = Frame(ret, macro, len(self.frames) + 1, depth, args)
        return self.frames[key]

    def node_id(self, step: Step, frame: Frame | None, suffix: str = "") -> str:
        """The id of ``step``'s node (made unique), queued to be built the first time it is asked for."""
        key = (step.context, step.exten, step.prio, frame.number if frame else 0, suffix)
        if key in self.ids:
            return self.ids[key]
        where = step.label or str(step.prio)
        nid = ",".join(slug(p) for p in (step.context, step.exten, where)) + suffix
        if frame is not None:
            nid += f":{frame.number}"
        base, n = nid, 2
        while nid in self.nodes:  # every id asked for is in `nodes` (filled when built)
            nid, n = f"{base}-{n}", n + 1
        self.ids[key] = nid
        self.nodes[nid] = {}
        self.key_pos[("nodes", nid)] = (step.at.line, step.at.column)
        shown = f"{step.context},{step.exten},{where}"
        self.labels[nid] = safe(f"`{nid}` ({step.app}" + (f" in {step.at.file} line {step.at.inner})"
                                                             if step.at.file else f", line {step.at.line})"))
        self.notes[nid] = safe(f"Asterisk {shown}: {step.app}({step.args})")
        self.aliases[nid] = {shown, f"{step.context},{step.exten},{step.prio}"}
        self.todo.append((step, frame, nid, suffix))
        return nid

    def step_at(self, context: str, exten: str, prio: int) -> Step | None:
        ctx = self.plan.contexts.get(context)
        return None if ctx is None else ctx.steps(exten).get(prio)

    def end_of(self, frame: Frame | None) -> str:
        """Where the call goes when an extension runs out of priorities: a macro returns, else it hangs up."""
        return frame.ret if frame is not None and frame.macro else L.HANGUP

    def follow(self, context: str, exten: str, prio: int, frame: Frame | None) -> str:
        """The node the call reaches from that priority (jumps and pass-through priorities followed)."""
        got = self._follow(context, exten, prio, frame)
        if prio == 1 and frame is None and got in self.aliases:  # a companion's `entry: ctx,exten` finds it
            self.aliases[got] |= {f"{context},{exten}"} | ({context} if exten == "s" else set())
        return got

    def _follow(self, context: str, exten: str, prio: int, frame: Frame | None) -> str:
        seen: set[tuple[str, str, int]] = set()
        while True:
            step = self.step_at(context, exten, prio)
            if step is None:
                return self.end_of(frame)
            if (context, exten, prio) in seen:
                return self.node_id(step, frame, ".loop")
            seen.add((context, exten, prio))
            self.visited.add(context)
            app = step.app.lower()
            if app in A.PASS or not known(app):
                prio += 1
                continue
            if app == "goto" and not A.is_dynamic(step.args):
                timed = self.timed_jump(step, frame)
                if timed is not None:
                    return timed
                got = self.jump(step, step.args)
                if got is None:
                    return L.HANGUP
                context, exten, prio = got
                continue
            if app in A.HANGUP:
                return L.HANGUP
            if app in A.RETURN:
                return frame.ret if frame is not None else L.HANGUP
            if app in ("gosub", "macro") and not A.is_dynamic(A.called(step.args, app == "macro")):
                return self.call(step, step.args, app == "macro", frame)
            return self.node_id(step, frame)

    def call(self, step: Step, text: str, macro: bool, frame: Frame | None) -> str:
        """The first node of the subroutine that ``text`` (at ``step``) calls, returning to the next priority."""
        new = self.frame(self.after(step, frame), macro, frame, call_args(text, macro))
        if new is None:
            return self.node_id(step, frame, ".deep")
        if macro:
            called = self.macro(step, text)
            if called is None:
                return L.HANGUP
            text = called
        t = A.gosub_target(text)
        got = self.jump(step, t.text()) if t is not None else self.jump(step, text)
        return L.HANGUP if got is None else self.follow(*got, new)

    def handler(self, context: str, names: tuple[str, ...], frame: Frame | None) -> str:
        """Where the first of the special extensions ``names`` (`t`, `i`, `e`) of a menu's context
        takes the call; none: Asterisk hangs up."""
        for name in names:
            found = lookup(self.plan, context, name)
            if found is not None:
                return self.follow(found[0], found[1], 1, frame)
        return L.HANGUP

    def timed_jump(self, step: Step, frame: Frame | None) -> str | None:
        """The node of a `Goto(context,exten,1)` whose extension timed includes guard, or None."""
        t = A.target(step.args)
        if self.reach is None or t is None or t.exten is None or t.prio != "1":
            return None
        return self.reach(t.context or step.context, t.exten, frame, lambda: L.HANGUP)

    def after(self, step: Step, frame: Frame | None) -> str:
        """The node after ``step`` (its next priority)."""
        return self.follow(step.context, step.exten, step.prio + 1, frame)

    def macro(self, step: Step, text: str) -> str | None:
        """The jump `macro-NAME,s,1` of `Macro(NAME,...)`, or None (and a problem) when there is no such context."""
        name = A.args_of(text)[0].strip()
        if f"macro-{name}" not in self.plan.contexts:
            self.problem("reference", f"Macro `{name}` has no context `macro-{name}`"
                         f"{suggest('macro-' + name, self.plan.contexts)}, expected a `[macro-{name}]` "
                         "context with an `s` extension", at(step))
            return None
        return f"macro-{name},s,1"

    def jump(self, step: Step, text: str) -> tuple[str, str, int] | None:
        """(context, extension, priority) of the jump ``text`` written at ``step``; None (and a
        positioned problem) when it leads nowhere."""
        t = A.target(text)
        if t is None:
            self.problem("syntax", f"cannot read the jump `{text}`, expected `[[context,]extension,]priority`",
                         at(step))
            return None
        context = t.context or step.context
        if context not in self.plan.contexts:
            self.problem("reference", f"{step.app} to context `{context}`, which is not defined"
                         f"{suggest(context, self.plan.contexts)}, expected a `[context]` of the dialplan", at(step))
            return None
        exten = t.exten or step.exten
        found = lookup(self.plan, context, exten) if t.exten is not None else (context, exten)
        if found is None:
            self.problem("reference", f"{step.app} to extension `{exten}` of context `{context}`, which has no "
                         "such extension (or no priority 1 of it), expected an extension of that context", at(step))
            return None
        context, exten = found
        prio = label_prio(self.plan, context, exten, t.prio)
        if prio is None or self.step_at(context, exten, prio) is None:
            hint = "" if t.prio.isdigit() else suggest(t.prio, labels_of(self.plan, context))
            self.problem("reference", f"{step.app} to priority `{t.prio}` of `{context},{exten}`, which is not "
                         f"defined{hint}, expected a priority number or a `(label)` of that extension", at(step))
            return None
        return context, exten, prio

    def follow_text(self, step: Step, text: str, frame: Frame | None) -> str:
        """The node a written jump leads to (the next priority when ``text`` is empty)."""
        if not text.strip():
            return self.after(step, frame)
        got = self.jump(step, text)
        return L.HANGUP if got is None else self.follow(*got, frame)


def call_args(text: str, macro: bool) -> tuple[str, ...]:
    """The arguments of `Gosub(target(a,b))` or `Macro(name,a,b)` (those without variables)."""
    if macro:
        args = A.args_of(text)[1:]
    else:
        inner = text.strip()
        args = A.args_of(inner[inner.index("(") + 1:-1]) if inner.endswith(")") and "(" in inner else []
    return tuple("" if A.is_dynamic(a) else a for a in args)


def at(step: Step) -> Where:
    """Where ``step``'s application is written (its line, for a line of an included file)."""
    return Where(step.at.line, step.app_column, step.at.file, step.at.inner)


def known(app: str) -> bool:
    """Whether ivrmaze knows the application ``app`` (lower case); unknown ones pass through."""
    return app in A.PASS or app in A.SAY or app in A.MENU or app in A.PERSON or app in A.HANGUP or \
        app in A.RETURN or app in A.UNKNOWN or app in _OWN


#: Applications with a translation of their own (``nodes.py``).
_OWN = frozenset({"goto", "gotoif", "gotoiftime", "execiftime", "gosub", "gosubif", "macro", "queue",
                  "voicemail"})


def slug(text: str) -> str:
    """``text`` as a piece of an id: `*` -> `star`, `#` -> `hash`, other signs -> `-`."""
    out = []
    for c in text:
        if c == "*":
            out.append("star")
        elif c == "#":
            out.append("hash")
        elif c == "!":
            out.append("bang")
        elif L.id_problem(c) is None and c != ",":
            out.append(c)
        else:
            out.append("-")
    return "".join(out) or "-"

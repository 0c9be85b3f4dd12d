"""The state of one Amazon Connect flow's translation: its actions, where each is written, and the
ivrmaze document being built with the positions of its keys in the flow file.

``connect_actions`` turns each action into nodes through a ``Flow``; ``connect`` reads the file
and builds the Flow. A transition is followed through ``target``: to the node of the action it
names, through the pass-through actions that ivrmaze does not keep (``passes``), to `hangup` for
a disconnect, and reported at its own position when it names no action of the flow.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import language as L
from ..findings import Finding
from ..source import Path
from ..words import safe
from ..yamltree import Built
from .connect_refs import short, slug

#: Actions that end the call (or this flow's part of it): a transition to one goes to `hangup`.
TERMINAL = frozenset({"DisconnectParticipant", "EndFlowExecution", "EndFlowModuleExecution"})
#: The target queue of a contact that no action of this flow has set.
BEFORE = "the queue set before this flow"


@dataclass
class Action:
    """One element of `Actions`: its Identifier, node id, Type, Parameters and Transitions."""

    ident: str
    nid: str
    type: str
    params: dict[str, Any]
    trans: dict[str, Any]
    index: int

    @property
    def path(self) -> Path:
        return ("Actions", self.index)

    def tpath(self, *rest: object) -> Path:
        return ("Actions", self.index, "Transitions", *rest)

    def errors(self) -> list[tuple[str, Any, Path]]:
        """(ErrorType, NextAction, path of that NextAction) of each error branch."""
        errs = self.trans.get("Errors")
        return [(str(e.get("ErrorType", "")), e.get("NextAction"), self.tpath("Errors", i, "NextAction"))
                for i, e in enumerate(errs if isinstance(errs, list) else []) if isinstance(e, dict)]

    def error(self, kind: str) -> tuple[Any, Path] | None:
        return next(((to, p) for k, to, p in self.errors() if k == kind), None)

    def conditions(self) -> list[tuple[str, list[str], Any, Path]]:
        """(Operator, Operands as text, NextAction, path of that NextAction) of each condition."""
        conds = self.trans.get("Conditions")
        out = []
        for i, c in enumerate(conds if isinstance(conds, list) else []):
            cond = c.get("Condition") if isinstance(c, dict) else None
            if not isinstance(cond, dict):
                continue
            ops = cond.get("Operands")
            operands = [str(o) for o in ops] if isinstance(ops, list) else [] if ops is None else [str(ops)]
            out.append((str(cond.get("Operator", "")), operands, c.get("NextAction"),
                        self.tpath("Conditions", i, "NextAction")))
        return out

    def next(self) -> tuple[Any, Path] | None:
        to = self.trans.get("NextAction")
        return (to, self.tpath("NextAction")) if to not in (None, "") else None


@dataclass
class Flow:
    """One flow being translated (see the module docstring)."""

    file: str  # as shown in messages
    src: Built  # the flow file's data and positions
    actions: dict[str, Action] = field(default_factory=dict)
    #: Identifier -> the action's metadata name (prompt, flow, queue name...), when it has one.
    names: dict[str, str] = field(default_factory=dict)
    #: Identifier -> the Identifier its transitions lead to, for the pass-throughs ivrmaze drops.
    passes: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    key_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    val_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    placeholders: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Identifier -> the target queues that can be set when the action runs: (name, aliases, dynamic).
    queues: dict[str, list[tuple[str, set[str], bool]]] = field(default_factory=dict)

    def queues_at(self, a: Action) -> list[tuple[str, set[str], bool]]:
        return self.queues.get(a.ident) or [(BEFORE, set(), False)]

    def queue_text(self, a: Action) -> str:
        """The target queue(s) action ``a`` can run with, in words: `Sales or Support`."""
        return " or ".join(sorted({text for text, _, _ in self.queues_at(a)}))

    # positions -------------------------------------------------------------------------------

    def at(self, path: Path, *, value: bool = False) -> tuple[int, int]:
        """Where ``path`` of the flow file is written (its value's start with ``value``), or the
        nearest written parent."""
        p = tuple(path)
        while p:
            table = self.src.val_pos if value else self.src.key_pos
            if p in table:
                return table[p]
            if p in self.src.key_pos:
                return self.src.key_pos[p]
            p = p[:-1]
        return (1, 1)

    def put(self, ipath: Path, path: Path) -> None:
        """The ivrmaze path ``ipath`` is written where ``path`` is in the flow file."""
        self.key_pos[ipath] = self.at(path)
        self.val_pos[ipath] = self.at(path, value=True)

    def report(self, kind: str, message: str, path: Path, *, value: bool = True, node: str | None = None,
               severity: str = "") -> None:
        line, column = self.at(path, value=value)
        self.problems.append(Finding(kind, safe(message), self.file, line, column, severity=severity, node=node))

    # actions and nodes ---------------------------------------------------------------------

    def new_id(self, ident: str) -> str:
        """The node id of an Identifier: itself when ivrmaze can use it, else a slug not yet taken."""
        if L.id_problem(ident) is None and L.ID_FORBIDDEN not in ident and ident.lower() != L.HANGUP:
            return ident
        base = slug(ident)
        if base.lower() == L.HANGUP:
            base += "-action"
        taken = {a.nid for a in self.actions.values()}
        nid, n = base, 2
        while nid in taken or nid in self.actions:
            nid, n = f"{base}-{n}", n + 1
        return nid

    def label(self, a: Action, extra: str = "") -> str:
        name = self.names.get(a.ident)
        named = f" '{name}'" if name else ""
        return f"`{short(a.ident)}` ({a.type}{extra}{named})"

    def node(self, a: Action, body: dict[str, Any], *, nid: str | None = None, extra: str = "") -> str:
        """Add ``body`` as the node of action ``a`` (or the extra node ``nid`` made for it)."""
        nid = nid or a.nid
        self.nodes[nid] = body
        self.put(("nodes", nid), a.path + ("Identifier",))
        self.val_pos[("nodes", nid)] = self.at(a.path, value=True)
        self.labels[nid] = self.label(a, extra)
        self.notes[nid] = f"Connect action {a.ident} ({a.type}{extra})"
        names = {a.ident} | ({self.names[a.ident]} if a.ident in self.names else set())
        self.aliases.setdefault(nid, set()).update(names)
        return nid

    def rename(self, nid: str, new: str, extra: str) -> None:
        """Node ``nid`` becomes ``new`` (an extra node of the same action, its label told by ``extra``)."""
        self.nodes[new] = self.nodes.pop(nid)
        for table in (self.key_pos, self.val_pos):
            for p in [p for p in table if p[:2] == ("nodes", nid)]:
                table[("nodes", new, *p[2:])] = table.pop(p)
        self.labels[new] = self.labels.pop(nid).replace(")", f"{extra})", 1) if ")" in self.labels[nid] else nid
        self.notes[new] = self.notes.pop(nid)
        self.aliases[new] = self.aliases.pop(nid)

    def field(self, nid: str, key: str, value: Any, path: Path) -> None:
        """Set ``key`` of node ``nid``, written where ``path`` is in the flow file."""
        self.nodes[nid][key] = value
        self.put(("nodes", nid, key), path)

    def target(self, a: Action | None, to: Any, path: Path) -> str | None:
        """The node a transition of ``a`` (written at ``path``; None: the `StartAction`) leads to;
        None, reported, when it names no action of the flow."""
        seen: set[str] = set()
        while isinstance(to, str) and to in self.passes and to not in seen:
            seen.add(to)
            to = self.passes[to]
        if not isinstance(to, str) or to not in self.actions:
            shown = f'"{to}"' if isinstance(to, str) else repr(to)  # not in backquotes: no node's label
            what = f"the transition of Connect action `{a.nid}`" if a is not None else "`StartAction`"
            self.report("reference", f"{what} goes to {shown}, which is not the Identifier of any action of "
                        "this flow, expected the Identifier of one of its `Actions`", path,
                        node=a.nid if a is not None else None)
            return None
        b = self.actions[to]
        return L.HANGUP if b.type in TERMINAL else b.nid

    def link(self, a: Action, nid: str, key: str, to: Any, path: Path) -> bool:
        """Set the target field ``key`` of node ``nid`` to where ``to`` leads; False when it leads nowhere."""
        t = self.target(a, to, path)
        if t is None:
            return False
        self.field(nid, key, t, path)
        return True

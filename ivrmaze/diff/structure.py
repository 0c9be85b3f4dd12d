"""What changed in the menu files themselves: files, nodes, options, links, transfers, hours.

Files are matched by their path relative to the folder given (or, when two files are given,
the two files with each other); nodes by id; options by DTMF key; other links by field.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..graph import qualify
from ..model import MenuFile, Node
from ..schedule import Schedule
from ..timeline import Window, describe


@dataclass(frozen=True)
class Change:
    change: str  # added | removed | changed
    # file | node | kind | text | option | link | transfer | resolves | hours | schedule | entry | intent | retries
    what: str
    file: str  # the file's key (relative path)
    node: str | None = None
    key: str | None = None  # DTMF key, field name, schedule or intent name
    old: object = None
    new: object = None
    line: int = 0  # in the new file (or the old one for a removal)

    def to_dict(self) -> dict[str, object]:
        return {"change": self.change, "what": self.what, "file": self.file, "node": self.node, "key": self.key,
                "old": _plain(self.old), "new": _plain(self.new), "line": self.line}

    def text(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~"}[self.change]
        return f"{mark} {_TEXT[self.what](self)}"


def _plain(v: object) -> object:
    if isinstance(v, (set, frozenset, tuple)):
        return sorted(v) if isinstance(v, (set, frozenset)) else list(v)
    return v


def _arrow(c: Change) -> str:
    if c.change == "added":
        return f" -> {c.new}"
    if c.change == "removed":
        return f" (was {c.old})"
    return f": {c.old} -> {c.new}"


_TEXT = {
    "file": lambda c: f"file {c.file}" + (f" ({c.new} nodes)" if c.change == "added" else ""),
    "node": lambda c: f"node `{c.node}` ({c.new or c.old})",
    "kind": lambda c: f"node `{c.node}` is now a {c.new} (was a {c.old})",
    "text": lambda c: f"`{c.node}` now says {c.new!r} (was {c.old!r})",
    "option": lambda c: f"option {c.key} of `{c.node}`{_arrow(c)}",
    "link": lambda c: f"`{c.key}` of `{c.node}`{_arrow(c)}",
    "transfer": lambda c: f"transfer of `{c.node}`{_arrow(c)}",
    "resolves": lambda c: f"`{c.node}` resolves {c.key}" if c.change == "added" else
    f"`{c.node}` no longer resolves {c.key}",
    "hours": lambda c: f"hours of `{c.node}`{_arrow(c)}",
    "schedule": lambda c: f"schedule `{c.key}`{_arrow(c)}",
    "entry": lambda c: f"entry `{c.key}`{_arrow(c)}",
    "intent": lambda c: f"intent `{c.key}`",
    "retries": lambda c: f"retries of `{c.node}`{_arrow(c)}",
}


def hours_text(s: Schedule | None) -> str | None:
    if s is None:
        return None
    text = ", ".join(describe([Window(a, b) for a, b in s.intervals])) or "never open"
    if s.holidays:
        text += f"; closed {', '.join(sorted(s.holidays))}"
    return text


Targets = dict[str, "str | None"]


def _links(node: Node, file_key: Callable[[str], str]) -> tuple[Targets, Targets, dict[str, bool]]:
    """(options key -> target, single links via -> target, transfers target -> warm)."""
    opts: Targets = {}
    single: Targets = {}
    transfers: dict[str, bool] = {}
    for ln in node.links:
        if ln.via == "external":
            where = file_key(ln.file or "")
            single["external"] = qualify(where, ln.node) if ln.node else where
        elif ln.via == "options":
            opts[ln.key or ""] = ln.target
        elif ln.via == "transfers":
            transfers[ln.target or ""] = ln.warm
        elif ln.via == "outcomes":  # one link per outcome of a decision
            single[f"outcomes.{ln.key}"] = ln.target
        else:
            single[ln.via] = ln.target
    return opts, single, transfers


def _resolves(node: Node) -> set[str]:
    return {"*"} if node.resolves == "*" else set(node.resolves)


def _compare_maps(out: list[Change], what: str, file: str, nid: str | None, old: Mapping[Any, Any],
                  new: Mapping[Any, Any], line: int) -> None:
    for k in sorted(set(old) | set(new), key=str):
        if k not in old:
            out.append(Change("added", what, file, nid, k, None, new[k], line))
        elif k not in new:
            out.append(Change("removed", what, file, nid, k, old[k], None, line))
        elif old[k] != new[k]:
            out.append(Change("changed", what, file, nid, k, old[k], new[k], line))


def compare_files(key: str, old: MenuFile | None, new: MenuFile | None, *, old_key: Callable[[str], str] = str,
                  new_key: Callable[[str], str] = str) -> list[Change]:
    """Changes from MenuFile ``old`` to MenuFile ``new`` (either may be None). ``old_key`` and
    ``new_key`` name another file (an absolute path) the same way on both sides."""
    if old is None or not old.ok:
        return [Change("added", "file", key, new=len(new.nodes))] if new is not None and new.ok else []
    if new is None or not new.ok:
        return [Change("removed", "file", key, old=len(old.nodes))]
    out: list[Change] = []
    _compare_maps(out, "entry", key, None, old.entries, new.entries, 0)
    for name in sorted(set(old.intents) | set(new.intents)):
        if (name in old.intents) != (name in new.intents):
            out.append(Change("added" if name in new.intents else "removed", "intent", key, None, name))
    _compare_maps(out, "schedule", key, None, {k: hours_text(s) for k, s in old.schedules.items()},
                  {k: hours_text(s) for k, s in new.schedules.items()}, 0)
    for nid in sorted(set(old.nodes) | set(new.nodes), key=lambda n: (n not in new.nodes, n)):
        a, b = old.nodes.get(nid), new.nodes.get(nid)
        if b is None:
            out.append(Change("removed", "node", key, nid, old=a.kind if a else None, line=a.pos.line if a else 0))
        elif a is None:
            out.append(Change("added", "node", key, nid, new=b.kind, line=b.pos.line))
        else:
            out += _node_changes(key, nid, a, b, (old_key, new_key))
    return out


def _transfer_changes(key: str, nid: str, at: dict[str, bool], bt: dict[str, bool], line: int) -> list[Change]:
    out = []
    for t in sorted(set(at) | set(bt)):
        if t not in at:
            out.append(Change("added", "transfer", key, nid, t, None, t + (" (warm)" if bt[t] else ""), line))
        elif t not in bt:
            out.append(Change("removed", "transfer", key, nid, t, t + (" (warm)" if at[t] else ""), None, line))
        elif at[t] != bt[t]:
            out.append(Change("changed", "transfer", key, nid, t, t + (" (warm)" if at[t] else " (cold)"),
                              t + (" (warm)" if bt[t] else " (cold)"), line))
    return out


def _node_changes(key: str, nid: str, a: Node, b: Node,
                  file_keys: tuple[Callable[[str], str], Callable[[str], str]]) -> list[Change]:
    """What changed in node ``nid`` from ``a`` (old) to ``b`` (new); ``file_keys`` name other files on each side."""
    line = b.pos.line
    if a.kind != b.kind:
        return [Change("changed", "kind", key, nid, old=a.kind, new=b.kind, line=line)]
    out: list[Change] = []
    if a.text != b.text and a.kind not in ("external",):
        out.append(Change("changed", "text", key, nid, old=a.text, new=b.text, line=line))
    (ao, asg, at), (bo, bsg, bt) = _links(a, file_keys[0]), _links(b, file_keys[1])
    _compare_maps(out, "option", key, nid, ao, bo, line)
    _compare_maps(out, "link", key, nid, asg, bsg, line)
    out += _transfer_changes(key, nid, at, bt, line)
    ra, rb = _resolves(a), _resolves(b)
    out += [Change("added", "resolves", key, nid, i, line=line) for i in sorted(rb - ra)]
    out += [Change("removed", "resolves", key, nid, i, line=line) for i in sorted(ra - rb)]
    if a.kind == "queue" and a.hours != b.hours:
        out.append(Change("added" if a.hours is None else "removed" if b.hours is None else "changed",
                          "hours", key, nid, old=a.hours, new=b.hours, line=line))
    if a.kind == "menu" and a.retries != b.retries:
        out.append(Change("changed", "retries", key, nid, old=a.retries, new=b.retries, line=line))
    return out

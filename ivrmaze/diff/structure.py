"""What changed in the menu files themselves: files, nodes, options, links, transfers, hours.

Files are matched by their path relative to the folder given (or, when two files are given,
the two files with each other); nodes by id; options by DTMF key; other links by field.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..graph import qualify
from ..schedule import Schedule
from ..timeline import Window, describe


@dataclass(frozen=True)
class Change:
    change: str  # added | removed | changed
    what: str  # file | node | kind | text | option | link | transfer | resolves | hours | schedule | entry | intent | retries
    file: str  # the file's key (relative path)
    node: str | None = None
    key: str | None = None  # DTMF key, field name, schedule or intent name
    old: object = None
    new: object = None
    line: int = 0  # in the new file (or the old one for a removal)

    def to_dict(self) -> dict:
        return {"change": self.change, "what": self.what, "file": self.file, "node": self.node, "key": self.key,
                "old": _plain(self.old), "new": _plain(self.new), "line": self.line}

    def text(self) -> str:
        mark = {"added": "+", "removed": "-", "changed": "~"}[self.change]
        return f"{mark} {_TEXT[self.what](self)}"


def _plain(v):
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


def _links(node, file_key) -> tuple[dict, dict, dict]:
    """(options key -> target, single links via -> target, transfers target -> warm)."""
    opts, single, transfers = {}, {}, {}
    for ln in node.links:
        target = ln.target if ln.via != "external" else qualify(file_key(ln.file), ln.node) if ln.node else file_key(ln.file)
        if ln.via == "options":
            opts[ln.key] = ln.target
        elif ln.via == "transfers":
            transfers[ln.target] = ln.warm
        elif ln.via == "external":
            single["external"] = target
        else:
            single[ln.via] = ln.target
    return opts, single, transfers


def _resolves(node):
    return {"*"} if node.resolves == "*" else set(node.resolves)


def _compare_maps(out, what, file, nid, old: dict, new: dict, line):
    for k in sorted(set(old) | set(new), key=str):
        if k not in old:
            out.append(Change("added", what, file, nid, k, None, new[k], line))
        elif k not in new:
            out.append(Change("removed", what, file, nid, k, old[k], None, line))
        elif old[k] != new[k]:
            out.append(Change("changed", what, file, nid, k, old[k], new[k], line))


def compare_files(key: str, old, new, *, old_key=lambda p: p, new_key=lambda p: p) -> list[Change]:
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
        if a is None:
            out.append(Change("added", "node", key, nid, new=b.kind, line=b.pos.line))
            continue
        if b is None:
            out.append(Change("removed", "node", key, nid, old=a.kind, line=a.pos.line))
            continue
        line = b.pos.line
        if a.kind != b.kind:
            out.append(Change("changed", "kind", key, nid, old=a.kind, new=b.kind, line=line))
            continue
        if a.text != b.text and a.kind not in ("external",):
            out.append(Change("changed", "text", key, nid, old=a.text, new=b.text, line=line))
        (ao, asg, at), (bo, bsg, bt) = _links(a, old_key), _links(b, new_key)
        _compare_maps(out, "option", key, nid, ao, bo, line)
        _compare_maps(out, "link", key, nid, asg, bsg, line)
        for t in sorted(set(at) | set(bt)):
            if t not in at:
                out.append(Change("added", "transfer", key, nid, t, None, t + (" (warm)" if bt[t] else ""), line))
            elif t not in bt:
                out.append(Change("removed", "transfer", key, nid, t, t + (" (warm)" if at[t] else ""), None, line))
            elif at[t] != bt[t]:
                out.append(Change("changed", "transfer", key, nid, t, t + (" (warm)" if at[t] else " (cold)"),
                                  t + (" (warm)" if bt[t] else " (cold)"), line))
        ra, rb = _resolves(a), _resolves(b)
        for i in sorted(rb - ra):
            out.append(Change("added", "resolves", key, nid, i, line=line))
        for i in sorted(ra - rb):
            out.append(Change("removed", "resolves", key, nid, i, line=line))
        if a.kind == "queue" and a.hours != b.hours:
            out.append(Change("added" if a.hours is None else "removed" if b.hours is None else "changed",
                              "hours", key, nid, old=a.hours, new=b.hours, line=line))
        if a.kind == "menu" and a.retries != b.retries:
            out.append(Change("changed", "retries", key, nid, old=a.retries, new=b.retries, line=line))
    return out

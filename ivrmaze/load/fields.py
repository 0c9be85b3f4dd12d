"""One handler per field type of the language table: each reads one key of a node into the Node.

``HANDLERS`` maps ``Field.type`` (ivrmaze/language.py) to its handler, so a node is read by
walking its kind's fields: a new node kind made of known field types needs no code here.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import language as L
from ..model import ANY_INTENT, Link, Node
from ..source import Path
from ..words import describe, suggest
from .checker import Checker
from .external import external

#: (checker, node, the node's mapping, its path, the field) -> None
Handler = Callable[[Checker, Node, dict[str, Any], Path, L.Field], None]


def text(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """The kind key's text is the node's text; another text key (a menu's `audio`) is its own attribute."""
    value = c.text(body[f.name], path + (f.name,), node=node.id)
    if f.name == node.kind:
        node.text = value or ""
    else:
        setattr(node, f.name, value)


def flag(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """`true` or `false` (`can_fail`)."""
    value = body[f.name]
    if not isinstance(value, bool):
        c.report("type", f"`{f.name}` is {describe(value)}, expected true or false", path + (f.name,),
                 value=True, node=node.id)
    else:
        setattr(node, f.name, value)


def schedule(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """A schedule name: a queue's `hours`, or a branch's kind key (which is also its text)."""
    name = c.text(body[f.name], path + (f.name,), node=node.id)
    node.hours = name
    if f.name == node.kind:
        node.text = name or ""


def link(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """A target key, or its default when the file leaves it out (and the default applies)."""
    via = f.name
    if via in body:
        kp = path + (via,)
        t = c.target_value(body[via], kp, node=node.id)
        if t is not None:
            node.links.append(Link(via, t, c.doc.pos(kp)))
    elif f.default is not None and (f.default_if is None or f.default_if in body):
        node.links.append(Link(via, str(f.default), node.pos, default=True))


def count(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """A whole number of 1 or more (a menu's `retries`)."""
    r = body[f.name]
    if isinstance(r, bool) or not isinstance(r, int) or r < 1:
        shown = f"`{r}`" if isinstance(r, int) and not isinstance(r, bool) else describe(r)
        c.report("type", f"`{f.name}` is {shown}, expected a whole number of 1 or more", path + (f.name,),
                 value=True, node=node.id)
    else:
        setattr(node, f.name, r)


def end(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """`end: intended`: the call is meant to end at this node; `end: unwired`: nothing is wired on."""
    value = body[f.name]
    if value not in L.END_VALUES:
        shown = f"`{value}`" if isinstance(value, str) else describe(value)
        c.report("type", f"`end` is {shown}{suggest(value, L.END_VALUES)}, expected `{L.END_INTENDED}` (or "
                 f"`{L.END_UNWIRED}` where a platform file wires no way on)", path + (f.name,), value=True,
                 node=node.id)
    else:
        node.end = value


def options(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """A menu's DTMF key -> target (or -> `{to, label}`)."""
    opts = body[f.name]
    if not c.expect_mapping(opts, path + (f.name,), "a mapping of DTMF key -> target, such as `\"1\": billing`"):
        return
    for key, val in opts.items():
        kp = path + (f.name, key)
        if key not in L.DTMF_KEYS:
            c.report("dtmf", f"`{key}` is not a DTMF key, expected one of 0-9, * or # (quote them: \"*\", \"#\")",
                     kp, node=node.id)
            continue
        label = None
        if isinstance(val, dict):
            c.check_keys(val, kp, L.OPTION_FIELDS, f"option `{key}`", node=node.id)
            if "label" in val:
                label = c.text(val["label"], kp + ("label",), node=node.id)
            if "to" not in val:
                continue
            target = c.target_value(val["to"], kp + ("to",), node=node.id)
            pos = c.doc.pos(kp + ("to",))
        else:
            target = c.target_value(val, kp, node=node.id)
            pos = c.doc.pos(kp)
        if target is not None:
            node.links.append(Link("options", target, pos, key=key, label=label))


def outcomes(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """A decision's outcome name -> target (or -> `{to, label}`); at least one."""
    outs = body[f.name]
    op = path + (f.name,)
    if not c.expect_mapping(outs, op, "a mapping of outcome name -> target, such as `staffed: sales`"):
        return
    if not outs:
        c.report("missing-key", f"`outcomes` of decide `{node.id}` is empty, expected at least one outcome such as "
                 "`staffed: sales`", op, node=node.id)
    for name, val in outs.items():
        kp = op + (name,)
        label = None
        if isinstance(val, dict):
            c.check_keys(val, kp, L.OUTCOME_FIELDS, f"outcome `{name}`", node=node.id)
            if "label" in val:
                label = c.text(val["label"], kp + ("label",), node=node.id)
            if "to" not in val:
                continue
            val, kp = val["to"], kp + ("to",)
        target = c.target_value(val, kp, node=node.id)
        if target is not None:
            node.links.append(Link("outcomes", target, c.doc.pos(kp), key=str(name), label=label))


def outcome(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """A decision's `assume`: the name of one of its outcomes."""
    name = c.text(body[f.name], path + (f.name,), node=node.id)
    if name is None:
        return
    names = [k.key for k in node.links if k.via == "outcomes"]
    written = body.get("outcomes")
    if name not in names and not (isinstance(written, dict) and name in written):
        c.report("reference", f"`assume` of decide `{node.id}` names `{name}`, which is not one of its outcomes"
                 f"{suggest(name, [str(n) for n in names])}, expected one of "
                 f"{', '.join(f'`{n}`' for n in names) or 'its outcome names'}", path + (f.name,), value=True,
                 node=node.id)
        return
    node.assume = name


def _transfer(c: Checker, node: Node, item: object, ip: Path) -> None:
    warm = False
    if isinstance(item, dict):
        c.check_keys(item, ip, L.TRANSFER_FIELDS, "a transfer", node=node.id)
        if "warm" in item:
            if not isinstance(item["warm"], bool):
                c.report("type", f"`warm` is {describe(item['warm'])}, expected true or false",
                         ip + ("warm",), value=True, node=node.id)
            else:
                warm = item["warm"]
        if "to" not in item:
            return
        target = c.target_value(item["to"], ip + ("to",), node=node.id)
        pos = c.doc.pos(ip + ("to",), value=True)
    else:
        target = c.target_value(item, ip, node=node.id)
        pos = c.doc.pos(ip, value=True)
    if target is not None:
        node.links.append(Link("transfers", target, pos, warm=warm))


def transfers(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    """Where a queue's agents send a caller: one target, or a list of targets or `{to, warm}`."""
    value = body[f.name]
    tp = path + (f.name,)
    single = isinstance(value, (str, int)) and not isinstance(value, bool)
    if single:
        value = [value]
    if not isinstance(value, list):
        c.report("type", f"`transfers` is {describe(value)}, expected a list of node ids such as "
                 "[billing, switchboard]", tp, value=True, node=node.id)
        return
    for i, item in enumerate(value):
        _transfer(c, node, item, tp if single else tp + (i,))


def _resolved(c: Checker, value: object, path: Path, nid: str) -> frozenset[str] | str:
    if value == ANY_INTENT:
        return ANY_INTENT
    single = isinstance(value, str)
    items = [value] if single else value
    if not isinstance(items, list):
        c.report("type", f"`resolves` is {describe(value)}, expected a list of intent ids or \"*\"", path,
                 value=True, node=nid)
        return frozenset()
    out = set()
    for i, item in enumerate(items):
        ip = path if single else path + (i,)
        t = c.text(item, ip, node=nid)
        if t is None:
            continue
        if t == ANY_INTENT:
            return ANY_INTENT
        if t in c.bad_names:
            continue  # reported where it is written
        if t not in c.mf.intents:
            known = c.mf.intents
            c.report("reference", f"intent `{t}` is not defined{suggest(t, known)}, expected one of the "
                     f"ids under `intents:`" + ("" if known else " (the file has no `intents:` block)"),
                     ip, value=True, node=nid)
            continue
        out.add(t)
    return frozenset(out)


def resolves(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    node.resolves = _resolved(c, body[f.name], path + (f.name,), node.id)


def external_field(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field) -> None:
    external(c, node, body[f.name], path)


HANDLERS: dict[str, Handler] = {
    "text": text,
    "schedule": schedule,
    "target": link,
    "int": count,
    "bool": flag,
    "end": end,
    "options": options,
    "transfers": transfers,
    "resolves": resolves,
    "external": external_field,
    "outcomes": outcomes,
    "outcome": outcome,
}

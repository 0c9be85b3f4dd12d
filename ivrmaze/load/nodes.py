"""`nodes:`: each node's kind found by its kind key, then read field by field from the language
table (ivrmaze/language.py) through the handler of each field's type (``fields.HANDLERS``);
and, once every node is read, the references between them."""
from __future__ import annotations

from typing import Any, cast

from .. import language as L
from ..model import Link, Node
from ..source import Path, Pos
from ..words import describe, suggest
from .checker import Checker, FieldPositions
from .fast_fields import READERS, key_at, sub_table
from .fields import HANDLERS


def _bad_id(c: Checker, nid: str, path: Path) -> bool:
    """Whether the node id itself is refused (reported here)."""
    if nid == L.HANGUP:
        c.report("reference", "`hangup` is the built-in target that ends the call, expected another "
                 "node id", path, node=nid)
        return True
    c.broken.add(nid)
    if L.ID_FORBIDDEN in nid:
        c.report("type", f"node id `{nid}` contains `{L.ID_FORBIDDEN}`, expected a name without it (reports "
                 f"write nodes as file{L.ID_FORBIDDEN}id)", path, node=nid)
        return True
    if nid.lower() == L.HANGUP:
        c.report("reference", f"node id `{nid}` is the built-in `{L.HANGUP}` in another case, expected another "
                 f"node id (`{L.HANGUP}` ends the call)", path, node=nid)
        return True
    return not c.valid_id(nid, path, "node id", node=nid)


_KINDS = frozenset(L.KINDS)
#: Kind -> (name, is a target, handler, field) of its fields, in the table's order: looked up once,
#: not for each of a big maze's nodes.
_READ = {kind: tuple((f.name, f.type == "target", HANDLERS[f.type], f) for f in fields)
         for kind, fields in L.NODE_FIELDS.items()}
#: The same for the fast way; a target left out is read only where it has a default.
_READ_FAST = {kind: tuple((f.name, f.type == "target" and f.default is not None, READERS[f.type], f) for f in fields)
              for kind, fields in L.NODE_FIELDS.items()}


def _kind(c: Checker, nid: str, body: dict[str, Any], path: Path) -> str | None:
    """The node's one kind key, or None (reported: none, or two)."""
    kinds = [k for k in body if k in _KINDS]  # in the order written
    if not kinds:
        hint, where = "", path
        import difflib  # start-up: difflib, only for a node without a kind

        for k in body:
            close = difflib.get_close_matches(str(k), L.KINDS, 1, 0.6)
            if close and k not in L.all_node_keys():
                hint, where = f" (`{k}`: did you mean `{close[0]}`?)", path + (k,)
                break
        c.report("node-kind", f"node `{nid}` has no kind key{hint}, expected exactly one of "
                 f"{', '.join(f'`{k}`' for k in L.KINDS)}", where, node=nid)
        return None
    if len(kinds) > 1:
        c.report("node-kind", f"node `{nid}` has two kind keys, `{kinds[0]}` and `{kinds[1]}`, expected exactly "
                 "one (split it into two nodes)", path + (kinds[1],), node=nid)
        return None
    return kinds[0]


def _checked_kind(c: Checker, nid: str, body: object, path: Path) -> str | None:
    """The node's kind once its id, shape and keys are checked (each problem reported); None when
    the node cannot be read."""
    if _bad_id(c, nid, path):
        return None
    if not isinstance(body, dict):
        c.report("type", f"node `{nid}` is {describe(body)}, expected a mapping with one kind key "
                 f"({', '.join(L.KINDS)})", path, value=True, node=nid)
        return None
    kind = _kind(c, nid, body, path)
    if kind is not None:
        c.check_keys(body, path, L.NODE_FIELDS[kind], f"a {kind} node", node=nid)
    return kind


#: Kind -> (its keys, less the other kinds' keys; its required keys): the common node's shape.
_SHAPES = {kind: (frozenset(f.name for f in fields) - (_KINDS - {kind}),
                  frozenset(f.name for f in fields if f.required)) for kind, fields in L.NODE_FIELDS.items()}


def _plain_kind(nid: str, body: object) -> str | None:
    """The kind of a node of the common shape, for which ``_checked_kind`` reports nothing: a plain
    id, a mapping whose first key is its one kind key, its required keys and no unknown one."""
    if body.__class__ is not dict or not body or nid.__class__ is not str:
        return None
    kind = next(iter(body))
    shape = _SHAPES.get(kind)
    if shape is None or not shape[0] >= body.keys() >= shape[1]:
        return None
    if nid.lower() == L.HANGUP or L.ID_FORBIDDEN in nid or L.id_problem(nid) is not None:
        return None
    return kind


#: False: every node and link is read and checked by the checks and handlers alone (the tests compare
#: the two ways).
FAST = True


def node(c: Checker, nid: str, body: object, nodes_table: Any = None) -> None:
    """Read one node into the file's nodes (or report why it cannot be). ``nodes_table``: the
    positions table of `nodes:` (``Document.table``), or None."""
    path = ("nodes", nid)
    kind = _plain_kind(nid, body) if FAST else None
    if kind is None:
        kind = _checked_kind(c, nid, body, path)
        if kind is None:
            return
    body = cast(dict[str, Any], body)
    table = sub_table(nodes_table, nid) if FAST else None
    n = Node(id=nid, kind=kind, text="", pos=key_at(c, nodes_table if FAST else None, ("nodes",), nid),
             field_pos=FieldPositions(c.doc, path, c.field_names(body)))
    c.mf.nodes[nid] = n
    c.broken.discard(nid)
    if FAST:
        for name, default, fast, f in _READ_FAST[kind]:  # the kind key first: it gives the node its text
            if default or name in body:  # a target left out may still have a default
                fast(c, n, body, path, f, table)
    else:
        for name, target, read, f in _READ[kind]:
            if target or name in body:
                read(c, n, body, path, f)
    if kind == "menu":
        _no_options(c, nid, body, path)
    elif kind == "loop" and n.loop:
        n.text = f"{n.loop} round{'s' if n.loop != 1 else ''}"


def _no_options(c: Checker, nid: str, body: dict[str, Any], path: Path) -> None:
    """A menu with no option (`options: {}` or none) and no `no_input` or `no_match` way on: every
    caller fails at it until `exhausted`."""
    options = body.get("options")
    if options.__class__ is dict and options:
        return  # the common menu, at once
    if set(body) - {f.name for f in L.NODE_FIELDS["menu"]} and not isinstance(options, dict):
        return  # an unknown key, reported, may be the options misspelt (`optoins:`)
    if options or not isinstance(options, (dict, type(None))) or "no_input" in body or "no_match" in body:
        return  # options, or a wrong type reported where it is written, or a way on without a key
    written = "`options` is empty" if isinstance(options, dict) else "has no `options`"
    c.report("missing-key", f"menu `{nid}` {written}, expected at least one option such as "
             "`options: {\"1\": billing}` (a menu that only informs is a `say` node)", path, node=nid)


def _target_pos(c: Checker, node: Node, link: Link) -> Pos:
    """Where a link's target is written (the edge itself keeps the key's position)."""
    if link.via == "transfers":
        return link.pos
    path = ("nodes", node.id, link.via) + ((link.key,) if link.via in ("options", "outcomes") else ())
    if path + ("to",) in c.doc.val_pos:
        path += ("to",)
    return c.doc.pos(path, value=True)


def _kept(c: Checker, node: Node, link: Link) -> bool:
    """Whether a link stays: its target exists (else reported, unless broken where written)."""
    if link.via == "external" or link.default or link.target == L.HANGUP or link.target in c.mf.nodes:
        return True
    if link.target in c.broken:
        return False  # the node is written but broken; reported there
    target = link.target or ""
    what = {"options": f"option `{link.key}`", "outcomes": f"outcome `{link.key}`",
            "transfers": "a transfer"}.get(link.via, f"`{link.via}`")
    pos = _target_pos(c, node, link)
    c.report("reference", f"{what} of node `{node.id}` goes to `{target}`, which is not defined"
             f"{suggest(target, c.mf.nodes)}, expected a node id under `nodes:` or `hangup`", pos=pos, node=node.id)
    return False


def _check_schedule(c: Checker, node: Node) -> None:
    if node.hours is None or node.hours in c.mf.schedules:
        return
    if node.hours == L.UNKNOWN_HOURS:
        node.hours_unknown = True  # not in the files: analysed as open or closed
        return
    if node.hours not in c.bad_names:
        known = c.mf.schedules
        c.report("reference", f"schedule `{node.hours}` is not defined{suggest(node.hours, known)}, "
                 "expected a name under `hours:`" + ("" if known else " (the file has no `hours:` block)"),
                 ("nodes", node.id, "branch" if node.kind == "branch" else "hours"), value=True, node=node.id)
    node.hours = None
    if node.kind == "branch":
        node.links = [k for k in node.links if k.via != "closed"]


def references(c: Checker) -> None:
    """Drop (and report) links to undefined nodes, and schedules that are not defined."""
    nodes = c.mf.nodes
    for n in nodes.values():
        # the common node's links all go to nodes (or hang up): kept, without a call for each
        if not FAST or not all(link.target in nodes or link.target == L.HANGUP for link in n.links):
            n.links = [link for link in n.links if _kept(c, n, link)]
        _check_schedule(c, n)

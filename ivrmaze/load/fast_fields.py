"""The common shape of the fields that cost most on a big maze, read straight: a node id as text,
options and transfers of node ids, intents that are defined. Their positions come from the node's
own positions table (``Document.table``), not from a walk down from the file's root for each one.

Each reader here gives what its handler in ``fields.HANDLERS`` gives, and hands the field to that
handler whenever the value is anything else, before changing the node: so every problem is still
found, said and placed by the one handler (tests/test_load_fast_fields.py holds them equal).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import language as L
from ..model import Link, Node
from ..source import Path, Pos
from ..yamlevents import key_in, table_in, value_in
from . import fields
from .checker import Checker

#: (checker, node, the node's mapping, its path, the field, the node's positions table or None) -> None
FastHandler = Callable[[Checker, Node, dict[str, Any], Path, L.Field, Any], None]

_DTMF = frozenset(L.DTMF_KEYS)
_OPTION_KEYS = frozenset(f.name for f in L.OPTION_FIELDS)
_TRANSFER_KEYS = frozenset(f.name for f in L.TRANSFER_FIELDS)


_tuple = tuple.__new__  # a Pos without the named tuple's Python-level __new__


def key_at(c: Checker, table: Any, path: Path, part: Any) -> Pos:
    """``c.doc.pos(path + (part,))``, where ``table`` is ``c.doc.table(path)``."""
    return c.doc.pos(path + (part,)) if table is None else _tuple(Pos, key_in(table, part))


def value_at(c: Checker, table: Any, path: Path, part: Any) -> Pos:
    """``c.doc.pos(path + (part,), value=True)``, where ``table`` is ``c.doc.table(path)``."""
    return c.doc.pos(path + (part,), value=True) if table is None else _tuple(Pos, value_in(table, part))


def sub_table(table: Any, part: Any) -> Any:
    """``c.doc.table(path + (part,))``, where ``table`` is ``c.doc.table(path)``."""
    return None if table is None else table_in(table, part)


def text(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field, _table: Any) -> None:
    """The kind key's text (else ``fields.text``: another text key, or a value to check)."""
    value = body[f.name]
    if value.__class__ is str and f.name == node.kind:
        node.text = value
    else:
        fields.text(c, node, body, path, f)


def link(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field, table: Any) -> None:
    """A target written as a node id (else ``fields.link``: a default, or a value to check)."""
    via = f.name
    target = body.get(via)
    if target.__class__ is str:
        node.links.append(Link(via, target, key_at(c, table, path, via)))
    else:
        fields.link(c, node, body, path, f)


def options(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field, table: Any) -> None:
    """DTMF keys -> node ids or `{to, label}` of text (else ``fields.options``)."""
    opts = body[f.name]
    if opts.__class__ is dict:
        op, ot = path + (f.name,), sub_table(table, f.name)
        links = []
        for key, val in opts.items():
            if key not in _DTMF:
                break
            if val.__class__ is str:
                links.append(Link("options", val, key_at(c, ot, op, key), key=key))
                continue
            if val.__class__ is not dict or not val.keys() <= _OPTION_KEYS:
                break
            to, label = val.get("to"), val.get("label")
            if to.__class__ is not str or not (label is None or label.__class__ is str):
                break  # (a label written `null` is handed on too: the handler says it is not text)
            if "label" in val and label is None:
                break
            links.append(Link("options", to, key_at(c, sub_table(ot, key), op + (key,), "to"), key=key, label=label))
        else:
            node.links += links
            return
    fields.options(c, node, body, path, f)


def _transfer(c: Checker, item: object, tt: Any, tp: Path, i: int) -> Link | None:
    """One transfer of the common shape, else None."""
    if item.__class__ is str:
        return Link("transfers", item, value_at(c, tt, tp, i))
    if item.__class__ is not dict or not item.keys() <= _TRANSFER_KEYS:
        return None
    to, warm = item.get("to"), item.get("warm", False)
    if to.__class__ is not str or warm.__class__ is not bool:
        return None
    return Link("transfers", to, value_at(c, sub_table(tt, i), tp + (i,), "to"), warm=warm)


def transfers(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field, table: Any) -> None:
    """A node id, or a list of node ids and `{to, warm}` (else ``fields.transfers``)."""
    value = body[f.name]
    if value.__class__ is str:
        node.links.append(Link("transfers", value, value_at(c, table, path, f.name)))
        return
    if value.__class__ is list:
        tp, tt = path + (f.name,), sub_table(table, f.name)
        links = []
        for i, item in enumerate(value):
            one = _transfer(c, item, tt, tp, i)
            if one is None:
                break
            links.append(one)
        else:
            node.links += links
            return
    fields.transfers(c, node, body, path, f)


def resolves(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field, _table: Any) -> None:
    """Intent ids that are all defined (else ``fields.resolves``: `*`, or one to report). (`*` and the
    ids refused, which the handler skips, are never ids under `intents:`.)"""
    value = body[f.name]
    intents = c.mf.intents
    if value.__class__ is list and all(i.__class__ is str and i in intents for i in value):
        node.resolves = frozenset(value)
    elif value.__class__ is str and value in intents:
        node.resolves = frozenset((value,))
    else:
        fields.resolves(c, node, body, path, f)


def _generic(handler: fields.Handler) -> FastHandler:
    def read(c: Checker, node: Node, body: dict[str, Any], path: Path, f: L.Field, _table: Any) -> None:
        handler(c, node, body, path, f)
    return read


_FAST: dict[str, FastHandler] = {"text": text, "target": link, "options": options, "transfers": transfers,
                                 "resolves": resolves}
#: Field type -> its reader: the fast one above, or its handler (a new field type needs none here).
READERS: dict[str, FastHandler] = {t: _FAST.get(t) or _generic(h) for t, h in fields.HANDLERS.items()}

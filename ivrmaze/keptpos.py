"""The key positions a loaded menu file keeps once its nodes are read (``Document.slim``).

After loading, a check asks a file for few positions: where a node's fields are written
(``Node.field_pos``), its options' keys (announced-keys) and anything outside ``nodes:`` (an
intent's key). The whole position tables (``yamlevents.Positions``) take about 1 KB a node, a
gigabyte at a million nodes, and the data as much again. ``Kept`` holds only those key positions,
in one array, about 60 bytes a node; ``key`` answers them exactly as the whole tables would
(``Positions.nearest``), and says None for anything else (a value's position, a path deeper
down), which the Document then reads by parsing its text again.
"""
from __future__ import annotations

from array import array
from typing import Any

from .yamlevents import Positions

_MASK = (1 << 24) - 1
#: A node whose entry is not a mapping: only its own position is kept.
_SCALAR = (None, None)


def _key(entry: Any) -> int:
    """The packed key position (line << 24 | column, 0-based) of a table entry."""
    cls = entry.__class__
    return (entry if cls is int else entry[None] if cls is dict else entry[0]) >> 48


def _pos(packed: int) -> tuple[int, int]:
    return (packed >> 24) + 1, (packed & _MASK) + 1


class Kept:
    """The key positions of a file's top level, its nodes, their fields and their options' keys.

    ``at`` holds, for each node: its shape's number, its own key, its fields' keys in file order,
    then (when its options are a mapping) the options' own key and their keys. A shape is the pair
    (the keys of its table, of its options' table: None first, as in the tables), shared by every
    node written alike."""

    __slots__ = ("top", "nodes", "at", "shapes")

    def __init__(self, root: dict[Any, Any]):
        nodes = root["nodes"]
        #: everything but `nodes:` as it was (small: intents, hours...), `nodes:` by its own position
        self.top = Positions({**root, "nodes": _key(nodes) << 48}, False)
        self.nodes: dict[str, int] = {}
        self.at = at = array("Q")
        self.shapes: list[tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = []
        numbers: dict[Any, int] = {}
        index, append, extend = self.nodes, at.append, at.extend
        for nid, table in nodes.items():  # (the keys inline: a call per field costs more than the rest)
            if nid is None:  # `nodes:`'s own entry, not a node
                continue
            index[nid] = len(at)
            if table.__class__ is dict:
                options = table.get("options")
                shape: Any = (tuple(table), tuple(options) if options.__class__ is dict else None)
                own = [e >> 48 if e.__class__ is int else _key(e) for e in table.values()]
                if options.__class__ is dict:
                    own += [e >> 48 if e.__class__ is int else _key(e) for e in options.values()]
            else:
                shape, own = _SCALAR, [_key(table)]
            number = numbers.get(shape)
            if number is None:
                number = numbers[shape] = len(self.shapes)
                self.shapes.append(shape)
            append(number)
            extend(own)

    def key(self, path: tuple[Any, ...]) -> tuple[int, int] | None:
        """``Positions.nearest(path, False)`` of the whole tables, or None when not kept here."""
        if not path or path[0] != "nodes" or len(path) == 1:
            return self.top.nearest(path, False)
        start = self.nodes.get(path[1])
        if start is None:  # no such node: the nearest is `nodes:` itself
            return self.top.nearest(path[:1], False)
        at = self.at
        fields, opts = self.shapes[at[start]]  # each with None first: its own entry's place
        if len(path) == 2:
            return _pos(at[start + 1])
        if fields is None:
            return None  # a node that is not a mapping: what its path means is the tables' to say
        field = path[2]
        if field is None or field not in fields:
            return _pos(at[start + 1])
        i = fields.index(field)
        if len(path) == 3:
            return _pos(at[start + 1 + i])
        if field != "options" or opts is None or len(path) > 4:
            return None
        base, key = start + 1 + len(fields), path[3]
        return _pos(at[base + (opts.index(key) if key is not None and key in opts else 0)])


def kept(key_pos: Any, val_pos: Any) -> Kept | None:
    """The Kept positions of a Document's tables, or None when they are not ``Positions`` of one
    root mapping with a `nodes:` mapping (then nothing is dropped)."""
    if key_pos.__class__ is not Positions or val_pos.__class__ is not Positions or key_pos.root is not val_pos.root:
        return None
    root = key_pos.root
    if root.__class__ is not dict or root.get("nodes").__class__ is not dict:
        return None
    return Kept(root)


__all__ = ["Kept", "kept"]

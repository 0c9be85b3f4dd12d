"""The common YAML file read straight from libyaml's events, without PyYAML's node tree.

Composing the node tree makes a Python object and calls the resolver for every key and value
of a big maze; the events are made in C, and the data and positions are built from them in
one pass. Only plain files take this way: whatever needs the tree's checks (anchors, aliases,
tags, merges, duplicate keys, deep nesting) gives None, and ``yamltree.build`` reads the file.

The positions are not kept in tables keyed by path (a tuple and two table entries per key: a
million-node maze held gigabytes of them) but beside the data, in one small table per list or
mapping (``Positions``), read through the same mapping interface.
"""
from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, Mapping
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from .yamltree import _STR, MAX_DEPTH, Path, scalar

_SCALAR, _ALIAS, _DOC = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_KEY = object()  # a mapping frame waiting for its next key
#: A position packs (line, column), both 0-based, as line << 24 | column; a key's entry packs its
#: key's position << 48 | its value's position. Texts of 2**24 characters or more are not read here.
MAX_CHARS = 1 << 24
_MASK = (1 << 24) - 1
_HALF = (1 << 48) - 1

# A table: a mapping's is a dict, key -> entry, its own entry under None; a list's a list, its own
# entry first, then its items'. An entry is an int (a packed position) or the table of a list or
# mapping. (Keys read from a file are always text: None is no key's.)
Table = dict[Any, Any] | list[Any]


def _own(entry: Any) -> int:
    return entry if entry.__class__ is int else entry[None] if entry.__class__ is dict else entry[0]


def _unpack(packed: int) -> tuple[int, int]:
    return (packed >> 24) + 1, (packed & _MASK) + 1


class Positions(Mapping[Path, tuple[int, int]]):
    """Path -> (line, column) of a key (``value=False``) or of a value, read from the tables that
    ``build_events`` makes. Read only; equal to the dict of the same paths and positions, and
    iterated in the same order (each list or mapping before what it holds, in file order)."""

    __slots__ = ("root", "value", "_len")

    def __init__(self, root: Table | int, value: bool):
        self.root, self.value, self._len = root, value, -1

    def entry(self, path: Path) -> Any:
        """The entry of ``path`` (not the root's), or None."""
        entry: Any = self.root
        for part in path:
            entry = _child(entry, part)
            if entry is None:
                return None
        return entry

    def _at(self, packed: int) -> tuple[int, int]:
        return _unpack(packed & _HALF if self.value else packed >> 48)

    def __getitem__(self, path: Path) -> tuple[int, int]:
        if not isinstance(path, tuple):
            raise KeyError(path)
        if not path:
            if not self.value:
                raise KeyError(path)
            return _unpack(_own(self.root) & _HALF)
        entry = self.entry(path)
        if entry is None:
            raise KeyError(path)
        return self._at(_own(entry))

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, tuple):
            return False
        return self.value if not path else self.entry(path) is not None

    def get(self, path: Path, default: Any = None) -> Any:
        try:
            return self[path]
        except KeyError:
            return default

    def nearest(self, path: Path, value: bool) -> tuple[int, int]:
        """``Document.pos``: the position of ``path``'s key (or value), else of its nearest parent's
        key; (1, 1) when not even its first part is there. (``_child``, inline: the loader asks
        for every node's and link's position.)"""
        entry: Any = self.root
        found: Any = None
        for part in path:  # a path's parents are all there: the deepest found is the nearest
            cls = entry.__class__
            if cls is dict:
                entry = entry.get(part) if part is not None else None
            elif cls is list and isinstance(part, int) and 0 <= part < len(entry) - 1:
                entry = entry[part + 1]
            else:
                break
            if entry is None:
                break
            found = entry
        if found is None:
            return (1, 1)
        cls = found.__class__
        packed = found if cls is int else found[None] if cls is dict else found[0]
        if value:
            return (packed >> 24 & _MASK) + 1, (packed & _MASK) + 1
        return (packed >> 72) + 1, (packed >> 48 & _MASK) + 1

    def walk(self) -> Iterator[tuple[Path, int]]:
        """(path, packed entry) of every path but the root's, each list or mapping before its items."""
        stack: list[tuple[Path, Iterator[tuple[Any, Any]]]] = [((), _items(self.root))]
        while stack:
            path, items = stack[-1]
            for part, entry in items:
                p = path + (part,)
                if entry.__class__ is int:
                    yield p, entry
                else:
                    yield p, _own(entry)
                    stack.append((p, _items(entry)))
                    break
            else:
                stack.pop()

    def __iter__(self) -> Iterator[Path]:
        if self.value:
            yield ()
        for p, _ in self.walk():
            yield p

    def __len__(self) -> int:
        if self._len < 0:
            self._len = sum(1 for _ in self.walk()) + self.value
        return self._len

    def items(self) -> ItemsView[Path, tuple[int, int]]:
        return _Items(self)


class _Items(ItemsView[Path, tuple[int, int]]):
    """The items in one walk (the mixin's would look every path up again)."""

    _mapping: Positions

    def __iter__(self) -> Iterator[tuple[Path, tuple[int, int]]]:
        table = self._mapping
        if table.value:
            yield (), _unpack(_own(table.root) & _HALF)
        at = table._at
        for p, packed in table.walk():
            yield p, at(packed)


def key_in(table: Table, part: Any) -> tuple[int, int]:
    """(line, column) of the key of ``part`` (a list's item: where it starts), which ``table`` holds:
    ``Positions.nearest`` without the walk down from the root, for a reader that holds the table."""
    entry = table[part] if table.__class__ is dict else table[part + 1]
    packed = entry if entry.__class__ is int else entry[None] if entry.__class__ is dict else entry[0]
    return (packed >> 72) + 1, (packed >> 48 & _MASK) + 1


def value_in(table: Table, part: Any) -> tuple[int, int]:
    """(line, column) of the value of ``part``, which ``table`` holds."""
    entry = table[part] if table.__class__ is dict else table[part + 1]
    packed = entry if entry.__class__ is int else entry[None] if entry.__class__ is dict else entry[0]
    return (packed >> 24 & _MASK) + 1, (packed & _MASK) + 1


def table_in(table: Table, part: Any) -> Any:
    """The table of the list or mapping ``part``, which ``table`` holds (an int for a scalar)."""
    return table[part] if table.__class__ is dict else table[part + 1]


def _child(entry: Any, part: Any) -> Any:
    cls = entry.__class__
    if cls is dict:
        return None if part is None else entry.get(part)
    if cls is list and isinstance(part, int) and 0 <= part < len(entry) - 1:
        return entry[part + 1]
    return None


def _items(table: Any) -> Iterator[tuple[Any, Any]]:
    cls = table.__class__
    if cls is dict:
        return ((k, v) for k, v in table.items() if k is not None)
    if cls is list:
        return enumerate(table[1:])
    return iter(())


class _NeedsTree(Exception):
    """The text holds something only ``build`` reads."""


class Read(NamedTuple):
    """What ``build_events`` gives: as ``yamltree.Built``, its positions as ``Positions``."""

    data: object
    key_pos: Positions
    val_pos: Positions
    duplicates: list[tuple[Path, tuple[int, int], tuple[int, int]]]  # always empty: a duplicate needs the tree


def build_events(loader: yaml.BaseLoader, resolve: Callable[[str, tuple[bool, bool]], str],
                 text_first: frozenset[str]) -> Read | None:
    """What ``build`` gives for the common file, from ``loader``'s (libyaml's) events; None when the text
    needs the node tree (an anchor, alias, tag, merge, a key not text or written twice, deep nesting, a
    second document). ``resolve``: (value, implicit) -> the tag of a plain scalar; ``text_first``: first
    characters of plain scalars that may not be text. The loader's text is under MAX_CHARS."""
    scalars, tags = SafeConstructor(), dict[str, str]()
    # a frame: [the list or mapping, its table, the pending key (_KEY: none yet; None: a list), its position]
    stack: list[list[Any]] = []
    top: list[Any] | None = None
    root: Any = None
    table: Any = None
    docs = 0
    try:
        for ev in iter(loader.get_event, None):  # None once the stream has ended
            if (cls := ev.__class__) is _SCALAR:  # the hot path: a scalar, inline
                if ev.anchor is not None or ev.tag is not None:
                    raise _NeedsTree
                m = ev.start_mark
                v: Any = ev.value
                if top is None:  # the whole document is one value
                    at = m.line << 24 | m.column
                    table = at << 48 | at
                    root = _value(scalars, v, ev.implicit, resolve)
                    continue
                key = top[2]
                if key is _KEY:  # a mapping's key, kept as written
                    if v == "<<" and ev.implicit[0]:
                        raise _NeedsTree  # a merge
                    top[2], top[3] = v, (m.line << 24 | m.column) << 48
                    continue
                if ev.implicit[0] and (not v or v[0] in text_first):  # may be a number, a truth value...
                    v = _plain(v, tags, scalars, resolve)
                if key is None:  # a list's item: its key is where it starts
                    at = m.line << 24 | m.column
                    top[0].append(v)
                    top[1].append(at << 48 | at)
                    continue
                if key in top[0]:
                    raise _NeedsTree  # written twice: the tree reports it
                top[0][key] = v
                top[1][key] = top[3] | m.line << 24 | m.column
                top[2] = _KEY
            elif cls in _STARTS or cls is _ALIAS:  # an alias has an anchor: refused there
                top = _open(stack, top, ev, cls is _STARTS[0])
                if len(stack) == 1:
                    root, table = top[0], top[1]
            elif cls in _ENDS:
                stack.pop()
                top = stack[-1] if stack else None
            elif cls is _DOC:
                docs += 1
    except _NeedsTree:
        return None
    if docs != 1 or root is None:
        return None
    return Read(root, Positions(table, False), Positions(table, True), [])


def _open(stack: list[list[Any]], top: list[Any] | None, ev: Any, mapping: bool) -> list[Any]:
    """The frame of a list or mapping that starts, put into the open ``top`` (None: the root)."""
    if ev.anchor is not None or ev.tag is not None or len(stack) >= MAX_DEPTH - 1:
        raise _NeedsTree
    m = ev.start_mark
    at = m.line << 24 | m.column
    value: Any = {} if mapping else []
    if top is None:
        own = at << 48 | at
    elif top[2] is _KEY:
        raise _NeedsTree  # a list or mapping as a key
    elif top[2] is None:
        own = at << 48 | at
        top[0].append(value)
    else:
        if top[2] in top[0]:
            raise _NeedsTree
        own = top[3] | at
    table: Table = {None: own} if mapping else [own]
    if top is not None:
        if top[2] is None:
            top[1].append(table)
        else:
            top[0][top[2]] = value
            top[1][top[2]] = table
            top[2] = _KEY
    frame = [value, table, _KEY if mapping else None, 0]
    stack.append(frame)
    return frame


def _plain(value: str, tags: dict[str, str], scalars: SafeConstructor,
           resolve: Callable[[str, tuple[bool, bool]], str]) -> object:
    """A plain scalar's value (its tag memoised in ``tags``: untagged, its implicit is (True, False))."""
    tag = tags.get(value)
    if tag is None:
        tag = tags[value] = resolve(value, (True, False))
    return value if tag == _STR else scalar(scalars, ScalarNode(tag, value))


def _value(scalars: SafeConstructor, value: str, implicit: tuple[bool, bool],
           resolve: Callable[[str, tuple[bool, bool]], str]) -> object:
    """A scalar's value as ``yamltree.build`` gives it."""
    if not implicit[0]:
        return value  # quoted: text
    tag = resolve(value, implicit)
    if tag == _STR:
        return value
    return scalar(scalars, ScalarNode(tag, value))


__all__ = ["MAX_CHARS", "Path", "Positions", "Read", "build_events", "key_in", "table_in", "value_in"]

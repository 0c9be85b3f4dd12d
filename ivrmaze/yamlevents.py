"""The common YAML file read straight from libyaml's events, without PyYAML's node tree.

Composing the node tree makes a Python object and calls the resolver for every key and value
of a big maze; the events are made in C, and the data and positions are built from them in
one pass. Only plain files take this way: whatever needs the tree's checks (anchors, aliases,
tags, merges, duplicate keys, deep nesting) gives None, and ``yamltree.build`` reads the file.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from .yamltree import _MERGE, _STR, MAX_DEPTH, Built, Path, scalar


def build_events(loader: yaml.BaseLoader, resolve: Callable[[str, tuple[bool, bool]], str],
                 text_first: frozenset[str]) -> Built | None:
    """What ``build`` gives for the common file, straight from ``loader``'s events (libyaml's), several
    times faster. None when the text needs the node tree (an anchor, alias, tag, merge, a key that
    is not text or written twice, nesting too deep, a second document): ``build`` reads it and
    says what is wrong. ``resolve``: the implicit tag of a plain scalar (value, implicit) -> tag;
    ``text_first``: the first characters of plain scalars that may be something else than text."""
    reader = _Events(resolve)
    stack, key_pos, val_pos = reader.stack, reader.out.key_pos, reader.out.val_pos
    docs = 0
    try:
        while loader.check_event():
            ev = loader.get_event()
            cls = ev.__class__
            if cls is yaml.ScalarEvent:
                top = stack[-1] if stack and ev.anchor is None and ev.tag is None else None
                if top is None or top[3] is None:
                    reader.scalar(ev)  # a list's item, the root, or one with an anchor or tag
                    continue
                v, implicit, m = ev.value, ev.implicit, ev.start_mark
                if top[3] is _KEY:
                    if implicit[0] and v == "<<":
                        raise _NeedsTree
                    top[3] = (v, (m.line + 1, m.column + 1))
                    continue
                if implicit[0] and (not v or v[0] in text_first):
                    reader.scalar(ev)  # may be a number, a truth value, null...
                    continue
                key, kat = top[3]  # the common case, inline: text as a mapping's value
                top[3] = _KEY
                if key in top[2]:
                    raise _NeedsTree
                top[2][key] = kat
                path = top[1] + (key,)
                key_pos[path] = kat
                val_pos[path] = (m.line + 1, m.column + 1)
                top[0][key] = v
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                reader.start(ev, cls is yaml.MappingStartEvent)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                reader.stack.pop()
            elif cls is yaml.DocumentStartEvent:
                docs += 1
            elif cls is yaml.AliasEvent:
                return None
    except _NeedsTree:
        return None
    if docs != 1 or reader.root is None:
        return None
    reader.out.data = reader.root
    return reader.out


class _NeedsTree(Exception):
    """The text holds something only ``build`` reads."""


class _Events:
    """``build_events``' state: a frame per open list or mapping (container, path, keys, key, index)."""

    def __init__(self, resolve: Callable[[str, tuple[bool, bool]], str]) -> None:
        self.resolve = resolve
        self.out = Built()
        self.scalars = SafeConstructor()
        self.stack: list[list[Any]] = []
        self.root: object = None

    def scalar(self, ev: Any) -> None:
        if ev.anchor is not None or ev.tag is not None:
            raise _NeedsTree
        at = (ev.start_mark.line + 1, ev.start_mark.column + 1)
        if not self.stack:
            self.root = _scalar_value(self.scalars, ev.value, ev.implicit, self.resolve)
            self.out.val_pos[()] = at
            return
        top = self.stack[-1]
        if top[3] is _KEY:  # a mapping's key
            if ev.implicit[0] and self.resolve(ev.value, ev.implicit) == _MERGE:
                raise _NeedsTree
            top[3] = (ev.value, at)
            return
        _add(top, _scalar_value(self.scalars, ev.value, ev.implicit, self.resolve), at, self.out)

    def start(self, ev: Any, mapping: bool) -> None:
        if ev.anchor is not None or ev.tag is not None or len(self.stack) >= MAX_DEPTH - 1:
            raise _NeedsTree
        at = (ev.start_mark.line + 1, ev.start_mark.column + 1)
        value: Any = {} if mapping else []
        path: Path = ()
        if not self.stack:
            self.root = value
            self.out.val_pos[()] = at
        elif self.stack[-1][3] is _KEY:
            raise _NeedsTree  # a list or mapping as a key
        else:
            path = _add(self.stack[-1], value, at, self.out)
        self.stack.append([value, path, {}, _KEY if mapping else None, 0])


_KEY = object()  # a mapping frame waiting for its next key


def _add(top: list[Any], value: object, at: tuple[int, int], out: Built) -> Path:
    """Put ``value`` (at ``at``) into the open ``top``; its path (a key written twice: the tree)."""
    container, path = top[0], top[1]
    if top[3] is None:  # a list
        p = path + (top[4],)
        top[4] += 1
        out.key_pos.setdefault(p, at)
        out.val_pos.setdefault(p, at)
        container.append(value)
        return p
    key, kat = top[3]
    top[3] = _KEY
    p = path + (key,)
    first = top[2]
    if key in first:
        raise _NeedsTree
    first[key] = kat
    out.key_pos[p] = kat
    out.val_pos[p] = at
    container[key] = value
    return p


def _scalar_value(scalars: SafeConstructor, value: str, implicit: tuple[bool, bool],
                  resolve: Callable[[str, tuple[bool, bool]], str]) -> object:
    """A scalar's value as ``_Builder.scalar`` gives it."""
    if not implicit[0]:
        return value  # quoted: text
    tag = resolve(value, implicit)
    if tag == _STR:
        return value
    return scalar(scalars, ScalarNode(tag, value))

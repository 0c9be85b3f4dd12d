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

from .yamltree import _STR, MAX_DEPTH, Built, Path, scalar

_SCALAR, _ALIAS, _DOC = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_KEY = object()  # a mapping frame waiting for its next key


class _NeedsTree(Exception):
    """The text holds something only ``build`` reads."""


def build_events(loader: yaml.BaseLoader, resolve: Callable[[str, tuple[bool, bool]], str],
                 text_first: frozenset[str], lines: int = 0) -> Built | None:
    """What ``build`` gives for the common file, from ``loader``'s (libyaml's) events; None when the text
    needs the node tree (an anchor, alias, tag, merge, a key not text or written twice, deep nesting, a
    second document). ``resolve``: (value, implicit) -> the tag of a plain scalar; ``text_first``: first
    characters of plain scalars that may not be text; ``lines``: the text's lines at most."""
    out = Built()
    key_pos, val_pos = out.key_pos, out.val_pos
    line_of = list(range(1, lines + 2))  # one int per line: positions of a big file are millions
    scalars, tags = SafeConstructor(), dict[str, str]()
    stack: list[list[Any]] = []
    top: list[Any] | None = None
    root: Any = None
    docs = 0
    try:
        for ev in iter(loader.get_event, None):  # None once the stream has ended
            if (cls := ev.__class__) is _SCALAR:  # the hot path: a scalar, inline
                if ev.anchor is not None or ev.tag is not None:
                    raise _NeedsTree
                m = ev.start_mark
                at = (line_of[m.line] if m.line <= lines else m.line + 1, m.column + 1)
                v: Any = ev.value
                if top is None:  # the whole document is one value
                    val_pos[()] = at
                    root = _value(scalars, v, ev.implicit, resolve)
                    continue
                key = top[2]
                if key is _KEY:  # a mapping's key, kept as written
                    if v == "<<" and ev.implicit[0]:
                        raise _NeedsTree  # a merge
                    top[2], top[3] = v, at
                    continue
                if ev.implicit[0] and (not v or v[0] in text_first):  # may be a number, a truth value...
                    v = _plain(v, tags, scalars, resolve)
                if key is None:  # a list's item: its key is where it starts
                    p = top[1] + (top[4],)
                    top[4] += 1
                    key_pos[p] = val_pos[p] = at
                    top[0].append(v)
                    continue
                if key in top[0]:
                    raise _NeedsTree  # written twice: the tree reports it
                p = top[1] + (key,)
                key_pos[p] = top[3]
                val_pos[p] = at
                top[0][key] = v
                top[2] = _KEY
            elif cls in _STARTS or cls is _ALIAS:  # an alias has an anchor: refused there
                top = _open(stack, top, ev, cls is _STARTS[0], out, line_of)
                root = root if len(stack) > 1 else top[0]
            elif cls in _ENDS:
                stack.pop()
                top = stack[-1] if stack else None
            elif cls is _DOC:
                docs += 1
    except _NeedsTree:
        return None
    out.data = root
    return out if docs == 1 and root is not None else None


def _open(stack: list[list[Any]], top: list[Any] | None, ev: Any, mapping: bool, out: Built,
          line_of: list[int]) -> list[Any]:
    """The frame of a list or mapping that starts, put into the open ``top`` (None: the root).

    A frame: [container, path, pending key (_KEY: none yet; None: a list), the pending key's
    position, a list's next index]."""
    if ev.anchor is not None or ev.tag is not None or len(stack) >= MAX_DEPTH - 1:
        raise _NeedsTree
    m = ev.start_mark
    at = (line_of[m.line] if m.line < len(line_of) else m.line + 1, m.column + 1)
    value: Any = {} if mapping else []
    path: Path = ()
    if top is None:
        out.val_pos[()] = at
    elif top[2] is _KEY:
        raise _NeedsTree  # a list or mapping as a key
    elif top[2] is None:
        path = top[1] + (top[4],)
        top[4] += 1
        out.key_pos[path] = out.val_pos[path] = at
        top[0].append(value)
    else:
        if top[2] in top[0]:
            raise _NeedsTree
        path = top[1] + (top[2],)
        out.key_pos[path] = top[3]
        out.val_pos[path] = at
        top[0][top[2]] = value
        top[2] = _KEY
    frame = [value, path, _KEY if mapping else None, None, 0]
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


__all__ = ["Path", "build_events"]

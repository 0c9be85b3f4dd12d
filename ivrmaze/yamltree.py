"""A composed YAML node tree as plain data, with the position of every key and value.

Used by ``source``. Refuses what plain menu data never holds: tags that would build objects
(on keys as on values), a tag that contradicts its value (``!!str {a: 1}``), aliases that
expand to far more than the file writes, an anchor used inside itself (``&r [a, *r]``),
lists and mappings nested more than MAX_DEPTH levels, and text that cannot be written as
UTF-8 (a lone surrogate such as ``"\\ud800"``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import SourceError
from .syntax import line_column

#: Lists and mappings may nest this many levels (the root mapping is level 1).
MAX_DEPTH = 64

Path = tuple  # a tuple of mapping keys (str) and sequence indexes (int)

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_MERGE = _TAG + "merge"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge")}
_PLAIN_TAGS = _SCALAR_TAGS | {_TAG + "seq", _TAG + "map"}
_NODE_TAG: dict[type[Node], str] = {MappingNode: _TAG + "map", SequenceNode: _TAG + "seq"}
_WHAT: dict[type[Node], str] = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a single value"}
_SURROGATE = re.compile("[\ud800-\udfff]")
#: An anchor where a node starts (after its tag, if the tag is written first).
_ANCHOR = re.compile(r"(?:![^\s,\[\]{}]*\s+)?&([^\s,\[\]{}]+)")


@dataclass
class Built:
    """What ``build`` gives: the data, and positions as (line, column) tuples."""

    data: object = None
    key_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    val_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path, tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def _at(node: Node) -> tuple[int, int]:
    """(line, column) as a plain tuple: the position tables hold hundreds of thousands."""
    m = node.start_mark
    return (m.line + 1, m.column + 1)


def build(root: Node, text: str, *, budget_factor: int, budget_slack: int) -> Built:
    """``root`` (composed from ``text``) as data. Raises SourceError for anything not plain data.

    Aliases may expand to ``budget_factor`` times the values written, plus ``budget_slack``."""
    if "\\u" in text or "\\U" in text:  # only an escape can make a surrogate: UTF-8 text holds none
        _refuse_surrogates(root)
    builder = _Builder(root, text, budget_factor, budget_slack)
    builder.out.val_pos[()] = _at(root)
    builder.out.data = builder.value(root, (), 0)
    return builder.out


def _refuse_surrogates(root: Node) -> None:
    """A SourceError at the first key or value holding a lone surrogate (not encodable as UTF-8)."""
    bad = [n for n in _nodes(root) if isinstance(n, ScalarNode) and _SURROGATE.search(n.value)]
    if bad:
        first = min(bad, key=lambda n: n.start_mark.index)
        char = _SURROGATE.search(first.value).group()  # type: ignore[union-attr]
        line, column = _at(first)
        raise SourceError("syntax", f"invalid YAML: the escape `\\u{ord(char):04x}` is half of a surrogate pair, "
                          "not a character, expected text that can be written as UTF-8", line, column)


def _nodes(root: Node) -> list[Node]:
    """Every node of the tree once (aliases shared), without recursion."""
    seen: set[int] = set()
    out: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        if isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return out


def deep_position(text: str) -> tuple[int, int]:
    """(line, column) of the first list or mapping nested more than MAX_DEPTH levels in ``text``
    (read as events, which takes no recursion); (1, 1) if there is none."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, ValueError):
        pass
    return 1, 1


def invalid_escape(text: str) -> tuple[tuple[int, int], str]:
    """The position and text of the first ``\\UXXXXXXXX`` escape beyond U+10FFFF in ``text``."""
    for m in re.finditer(r"\\U([0-9A-Fa-f]{8})", text):
        if int(m.group(1), 16) > 0x10FFFF:
            return line_column(text, m.start()), m.group()
    return (1, 1), "\\U"


def _count_written(root: Node) -> int:
    """Number of nodes as written (each anchored node once)."""
    return len(_nodes(root))


class _Builder:
    def __init__(self, root: Node, text: str, factor: int, slack: int):
        self.text = text
        self.out = Built()
        # aliases need anchors: without `&` nothing can expand, nor refer to itself
        self.anchored = "&" in text
        written = _count_written(root) if self.anchored else 0
        self.budget: float = written * factor + slack if written else float("inf")
        self.count = 0
        self.open: set[int] = set()  # ids of the lists and mappings being built (with anchors only)
        self.scalars = SafeConstructor()

    def check(self, node: Node, depth: int) -> None:
        """Refuse an alias bomb, a tag that is not plain data or does not fit, or nesting too deep."""
        self.count += 1
        if self.count > self.budget:
            line, column = _at(node)
            raise SourceError("unsafe", "the file expands to far more values than it writes (anchors and "
                              "aliases nested to blow it up), expected plain menu data", line, column)
        cls = node.__class__
        if node.tag not in _PLAIN_TAGS or ((node.tag != _NODE_TAG[cls]) if cls is not ScalarNode
                                           else (node.tag not in _SCALAR_TAGS)):
            _check_tag(node)
        if cls is not ScalarNode:
            if self.anchored and id(node) in self.open:
                self.refuse_self_reference(node)
            if depth >= MAX_DEPTH:
                line, column = _at(node)
                raise SourceError("syntax", f"invalid YAML: lists and mappings nested more than {MAX_DEPTH} "
                                  "levels deep, expected a flatter menu", line, column)

    def refuse_self_reference(self, node: Node) -> None:
        """A SourceError at the alias that puts ``node`` inside itself."""
        start, end = node.start_mark.index, node.end_mark.index
        m = _ANCHOR.match(self.text, start)
        name = m.group(1) if m else ""
        alias = re.compile(re.escape("*" + name) + r"(?![^\s,\[\]{}])")
        found = alias.search(self.text, start, end) if name else None
        line, column = line_column(self.text, found.start()) if found else _at(node)
        alias_text, anchor_text = (f"the alias `*{name}`", f"`&{name}` ") if name else ("an alias", "")
        raise SourceError("syntax", f"invalid YAML: {alias_text} is used inside the value of its own anchor "
                          f"{anchor_text}(that value would contain itself), expected an alias after the anchored "
                          "value ends", line, column)

    def value(self, node: Node, path: Path, depth: int) -> object:
        self.check(node, depth)
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth + 1)
        if isinstance(node, SequenceNode):
            return self.sequence(node, path, depth + 1)
        return self.scalar(node)  # type: ignore[arg-type]  # neither mapping nor list

    def sequence(self, node: SequenceNode, path: Path, depth: int) -> list[object]:
        key_pos, val_pos = self.out.key_pos, self.out.val_pos
        out = []
        self.enter(node)
        for i, item in enumerate(node.value):
            key_pos.setdefault(path + (i,), _at(item))
            val_pos.setdefault(path + (i,), _at(item))
            out.append(self.value(item, path + (i,), depth))
        self.leave(node)
        return out

    def enter(self, node: Node) -> None:
        if self.anchored:
            self.open.add(id(node))

    def leave(self, node: Node) -> None:
        if self.anchored:
            self.open.discard(id(node))

    def scalar(self, node: ScalarNode) -> object:
        return scalar(self.scalars, node)

    def mapping(self, node: MappingNode, path: Path, depth: int, merging: bool = False) -> dict[str, object]:
        out: dict[str, object] = {}
        first: dict[str, tuple[int, int]] = {}
        merged: list[Node] = []
        key_pos, val_pos = self.out.key_pos, self.out.val_pos
        self.enter(node)
        for knode, vnode in node.value:
            if knode.tag == _MERGE:
                merged.append(vnode)
                continue
            if knode.__class__ is not ScalarNode or knode.tag not in _SCALAR_TAGS:
                _refuse_key(knode)
            key = knode.value  # the key as written: `1:` is "1", `no:` is "no"
            kp = path + (key,)
            m = knode.start_mark
            at = (m.line + 1, m.column + 1)
            if key in first:
                self.out.duplicates.append((kp, first[key], at))
                continue
            first[key] = at
            if not merging or kp not in key_pos:
                key_pos[kp] = at
                m = vnode.start_mark
                val_pos[kp] = (m.line + 1, m.column + 1)
            if vnode.tag == _STR and vnode.__class__ is ScalarNode and self.count < self.budget:
                self.count += 1  # the common case (text), without the general path's checks
                out[key] = vnode.value
            else:
                out[key] = self.value(vnode, kp, depth)
        for vnode in merged:
            self.merge(out, vnode, path, depth)
        self.leave(node)
        return out

    def merge(self, out: dict[str, object], vnode: Node, path: Path, depth: int) -> None:
        """`<<: *defaults` merges: keys written in this mapping win, as YAML says."""
        sources = vnode.value if isinstance(vnode, SequenceNode) else [vnode]
        for src in sources:
            if not isinstance(src, MappingNode):
                line, column = _at(src)
                raise SourceError("type", "`<<` merges a mapping, expected `<<: *anchor` of a mapping",
                                  line, column)
            self.check(src, depth)
            value = self.mapping(src, path, depth + 1, merging=True)
            for k, v in value.items():
                out.setdefault(k, v)


def scalar(scalars: SafeConstructor, node: ScalarNode) -> object:
    """A scalar node's value: text, a number, a truth value or None (a time such as `08:00` stays text)."""
    tag = node.tag[len(_TAG):]
    if tag == "str" or tag == "timestamp":
        return node.value
    if tag in ("int", "float") and ":" in node.value:
        return node.value  # YAML 1.1 sexagesimal: `08:00` is a time to us, not 480
    try:
        if tag == "int":
            return scalars.construct_yaml_int(node)
        if tag == "float":
            return scalars.construct_yaml_float(node)
        if tag == "bool":
            return scalars.construct_yaml_bool(node)
        if tag == "null":
            return None
    except (ConstructorError, ValueError):
        pass
    return node.value


def _refuse_key(knode: Node) -> None:
    """A SourceError for a key that is not plain text (a list, a mapping, or a tagged object)."""
    _check_tag(knode)
    line, column = _at(knode)
    raise SourceError("type", "a key must be plain text, expected `name: value`", line, column)


def _check_tag(node: Node) -> None:
    """Refuse a tag that is not plain data, or one given to the wrong kind of value."""
    if node.tag not in _PLAIN_TAGS:
        line, column = _at(node)
        raise SourceError("unsafe", f"the tag {node.tag.replace(_TAG, '!!')} is not allowed, expected "
                          "plain data (text, numbers, lists and mappings)", line, column)
    want = _NODE_TAG.get(node.__class__)
    if (node.tag != want) if want else (node.tag not in _SCALAR_TAGS):
        line, column = _at(node)
        raise SourceError("type", f"the tag {node.tag.replace(_TAG, '!!')} is given to {_WHAT[node.__class__]}, "
                          f"expected {_WHAT[node.__class__]} with no tag (or a tag that fits it)", line, column)

"""Reading a YAML file safely into plain data plus the position of every key and value.

PyYAML's own constructors are not used for mappings: they silently keep the last of two
equal keys, and a duplicated DTMF key is a real bug. Only plain-data tags are accepted, so
nothing a file says can build a Python object, and aliases are expanded under a budget so a
"billion laughs" file is refused instead of eating the machine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import cache, syntax

MAX_FILE_BYTES = 10 * 1024 * 1024
#: An expanded document may hold this many values more than it has written (aliases reuse).
ALIAS_SLACK = 100_000
ALIAS_FACTOR = 10

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")}

Path = tuple  # a tuple of mapping keys (str) and sequence indexes (int)


class Pos(NamedTuple):
    """A 1-based line and column (a tuple: made by the hundred thousand on big mazes)."""

    line: int
    column: int


class SourceError(Exception):
    """The file cannot be read as data at all; carries kind, message and position."""

    def __init__(self, kind: str, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Document:
    """A file's data with positions. ``key_pos[path]`` is where the key of ``path`` stands,
    ``val_pos[path]`` where its value starts, as (line, column) tuples; ``pos()`` gives a Pos."""

    path: str
    text: str
    data: object = None
    key_pos: dict = field(default_factory=dict)
    val_pos: dict = field(default_factory=dict)
    #: (path, first position, second position) of every duplicated key.
    duplicates: list = field(default_factory=list)
    #: (path, position, message) of every value the reader refused.
    refused: list = field(default_factory=list)

    def pos(self, path: Path, *, value: bool = False) -> Pos:
        """Position of ``path``'s key (or value), falling back to the nearest parent."""
        table = self.val_pos if value else self.key_pos
        p = tuple(path)
        while p:
            if p in table:
                return Pos(*table[p])
            if p in self.key_pos:
                return Pos(*self.key_pos[p])
            p = p[:-1]
        return Pos(1, 1)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def _at(node) -> tuple[int, int]:
    """(line, column) as a plain tuple: the position tables hold hundreds of thousands."""
    m = node.start_mark
    return (m.line + 1, m.column + 1)


def _mark(node) -> Pos:
    m = node.start_mark
    return Pos(m.line + 1, m.column + 1)


def decode(raw: bytes) -> str:
    """UTF-8 text, or a SourceError pointing at the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise SourceError("file", f"the file is not UTF-8 text (byte 0x{raw[e.start]:02x}), "
                          "expected a UTF-8 encoded YAML file", line, column) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def read_bytes(path: str) -> bytes:
    """The file's bytes, or a SourceError saying why they cannot be had."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SourceError("file", "no such file, expected a path to a menu file") from None
    except IsADirectoryError:
        raise SourceError("file", "is a folder, expected a menu file") from None
    except OSError as e:
        raise SourceError("file", f"cannot read the file ({e.strerror}), expected a readable menu file") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError("file", "the file is larger than 10 MB, expected a menu file under 10 MB; "
                          "split a large maze over several files joined with `external`")
    return raw


def document(path: str, raw: bytes) -> Document:
    """The bytes of ``path`` as a Document (parsed, or from the cache when unchanged)."""
    text = decode(raw)
    hit = cache.load(raw)
    if hit is not None:
        return Document(path, text, *hit)
    doc = parse(path, text)
    cache.store(raw, (doc.data, doc.key_pos, doc.val_pos, doc.duplicates, doc.refused))
    return doc


def read_file(path: str) -> Document:
    """Read ``path`` into a Document. Raises SourceError for anything that is not data."""
    return document(path, read_bytes(path))


def parse(path: str, text: str) -> Document:
    doc = Document(path=path, text=text)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise SourceError("file", "the file is empty, expected a menu file starting with `ivrmaze: 1`", 1, 1)
    root = _fast_compose(text)
    loader = None
    try:
        if root is None:  # libyaml missing or refused the text: PyYAML explains what is wrong
            loader = yaml.SafeLoader(text)
            root = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        message, line, column = syntax.describe(e, text)
        raise SourceError("syntax", message, line, column) from None
    except yaml.reader.ReaderError as e:
        line, column = syntax.line_column(text, e.position)
        raise SourceError("syntax", f"invalid YAML: the control character U+{e.character:04X} is not allowed, "
                          "expected printable text", line, column) from None
    except yaml.YAMLError as e:  # pragma: no cover - PyYAML marks or positions all its errors
        raise SourceError("syntax", f"invalid YAML: {e}", 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise SourceError("file", "the file is empty, expected a menu file starting with `ivrmaze: 1`", 1, 1)
    _Builder(doc, root).run()
    return doc


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
#: First characters for which PyYAML's implicit resolvers may give a type other than text.
_RESOLVED_FIRST = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)
if None in yaml.resolver.Resolver.yaml_implicit_resolvers:  # a wildcard resolver: every value may match
    _RESOLVED_FIRST = frozenset(chr(i) for i in range(0x110000))

if getattr(yaml, "CSafeLoader", None) is not None:
    class _CachedLoader(yaml.CSafeLoader):
        """libyaml with a memo of implicit tags: resolving runs in Python for every scalar, and
        big mazes repeat the same ids and words many times."""

        def __init__(self, text):
            super().__init__(text)
            self._tags = {}

        def resolve(self, kind, value, implicit):
            if kind is not ScalarNode:
                return super().resolve(kind, value, implicit)
            if not implicit[0] or (value and value[0] not in _RESOLVED_FIRST):
                return _STR  # quoted, or a first character no implicit type starts with
            key = (value, implicit)
            tag = self._tags.get(key)
            if tag is None:
                tag = self._tags[key] = super().resolve(kind, value, implicit)
            return tag
else:  # pragma: no cover - PyYAML built without libyaml
    _CachedLoader = None


def _fast_compose(text: str):
    """Compose with libyaml when PyYAML has it (10x faster on big mazes); None on any error, so the
    pure-Python parser reports it with its clearer messages and positions."""
    if _CachedLoader is None:
        return None
    loader = _CachedLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


class _Builder:
    def __init__(self, doc: Document, root):
        self.doc = doc
        self.root = root
        # aliases need anchors: without `&` nothing can expand, so skip the count
        self.written = _count_written(root) if "&" in doc.text else 0
        self.budget = self.written * ALIAS_FACTOR + ALIAS_SLACK if self.written else float("inf")
        self.count = 0
        self.scalars = SafeConstructor()

    def run(self):
        self.doc.val_pos[()] = _at(self.root)
        self.doc.data = self.value(self.root, ())

    def value(self, node, path):
        self.count += 1
        if self.count > self.budget:
            p = _mark(node)
            raise SourceError("unsafe", "the file expands to far more values than it writes (anchors and "
                              "aliases nested to blow it up), expected plain menu data", p.line, p.column)
        if node.tag not in _PLAIN_TAGS:
            p = _mark(node)
            raise SourceError("unsafe", f"the tag {node.tag.replace(_TAG, '!!')} is not allowed, expected "
                              "plain data (text, numbers, lists and mappings)", p.line, p.column)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            out = []
            for i, item in enumerate(node.value):
                self.doc.key_pos.setdefault(path + (i,), _at(item))
                self.doc.val_pos.setdefault(path + (i,), _at(item))
                out.append(self.value(item, path + (i,)))
            return out
        return self.scalar(node, path)

    def scalar(self, node: ScalarNode, path):
        tag = node.tag[len(_TAG):]
        if tag == "str" or tag == "timestamp":
            return node.value
        if tag in ("int", "float") and ":" in node.value:
            return node.value  # YAML 1.1 sexagesimal: `08:00` is a time to us, not 480
        try:
            if tag == "int":
                return self.scalars.construct_yaml_int(node)
            if tag == "float":
                return self.scalars.construct_yaml_float(node)
            if tag == "bool":
                return self.scalars.construct_yaml_bool(node)
            if tag == "null":
                return None
        except (ConstructorError, ValueError):
            pass
        return node.value

    def mapping(self, node: MappingNode, path, merging: bool = False):
        out: dict = {}
        first: dict = {}
        merged: list = []
        key_pos, val_pos = self.doc.key_pos, self.doc.val_pos
        for knode, vnode in node.value:
            if knode.tag == _MERGE:
                merged.append(vnode)
                continue
            if knode.__class__ is not ScalarNode:
                p = _mark(knode)
                raise SourceError("type", "a key must be plain text, expected `name: value`", p.line, p.column)
            key = knode.value  # the key as written: `1:` is "1", `no:` is "no"
            kp = path + (key,)
            m = knode.start_mark
            at = (m.line + 1, m.column + 1)
            if key in first:
                self.doc.duplicates.append((kp, Pos(*first[key]), Pos(*at)))
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
                out[key] = self.value(vnode, kp)
        # `<<: *defaults` merges: keys written in this mapping win, as YAML says.
        for vnode in merged:
            sources = vnode.value if isinstance(vnode, SequenceNode) else [vnode]
            for src in sources:
                if not isinstance(src, MappingNode):
                    p = _mark(src)
                    raise SourceError("type", "`<<` merges a mapping, expected `<<: *anchor` of a mapping",
                                      p.line, p.column)
                value = self.mapping(src, path, merging=True)
                for k, v in value.items():
                    out.setdefault(k, v)
        return out


def _count_written(root) -> int:
    """Number of nodes as written (each anchored node once)."""
    seen: set[int] = set()
    stack = [root]
    n = 0
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        n += 1
        if isinstance(node, MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return n

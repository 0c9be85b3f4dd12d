"""Reading a YAML file safely into plain data plus the position of every key and value.

PyYAML's own constructors are not used for mappings: they silently keep the last of two
equal keys, and a duplicated DTMF key is a real bug. Only plain-data tags are accepted, so
nothing a file says can build a Python object, and aliases are expanded under a budget so a
"billion laughs" file is refused instead of eating the machine. Only regular files are read
(a FIFO, a device or a ``/proc`` file never is), nesting is limited to MAX_DEPTH levels, an
anchor used inside itself is refused, and so is text that cannot be written as UTF-8.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from . import cache, inputs, syntax
from .errors import SourceError
from .keptpos import Kept, kept
from .yamlevents import MAX_CHARS, Positions, Read, build_events
from .yamltree import MAX_DEPTH, Built, Path, build, deep_position, invalid_escape

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "ALIAS_FACTOR", "ALIAS_SLACK", "Document", "Path", "Pos",
           "SourceError", "decode", "document", "parse", "read_bytes", "read_file"]

MAX_FILE_BYTES = 10 * 1024 * 1024
#: An expanded document may hold this many values more than it has written (aliases reuse).
ALIAS_SLACK = 100_000
ALIAS_FACTOR = 10

_EMPTY = "the file is empty, expected a menu file starting with `ivrmaze: 1`"


class Pos(NamedTuple):
    """A 1-based line and column (a tuple: made by the hundred thousand on big mazes)."""

    line: int
    column: int


#: What ``Document.slim`` drops, read again from the text when asked (``Document.__getattr__``).
_DROPPED = frozenset({"data", "key_pos", "val_pos"})


@dataclass
class Document:
    """A file's data with positions. ``key_pos[path]`` is where the key of ``path`` stands,
    ``val_pos[path]`` where its value starts, as (line, column) tuples; ``pos()`` gives a Pos.

    Once its nodes are read, ``slim`` drops the data and the tables and keeps the few key positions
    the checks ask for (``keptpos``); anything else asked parses the text again, once."""

    path: str
    text: str
    # default factories, not defaults: no class attribute, so a slim Document's missing ones
    # reach ``__getattr__``
    data: object = field(default_factory=lambda: None)
    key_pos: Mapping[Path, tuple[int, int]] = field(default_factory=dict)
    val_pos: Mapping[Path, tuple[int, int]] = field(default_factory=dict)
    #: (path, first position, second position) of every duplicated key.
    duplicates: list[tuple[Path, Pos, Pos]] = field(default_factory=list)
    #: The positions kept by ``slim`` (None: the whole data and tables are here).
    kept: Kept | None = field(default=None, repr=False, compare=False)
    #: Those positions made ahead, by the process that parsed the file (``prepare_slim``).
    ready: Kept | None = field(default=None, repr=False, compare=False)

    def prepare_slim(self) -> None:
        """Make the positions ``slim`` keeps now, while the whole tables stay: the parse helper does
        it on the second core (load/ahead.py), so the process checking the nodes only drops the tables."""
        self.ready = kept(self.key_pos, self.val_pos)

    def slim(self) -> None:
        """Drop the data and position tables, keeping the key positions the checks read (a million
        nodes' files held 1.5 GB of them); only a file read by ``build_events`` is slimmed."""
        if self.kept is None:
            if self.ready is None:
                self.prepare_slim()
            self.kept, self.ready = self.ready, None
            if self.kept is not None:
                del self.data, self.key_pos, self.val_pos

    def __getattr__(self, name: str) -> Any:
        """A field ``slim`` dropped: the text parsed again (the same parse gives the same)."""
        if name not in _DROPPED or self.__dict__.get("kept") is None:
            raise AttributeError(name)
        again = parse(self.path, self.text)
        self.data, self.key_pos, self.val_pos, self.kept = again.data, again.key_pos, again.val_pos, None
        return getattr(self, name)

    def parts(self) -> tuple[object, Mapping[Path, tuple[int, int]], Mapping[Path, tuple[int, int]]]:
        """(data, key positions, value positions); of a slim Document, parsed again but not kept
        (the parse cache's writer: it would otherwise hold every file it writes)."""
        if self.kept is None:
            return self.data, self.key_pos, self.val_pos
        again = parse(self.path, self.text)
        return again.data, again.key_pos, again.val_pos

    def pos(self, path: Path, *, value: bool = False) -> Pos:
        """Position of ``path``'s key (or value), falling back to the nearest parent."""
        if self.kept is not None and not value:
            at = self.kept.key(tuple(path))
            if at is not None:
                return Pos(*at)
        table = self.val_pos if value else self.key_pos
        if table.__class__ is Positions and self.key_pos.__class__ is Positions:  # one walk down its tables
            line, column = table.nearest(path, value)
            return Pos(line, column)
        p = tuple(path)
        while p:
            if p in table:
                return Pos(*table[p])
            if p in self.key_pos:
                return Pos(*self.key_pos[p])
            p = p[:-1]
        return Pos(1, 1)

    def table(self, path: Path) -> Any:
        """The positions table of the list or mapping at ``path`` (for ``yamlevents.key_in``, ``value_in``
        and ``table_in``), or None when this document's positions are not kept in tables."""
        if self.kept is not None:  # slim: its tables are gone (a reader then asks ``pos``)
            return None
        keys, values = self.key_pos, self.val_pos
        if not isinstance(keys, Positions) or not isinstance(values, Positions) or keys.root is not values.root:
            return None
        return keys.entry(path)


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


#: Folders of the kernel's files: they look regular but are not (and may hold secrets). Devices
#: are refused by their type wherever they are.
_SYSTEM_FOLDERS = ("/proc/", "/sys/")
_SYSTEM_FILE = ("is a system file whose size is not known (such as a /proc file), not a regular file, "
                "expected a menu file")
_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(st: os.stat_result) -> SourceError | None:
    """Why a file with this status is not read, or None for a regular file."""
    if stat.S_ISDIR(st.st_mode):
        return SourceError("file", "is a folder, expected a menu file")
    if stat.S_ISREG(st.st_mode):
        return None
    what = next((name for test, name in _SPECIAL if test(st.st_mode)), "not a regular file")
    return SourceError("file", f"is {what}, not a regular file, expected a menu file")


def read_bytes(path: str) -> bytes:
    """The bytes of the regular file ``path`` (``_read_bytes``), noted for the result cache."""
    try:
        raw = _read_bytes(path)
    except SourceError:
        inputs.doubt(f"reading {path!r} failed")  # not recorded: a run with such a file is not cached
        raise
    inputs.read_done(path, raw)
    return raw


def _read_bytes(path: str) -> bytes:
    """The bytes of the regular file ``path``, or a SourceError saying why they cannot be had.

    Checked before opening (opening a FIFO or a device can block or act) and again on the open
    file; the open is non-blocking, so a FIFO swapped in meanwhile cannot hang the run."""
    try:
        refused = _not_regular(os.stat(path))
        if refused is not None:
            raise refused
        if os.path.realpath(path).startswith(_SYSTEM_FOLDERS):
            raise SourceError("file", _SYSTEM_FILE)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            refused = _not_regular(st)
            if refused is not None:
                raise refused
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
    if raw and st.st_size == 0:  # a kernel's file (as in /proc) says it is empty, then gives text
        raise SourceError("file", _SYSTEM_FILE)
    return raw


def document(path: str, raw: bytes) -> Document:
    """The bytes of ``path`` as a Document (parsed, or from the cache when unchanged)."""
    doc, fresh = cached_or_parsed(path, raw)
    if fresh:
        keep(raw, doc)
    return doc


def cached_or_parsed(path: str, raw: bytes) -> tuple[Document, bool]:
    """(the bytes of ``path`` as a Document, whether they were parsed now: not in the cache). A
    fresh parse is not kept in the cache here: ``keep`` does that (``document`` does both)."""
    text = decode(raw)
    hit = cache.load(raw)
    if hit is not None:
        dups = [(p, Pos(*a), Pos(*b)) for p, a, b in hit.duplicates]
        return Document(path, text, hit.data, hit.key_pos, hit.val_pos, dups), False
    return parse(path, text), True


def keep(raw: bytes, doc: Document) -> None:
    """Keep ``doc``, parsed from ``raw``, in the parse cache (when the file is big enough)."""
    dups: list[tuple[Path, tuple[int, int], tuple[int, int]]] = list(doc.duplicates)
    cache.store(raw, lambda: cache.Parsed(*doc.parts(), dups))  # when written: ``doc`` may be slim by then


def read_file(path: str) -> Document:
    """Read ``path`` into a Document. Raises SourceError for anything that is not data."""
    return document(path, read_bytes(path))


def parse(path: str, text: str) -> Document:
    """``text`` (the file ``path``) as a Document. Raises SourceError for anything that is not data."""
    doc = Document(path=path, text=text)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise SourceError("file", _EMPTY, 1, 1)
    built: Built | Read | None = _fast_build(text)
    if built is None:  # not the common file: the node tree, checked node by node
        root = _fast_compose(text)
        if root is None:  # libyaml missing or refused the text: PyYAML explains what is wrong
            root = _compose(text)
        if root is None:
            raise SourceError("file", _EMPTY, 1, 1)
        built = build(root, text, budget_factor=ALIAS_FACTOR, budget_slack=ALIAS_SLACK)
    doc.data, doc.key_pos, doc.val_pos = built.data, built.key_pos, built.val_pos
    doc.duplicates = [(p, Pos(*a), Pos(*b)) for p, a, b in built.duplicates]
    return doc


def _compose(text: str) -> yaml.Node | None:
    """The node tree by the pure-Python parser, its errors said for menu designers."""
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # its reader refuses control characters at once
        return loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        message, line, column = syntax.describe(e, text)
        raise SourceError("syntax", message, line, column) from None
    except yaml.reader.ReaderError as e:
        line, column = syntax.line_column(text, e.position)
        raise SourceError("syntax", f"invalid YAML: the control character U+{e.character:04X} is not allowed, "
                          "expected printable text", line, column) from None
    except RecursionError:  # nested too deep for the composer: say where it gets too deep
        line, column = deep_position(text)
        raise SourceError("syntax", f"invalid YAML: lists and mappings nested more than {MAX_DEPTH} levels deep, "
                          "expected a flatter menu", line, column) from None
    except ValueError:  # PyYAML's scanner turns `"\U00110000"` into chr(), which refuses it
        (line, column), escape = invalid_escape(text)
        raise SourceError("syntax", f"invalid YAML: the escape `{escape}` is not a Unicode character, "
                          "expected a code point up to \\U0010FFFF", line, column) from None
    except yaml.YAMLError as e:  # pragma: no cover - PyYAML marks or positions all its errors
        raise SourceError("syntax", f"invalid YAML: {e}", 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()


_STR = "tag:yaml.org,2002:str"
#: First characters for which PyYAML's implicit resolvers may give a type other than text.
_RESOLVED_FIRST = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)
if None in yaml.resolver.Resolver.yaml_implicit_resolvers:  # a wildcard resolver: every value may match
    _RESOLVED_FIRST = frozenset(chr(i) for i in range(0x110000))

_C_LOADER = getattr(yaml, "CSafeLoader", None)


class _CachedLoader(_C_LOADER or yaml.SafeLoader):  # type: ignore[misc]
    """libyaml with a memo of implicit tags: resolving runs in Python for every scalar, and
    big mazes repeat the same ids and words many times."""

    def __init__(self, text: str):
        super().__init__(text)
        self._tags: dict[tuple[str, tuple[bool, bool]], str] = {}

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode:
            return str(super().resolve(kind, value, implicit))
        if not implicit[0] or (value and value[0] not in _RESOLVED_FIRST):
            return _STR  # quoted, or a first character no implicit type starts with
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = self._tags[key] = str(super().resolve(kind, value, implicit))
        return tag


def _fast_build(text: str) -> Read | None:
    """The data of the common file straight from libyaml's events (``yamlevents.build_events``);
    None when libyaml is missing, refuses the text, or the text needs the node tree."""
    if _C_LOADER is None or "\\u" in text or "\\U" in text:  # an escape may make a surrogate: the tree checks
        return None
    if len(text) >= MAX_CHARS:  # its positions would not fit the packed tables (no menu file is as big)
        return None
    loader = _CachedLoader(text)
    try:
        return build_events(loader, lambda value, implicit: loader.resolve(yaml.ScalarNode, value, implicit),
                            _RESOLVED_FIRST)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()


def _fast_compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when PyYAML has it (10x faster on big mazes); None on any error, so the
    pure-Python parser reports it with its clearer messages and positions."""
    if _C_LOADER is None:  # pragma: no cover - PyYAML built without libyaml
        return None
    loader = _CachedLoader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()

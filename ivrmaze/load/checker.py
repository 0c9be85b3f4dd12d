"""The checker core: reporting at a position, and the shape checks every part of a file uses.

A checker never stops at the first problem; it records each one with the position of the key
(or value) to edit, and the handlers skip only what depends on a broken part.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeGuard

from .. import language as L
from .. import schedule as S
from ..config import Settings
from ..findings import Finding
from ..model import MenuFile
from ..source import Document, Path, Pos
from ..words import describe, safe, suggest

_NAMES: dict[int, tuple[tuple[L.Field, ...], frozenset[str], tuple[str, ...]]] = {}


def _names(fields: tuple[L.Field, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(known names, required names) of a field table, memoised by identity: the tables are
    module constants, and hashing their records on every node costs more than the check."""
    got = _NAMES.get(id(fields))
    if got is None or got[0] is not fields:
        got = _NAMES[id(fields)] = (fields, frozenset(f.name for f in fields),
                                    tuple(f.name for f in fields if f.required))
    return got[1], got[2]


class FieldPositions(Mapping[str, Pos]):
    """A node's field -> Pos, looked up only when asked (most never are). ``keys``: the node's
    field names, a tuple shared by the nodes written alike (not the node's data: a slim Document
    lets go of that)."""

    __slots__ = ("doc", "path", "keys_")

    def __init__(self, doc: Document, path: Path, keys: tuple[str, ...]):
        self.doc, self.path, self.keys_ = doc, path, keys

    def __contains__(self, key: object) -> bool:
        return key in self.keys_

    def __getitem__(self, key: str) -> Pos:
        if key not in self.keys_:
            raise KeyError(key)
        return self.doc.pos(self.path + (key,))

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


class Checker:
    """Checks one Document into a MenuFile; problems go to ``self.problems``."""

    def __init__(self, mf: MenuFile, doc: Document, root: str, settings: Settings):
        self.mf = mf
        self.doc = doc
        #: the project folder that `external` paths may not leave
        self.root = root
        #: the finding kinds and limits that `limits:` and `expect:` may name
        self.settings = settings
        self.problems: list[Finding] = []
        #: ids of nodes written but too broken to load; references to them are not reported again
        self.broken: set[str] = set()
        #: intent ids and schedule names refused as ids; references to them are not reported again
        self.bad_names: set[str] = set()
        #: the file's holiday calendars (`calendars:`), by name
        self.calendars: dict[str, S.Rules] = {}
        #: the field names of the nodes read so far, each tuple once (``FieldPositions``)
        self.shapes: dict[tuple[str, ...], tuple[str, ...]] = {}

    def field_names(self, body: Mapping[str, Any]) -> tuple[str, ...]:
        """The keys of a node's mapping, as the tuple shared by every node with the same ones."""
        names = tuple(body)
        return self.shapes.setdefault(names, names)

    # -- reporting ---------------------------------------------------------------------
    def report(self, kind: str, message: str, path: Path = (), *, value: bool = False, node: str | None = None,
               pos: Pos | None = None, severity: str = "") -> None:
        p = pos or self.doc.pos(path, value=value)
        # ids, keys and paths quoted from the file may hold control characters: never print them raw
        self.problems.append(Finding(kind, safe(message), self.mf.path, p.line, p.column, severity=severity,
                                     node=node))

    def keypath(self, path: Path) -> str:
        return ".".join(str(p) for p in path) or "the file"

    # -- shapes ------------------------------------------------------------------------
    def expect_mapping(self, value: object, path: Path, what: str) -> TypeGuard[dict[str, Any]]:
        if isinstance(value, dict):
            return True
        self.report("type", f"`{self.keypath(path)}` is {describe(value)}, expected {what}", path, value=True)
        return False

    def check_keys(self, mapping: Mapping[str, Any], path: Path, fields: tuple[L.Field, ...], where: str,
                   node: str | None = None) -> None:
        known, required = _names(fields)
        if mapping.keys() <= known and all(r in mapping for r in required):
            return  # the common case, checked without a loop in Python
        for key in mapping:
            if key not in known:
                self.report("unknown-key", f"unknown key `{key}` in {where}{suggest(key, known)}, expected one of "
                            f"{', '.join(f'`{k}`' for k in sorted(known))}", path + (key,), node=node)
        for f in fields:
            if f.required and f.name not in mapping:
                doc = f.doc.rstrip(".")
                self.report("missing-key", f"{where} has no `{f.name}`, expected `{f.name}:` "
                            f"({doc[:1].lower()}{doc[1:]})", path, node=node)

    def text(self, value: object, path: Path, node: str | None = None) -> str | None:
        if value.__class__ is str:  # the common case, first
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report("type", f"`{self.keypath(path)}` is {describe(value)}, expected text", path,
                        value=True, node=node)
            return None
        return str(value)

    def target_value(self, value: object, path: Path, node: str | None = None) -> str | None:
        if value.__class__ is str:  # the common case, first
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.report("type", f"`{self.keypath(path)}` is {describe(value)}, expected a node id", path,
                        value=True, node=node)
            return None
        return str(value)

    def valid_id(self, name: str, path: Path, what: str, node: str | None = None) -> bool:
        """Whether ``name`` (a key under ``path[:-1]``) is a usable id; if not, say why at its key."""
        problem = L.id_problem(name)
        if problem is None:
            return True
        self.bad_names.add(name)
        shown = f"`{safe(name)}` " if name else ""
        self.report("type", f"{what} {shown}{problem}, expected {L.ID_PATTERN_DOC}", path, node=node)
        return False

    def check_target(self, target: str, path: Path, what: str, node: str | None = None) -> bool:
        if target == L.HANGUP or target in self.mf.nodes:
            return True
        if target in self.broken:  # already reported where it is written
            return False
        self.report("reference", f"{what} goes to `{target}`, which is not defined{suggest(target, self.mf.nodes)}, "
                    "expected a node id under `nodes:` or `hangup`", path, value=True, node=node)
        return False


def valid_names(checker: Checker, mapping: Mapping[str, Any], path: Path, what: str) -> Iterable[str]:
    """The keys of ``mapping`` that are usable ids; each other one is reported at its key."""
    return [name for name in mapping if checker.valid_id(name, path + (name,), what)]

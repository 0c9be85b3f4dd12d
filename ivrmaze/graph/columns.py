"""The nodes and edges of ``graph_parts`` as columns, their attribute dicts made when read."""
from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence, Sized
from typing import Any, overload

from ..language import HANGUP
from ..model import Link, Node
from ..source import Pos
from .ids import ROLE_OF_VIA, Edge, When, qualify


class _Made(Sequence[dict[str, Any]]):
    """Attribute dicts by index, each made (``make``) on its first read and kept: the same dict on
    every read. A dict per node and edge of a big maze was most of the time and memory between
    loading and the analysis, which reads columns; a check reads the attributes of some. Read
    once the columns are made (their length is then fixed): a read is a list's, a check may read
    a million."""

    def __init__(self, column: Sized, make: Callable[[int], dict[str, Any]]):
        self._column, self._make = column, make  # a column of the records, for their number
        self._made: list[dict[str, Any] | None] = []

    def __len__(self) -> int:
        return len(self._column)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        made = self._made
        if len(made) != len(self._column):  # the first read
            made += [None] * (len(self._column) - len(made))
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(made)))]
        d = made[i]  # IndexError as a list's, negative indexes too
        if d is None:
            j = range(len(made))[i]
            d = made[j] = self._make(j)
        return d


class NodeList(Sequence[tuple[str, dict[str, Any]]]):
    """The nodes of ``graph_parts`` as columns, each (graph id, attrs) made when read."""

    def __init__(self) -> None:
        self.ids: list[str] = []  # graph ids
        self.nodes: list[Node] = []  # as loaded; a built-in hangup: _HANGUP
        self.path: list[str] = []  # the file each is in
        self.kind: list[str] = []  # and, read once with the ids, what the analysis reads of each
        self.resolves: list[frozenset[str] | str] = []
        self.loop: list[int] = []
        self.sched: dict[int, str] = {}  # node -> its qualified schedule (``_schedule``), where it has one
        self.entry: dict[int, tuple[str, ...]] = {}  # node -> the channels that enter there
        self.hashed = False  # whether an id has a `#` (a hangup's graph id may then be another node's)
        self.data = _Made(self.ids, self.attrs)  # attrs by node index

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> tuple[str, dict[str, Any]]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[str, dict[str, Any]]]: ...
    def __getitem__(self, i: int | slice) -> tuple[str, dict[str, Any]] | list[tuple[str, dict[str, Any]]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        j = range(len(self))[i]
        return self.ids[j], self.data[j]

    def attrs(self, i: int) -> dict[str, Any]:
        """The attributes of node ``i``, as graph.py's module docstring lists them."""
        node = self.nodes[i]
        pos = node.pos
        attrs = _NodeAttrs(self.path[i], node.id, node.kind, node.text, pos[0], pos[1], node.resolves,
                           self.sched.get(i), node.retries, self.entry.get(i, ()), node.end).__dict__
        if node.loop:
            attrs["loop"] = node.loop  # a loop's rounds (only loops have the key)
        return attrs

    def add_hangup(self, path: str) -> int:
        """A built-in hangup node of ``path``: its index."""
        q = qualify(path, HANGUP)
        if self.hashed and q in self.ids:  # `a#b` + `#hangup` is node `b#hangup` of `a`: that node
            return len(self.ids) - 1 - self.ids[::-1].index(q)
        self.ids.append(q)
        self.nodes.append(_HANGUP)
        self.path.append(path)
        self.kind.append(_HANGUP.kind)
        self.resolves.append(_HANGUP.resolves)
        self.loop.append(0)
        return len(self.ids) - 1


_HANGUP = Node(HANGUP, "hangup", "The call ends.", Pos(0, 0), retries=0)
WHEN_NAMES = tuple(w.name.lower() for w in When)  # by When code
_WHEN = {w: i for i, w in enumerate(WHEN_NAMES)}


class EdgeList(Sequence[Edge]):
    """The edges of ``graph_parts`` as columns (node indexes, the links as loaded, When codes),
    each (u, v, key, attrs) made when read."""

    def __init__(self, nodes: NodeList) -> None:
        self.nodes = nodes
        self.src = array("q")  # node indexes
        self.dst = array("q")  # node indexes; -1: a node the files lack (its graph id in ``lost``)
        self.links: list[Link] = []
        self.via = bytearray()  # and, read once with the targets, what the analysis reads: each `via` by
        self.warm: list[int] = []  # its place in ROLE_OF_VIA (255: none), the warm transfers, and
        self.when = bytearray()  # When codes (an edge's schedule is that of its source)
        self.odd: dict[int, str] = {}  # edge -> a `when` no When names (code 255; no loader writes one)
        self.lost: dict[int, str] = {}
        self.linked: set[tuple[str, str]] = set()  # (file, file) of each `external` link
        self._keys: list[int] | None = None
        self.data = _EdgeMade(self)  # attrs by edge index

    def __len__(self) -> int:
        return len(self.src)

    @overload
    def __getitem__(self, i: int) -> Edge: ...
    @overload
    def __getitem__(self, i: slice) -> list[Edge]: ...
    def __getitem__(self, i: int | slice) -> Edge | list[Edge]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        j = range(len(self))[i]
        keys = self._keys if self._keys is not None else self._count_keys()
        return self.nodes.ids[self.src[j]], self.target(j), keys[j], self.data[j]

    def target(self, e: int) -> str:
        d = self.dst[e]
        return self.nodes.ids[d] if d >= 0 else self.lost[e]

    def _count_keys(self) -> list[int]:
        """Each edge's key: how many edges before it go the same way (all of a node's are together)."""
        seen: dict[tuple[int, int | str], int] = {}
        keys = []
        for e, (s, d) in enumerate(zip(self.src, self.dst, strict=True)):
            way = (s, d if d >= 0 else self.lost[e])
            seen[way] = k = seen.get(way, -1) + 1
            keys.append(k)
        self._keys = keys
        return keys

    def attrs(self, e: int) -> dict[str, Any]:
        """The attributes of edge ``e``, as graph.py's module docstring lists them."""
        link, s = self.links[e], self.src[e]
        node = self.nodes.nodes[s]
        code = self.when[e]
        when = self.odd[e] if code == 255 else WHEN_NAMES[code]
        via, pos = link.via, link.pos
        outcome = via == "outcomes"
        data = _EdgeAttrs(ROLE_OF_VIA[via], via, None if outcome else link.key,
                          (link.label or link.key) if outcome else link.label, when,
                          None if when == "always" else self.nodes.sched[s],
                          link.warm, link.default, self.nodes.path[s], pos[0], pos[1]).__dict__
        if outcome and node.assume is not None:
            data["assumed"] = link.key == node.assume
        return data


class _EdgeMade(_Made):
    """The edges' attribute dicts, made when read, and an edge's position without its dict."""

    def __init__(self, edges: EdgeList) -> None:
        super().__init__(edges.src, edges.attrs)
        self._edges = edges

    def where(self, e: int) -> tuple[str, int, int]:
        """Edge ``e``'s (file, line, column), as its attributes have them, without making them."""
        edges = self._edges
        pos = edges.links[e].pos
        return edges.nodes.path[edges.src[e]], pos[0], pos[1]


# The attribute dicts are the __dict__ of these records: Python keeps the dicts of one class's
# instances with one shared table of keys, a third of a dict literal's memory (and faster to
# make) over the millions of edges of a big maze. They are plain dicts to every reader.
class _NodeAttrs:
    def __init__(self, file: str, id: str, kind: str, text: str, line: int, column: int,
                 resolves: frozenset[str] | str, schedule: str | None, retries: int,
                 entry: tuple[str, ...], end: str | None):
        self.file, self.id, self.kind, self.text, self.line, self.column = file, id, kind, text, line, column
        self.resolves, self.schedule, self.retries, self.entry, self.end = resolves, schedule, retries, entry, end


class _EdgeAttrs:
    def __init__(self, role: str, via: str, dtmf: str | None, label: str | None, when: str,
                 schedule: str | None, warm: bool, default: bool, file: str, line: int, column: int):
        self.role, self.via, self.dtmf, self.label, self.when, self.schedule = role, via, dtmf, label, when, schedule
        self.warm, self.default, self.file, self.line, self.column = warm, default, file, line, column

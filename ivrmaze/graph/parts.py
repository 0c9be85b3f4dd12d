"""``graph_parts``: the loaded files' nodes and edges into graph.columns, a few list operations per file."""
from __future__ import annotations

from bisect import insort
from itertools import chain, compress, count, repeat
from operator import attrgetter, getitem, or_
from typing import Any

from ..language import HANGUP
from ..model import Link, MenuFile
from .columns import EdgeList, NodeList
from .ids import ROLE_OF_VIA, SEP, Parts, When, _schedule, qualify


def graph_parts(files: dict[str, MenuFile]) -> Parts:
    """Nodes and edges of all files (keyed by absolute path, as the loader returns them), as
    columns: list operations per file (``map`` over the loaded records), not statements per node
    or edge (millions of them in a big maze)."""
    nodes = NodeList()
    tables: dict[str, dict[str, int]] = {}  # file -> node id -> node index
    ok = [mf for mf in files.values() if mf.ok]
    made = [_file_nodes(mf, nodes, tables.setdefault(mf.path, {})) for mf in ok]
    edges = EdgeList(nodes)
    for mf, columns in zip(ok, made, strict=True):
        _file_edges(files, mf, columns, (tables, edges))
    return Parts(nodes, edges)


def _file_nodes(mf: MenuFile, nodes: NodeList, table: dict[str, int]) -> tuple[int, tuple[list[Link], ...],
                                                                              dict[int, int]]:
    """The nodes of one file into ``nodes``, their indexes into ``table``: (the index of the first,
    their links, the file's queues and nodes with hours by their place in the file -> how their
    edges are timed, ``_TIMING``). A node's fields are read in one pass: reading the records of a
    big maze, scattered in memory, is most of the time, once per field."""
    start, path, loaded = len(nodes), mf.path, list(mf.nodes.values())
    ids, kinds, hours, unknown, lists, resolves, loops = _columns(loaded, _NODE_FIELDS)
    nodes.ids += map(qualify(path, "").__add__, ids)  # qualify(path, nid), without a call per node
    nodes.nodes += loaded
    nodes.path += [path] * len(ids)
    nodes.kind += kinds
    nodes.resolves += resolves
    nodes.loop += loops
    nodes.hashed = nodes.hashed or SEP in "".join(ids)
    table.update(zip(ids, range(start, start + len(ids)), strict=True))
    timing = {}
    names: dict[str, str] = {}  # a schedule's qualified name, made once
    for i in compress(count(), map(or_, map(or_, map(bool, hours), unknown), map("queue".__eq__, kinds))):
        h = hours[i]
        sched = _schedule(path, loaded[i]) if unknown[i] or not h else \
            names.get(h) or names.setdefault(h, qualify(path, h))
        if sched:
            nodes.sched[start + i] = sched
        timing[i] = _TIMED.get(kinds[i], 0) if sched else -1  # -1: a queue without hours
    for channel, nid in mf.entries.items():
        if nid in mf.nodes:
            nodes.entry[table[nid]] = nodes.entry.get(table[nid], ()) + (channel,)
    return start, lists, timing


_NODE_FIELDS = ("id", "kind", "hours", "hours_unknown", "links", "resolves", "loop")
_LINK_FIELDS = ("via", "target", "warm")


def _columns(records: list[Any], fields: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The ``fields`` of ``records`` as columns, read in one pass."""
    rows = list(map(attrgetter(*fields), records))
    return list(zip(*rows, strict=True)) if rows else [()] * len(fields)


class _Codes(dict[str, int]):
    """An edge's `via` -> a code, ``missing`` for the others."""

    def __init__(self, codes: dict[str, int], missing: int):
        super().__init__(codes)
        self.missing = missing

    def __missing__(self, key: str) -> int:
        return self.missing


#: By how a node's edges are timed: always; a queue's with hours (`closed` while closed, a step's
#: failure, on_error, at any time, the others while open); a branch's with hours (its `open` and
#: `closed`; code 255: a `via` that names no When, kept in ``EdgeList.odd``). Every `via` is a key:
#: ``__missing__`` is a Python call.
_TIMING = (_Codes(dict.fromkeys(ROLE_OF_VIA, When.ALWAYS), When.ALWAYS),
           _Codes({**dict.fromkeys(ROLE_OF_VIA, When.OPEN), "on_error": When.ALWAYS, "closed": When.CLOSED}, When.OPEN),
           _Codes({**dict.fromkeys(ROLE_OF_VIA, 255), "on_error": When.ALWAYS, "open": When.OPEN,
                   "closed": When.CLOSED}, 255))
_TIMED = {"queue": 1, "branch": 2}
_VIA_CODE = _Codes({v: i for i, v in enumerate(ROLE_OF_VIA)}, 255)


def _file_edges(files: dict[str, MenuFile], mf: MenuFile, made: tuple[int, tuple[list[Link], ...], dict[int, int]],
                out: tuple[dict[str, dict[str, int]], EdgeList]) -> None:
    """The edges of every node of ``mf`` (``made``: as _file_nodes gives it) into ``out``'s edges,
    and the built-in hangup nodes they reach into its nodes, in the order reached. A team without
    hours never closes, so its `closed` target is never reached: no edge."""
    (start, node_links, timing), edges = made, out[1]
    lists, flags, first = list(node_links), [0] * len(node_links), len(edges)
    for i, t in timing.items():
        if t < 0:
            lists[i] = [link for link in lists[i] if link.via != "closed"]
        flags[i] = max(t, 0)
    counts = list(map(len, lists))
    links = list(chain.from_iterable(lists))
    vias, targets, warms = _columns(links, _LINK_FIELDS)
    edges.links += links
    edges.src.extend(chain.from_iterable(map(repeat, range(start, start + len(lists)), counts)))
    edges.via += bytes(map(_VIA_CODE.__getitem__, vias))
    edges.warm += compress(count(first), warms)  # the few warm transfers
    codes = bytes(map(getitem, map(_TIMING.__getitem__, chain.from_iterable(map(repeat, flags, counts))),
                      vias)) if timing else bytes(len(links))
    if 255 in codes:
        edges.odd.update((first + e, vias[e]) for e in compress(count(), map((255).__eq__, codes)))
    edges.when += codes
    edges.dst.extend(_targets(files, mf, (links, targets), out))


def _targets(files: dict[str, MenuFile], mf: MenuFile, written: tuple[list[Link], tuple[str | None, ...]],
             out: tuple[dict[str, dict[str, int]], EdgeList]) -> list[int]:
    """The node index each of ``links`` (the edges of ``mf`` from the last ``len(links)``) goes to:
    the file's own nodes looked up in one pass; the others (another file's, a hangup not yet made,
    one the files lack) one by one, in order (``_target``)."""
    (links, targets), (tables, edges) = written, out
    own = tables[mf.path]
    look: dict[Any, int] = own if HANGUP in own else {**own, HANGUP: -2}
    dst = list(map(look.get, targets, repeat(-1)))  # -1: external (no target); -2: this file's hangup, not yet made
    others = list(compress(count(), map((-1).__eq__, dst)))
    if -2 in dst:
        insort(others, dst.index(-2))
    first = len(edges.dst)
    for e in others:
        dst[e] = _target(files, mf, links[e], first + e, out)
    if -2 not in dst:
        return dst
    made: dict[int, int] = {-2: own[HANGUP]}
    return list(map(made.get, dst, dst))


def _target(files: dict[str, MenuFile], mf: MenuFile, link: Link, e: int,
            out: tuple[dict[str, dict[str, int]], EdgeList]) -> int:
    """The node index edge ``e`` (``link`` of ``mf``) goes to, a built-in hangup made on its first
    use; -1 (its graph id in ``lost``) for a node the files lack."""
    tables, edges = out
    if link.via == "external":
        other = files[str(link.file)]
        path, nid = other.path, link.node or str(other.entry)
        edges.linked.add((mf.path, path))
    else:
        path, nid = mf.path, str(link.target)
    table = tables.setdefault(path, {})
    d = table.get(nid)
    if d is None and nid == HANGUP:
        d = table[nid] = edges.nodes.add_hangup(path)
    elif d is None:
        edges.lost[e] = qualify(path, nid)
        return -1
    return d

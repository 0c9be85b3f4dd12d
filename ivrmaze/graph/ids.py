"""Node ids (the one place that builds and splits ``file#id``), schedule ids, and the roles and
times of edges: what every part of the graph package, and the rest of ivrmaze, names things by."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from ..model import Node

if TYPE_CHECKING:
    from ..findings import Finding

ROLE_OF_VIA: dict[str, str] = {
    "options": "caller",
    "next": "auto",
    "closed": "auto",
    "open": "auto",
    "external": "auto",
    "transfers": "agent",
    "no_input": "failure",
    "no_match": "failure",
    "exhausted": "failure",
    "on_error": "failure",
    "outcomes": "system",
    "again": "auto",
    "done": "auto",
}

SEP = "#"


class When(IntEnum):
    """When an edge exists: always, while its schedule is open, or while it is closed. The
    values are those of the analysis' edge arrays."""

    ALWAYS = 0
    OPEN = 1
    CLOSED = 2


class Role(IntEnum):
    """Who moves the call along an edge. The values are those of the analysis' edge arrays."""

    CALLER = 0
    AGENT = 1
    AUTO = 2
    FAILURE = 3
    SYSTEM = 4  # a decision's outcome: the system picks it on data (no retell, not the caller's choice)


# -- node references: the one place that knows how a graph node id is made -----------------
def qualify(file: str, node_id: str) -> str:
    """The graph id of node ``node_id`` of ``file``: ``menus/a.yaml#main``."""
    return f"{file}{SEP}{node_id}"


def split(qid: str) -> tuple[str, str]:
    """(file, node id) of a graph id."""
    file, _, nid = qid.rpartition(SEP)
    return file, nid


def file_of(qid: str) -> str:
    return qid.rpartition(SEP)[0]


def node_id(qid: str) -> str:
    return qid.rpartition(SEP)[2]


def unknown_hours(qid: str) -> str:
    """The schedule of node ``qid`` whose hours are not in the files: ``menus/a.yaml#sales~hours``
    (`~` is in no id, so it is no schedule's name)."""
    return f"{qid}~hours"


def is_unknown_hours(schedule: str) -> bool:
    """Whether a qualified schedule is a node's unknown hours (``unknown_hours``)."""
    return "~" in schedule.rpartition(SEP)[2]


#: Up to this many schedules not in the files (`hours: unknown`), every way of setting them is
#: analysed; with more, the settings that differ from all open or all closed in one schedule.
UNKNOWN_EXACT = 4


def unknown_variants(state: frozenset[str], unknown: frozenset[str]) -> list[frozenset[str]]:
    """The states to analyse for ``state`` when the schedules ``unknown`` (open in ``state``) are
    not in the files, so each may be open or closed: every setting of up to UNKNOWN_EXACT of them;
    of more, all open, all closed, each one closed alone and each one open alone. All open first."""
    names = sorted(unknown)
    base = state - unknown
    if len(names) <= UNKNOWN_EXACT:
        settings = [frozenset(n for i, n in enumerate(names) if not (bits >> i) & 1) for bits in range(1 << len(names))]
    else:
        every = frozenset(names)
        settings = [every, frozenset()] + [every - {n} for n in names] + [frozenset({n}) for n in names]
    return list(dict.fromkeys(base | s for s in settings))


def unknown_hours_node(schedule: str) -> str:
    """The node (graph id) whose unknown hours ``schedule`` is."""
    return schedule.removesuffix("~hours")


def is_qualified(ref: str) -> bool:
    return SEP in ref


def shown(qid: str, file: str | None = None) -> str:
    """A node as a designer reads it in ``file``: its id when it is in that file, else ``file#id``."""
    f, _, nid = qid.rpartition(SEP)
    return nid if f == file else qid


def qualified(ref: str, file: str | None) -> str:
    """``ref`` as a graph id: already qualified, or a node id of ``file``."""
    return ref if SEP in ref or file is None else qualify(file, ref)


def rekey(qid: str, key: Any) -> str:
    """``qid`` with its file part renamed by ``key(file)`` (diff sides name files differently)."""
    f, _, nid = qid.rpartition(SEP)
    return qualify(key(f), nid) if f else qid


def route_shown(route: Iterable[str], file: str | None) -> list[str]:
    return [shown(q, file) for q in route]


def finding_nodes(f: Finding) -> tuple[str, ...]:
    """A finding's ``node`` and ``nodes`` as graph ids (its file's ids qualified with it)."""
    ids = ((f.node,) if f.node else ()) + f.nodes
    return tuple(qualified(n, f.file) for n in ids)


# -- edge liveness: the one definition -----------------------------------------------------
def edge_live(data: dict[str, Any], state: frozenset[str] | set[str] | None) -> bool:
    """Whether an edge exists at ``state`` (the schedules open then; None: at some time)."""
    when = data.get("when", "always")
    if when == "always" or state is None:
        return True
    return (when == "open") == (data.get("schedule") in state)


Edge = tuple[str, str, int, dict[str, Any]]  # (u, v, key, attributes)


class Parts(NamedTuple):
    """The graph as plain sequences: ``nodes`` of (qualified id, attrs) and ``edges`` of
    (u, v, key, attrs) (graph_parts makes a ``NodeList`` and an ``EdgeList``, any sequences of them
    will do). Analysis reads these directly; networkx is built from them on demand."""

    nodes: Sequence[tuple[str, dict[str, Any]]]
    edges: Sequence[Edge]


def _schedule(path: str, node: Node) -> str | None:
    """The qualified schedule of a queue or branch: its own (``unknown_hours``) when not in the files."""
    if node.hours_unknown:
        return unknown_hours(qualify(path, node.id))
    return qualify(path, node.hours) if node.hours else None

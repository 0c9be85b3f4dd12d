"""The loaded menu files as one NetworkX multi-digraph.

Nodes are ``"<file>#<id>"`` so two files may both have ``main``; ``hangup`` becomes one
built-in node per file that uses it. Every node and edge keeps its source position.

Edge attributes: ``role`` (caller | auto | agent | failure), ``via`` (the YAML field),
``dtmf`` and ``label`` (menu options), ``when`` (always | open | closed) with ``schedule``
(the qualified schedule that decides it), ``warm`` (transfers), ``file``, ``line``, ``column``.
"""
from __future__ import annotations

import networkx as nx

from .language import HANGUP
from .model import MenuFile

ROLE_OF_VIA = {
    "options": "caller",
    "next": "auto",
    "closed": "auto",
    "open": "auto",
    "external": "auto",
    "transfers": "agent",
    "no_input": "failure",
    "no_match": "failure",
    "exhausted": "failure",
}

SEP = "#"


def qualify(file: str, node_id: str) -> str:
    return f"{file}{SEP}{node_id}"


def split(qid: str) -> tuple[str, str]:
    file, _, nid = qid.rpartition(SEP)
    return file, nid


def build_graph(files: dict[str, MenuFile]) -> nx.MultiDiGraph:
    """One graph for all files (keyed by absolute path, as the loader returns them)."""
    G = nx.MultiDiGraph()
    by_abs = files
    for mf in files.values():
        if not mf.ok:
            continue
        entries: dict[str, list[str]] = {}
        for channel, nid in mf.entries.items():
            entries.setdefault(nid, []).append(channel)
        G.add_nodes_from(
            (qualify(mf.path, node.id),
             dict(file=mf.path, id=node.id, kind=node.kind, text=node.text, line=node.pos.line,
                  column=node.pos.column, resolves=node.resolves,
                  schedule=qualify(mf.path, node.hours) if node.hours else None, retries=node.retries,
                  entry=tuple(entries.get(node.id, ()))))
            for node in mf.nodes.values())
    keys: dict = {}
    for mf in files.values():
        if not mf.ok:
            continue
        for node in mf.nodes.values():
            src = qualify(mf.path, node.id)
            sched = qualify(mf.path, node.hours) if node.hours else None
            for link in node.links:
                if node.kind == "queue" and link.via == "closed" and not sched:
                    continue  # a team without hours never closes: its `closed` target is never used
                if link.via == "external":
                    other = by_abs[link.file]
                    dst = qualify(other.path, link.node or other.entry)
                    target_file, target_id = other.path, link.node or other.entry
                else:
                    dst = qualify(mf.path, link.target)
                    target_file, target_id = mf.path, link.target
                if target_id == HANGUP and dst not in G:
                    G.add_node(dst, file=target_file, id=HANGUP, kind="hangup", text="The call ends.",
                               line=0, column=0, resolves=frozenset(), schedule=None, retries=0, entry=())
                role = ROLE_OF_VIA[link.via]
                when, schedule = "always", None
                if node.kind == "queue" and sched:
                    when, schedule = ("closed" if link.via == "closed" else "open"), sched
                elif node.kind == "branch" and sched:
                    when, schedule = link.via, sched  # "open" | "closed"
                pair = (src, dst)
                keys[pair] = k = keys.get(pair, -1) + 1  # our own keys: networkx's search for a free one is slow
                # add_edge, not add_edges_from: the latter builds a view per edge and is 3x slower
                G.add_edge(src, dst, k, role=role, via=link.via, dtmf=link.key, label=link.label, when=when,
                           schedule=schedule, warm=link.warm, default=link.default, file=mf.path,
                           line=link.pos.line, column=link.pos.column)
    return G

"""The loaded menu files as one NetworkX multi-digraph.

Nodes are ``"<file>#<id>"`` so two files may both have ``main``; ``hangup`` becomes one
built-in node per file that uses it. Every node and edge keeps its source position.

Edge attributes: ``role`` (caller | auto | agent | failure | system), ``via`` (the YAML field),
``dtmf`` and ``label`` (menu options; a decision's outcome name is its ``label`` unless it has
one), ``when`` (always | open | closed) with ``schedule`` (the qualified schedule that decides
it), ``warm`` (transfers), ``file``, ``line``, ``column``; a decision with `assume` marks each
outcome ``assumed`` (True for the assumed one). A node whose hours are not in the files
(`hours: unknown`) gets a schedule of its own (``unknown_hours``), open or closed as the
analysis tries both.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..language import HANGUP
from .columns import WHEN_NAMES, EdgeList, NodeList, _EdgeAttrs, _NodeAttrs
from .ids import (
    ROLE_OF_VIA,
    SEP,
    UNKNOWN_EXACT,
    Edge,
    Parts,
    Role,
    When,
    _schedule,
    edge_live,
    file_of,
    finding_nodes,
    is_qualified,
    is_unknown_hours,
    node_id,
    qualified,
    qualify,
    rekey,
    route_shown,
    shown,
    split,
    unknown_hours,
    unknown_hours_node,
    unknown_variants,
)
from .parts import graph_parts

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["HANGUP", "ROLE_OF_VIA", "SEP", "UNKNOWN_EXACT", "WHEN_NAMES", "Edge", "EdgeList", "NodeList", "Parts",
           "Role", "When", "_EdgeAttrs", "_NodeAttrs", "_schedule", "build_graph", "edge_live", "file_of",
           "finding_nodes", "graph_parts", "is_qualified", "is_unknown_hours", "node_id", "qualified", "qualify",
           "rekey", "route_shown", "shown", "split", "unknown_hours", "unknown_hours_node", "unknown_variants"]


def build_graph(parts: Parts) -> nx.MultiDiGraph:
    """One networkx graph of a maze's ``graph_parts``."""
    import networkx as nx  # here, not at the top: `check` never needs it, and it takes 0.2 s to import

    G = nx.MultiDiGraph()
    G.add_nodes_from(parts.nodes)
    for u, v, k, d in parts.edges:
        # add_edge, not add_edges_from: the latter builds a view per edge and is 3x slower
        G.add_edge(u, v, k, **d)
    return G

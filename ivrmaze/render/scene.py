"""The scene: a plain description of what a diagram shows.

Renderers (``dot.py``, ``html.py``) read a Scene and nothing else: they never look at the
live graph and never analyse (pytransitions keeps its diagrams apart from the machine the
same way). A Scene holds nodes with their kind, label lines, tooltip and *marks*
(``closed``, ``trap``, ``route`` ...), edges already merged (``1 | 2``) with their role and
marks, and one cluster per file. How a kind, role or mark looks is ``styles.py``'s business.

``build.py`` makes a Scene from a maze, ``labels.py`` writes its texts, ``layout.py`` adds the
marks that only steer the layout and ``overlay.py`` the marks of analysis results.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..graph import edge_live

#: Edge marks that only steer the layout: no legend entry.
LAYOUT_MARKS = ("dead", "back", "cross", "to-ref")


@dataclass
class SceneNode:
    name: str  # safe id for DOT and SVG: [A-Za-z0-9_]
    qid: str  # the graph node id, ``file#id``
    kind: str
    title: str
    lines: list[str] = field(default_factory=list)  # the prompt, wrapped
    notes: list[str] = field(default_factory=list)  # hours, resolves
    tooltip: str = ""
    marks: list[str] = field(default_factory=list)
    file: str = ""
    line: int = 0
    schedule: str | None = None
    resolves: frozenset[str] | str = frozenset()
    alias_of: str | None = None  # a "ref" node: the same node drawn again near its callers
    title_lines: list[str] = field(default_factory=list)  # a long title wrapped (else ``title`` on one line)

    def resolves_intent(self, intent: str) -> bool:
        """Whether a caller with ``intent`` is done here (``"*"``: any intent)."""
        return self.resolves == "*" or (bool(self.resolves) and intent in self.resolves)


@dataclass
class SceneEdge:
    name: str
    src: str  # SceneNode.name
    dst: str
    role: str  # caller | auto | agent | failure | closed | open | entry
    labels: list[str] = field(default_factory=list)
    tooltip: str = ""
    marks: list[str] = field(default_factory=list)
    when: str = "always"  # always | open | closed
    schedule: str | None = None
    members: list[tuple[str, str, int]] = field(default_factory=list)  # (u, v, key) graph edges merged here
    minlen: int = 1  # ranks the edge spans (layout only: leaves of wide menus are staggered)

    @property
    def label(self) -> str:
        return " | ".join(x for x in self.labels if x)


@dataclass
class Cluster:
    name: str
    title: str
    file: str
    nodes: list[str] = field(default_factory=list)


def _first_seen(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass
class Scene:
    title: str
    nodes: dict[str, SceneNode]
    edges: list[SceneEdge]
    clusters: list[Cluster]
    compact: bool = False
    legend: bool = True
    subtitle: str = ""
    legend_marks: list[str] = field(default_factory=list)  # marks to explain even if none is drawn
    by_qid: dict[str, str] = field(default_factory=dict)  # graph node id -> SceneNode.name

    def node_of(self, qid: str) -> SceneNode | None:
        """The node drawn for graph node ``qid`` (None: not drawn)."""
        name = self.by_qid.get(qid)
        return self.nodes.get(name) if name else None

    def kinds(self) -> list[str]:
        """The node kinds drawn, in order of appearance (callbacks drawn as voicemail)."""
        return _first_seen("voicemail" if n.kind == "callback" else n.kind for n in self.nodes.values())

    def roles(self) -> list[str]:
        """The roles of the edges drawn (visible ones), in order of appearance."""
        return _first_seen(e.role for e in self.edges if "dead" not in e.marks)

    def marks(self) -> list[str]:
        """The marks drawn that a legend explains, nodes' first."""
        node_marks = (m for n in self.nodes.values() for m in n.marks if m != "entry")
        edge_marks = (m for e in self.edges for m in e.marks if m not in LAYOUT_MARKS)
        return _first_seen([*node_marks, *edge_marks])

    def resolvers(self, intent: str) -> list[str]:
        """Names of the nodes (not ways in) that resolve ``intent``."""
        return [n.name for n in self.nodes.values() if n.kind != "start" and n.resolves_intent(intent)]


def state_view(scene: Scene, state: frozenset[str]) -> tuple[list[str], list[str]]:
    """For a scene drawn with every edge: the queues closed and the edges absent while ``state``."""
    closed = [n.name for n in scene.nodes.values()
              if n.kind == "queue" and n.schedule and n.schedule not in state]
    dead = [e.name for e in scene.edges
            if e.members and not edge_live({"when": e.when, "schedule": e.schedule}, state)]
    return closed, dead

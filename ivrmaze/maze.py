"""Maze: loaded menu files, their graph and load problems. ``ivrmaze.load`` makes one."""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from . import language as L
from .config import Settings
from .errors import MazeLoadError, UsageError
from .findings import Finding
from .gcpause import paused
from .graph import NodeList, build_graph, graph_parts, is_unknown_hours, qualify
from .load import load_files, menu_paths, project_root
from .load.project import PathLike
from .model import MenuFile
from .schedule import WEEK, Schedule

if TYPE_CHECKING:
    import networkx as nx


class Analyzer(Protocol):
    """What ``Maze.analyze`` calls: ``analyzer(maze, at=..., config=..., chances=...)``."""

    def __call__(self, maze: Maze, *, at: Any = None, config: Any = None, chances: bool = True) -> Any: ...


class Maze:
    """The menu files, as a model (``files``) and as one graph (``graph``, built on first use:
    analysis reads the same nodes and edges as plain lists, ``parts``, and a big maze's
    ``check`` never needs networkx)."""

    def __init__(self, files: dict[str, MenuFile], problems: list[Finding], roots: list[str], *,
                 analyzer: Analyzer | None = None):
        self._by_abs = files
        #: the loaded files by path as shown (relative to the current folder when below it)
        self.files: dict[str, MenuFile] = {mf.path: mf for mf in files.values()}
        #: the files given (or found in the folders given), not those reached through `external`
        self.roots = [files[os.path.abspath(r)].path for r in roots if os.path.abspath(r) in files]
        #: the loading problems of every file (errors, and warnings such as a skipped file)
        self.problems = problems
        #: the nodes and edges as plain lists, as the analysis reads them
        self.parts = graph_parts(files)
        self.schedules: dict[str, Schedule] = {
            qualify(mf.path, name): s for mf in self.files.values() for name, s in mf.schedules.items()}
        #: the reference time zone: the first file's ("UTC" when there is no file)
        self.timezone: str = next((mf.timezone for mf in self.files.values()), "UTC")
        #: qualified schedule name -> the time zone its file writes it in
        self.schedule_zones: dict[str, str] = {
            qualify(mf.path, name): mf.timezone for mf in self.files.values() for name in mf.schedules}
        # hours not in the files (`hours: unknown`): open by default; the analysis tries them closed too
        self.unknown_hours: frozenset[str] = frozenset(
            s for s in _node_schedules(self.parts.nodes) if s and is_unknown_hours(s))
        for key in sorted(self.unknown_hours):
            self.schedules[key] = Schedule(L.UNKNOWN_HOURS, ((0, WEEK),))
            self.schedule_zones[key] = self.timezone
        self.analyzer = analyzer

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The maze as one networkx graph: qualified node ids (`file#id`), an edge per way on."""
        return build_graph(self.parts)

    @property
    def ok(self) -> bool:
        """Whether the files loaded without errors (warnings do not count)."""
        return not any(p.severity == "error" for p in self.problems)

    @cached_property  # asked by the check and by its summary: a pass over every node each time
    def node_count(self) -> int:
        """Nodes the files declare (the built-in `hangup` targets are not counted)."""
        nodes = self.parts.nodes
        if isinstance(nodes, NodeList):  # its kinds as a column, not a dict per node
            return len(nodes) - nodes.kind.count("hangup")
        return sum(1 for _, a in nodes if a["kind"] != "hangup")

    def entries(self) -> list[tuple[str, str, str]]:
        """(file, channel, qualified node) of every way in, in file order."""
        out = []
        for mf in self.files.values():
            if mf.ok:
                for channel, nid in mf.entries.items():
                    if nid in mf.nodes:
                        out.append((mf.path, channel, qualify(mf.path, nid)))
        return out

    def analyze(self, at: Any = None, config: Any = None, *, chances: bool = True) -> Any:
        """Metrics and findings (see docs/analysis.md); ``at`` restricts to one instant;
        ``chances=False`` skips the random caller's probability and expected hops."""
        if self.analyzer is None:
            raise UsageError("this maze has no analyzer, expected a maze made by `ivrmaze.load(...)`")
        return self.analyzer(self, at=at, config=config, chances=chances)

    def __repr__(self) -> str:
        return f"<Maze {len(self.files)} files, {len(self.parts.nodes)} nodes>"


def _node_schedules(nodes: Sequence[tuple[str, dict[str, Any]]]) -> set[str | None]:
    """The schedules of graph nodes: a graph.NodeList's column, or read from the attributes."""
    if isinstance(nodes, NodeList):
        return set(nodes.sched.values())
    return {d.get("schedule") for _, d in nodes}


def load(paths: PathLike | Iterable[PathLike], *, settings: Settings, strict: bool = True,
         analyzer: Analyzer | None = None, vars: Mapping[str, str] | None = None,
         entry: str | None = None) -> Maze:
    """Load menu files (and every file they reach through ``external``) into a Maze.

    ``paths`` are files, or folders searched for menu files (a folder without any is a
    UsageError). With ``strict`` (the default) a file with errors raises MazeLoadError carrying
    the problems; with ``strict=False`` the Maze holds what could be loaded and ``problems``.
    ``analyzer`` is what ``Maze.analyze`` runs; ``vars`` fill platform files' placeholders;
    ``entry`` is where calls enter platform flows that do not say.
    """
    given = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    roots, skipped = menu_paths(given)
    with paused():
        files, problems = load_files(roots, settings, root=project_root(given), vars=vars,
                                      entry=entry)
        if skipped:
            problems = sorted(problems + skipped, key=lambda f: f.sort_key)
        maze = Maze(files, problems, roots, analyzer=analyzer)
    if strict and not maze.ok:
        raise MazeLoadError(problems)
    return maze

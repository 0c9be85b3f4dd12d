"""Maze: loaded menu files, their graph and load problems. ``ivrmaze.load`` makes one."""
from __future__ import annotations

import os
from functools import cached_property

from .errors import MazeLoadError, UsageError
from .findings import Finding
from .gcpause import paused
from .graph import build_graph, graph_parts, qualify
from .model import MenuFile
from .schedule import Schedule


def collect_paths(paths) -> list[str]:
    """Files as given, and folders searched (recursively) for *.yaml / *.yml, in sorted order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[str] = []
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, n) for n in names
                          if n.endswith((".yaml", ".yml")) and not n.startswith(".")]
            out += sorted(found)
        elif os.path.exists(p):
            if not os.access(p, os.R_OK):
                raise UsageError(f"{p}: cannot read the file (permission denied)")
            out.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return out


class Maze:
    """The menu files, as a model (``files``) and as one graph (``graph``, built on first use:
    analysis reads the same nodes and edges as plain lists, ``parts``, and a big maze's
    ``check`` never needs networkx)."""

    def __init__(self, files: dict[str, MenuFile], problems: list[Finding], roots: list[str]):
        self._by_abs = files
        self.files: dict[str, MenuFile] = {mf.path: mf for mf in files.values()}
        self.roots = [files[os.path.abspath(r)].path for r in roots if os.path.abspath(r) in files]
        self.problems = problems
        self.parts = graph_parts(files)
        self.schedules: dict[str, Schedule] = {
            qualify(mf.path, name): s for mf in self.files.values() for name, s in mf.schedules.items()}

    @cached_property
    def graph(self):
        return build_graph(self.parts)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def node_count(self) -> int:
        """Nodes the files declare (the built-in `hangup` targets are not counted)."""
        return sum(1 for _, a in self.parts.nodes if a["kind"] != "hangup")

    def entries(self) -> list[tuple[str, str, str]]:
        """(file, channel, qualified node) of every way in, in file order."""
        out = []
        for mf in self.files.values():
            if mf.ok:
                for channel, nid in mf.entries.items():
                    if nid in mf.nodes:
                        out.append((mf.path, channel, qualify(mf.path, nid)))
        return out

    def timezone_of(self, file: str) -> str:
        return self.files[file].timezone

    def analyze(self, at=None, config=None, *, chances: bool = True):
        """Metrics and findings (see docs/analysis.md); ``at`` restricts to one instant;
        ``chances=False`` skips the random caller's probability and expected hops."""
        from .analysis import analyze
        return analyze(self, at=at, config=config, chances=chances)

    def __repr__(self):
        return f"<Maze {len(self.files)} files, {len(self.parts.nodes)} nodes>"


def load(paths, *, strict: bool = True) -> Maze:
    """Load menu files (and every file they reach through ``external``) into a Maze.

    With ``strict`` (the default) a file with errors raises MazeLoadError carrying the
    problems; with ``strict=False`` the Maze holds what could be loaded and ``problems``.
    """
    from .loader import load_files

    roots = collect_paths(paths)
    with paused():
        files, problems = load_files(roots)
        maze = Maze(files, problems, roots)
    if strict and not maze.ok:
        raise MazeLoadError(problems)
    return maze

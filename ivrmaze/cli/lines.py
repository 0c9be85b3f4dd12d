"""The phone lines that `demo`, `render` and `review` draw, when platform flows call each other by name.

A flow transfers to another by its name (`external: {flow: NAME}`), not its path, so a line of
platform flows is only followed when the flows beside it are loaded too. These helpers load the
whole set once and cut out each line: its file and the files it reaches, as a Maze of their own.
"""
from __future__ import annotations

import os
from collections.abc import Sequence

from ..maze import Maze
from ..model import MenuFile
from .common import load_checked, load_maze


def reached(files: dict[str, MenuFile], start: str) -> list[str]:
    """The absolute paths of ``start`` and of the files it reaches through `external` (a file path,
    or a flow name resolved once the folder was loaded), in the order the loader visits them."""
    order = [start]
    for ap in order:  # grows while walked
        order += dict.fromkeys(link.file for node in files[ap].nodes.values() for link in node.links
                               if link.via == "external" and link.file in files and link.file not in order)
    return order


def heads(files: dict[str, MenuFile], paths: Sequence[str]) -> list[str]:
    """The files drawn as lines: each with an `entry`, except a platform flow that another file
    calls (a part of that line, as the loader treats it), unless no line reaches it (flows that
    only call each other: the first of them is drawn)."""
    called = {link.file for mf in files.values() for node in mf.nodes.values() for link in node.links
              if link.via == "external" and link.file not in (None, mf.abspath)}
    entered = [ap for ap in map(os.path.abspath, paths) if ap in files and files[ap].ok and files[ap].entry]
    out = [ap for ap in entered if files[ap].platform is None or ap not in called]
    covered = {f for ap in out for f in reached(files, ap)}
    for ap in entered:
        if ap not in covered:
            out.append(ap)
            covered.update(reached(files, ap))
    return [ap for ap in entered if ap in out]


def line_of(whole: Maze, path: str) -> Maze:
    """The line of ``path`` cut out of ``whole``: its file and those it reaches, with their problems."""
    files = {mf.abspath: mf for mf in whole.files.values()}
    part = {f: files[f] for f in reached(files, os.path.abspath(path))}
    shown = {mf.path for mf in part.values()}
    return Maze(part, [p for p in whole.problems if p.file in shown], [path], analyzer=whole.analyzer)


def drawn_maze(paths: Sequence[str]) -> Maze:
    """What `render` and `review` draw of PATHS: the maze they make; for one platform flow, its line
    among the flows beside it (as `call` takes it), when that line loads without errors."""
    maze = load_checked(paths)
    mf = maze.files.get(maze.roots[0]) if len(paths) == 1 and os.path.isfile(paths[0]) and maze.roots else None
    if mf is None or mf.platform is None:
        return maze
    line = line_of(load_maze([paths[0], os.path.dirname(mf.abspath)]), paths[0])
    return maze if any(p.severity == "error" for p in line.problems) else line

"""Loading: menu files -> MenuFile records, with every problem reported at its position.

The loader never stops at the first problem: it reports all it can find in every file, and
skips only what depends on a broken part. ``readers`` picks the reader of each file (ivrmaze
YAML in ``menu_file``; platform readers go beside it), ``checker`` is the core every reader
reports through, ``nodes`` and ``fields`` read nodes from the language table, ``hours`` the
schedules, ``external`` the links between files, ``project`` the root they may not leave.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from ..config import Settings
from ..errors import UsageError
from ..findings import Finding
from ..model import MenuFile
from .ahead import Ahead
from .companion_apply import after_platforms
from .external import link_externals
from .platform import Context, dress
from .project import project_root
from .readers import read_one
from .walk import menu_paths


def load_files(paths: Iterable[str], settings: Settings, *, root: str | None = None,
               vars: Mapping[str, str] | None = None,
               entry: str | None = None) -> tuple[dict[str, MenuFile], list[Finding]]:
    """Load ``paths`` and every file they reach through ``external`` (inside ``root``: by default
    the project root of ``paths``). ``vars``: values of platform files' placeholders (``--var``);
    ``entry``: where calls enter platform flows that do not say (``--entry``).

    Returns (files by absolute path, problems, sorted). Never raises for bad input.
    """
    queue = [os.path.abspath(p) for p in paths]
    root = os.path.abspath(root) if root is not None else project_root(queue)
    ctx = Context(settings, dict(vars or {}), root, entry=entry)
    files, problems = _read_all(queue, ctx)
    problems += link_externals(files)
    problems += after_platforms(files, ctx, lambda comp: _all_loaded(comp.abspath, files))
    return files, sorted(dress(problems, files.values()), key=lambda f: f.sort_key)


def _read_all(queue: list[str], ctx: Context) -> tuple[dict[str, MenuFile], list[Finding]]:
    """Every file of ``queue`` and those they reach, in that order. A big maze's files are parsed
    ahead on a second core: the named files, or else those the first file reaches (``main.yaml``
    and its parts). The files the helper sent are checked here whenever this process is about to
    parse one itself, so it parses fewer and the two end at about the same time."""
    files: dict[str, MenuFile] = {}
    problems: list[Finding] = []
    early: dict[str, tuple[MenuFile, list[Finding]]] = {}  # read before their turn (helper's files)
    ahead = Ahead(queue)
    try:
        while queue:
            ap = queue.pop(0)
            if ap in files:
                continue
            if ap not in early:
                early.update((bp, read_one(bp, ctx, parsed)) for bp, parsed in ahead.arrived())
            while ap not in early and ahead.wait_instead(ap):  # the helper's files first: see SHARE
                early.update((bp, read_one(bp, ctx, parsed)) for bp, parsed in ahead.next_arrived())
            mf, found = early.pop(ap) if ap in early else read_one(ap, ctx, ahead.take(ap))
            files[ap] = mf
            problems.extend(found)
            queue += [link.file for n in mf.nodes.values() for link in n.links
                      if link.via == "external" and link.file is not None and link.file not in files]
            if len(files) == 1 and not ahead.started and queue:  # the parts of the first file, ahead
                ahead = Ahead(queue)
    finally:  # Ctrl-C included: no helper is left behind
        ahead.close()
    return files, problems


def _all_loaded(companion: str, files: dict[str, MenuFile]) -> bool:
    """Whether every menu and flow in the companion file's folder (and below) is among ``files``."""
    try:
        found, _ = menu_paths([os.path.dirname(companion)])
    except UsageError:
        return True
    return all(os.path.abspath(p) in files for p in found)


__all__ = ["load_files", "menu_paths", "project_root"]

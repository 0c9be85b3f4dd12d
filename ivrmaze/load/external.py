"""`external` nodes: the other file, confined to the project, and its node once every file is loaded.

Menus come from strangers' pull requests, so an `external` path may only name a regular menu
file inside the project root (see ``project.py``): an absolute path, a `..` that leaves the
root, a symbolic link that resolves outside it, a FIFO, a device or a folder is a positioned
error in the file that names it, and such a file is never opened (nor a line of it printed).
"""
from __future__ import annotations

import os

from .. import language as L
from ..findings import Finding
from ..model import Link, MenuFile, Node
from ..source import Path
from ..words import display_path, safe, suggest
from .checker import Checker
from .project import is_inside, not_regular


def _refusal(file: str, resolved: str, root: str) -> str | None:
    """Why the path ``file`` (resolved to ``resolved``) may not be read, or None when it may."""
    where = f"the project folder `{display_path(root)}`"
    if os.path.isabs(file):
        return f"external file `{file}` is an absolute path, expected a path relative to this file inside {where}"
    if not is_inside(resolved, root):
        return f"external file `{file}` is outside {where}, expected a path inside it"
    if not os.path.lexists(resolved):
        return None  # reported as missing, with today's wording
    if not is_inside(os.path.realpath(resolved), os.path.realpath(root)):
        return f"external file `{file}` is a link to a file outside {where}, expected a file inside it"
    what = not_regular(resolved)
    if what is not None and os.path.exists(resolved) and what != "a folder":
        return f"external file `{file}` is {what}, not a regular file, expected a menu file"
    if os.path.isfile(resolved) and not L.is_menu_file(resolved):
        return f"external file `{file}` is not a menu file, expected a path ending in .yaml or .yml"
    return None


def external(c: Checker, node: Node, value: object, path: Path) -> None:
    """Read an `external` value (a path, or `{file, node}`) into a link to the other file."""
    xp = path + ("external",)
    file = target = None
    if isinstance(value, dict):
        c.check_keys(value, xp, L.EXTERNAL_FIELDS, "`external`", node=node.id)
        if "file" in value:
            file = c.text(value["file"], xp + ("file",), node=node.id)
        if "node" in value:
            target = c.target_value(value["node"], xp + ("node",), node=node.id)
        fpath = xp + ("file",)
    else:
        file = c.text(value, xp, node=node.id)
        fpath = xp
    node.text = file or ""
    if file is None:
        return
    resolved = os.path.normpath(os.path.join(os.path.dirname(c.mf.abspath), file))
    refused = _refusal(file, resolved, c.root)
    if refused is not None:
        c.report("reference", refused, fpath, value=True, node=node.id)
        return
    if not os.path.isfile(resolved):
        shown = display_path(resolved)
        looked = "" if shown == file else f" (looked for {shown})"
        c.report("reference", f"external file `{file}` does not exist{looked}, expected a path relative to "
                 "this file", fpath, value=True, node=node.id)
        return
    node.links.append(Link("external", None, c.doc.pos(fpath, value=True), file=resolved, node=target))


def _target_problem(mf: MenuFile, node: Node, link: Link, other: MenuFile) -> Finding | None:
    want = link.node or other.entry
    if want is None:
        return Finding("reference", safe(f"external file `{node.text}` has no `entry`, expected "
                       "`external: {file: ..., node: <id>}` naming the node to go to"),
                       mf.path, link.pos.line, link.pos.column, node=node.id)
    if want != L.HANGUP and want not in other.nodes:
        pos = link.pos
        if link.node is not None and mf.document is not None:  # point at `node:`, not at `file:`
            pos = mf.document.pos(("nodes", node.id, "external", "node"), value=True)
        return Finding("reference", safe(f"external node `{want}` is not defined in `{node.text}`"
                       f"{suggest(want, other.nodes)}, expected a node id of that file"),
                       mf.path, pos.line, pos.column, node=node.id)
    return None


def link_externals(files: dict[str, MenuFile]) -> list[Finding]:
    """Check every external link against the file it names (all loaded by now); drop the broken ones."""
    problems: list[Finding] = []
    for mf in files.values():
        for node in mf.nodes.values():
            for link in list(node.links):
                if link.via != "external":
                    continue
                other = files.get(link.file or "")
                if other is None or not other.ok or other.document is None:
                    node.links.remove(link)
                    continue
                problem = _target_problem(mf, node, link, other)
                if problem is not None:
                    problems.append(problem)
                    node.links.remove(link)
    return problems

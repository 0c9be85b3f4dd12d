"""`external` nodes: the other file, confined to the project, and its node once every file is loaded.

Menus come from strangers' pull requests, so an `external` path may only name a regular menu
file inside the project root (see ``project.py``): an absolute path, a `..` that leaves the
root, a symbolic link that resolves outside it, a FIFO, a device or a folder is a positioned
error in the file that names it, and such a file is never opened (nor a line of it printed).
"""
from __future__ import annotations

import dataclasses
import os

from .. import inputs
from .. import language as L
from ..findings import Finding
from ..model import Link, MenuFile, Node
from ..source import Path
from ..words import display_path, safe, suggest
from .checker import Checker
from .flows import flow_names, flow_ref
from .project import is_inside, not_regular


def _refusal(file: str, resolved: str, root: str) -> str | None:
    """Why the path ``file`` (resolved to ``resolved``) may not be read, or None when it may."""
    where = f"the project folder `{display_path(root)}`"
    if os.path.isabs(file):
        return f"external file `{file}` is an absolute path, expected a path relative to this file inside {where}"
    if not is_inside(resolved, root):
        return f"external file `{file}` is outside {where}, expected a path inside it"
    if not inputs.lexists(resolved):  # recorded for the result cache, as the probes below
        return None  # reported as missing, with today's wording
    if not is_inside(inputs.realpath(resolved), inputs.realpath(root)):
        return f"external file `{file}` is a link to a file outside {where}, expected a file inside it"
    what = not_regular(resolved)
    if what is not None and inputs.exists(resolved) and what != "a folder":
        return f"external file `{file}` is {what}, not a regular file, expected a menu file"
    if inputs.isfile(resolved) and not L.is_menu_file(resolved):
        return f"external file `{file}` is not a menu file, expected a path ending in .yaml or .yml"
    return None


def external(c: Checker, node: Node, value: object, path: Path) -> None:
    """Read an `external` value (a path, `{file, node}` or `{flow, node}`) into a link to the other file."""
    xp = path + ("external",)
    file = target = None
    if isinstance(value, dict):
        c.check_keys(value, xp, L.EXTERNAL_FIELDS, "`external`", node=node.id)
        if "node" in value:
            target = c.target_value(value["node"], xp + ("node",), node=node.id)
        if ("file" in value) == ("flow" in value):
            c.report("missing-key" if "file" not in value else "type", "`external` has " + (
                     "both `file` and `flow`" if "file" in value else "neither `file` nor `flow`") +
                     ", expected `file: path` (another menu file) or `flow: name` (a flow among the files)",
                     xp, node=node.id)
            return
        if "flow" in value:
            flow = c.text(value["flow"], xp + ("flow",), node=node.id)
            node.text = flow or ""
            if flow:
                node.links.append(Link("external", None, c.doc.pos(xp + ("flow",), value=True), node=target,
                                       flow=flow))
            return
        if "file" in value:
            file = c.text(value["file"], xp + ("file",), node=node.id)
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
    if not inputs.isfile(resolved):
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


def _by_flow(files: dict[str, MenuFile]) -> dict[str, str]:
    """Every name a flow may be called by -> the file (the first in path order when two share one)."""
    out: dict[str, str] = {}
    for ap in sorted(files):
        for name in sorted(flow_names(files[ap])):
            out.setdefault(name, ap)
    return out


def _cannot_follow(node: Node, flow: str) -> None:
    """A flow not among the files: the call leaves what ivrmaze can see (an `unknown` node)."""
    node.text = f"flow {flow} is not among the files"
    if "unknown" in L.KINDS:
        node.kind = "unknown"


def _flow_link(node: Node, link: Link, by_flow: dict[str, str]) -> Link | None:
    """The link to the file an external `{flow: NAME}` names, or None (the node cannot be followed)."""
    name = str(link.flow)
    ap = by_flow.get(name) or by_flow.get(flow_ref(name) or "")
    if ap is None:
        _cannot_follow(node, name)
        return None
    return dataclasses.replace(link, file=ap)


def _follow_flows(node: Node, by_flow: dict[str, str]) -> None:
    """Each external `{flow: NAME}` of ``node`` pointed at the file of that flow, or dropped (cannot follow)."""
    kept = []
    for link in node.links:
        if link.via == "external" and link.flow is not None and link.file is None:
            found = _flow_link(node, link, by_flow)
            if found is None:
                continue
            link = found
        kept.append(link)
    node.links = kept


def link_externals(files: dict[str, MenuFile]) -> list[Finding]:
    """Check every external link against the file it names (all loaded by now); drop the broken ones."""
    problems: list[Finding] = []
    by_flow = _by_flow(files)
    for mf in files.values():
        for node in mf.nodes.values():
            if node.kind == "external":
                _follow_flows(node, by_flow)
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

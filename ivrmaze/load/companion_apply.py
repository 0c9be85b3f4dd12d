"""The companion file put into a translated flow, before the flow is checked.

Nodes are matched by the keys of the companion's `nodes` (and of the flow's own entry under
`flows`): a node's id, or one of the platform names its reader lists (``Translated.aliases``:
a queue's name, a Metadata name, the full id, the name of the hours it checks). What the flow
already says is kept unless the companion says otherwise; what neither says gets the defaults
(every queue, voicemail and callback resolves ``"*"``).
"""
from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from .. import language as L
from ..findings import Finding
from ..model import ANY_INTENT, MenuFile
from ..words import safe
from .companion import Companion

#: The kinds that settle intents by default when no companion file says what they resolve.
RESOLVING_KINDS = ("queue", "voicemail", "callback")
UNKNOWN = "unknown"  # `hours: unknown`, `branch: unknown`: hours not in the files


def node_kind(body: object) -> str | None:
    """The kind of a node body of a translated document (its first kind key), or None."""
    return next((k for k in body if k in L.KINDS), None) if isinstance(body, dict) else None


def default_resolves(data: dict[str, Any], value: object = ANY_INTENT) -> None:
    """Every queue, voicemail and callback that does not say what it resolves resolves ``value``
    (``"*"``: without a companion file the structural checks stay useful)."""
    nodes = data.get("nodes")
    if not isinstance(nodes, dict):
        return
    for body in nodes.values():
        if node_kind(body) in RESOLVING_KINDS and "resolves" not in body:
            body["resolves"] = copy.copy(value)


def _index(nodes: dict[str, Any], aliases: dict[str, set[str]]) -> dict[str, list[str]]:
    """Every name a companion may use -> the node ids it names (ids first)."""
    idx: dict[str, list[str]] = {str(nid): [str(nid)] for nid in nodes}
    for nid, names in aliases.items():
        if nid in nodes:
            for n in sorted(names):
                if nid not in idx.setdefault(n, []):
                    idx[n].append(nid)
    return idx


def _union(old: Any, new: Any) -> Any:
    """Two entries' `resolves` for one node (a queue step that serves several queues): both."""
    if ANY_INTENT in (old, new):
        return ANY_INTENT
    return list(dict.fromkeys([*old, *new]))


def _apply_node(body: dict[str, Any], s: dict[str, Any], idx: dict[str, list[str]], missing: list[str],
                touched: set[str]) -> set[str]:
    """Put the settings ``s`` into the node ``body`` (``touched``: the fields an earlier entry set on it,
    which `resolves` and `transfers` add to); the hours it names; unknown transfer names into ``missing``."""
    kind = node_kind(body)
    hours: set[str] = set()
    if "resolves" in s and kind in (*RESOLVING_KINDS, "say"):
        old = body["resolves"] if "resolves" in touched else None
        body["resolves"] = copy.copy(s["resolves"]) if old is None else _union(old, s["resolves"])
        touched.add("resolves")
    if "transfers" in s and kind == "queue":
        new = [{"to": idx[to][0], "warm": warm} for to, warm in s["transfers"] if to in idx]
        body["transfers"] = (body["transfers"] + [t for t in new if t not in body["transfers"]]) \
            if "transfers" in touched else new
        touched.add("transfers")
        missing += [to for to, _ in s["transfers"] if to not in idx]
    if "hours" in s and kind in ("queue", "branch"):
        body["hours" if kind == "queue" else "branch"] = s["hours"]
        hours.add(s["hours"])
    if "prompt" in s and kind in ("menu", "say"):
        body[kind] = s["prompt"]  # a recorded prompt keeps its `audio:`; its text now differs from it, so is checked
    if "assume" in s and kind == "decide":
        body["assume"] = s["assume"]
    return hours


def _named_hours(comp: Companion, nodes: dict[str, Any], aliases: dict[str, set[str]]) -> set[str]:
    """Hours a flow names by the platform's name (an hours check of `Basic Hours`) that the
    companion holds: put in place of `unknown`."""
    used: set[str] = set()
    for nid, body in nodes.items():
        kind = node_kind(body)
        key = "hours" if kind == "queue" else "branch" if kind == "branch" else None
        if key is None or body.get(key) not in (None, UNKNOWN) or (kind == "queue" and key not in body):
            continue
        name = next((comp.hour_names[n] for n in sorted({nid, *aliases.get(nid, ())}) if n in comp.hour_names), None)
        if name is not None:
            body[key] = name
            used.add(name)
    return used


def _problem(comp: Companion, key: Any, message: str) -> Finding:
    line, col = comp.positions.get(key, (1, 1))
    return Finding("companion", safe(message), comp.path, line, col, severity="warning")


def apply_companion(comp: Companion, data: dict[str, Any], aliases: dict[str, set[str]],
                    names: Iterable[str], *, keep_entry: bool = False) -> list[Finding]:
    """Put ``comp`` into the translated document ``data`` of a flow called ``names``; the problems
    that only show in this flow (a transfer or entry naming none of its nodes). ``keep_entry``: the
    entry was given on the command line (``--entry``), which wins over the companion's."""
    nodes = data.get("nodes")
    if not isinstance(nodes, dict):
        return []
    names = set(names)
    shown = next(iter(sorted(names)), "this flow")
    idx = _index(nodes, aliases)
    flows = [f for f in comp.flows if f in names]
    settings = [(None, k, s) for k, s in comp.nodes.items()] + \
        [(f, k, s) for f in flows for k, s in comp.flows[f]["nodes"].items()]
    used_hours: set[str] = set()
    problems: list[Finding] = []
    touched: dict[tuple[str, str | None], set[str]] = {}  # (node, flow) -> fields set: a flow's own entries win
    for flow, key, s in settings:
        for nid in idx.get(key, []):
            comp.used.add((flow, key))
            missing: list[str] = []
            used_hours |= _apply_node(nodes[nid], s, idx, missing, touched.setdefault((nid, flow), set()))
            problems += [_problem(comp, (flow, key), f"transfer `{to}` of `{key}` names no node of flow `{shown}`, "
                                  "expected a node id or platform name of that flow") for to in missing]
    used_hours |= _named_hours(comp, nodes, aliases)
    if used_hours:
        hours = data["hours"] if isinstance(data.get("hours"), dict) else data.setdefault("hours", {})
        hours.update({n: copy.deepcopy(comp.hours[n]) for n in sorted(used_hours) if n in comp.hours})
    if comp.intents:
        own = data.get("intents")
        data["intents"] = {**comp.intents, **(own if isinstance(own, dict) else {})}
    if comp.timezone and "timezone" not in data:
        data["timezone"] = comp.timezone
    for f in [] if keep_entry else flows:
        entry = comp.flows[f].get("entry")
        if entry is not None and entry in idx:
            data["entry"] = idx[entry][0]
        elif entry is not None:
            problems.append(_problem(comp, (f, None), f"the entry `{entry}` of flow `{f}` names no node of it, "
                                     "expected a node id or platform name of that flow"))
    return problems


def flow_entry(comp: Companion, names: Iterable[str]) -> str | None:
    """The `entry` the companion gives the flow called ``names`` (before it is read: by its file stem)."""
    return next((comp.flows[f]["entry"] for f in sorted(set(names)) if f in comp.flows and "entry" in comp.flows[f]),
                None)


def unused(comp: Companion) -> list[Finding]:
    """A warning for each key of the companion's `nodes` that matched no node of any flow (a typo?)."""
    return [_problem(comp, (flow, key), f"companion node `{key}` names no node of "
                     f"{'the flows' if flow is None else f'flow `{flow}`'}, expected a node id or platform name "
                     "(a queue's name, a block's name or id) of a flow among the files")
            for flow, key in comp.positions if key is not None and (flow, key) not in comp.used]


NO_INTENTS = ("no intents: the platform flows do not say what callers want, so the checks that follow "
              "intents (unresolvable-intent, too-deep, too-many-retells, trap) have none to follow, expected a "
              "companion file `ivrmaze-companion.yaml` beside the flows with `intents:` and, under `nodes:`, what "
              "each queue `resolves` (docs/platforms/companion.md)")


def after_platforms(files: dict[str, MenuFile], ctx: Any, complete: Callable[[Companion], bool]) -> list[Finding]:
    """Once every file is loaded: a platform flow that another file calls is part of that line, not
    a line of its own, so it keeps no intents (as an ivrmaze file without `entry`); a warning for
    each companion entry that matched nothing, when ``complete(companion)`` says every flow it
    covers was loaded (a pre-commit hook checks only the files a commit touches); a note when no
    file has intents at all."""
    called = {link.file for mf in files.values() for node in mf.nodes.values() for link in node.links
              if link.via == "external" and link.file not in (None, mf.abspath)}
    platforms = [mf for mf in files.values() if mf.platform is not None]
    for mf in platforms:
        if mf.abspath in called:
            mf.intents = {}
    problems = [p for comp in ctx.companions.values() if comp is not None and complete(comp) for p in unused(comp)]
    if platforms and not any(mf.intents for mf in files.values()):
        problems.append(Finding("companion", NO_INTENTS, platforms[0].path, severity="info"))
    return problems

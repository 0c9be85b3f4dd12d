"""The Asterisk dialplan reader: `extensions.conf` -> an ivrmaze document (docs/platforms/asterisk.md).

``lines`` reads the text (with `#include`s through ``includes``), ``resolve`` finds extensions,
``walk`` follows the call through priorities and names the nodes, ``nodes`` makes each node,
``times`` turns `GotoIfTime` specs into schedules. Calls enter at the context the companion file
or `--entry CONTEXT[,EXTEN]` names (the dialplan does not say), else at the first context named
`incoming`, `from-pstn`, `from-trunk`, `ivr` or `default`, else at the first context; at its `s`
extension, else its first one.
"""
from __future__ import annotations

import functools
import os
import re
from typing import Any

from ... import language as L
from ...findings import Finding
from ...words import display_path, safe, suggest
from .. import platform as P
from ..sniff import asterisk as looks_like  # noqa: F401 (the reader's test: platform.reader)
from .includes import Includes
from .lines import Dialplan, Parser, Where
from .nodes import check_jumps, finish
from .resolve import SPECIAL, lookup
from .timed import reach
from .walk import Walk

PLATFORM = "asterisk"
#: Context names that usually take the calls from outside, in order of preference.
ENTRY_NAMES = ("incoming", "from-pstn", "from-trunk", "ivr", "default")
#: A dialplan names no intents: one stands for whatever the caller calls about, so that the people
#: (`resolves: "*"`) resolve something and the analyses that follow intents (traps, after-hours
#: traps, unresolvable intents) run; a companion file may name real ones.
INTENTS = {"call": "What the caller calls about (the dialplan names no intents)"}


def _subroutines(plan: Dialplan) -> set[str]:
    """Contexts entered only as calls: `macro-*`, those a `Gosub`/`GosubIf` names, and those that
    `Return` (called through a variable, such as `Gosub(${EXTEN},stdexten(...))`)."""
    out = {name for name in plan.contexts if name.startswith("macro-")}
    for ctx in plan.contexts.values():
        for steps in ctx.extens.values():
            if any(step.app.lower() in ("return", "stackpop") for step in steps.values()):
                out.add(ctx.name)
            for step in steps.values():
                if step.app.lower() in ("gosub", "gosubif"):
                    out.update(m.group(1).strip() for m in re.finditer(r"(?:^|[?:])\s*([^,?:()]+),[^,?:()]+,",
                                                                       step.args))
    return out


def _entry(w: Walk, ctx: P.Context) -> tuple[str, str, tuple[str, str]] | None:
    """(context, extension) where calls enter, and the (context, extension) that it finds."""
    contexts = {n: c for n, c in w.plan.contexts.items() if not c.template}
    wanted = getattr(ctx, "entry", None)
    name, exten = None, ""
    if wanted:
        name, _, exten = wanted.partition(",")
        if name not in contexts:
            w.problem("reference", f"entry context `{name}` is not defined in this dialplan, expected one of "
                      f"its contexts{suggest(name, contexts)}", Where(1, 1), "")
            name = None
    name = name or next((n for n in ENTRY_NAMES if n in contexts), next(iter(contexts), None))
    if name is None:
        return None
    others = [e for e in contexts[name].extens if e not in SPECIAL]
    for want in [exten] if exten else ["s", *others]:
        found = lookup(w.plan, name, want.strip())
        if found is not None:
            return name, want.strip(), found
    if exten:
        w.problem("reference", f"entry extension `{exten}` is not in context `{name}`, expected one of its "
                  "extensions", Where(1, 1), "")
    return None


def _unreferenced(plan: Dialplan, entry: str | None) -> list[str]:
    """Contexts no application, include or template names: left over, or the entries of devices
    (a phone's `context=`); their extensions become nodes, so that the checks see them unreached."""
    named = {inc for c in plan.contexts.values() for inc, _ in c.includes}
    named |= {p for c in plan.contexts.values() for p in c.parents}
    for c in plan.contexts.values():
        for steps in c.extens.values():
            named.update(t for step in steps.values() for t in _WORDS.split(step.args) if t)
    return [n for n, c in plan.contexts.items() if n not in named and n != entry and not c.template
            and not n.startswith("macro-")]


_WORDS = re.compile(r"[\s,()?:&/@|=\[\]\"'$\{}]+")


def _walk_context(w: Walk, name: str) -> None:
    for exten, steps in w.plan.contexts[name].extens.items():
        if exten != "h" and 1 in steps:
            w.follow(name, exten, 1, None)


def _walk_all(w: Walk, ctx: P.Context) -> str | None:
    """Follow the calls from the entry, then from every context nothing names, then from every
    context still unvisited (a cycle of contexts nothing reaches); the nodes of them all."""
    entry = _entry(w, ctx)
    first = None
    if entry is not None:  # through the branches of timed includes, if any guard the entry
        first = reach(w, entry[0], entry[1], None, lambda: L.HANGUP) or w.follow(*entry[2], 1, None)
    subs = _subroutines(w.plan)
    for name in _unreferenced(w.plan, entry[0] if entry else None):
        if name not in subs:
            _walk_context(w, name)
    finish(w)
    for name, c in w.plan.contexts.items():
        if name not in w.visited and name not in subs and not c.template:
            _walk_context(w, name)
            finish(w)
    check_jumps(w)
    return first


def _document(path: str, w: Walk, entry: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"ivrmaze": L.FORMAT_VERSION,
                            "name": f"{os.path.basename(path)} (Asterisk dialplan)"}
    if w.timezone:
        data["timezone"] = w.timezone
    if entry is not None:
        data["entry"] = entry
    if w.hours:
        data["hours"] = w.hours
    data["intents"] = dict(INTENTS)
    order = sorted(w.nodes, key=lambda nid: w.key_pos.get(("nodes", nid), (0, 0)))  # stable: made order within a line
    data["nodes"] = {nid: w.nodes[nid] for nid in order}  # in the dialplan's order, as an imported file reads it
    return data


def translate(path: str, raw: bytes, ctx: P.Context) -> P.Translated:
    """The ivrmaze document of the dialplan ``path`` (its bytes ``raw``)."""
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    plan = Dialplan()
    Parser(plan, Includes(path, getattr(ctx, "root", "") or os.path.dirname(os.path.abspath(path)), plan)).read(text)
    w = Walk(plan, dict(getattr(ctx, "vars", None) or {}))
    w.reach = functools.partial(reach, w)
    entry = _walk_all(w, ctx)
    tr = P.Translated(PLATFORM, _document(path, w, entry), w.key_pos, w.val_pos,
                      names={os.path.splitext(os.path.basename(path))[0]}, labels=w.labels,
                      aliases=w.aliases, notes=w.notes)
    if entry is not None:
        tr.val_pos[("entry",)] = w.key_pos.get(("nodes", entry), (1, 1))
    shown = display_path(path)
    for p in plan.problems + w.problems:
        where = f" (in {p.at.file} line {p.at.inner})" if p.at.file else ""
        tr.problems.append(Finding(p.kind, safe(p.message + where), shown, p.at.line, p.at.column,
                                   severity=p.severity))
    return tr

"""The `call` transcript: prompts beside their node ids, the keys offered, the summary line.

Prompts, team names and ids come from the menu: every line goes through ``words.safe``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..graph import node_id, shown
from ..words import plural, safe

_SUMMARY = {
    "resolved": "resolved at {node}",
    "arrived": "arrived at {node}",
    "ended": "the call ended at {node}",
    "waiting": "stopped at {node}, waiting for a key",
    "answered": "a human answered at {node}",
    "loop": "going round at {node}",
    "hung-up": "you hung up at {node}",
    "too-long": "stopped at {node} after too many moves",
    "left": "the call went where ivrmaze cannot follow, at {node}",
}


def calling_line(line_name: str, at: str, intent: str | None) -> str:
    wants = f" with intent `{intent}`" if intent else ""
    return safe(f"Calling {line_name} at {at}{wants}.")


def id_width(ids: Iterable[str]) -> int:
    """The width of the transcript's left column: the longest node id, between 4 and 20."""
    return min(max((len(i) for i in ids), default=4), 20)


def event_lines(events: Sequence[Any], file: str, width: int) -> list[str]:
    """One line per event, the node id (``file#id`` when in another file) shown once per run of events."""
    out, last = [], None
    for e in events:
        label = shown(e.node, file)
        out.append(safe(f"{label if label != last else '':<{width}}  {e.text}"))
        last = label
    return out


def keys_hint(options: Sequence[tuple[str, str, str | None]], hang_up: str) -> str:
    """What the caller may press: ``Keys: 1 Billing, 2 support (Enter: nothing, h: hang up)``."""
    keys = ", ".join(f"{k} {label or node_id(v)}" for k, v, label in options) or "none"
    return safe(f"Keys: {keys} (Enter: nothing, {hang_up}: hang up)")


def summary(file: str, intent: str | None, res: Any) -> str:
    """``Summary: resolved at billing; 3 hops, 0 retells; `invoice` resolved.``"""
    what = _SUMMARY[res.outcome].format(node=shown(res.node, file))
    verdict = f"`{intent}` {'resolved' if res.resolved else 'not resolved'}" if intent else "no intent given"
    return safe(f"Summary: {what}; {plural(res.hops, 'hop')}, {plural(res.retells, 'retell')}; {verdict}.")

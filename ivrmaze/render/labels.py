"""The texts of a diagram: node titles and label lines, edge labels, tooltips and hours.

Every text from a menu goes through ``clean`` first: it is still plain text (``dot.py`` and
``html.py`` escape it for their target), but it holds no control character and nothing that
reorders what a reader sees.
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from ..graph import is_unknown_hours, split
from ..timeline import Window, describe
from ..words import safe

if TYPE_CHECKING:
    from ..model import MenuFile
    from ..schedule import Schedule
    from .scene import SceneEdge, SceneNode

#: The marks of a drawing of a change (``render --diff``), and how a tooltip says them.
DIFF_MARKS = {"added": "added by this change", "removed": "removed by this change"}

_FAILURE_WORDS = {"no_input": "no input", "no_match": "no match", "exhausted": "too many tries",
                  "on_error": "on error"}
#: How a diagram names hours that are not in the files (`hours: unknown`).
UNKNOWN_HOURS_TEXT = "hours not in the files"
#: The width a platform node's title wraps at (a Connect label with its action type and name is longer).
TITLE_WIDTH = 32
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ROLE_WORDS = {"caller": "caller presses", "auto": "then", "agent": "agent transfers", "failure": "on",
               "closed": "while closed", "open": "while open", "entry": "calls come in",
               "system": "the system decides", "error": "on error"}


def clean(text: object) -> str:
    """Menu text as one would print it: C0 controls become spaces (line breaks stay ``\\n``);
    C1 controls, bidirectional overrides, line separators and lone surrogates are written as
    escapes (``\\u202e``), as ``words.safe`` writes them."""
    if text is None:
        return ""
    s = _CONTROL.sub(" ", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join("\t".join(safe(part) for part in line.split("\t")) for line in s.split("\n"))


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` on at most ``lines`` lines of ``width``, the last one cut with ``…``."""
    text = " ".join(clean(text).split())
    if not text:
        return []
    out = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        out[-1] = (last[: width - 1].rstrip() if len(last) >= width else last) + "…"
    return out


def _spans(s: Schedule) -> list[str]:
    return describe([Window(a, b) for a, b in s.intervals]) if s.intervals else ["never"]


def hours_text(schedules: Mapping[str, Schedule], schedule: str | None) -> str:
    """``office: Mon-Fri 08:00-16:00`` for a qualified schedule name."""
    if schedule and is_unknown_hours(schedule):
        return UNKNOWN_HOURS_TEXT
    if not schedule or schedule not in schedules:
        return ""
    s = schedules[schedule]
    text = f"{clean(split(schedule)[1])}: {', '.join(_spans(s))}"
    if s.holidays:
        text += f"; closed {', '.join(sorted(s.holidays))}"
    return text


def hours_lines(schedules: Mapping[str, Schedule], schedule: str | None) -> list[str]:
    """The hours of a schedule as short label lines."""
    if schedule and is_unknown_hours(schedule):
        return [UNKNOWN_HOURS_TEXT]
    if not schedule or schedule not in schedules:
        return []
    s = schedules[schedule]
    spans = _spans(s)
    out = [f"{clean(split(schedule)[1])}: {spans[0]}"] + spans[1:]
    if s.holidays:
        days = sorted(s.holidays)
        out.append(f"closed {', '.join(days[:2])}" + (f" +{len(days) - 2}" if len(days) > 2 else ""))
    return out


def edge_label(data: Mapping[str, Any]) -> str:
    """What an edge of the graph says on the drawing: ``1 billing``, ``no match``, ``warm``."""
    via = data.get("via")
    if via == "options":
        key = clean(data.get("dtmf") or "")
        label = clean(data.get("label") or "")
        return f"{key} {label}".strip() if label else key
    if via in _FAILURE_WORDS:
        return _FAILURE_WORDS[via]
    if via in ("closed", "open"):
        return via
    if via == "transfers":
        return "warm" if data.get("warm") else ""
    if via == "outcomes":
        return clean(data.get("label") or "") + (" (assumed)" if data.get("assumed") else "")
    if via in ("again", "done"):
        return str(via)
    return ""


def edge_tooltip(schedules: Mapping[str, Schedule], e: SceneEdge, src: SceneNode, dst: SceneNode) -> str:
    """``main → billing: caller presses 1 billing (office: Mon-Fri 08:00-16:00)``."""
    head = f"{clean(split(src.qid)[1]) if src.kind != 'start' else 'start'} → {clean(split(dst.qid)[1])}"
    text = f"{head}: {_ROLE_WORDS.get(e.role, e.role)}"
    if e.label:
        text += f" {e.label}"
    if e.schedule:
        text += f" ({hours_text(schedules, e.schedule)})"
    for m in e.marks:
        if m in DIFF_MARKS:
            text += f"\n{DIFF_MARKS[m]}"
    return text


def maze_title(files: Mapping[str, MenuFile], parts: Collection[str] = ()) -> str:
    """The phone lines drawn: the names of the files with ways in (else of every readable file),
    less the flows of ``parts`` (paths: platform flows that other files call)."""
    names = [clean(mf.line_name()) for mf in files.values() if mf.ok and mf.entries and mf.path not in parts]
    if not names:
        names = [clean(mf.line_name()) for mf in files.values() if mf.ok]
    return "; ".join(names) or "ivrmaze"


def resolves_text(res: frozenset[str] | str) -> str:
    return "resolves: " + ("any intent" if res == "*" else ", ".join(clean(r) for r in sorted(res)))


def _title_and_lines(kind: str, nid: str, text: str, schedule: str | None) -> tuple[str, list[str]]:
    """(title, label lines) of a node; ``nid`` is the id as drawn (a platform node's label)."""
    if kind == "queue":
        return text or nid, []
    if kind in ("voicemail", "callback"):
        return (f"{kind}: {text}" if text else kind), []
    if kind == "hangup":
        return "hang up", []
    if kind == "external":
        return f"→ {nid}", wrap(text, 28, 2)
    if kind == "branch" and schedule and is_unknown_hours(schedule):
        return nid, [UNKNOWN_HOURS_TEXT]
    if kind == "branch":
        return nid, ([f"by {clean(split(schedule)[1])} hours"] if schedule else [])
    if kind == "loop":
        return f"↻ {nid}", [clean(text)] if text else []
    if kind == "unknown":
        return f"? {nid}", wrap(text, 28, 3)
    return nid, wrap(text, 30, 3)


def platform_title(label: str) -> str:
    """How a platform node is named on a drawing: its label as messages show it, without the
    backticks (``05a7e5a1… (CheckHoursOfOperation 'Office hours')``), not its full id (a UUID)."""
    text = " ".join(clean(label).replace("`", "").split())
    head, _, rest = text.partition(" (")
    return head if rest == f"{head})" else text  # `initialGreeting` (initialGreeting): once


def title_lines(title: str) -> list[str]:
    """A long title (a platform node's) on lines of a node's width: the id on a line of its own,
    then what is in parentheses (``incoming,1,1`` / ``(GotoIfTime, line 8)``)."""
    head, sep, rest = title.partition(" (")
    if not sep or len(head) > TITLE_WIDTH:
        return wrap(title, TITLE_WIDTH, 3)
    return [head, *wrap(sep.lstrip() + rest, TITLE_WIDTH, 3)]


def node_texts(schedules: Mapping[str, Schedule], d: Mapping[str, Any], compact: bool,
               label: str | None = None) -> tuple[str, list[str], list[str], str]:
    """(title, label lines, notes, tooltip) of graph node ``d``; ``compact``: the title and what
    it resolves only (the rest is in the tooltip); ``label``: a platform node's label (its title;
    the full id stays in the tooltip)."""
    kind, nid, text, schedule = d["kind"], clean(d["id"]), clean(d.get("text") or ""), d.get("schedule")
    shown = platform_title(label) if label else nid
    title, lines = _title_and_lines(kind, shown, text, schedule)
    notes = hours_lines(schedules, schedule) if schedule and kind == "queue" else []
    res = d.get("resolves") or frozenset()
    if res:
        notes.append(resolves_text(res))
    if compact:
        lines, notes = [], [n for n in notes if n.startswith("resolves")]
        if len(title) > 24:
            title = title[:23] + "…"
    where = f"{clean(d['file'])}:{d['line']}" if d.get("line") else clean(d["file"])
    tip = [f"{nid} ({kind}) — {where}"] + ([shown] if label else [])
    if text and kind != "hangup":
        tip.append(text)
    if schedule:
        tip.append("hours " + hours_text(schedules, schedule))
    if res:
        tip.append(resolves_text(res))
    return title, lines, notes, "\n".join(tip)

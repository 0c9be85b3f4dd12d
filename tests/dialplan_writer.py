"""A test helper: an ivrmaze maze (plain data) written as an Asterisk dialplan that means the same.

Each node `X` becomes a context `[n-X]` whose extension `s` does what the node does, so its first
priority is the node `n-X,s,1`:

| node | dialplan |
|---|---|
| menu | `Background(...)`, `WaitExten()`; options as one-key extensions that `Goto` their target; `t` and `i` the same for `no_input` and `no_match` (a menu's `exhausted` is its `no_input`: Asterisk counts no retries) |
| say | `Playback(...)`, then `Goto` the next node (or `Hangup()`) |
| queue | `Queue(...)`, `Hangup()` (a dialplan's people resolve `*`) |
| voicemail | `VoiceMail(...)` |
| branch | `GotoIfTime(spec?open:closed)` on its schedule, one day spec of one range |
| decide | `GotoIf($[...]?then:else)` (outcomes `then` and `else`) |
| queue with `next` | `Queue(...)`, then `Goto` the next node |

Only mazes that a dialplan can say are drawn (``mazes``): the one intent `call`, people who
resolve `*`, menus whose `exhausted` is their `no_input`.
"""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ivrmaze.load.asterisk import INTENTS
from ivrmaze.load.asterisk.times import DAYS

_ID = st.builds(str.__add__, st.sampled_from("abcdefgh"), st.text(alphabet="abcdefgh0123456789-", max_size=4))
_KEYS = tuple("0123456789*#")


def entry(maze: dict[str, Any]) -> str:
    """The `--entry` of the dialplan of ``maze``."""
    return f"n-{maze['entry']}"


def node_id(nid: str) -> str:
    """The id the reader gives the node ``nid`` written by ``dialplan``."""
    return f"n-{nid},s,1"


def _goto(target: str) -> str:
    return "Hangup()" if target == "hangup" else f"Goto(n-{target},s,1)"


def _spec(schedule: dict[str, str]) -> str:
    """The GotoIfTime spec of a schedule of one day spec and one range (Asterisk's end minute matches too)."""
    ((days, span),) = schedule.items()
    start, end = span.split("-")
    h, m = map(int, end.split(":"))
    last = h * 60 + m - 1
    return f"{start}-{last // 60:02d}:{last % 60:02d},{days},*,*"


def _lines(nid: str, node: dict[str, Any], hours: dict[str, dict[str, str]]) -> list[str]:
    out = [f"[n-{nid}]"]
    if "menu" in node:
        out += ["exten => s,1,Background(menu-" + nid + ")", " same => n,WaitExten(5)"]
        out += [f"exten => {k},1,{_goto(t)}" for k, t in node.get("options", {}).items()]
        out += [f"exten => t,1,{_goto(node['no_input'])}", f"exten => i,1,{_goto(node['no_match'])}"]
    elif "say" in node:
        out += [f"exten => s,1,Playback(say-{nid})", f" same => n,{_goto(node['next'])}"]
    elif "queue" in node:
        out += [f"exten => s,1,Queue({node['queue']})", f" same => n,{_goto(node.get('next', 'hangup'))}"]
    elif "voicemail" in node:
        out += [f"exten => s,1,VoiceMail({node['voicemail']})"]
    elif "decide" in node:
        where = {t: ("hangup-now,s,1" if t == "hangup" else f"n-{t},s,1") for t in node["outcomes"].values()}
        yes, no = (where[node["outcomes"][k]] for k in ("then", "else"))
        out += [f"exten => s,1,GotoIf($[${{CHOICE}} = {nid}]?{yes}:{no})"]
    else:
        yes, no = (node[k] for k in ("open", "closed"))
        where = {t: ("hangup-now,s,1" if t == "hangup" else f"n-{t},s,1") for t in (yes, no)}
        out += [f"exten => s,1,GotoIfTime({_spec(hours[node['branch']])}?{where[yes]}:{where[no]})"]
    return out + [""]


def dialplan(maze: dict[str, Any]) -> str:
    """The dialplan of ``maze`` (drawn by ``mazes``), its nodes' contexts in the maze's order (the
    entry is ``entry(maze)``: a dialplan does not say)."""
    text = ["; written by tests/dialplan_writer.py", ""]
    for nid in maze["nodes"]:
        text += _lines(nid, maze["nodes"][nid], maze.get("hours", {}))
    return "\n".join(text + ["[hangup-now]", "exten => s,1,Hangup()", ""])


@st.composite
def mazes(draw: Any) -> dict[str, Any]:
    """A maze a dialplan can say (see the module docstring), as plain ivrmaze data."""
    ids = draw(st.lists(_ID, min_size=1, max_size=7, unique=True))
    target = st.sampled_from(ids + ["hangup"])
    hours = {}
    nodes: dict[str, Any] = {}
    for nid in ids:
        kind = draw(st.sampled_from(("menu", "menu", "say", "queue", "voicemail", "branch", "decide")))
        if kind == "menu":
            keys = draw(st.lists(st.sampled_from(_KEYS), max_size=4, unique=True))
            no_input = draw(target)
            nodes[nid] = {"menu": f"menu {nid}", "options": {k: draw(target) for k in keys},
                          "no_input": no_input, "no_match": draw(target), "exhausted": no_input}
            if not keys:
                del nodes[nid]["options"]
        elif kind == "say":
            nodes[nid] = {"say": f"say {nid}", "next": draw(target)}
        elif kind in ("queue", "voicemail"):
            nodes[nid] = {kind: f"team-{nid}", "resolves": "*"}
            after = draw(target)
            if kind == "queue" and after != "hangup":
                nodes[nid]["next"] = after  # where the call goes when the queue gives up
        elif kind == "decide":
            nodes[nid] = {"decide": f"$[${{CHOICE}} = {nid}]", "outcomes": {"then": draw(target), "else": draw(target)}}
        else:
            first, last = draw(st.tuples(st.sampled_from(DAYS), st.sampled_from(DAYS)))
            start = draw(st.integers(0, 22 * 60))
            end = draw(st.integers(start + 1, 24 * 60))
            span = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
            hours[f"h-{nid}"] = {f"{first}-{last}" if first != last else first: span}
            nodes[nid] = {"branch": f"h-{nid}", "open": draw(target), "closed": draw(target)}
    maze: dict[str, Any] = {"ivrmaze": 1, "entry": ids[0], "intents": dict(INTENTS), "nodes": nodes}
    if hours:
        maze["hours"] = hours
    return maze

"""The reference's own model of a maze: node and edge arrays and the distinct schedule states.

Our own reading of the menu language, independent of ivrmaze's loader (which is what the
benchmark measures), for the subset the generator writes: the seven node kinds, options and
transfers as ids or mappings, ``external`` as a path or ``{file, node}``, one time zone,
schedules of day specs, time ranges and holidays. An edge exists always, while its schedule is
open (a queue's transfers, a branch's ``open``) or while it is closed (a queue's or branch's
``closed``); an open queue resolves its intents, a closed one resolves nothing. The tests
compare this model with the graph ivrmaze loads.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

ALWAYS, OPEN, CLOSED = 0, 1, 2
HANGUP = "hangup"
WEEK = 7 * 1440
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = ("daily", "every day", "mon-sun")
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
# (field, when) of the links each kind has; `closed` of a queue only counts with hours
_LINKS = {"say": (("next", ALWAYS),), "branch": (("open", OPEN), ("closed", CLOSED)),
          "menu": (("no_input", ALWAYS), ("no_match", ALWAYS), ("exhausted", ALWAYS))}
_DEFAULT_HANGUP = {"next", "exhausted", "closed"}
_KINDS = ("menu", "say", "queue", "branch", "voicemail", "callback", "external")

Key = tuple[str, str]  # (file, node id)


@dataclass
class Arrays:
    """A maze as arrays: ``n`` nodes, ``keys[i]`` node i as (file, id) (empty when read back from the
    set-up cache); edge j runs ``src[j] -> dst[j]`` and exists per ``when[j]`` of schedule
    ``sched[j]`` (-1: none); ``resolvers[k]`` are the nodes that resolve intent k, each while its
    ``node_sched`` (-1: always) is open."""

    n: int
    keys: list[Key]
    src: np.ndarray
    dst: np.ndarray
    when: np.ndarray
    sched: np.ndarray
    node_sched: np.ndarray
    entries: list[int]
    intents: list[str]
    resolvers: list[np.ndarray]
    declared: int  # nodes under `nodes:`; the others are built-in hangups
    files: int


def _file_of(base: str, spec: str) -> str:
    return os.path.normpath(os.path.join(os.path.dirname(base), spec))


def _targets(kind: str, body: dict[str, Any]) -> list[tuple[str, int]]:
    """(target id, when) of a node's links within its file (``external`` aside)."""
    out: list[tuple[str, int]] = []
    if kind == "menu":
        out += [((v["to"] if isinstance(v, dict) else v), ALWAYS) for v in (body.get("options") or {}).values()]
    if kind == "queue":
        timed = "hours" in body
        if timed:  # a team without hours never closes: its `closed` is never used
            out.append((body.get("closed", HANGUP), CLOSED))
        out += [((t["to"] if isinstance(t, dict) else t), OPEN if timed else ALWAYS)
                for t in body.get("transfers") or ()]
    for name, when in _LINKS.get(kind, ()):
        if name in body:
            out.append((body[name], when))
        elif name in _DEFAULT_HANGUP:
            out.append((HANGUP, when))
    return [(str(t), w) for t, w in out]


def _kind(body: dict[str, Any]) -> str:
    return next(k for k in _KINDS if k in body)


class _Build:
    """Arrays from the documents, in two passes: every node gets its index, then the links."""

    def __init__(self, docs: dict[str, dict[str, Any]]) -> None:
        self.docs = docs
        self.index: dict[Key, int] = {}
        self.keys: list[Key] = []
        self.schedules: dict[Key, int] = {}
        self.edges: list[tuple[int, int, int, int]] = []
        self.node_sched: list[int] = []

    def node(self, key: Key) -> int:
        if key not in self.index:
            self.index[key] = len(self.keys)
            self.keys.append(key)
        return self.index[key]

    def schedule(self, file: str, name: str) -> int:
        return self.schedules.setdefault((file, name), len(self.schedules))

    def external(self, file: str, spec: Any) -> Key:
        other = _file_of(file, spec["file"] if isinstance(spec, dict) else spec)
        node = spec.get("node") if isinstance(spec, dict) else None
        return other, str(node if node is not None else self.docs[other]["entry"])

    def links(self, file: str, nid: str, body: dict[str, Any]) -> None:
        u, kind = self.index[(file, nid)], _kind(body)
        name = body.get("hours") if kind == "queue" else body.get("branch")
        sched = -1 if name is None else self.schedule(file, str(name))
        self.node_sched.append(sched if kind == "queue" else -1)
        if kind == "external":
            self.edges.append((u, self.node(self.external(file, body["external"])), ALWAYS, -1))
        for target, when in _targets(kind, body):
            self.edges.append((u, self.node((file, target)), when, -1 if when == ALWAYS else sched))

    def resolvers(self) -> tuple[list[str], list[np.ndarray]]:
        """The intents (declared or resolved somewhere), sorted, and the nodes resolving each."""
        declared = {str(i) for doc in self.docs.values() for i in (doc.get("intents") or {})}
        by_intent: dict[str, list[int]] = {}
        anything: list[int] = []  # `resolves: "*"`
        for file, doc in self.docs.items():
            for nid, body in doc["nodes"].items():
                r, u = body.get("resolves"), self.index[(file, str(nid))]
                if r == "*":
                    anything.append(u)
                for i in [] if r in (None, "*") else [r] if isinstance(r, str) else r:
                    by_intent.setdefault(str(i), []).append(u)
        intents = sorted(declared | set(by_intent))
        return intents, [np.asarray(sorted(by_intent.get(i, []) + anything), np.int32) for i in intents]

    def build(self) -> Arrays:
        for file, doc in self.docs.items():
            for nid in doc["nodes"]:
                self.node((file, str(nid)))
        declared = len(self.keys)
        entries: list[int] = []
        for file, doc in self.docs.items():
            for nid, body in doc["nodes"].items():
                self.links(file, str(nid), body)
            ways_in = ([doc["entry"]] if "entry" in doc else []) + list((doc.get("channels") or {}).values())
            entries += [self.index[(file, str(v))] for v in ways_in]
        self.node_sched += [-1] * (len(self.keys) - declared)  # the built-in hangups
        intents, resolvers = self.resolvers()
        e = np.asarray(self.edges, dtype=np.int32).reshape(-1, 4)
        return Arrays(len(self.keys), self.keys, e[:, 0].copy(), e[:, 1].copy(), e[:, 2].astype(np.int8),
                      e[:, 3].copy(), np.asarray(self.node_sched, np.int32), entries, intents, resolvers, declared,
                      len(self.docs))


def arrays(docs: dict[str, dict[str, Any]]) -> tuple[Arrays, list[Key]]:
    """The maze of ``docs`` (path -> parsed menu document, paths as ``external`` reaches them), and
    its schedules as (file, name) in the order of ``Arrays.sched``."""
    b = _Build(docs)
    a = b.build()
    return a, sorted(b.schedules, key=b.schedules.__getitem__)


def _days(spec: str) -> list[int]:
    text = spec.strip().lower()
    if text in EVERY_DAY:
        return list(range(7))
    days: list[int] = []
    for part in text.split(","):
        a, _, b = part.strip().partition("-")
        first, last = DAYS.index(a.strip()), DAYS.index((b or a).strip())
        days += [(first + i) % 7 for i in range((last - first) % 7 + 1)]
    return days


def _minutes(text: str) -> tuple[int, int]:
    m = _RANGE.match(text)
    if not m:
        raise ValueError(f"time range {text!r} is outside the reference's subset")
    h1, m1, h2, m2 = map(int, m.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return start, end + 1440 if end < start else end


def open_minutes(schedule: dict[str, Any]) -> np.ndarray:
    """Bool per minute of the week (Monday 00:00 = 0): whether ``schedule`` is open then."""
    week = np.zeros(WEEK, dtype=bool)
    for spec, ranges in schedule.items():
        if spec == "holidays":
            continue
        for day in _days(str(spec)):
            for r in [ranges] if isinstance(ranges, str) else ranges:
                a, b = _minutes(str(r))
                week[(day * 1440 + np.arange(a, b)) % WEEK] = True
    return week


def states(docs: dict[str, dict[str, Any]], schedules: list[Key]) -> np.ndarray:
    """The distinct schedule states of the week and the holidays: one bool row per state, one
    column per schedule of ``schedules`` (open or not)."""
    zones = {doc.get("timezone", "UTC") for doc in docs.values()}
    if len(zones) > 1:
        raise ValueError("the reference reads mazes in one time zone only")
    hours = [docs[f]["hours"][name] for f, name in schedules]
    week = np.stack([open_minutes(h) for h in hours], axis=1) if hours else np.zeros((WEEK, 0), bool)
    rows = [week]
    holidays = sorted({str(d) for h in hours for d in h.get("holidays", ())})
    for date in holidays:
        day = dt.date.fromisoformat(date).weekday()
        closed = np.array([date in {str(d) for d in h.get("holidays", ())} for h in hours], dtype=bool)
        rows.append(week[day * 1440:(day + 1) * 1440] & ~closed)
    return np.unique(np.concatenate(rows), axis=0)

"""The parsed menu model: plain records with source positions, before it becomes a graph."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .schedule import Schedule
from .source import Document, Pos

ANY_INTENT = "*"


@dataclass(frozen=True, slots=True, init=False)  # slots: millions of them in a big maze
class Link:
    """One outgoing reference of a node, as written: where it goes and why.

    ``via`` is the field (``options``, ``next``, ``closed``, ``open``, ``transfers``,
    ``external``, ``no_input``, ``no_match``, ``exhausted``, ``outcomes``, ``again``, ``done``,
    ``on_error``); ``key`` the DTMF key of an option, or the name of a decision's outcome.
    ``target`` is a node id in the same file, or, for ``external``, ``None`` with ``file``/``node`` set.
    """

    via: str
    target: str | None
    pos: Pos
    key: str | None = None
    label: str | None = None
    warm: bool = False
    default: bool = False  # a default the file did not write (e.g. `exhausted: hangup`)
    file: str | None = None  # external: the other file's path as loaded
    node: str | None = None  # external: node id in that file (None = its entry)
    flow: str | None = None  # external `{flow: NAME}`: the flow named, found among the files once all are loaded

    # The dataclass's own __init__ of a frozen record sets each field through object.__setattr__,
    # twice as slow (a big maze's loader makes one per link); this one, the same, through the slots.
    # (tests/test_load_fast_fields.py holds it to the fields.)
    def __init__(self, via: str, target: str | None, pos: Pos, key: str | None = None, label: str | None = None,
                 warm: bool = False, default: bool = False, file: str | None = None, node: str | None = None,
                 flow: str | None = None):
        _via(self, via), _target(self, target), _pos(self, pos), _key(self, key), _label(self, label)
        _warm(self, warm), _default(self, default), _file(self, file), _node(self, node), _flow(self, flow)


_via, _target, _pos, _key, _label, _warm, _default, _file, _node, _flow = (
    Link.__dict__[f.name].__set__ for f in fields(Link))


@dataclass(slots=True)  # slots: a million of them in a big maze
class Node:
    """One node as written: its kind, text, outgoing links and what it settles."""

    id: str
    kind: str  # menu | say | queue | branch | voicemail | callback | external | decide | loop | unknown | hangup
    text: str
    pos: Pos
    links: list[Link] = field(default_factory=list)
    resolves: frozenset[str] | str = frozenset()  # intent ids, or "*"
    hours: str | None = None  # queue: schedule name; branch: the schedule it routes by
    retries: int = 3
    #: a queue's `hours: unknown`, a `branch: unknown`: hours not in the files (open or closed)
    hours_unknown: bool = False
    assume: str | None = None  # decide: the outcome analysed as the only one
    loop: int = 0  # loop: how many rounds through `again` before `done`
    end: str | None = None  # `intended`: an honest end; `unwired`: the platform file wires no way on
    audio: str | None = None  # menu: the prompt is this recording (file or id)
    can_fail: bool = False  # the step can fail on its platform (missing-error-route)
    #: field -> where its key is written (looked up lazily by the loader)
    field_pos: Mapping[str, Pos] = field(default_factory=dict)


@dataclass
class MenuFile:
    """One loaded file: its top-level settings, schedules, intents and nodes."""

    path: str  # as shown in messages
    abspath: str
    document: Document | None = None
    name: str | None = None
    timezone: str = "UTC"
    entry: str | None = None
    channels: dict[str, str] = field(default_factory=dict)
    schedules: dict[str, Schedule] = field(default_factory=dict)
    intents: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    limits: dict[str, Any] = field(default_factory=dict)
    expect: list[Any] = field(default_factory=list)  # expectations.Expectation, parsed there
    ok: bool = True  # False when the file could not be read at all
    #: The platform the file was written for (`amazon-connect`, ...); None for ivrmaze's own YAML.
    platform: str | None = None
    #: What other flows may call this file by (a platform flow's name, ARN, id; see load/platform.py).
    names: set[str] = field(default_factory=set)
    #: Node id -> how messages show a platform node (its type and name beside a shortened id).
    labels: dict[str, str] = field(default_factory=dict)
    #: Node id -> its platform names (for a companion file) and where it comes from (for `ivrmaze import`).
    aliases: dict[str, set[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def entries(self) -> dict[str, str]:
        """Channel name -> node id; the main `entry` is the channel ``phone``."""
        out: dict[str, str] = {}
        if self.entry:
            out["phone"] = self.entry
        out.update(self.channels)
        return out

    def line_name(self) -> str:
        """The phone line's name for reports: its `name`, else its path."""
        return self.name or self.path

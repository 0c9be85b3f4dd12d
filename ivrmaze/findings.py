"""Findings: plain, frozen records with a position. Formatters read them; nothing prints here."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from .kinds import BASE, Kind

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _kind(name: str) -> Kind:
    """The Kind of a finding made without its code: a loading kind or `expectation` (a check
    module gives the code of its own kinds)."""
    if name in BASE:
        return BASE[name]
    raise ValueError(f"unknown finding kind {name!r} without a code, expected a loading kind, "
                     "`expectation`, or `code=` given")


@dataclass(frozen=True)
class Finding:
    """One problem, at the YAML key a designer would edit.

    ``line`` and ``column`` are 1-based; 0 means "the whole file". ``node`` is the node id as
    written in the file; ``nodes`` are related node ids (``file#id`` when they cross files).
    ``when`` is ``None`` for "at all times", else the week windows in which it holds. ``code``
    and ``severity`` default to those of a loading kind or `expectation`; a check gives its own.
    ``platform`` is set (by ``load.platform.dress``) when the file is a platform's flow.
    ``intents`` are all the intents the problem concerns (a trap may trap several); ``intent``
    is set when there is exactly one, and either fills the other.
    """

    kind: str
    message: str
    file: str | None = None
    line: int = 0
    column: int = 0
    severity: str = ""
    node: str | None = None
    intent: str | None = None
    when: tuple[str, ...] | None = None
    nodes: tuple[str, ...] = field(default=())
    code: str = ""
    intents: tuple[str, ...] = ()
    #: The platform the file was written for (`amazon-connect`, ...); None for ivrmaze's own YAML.
    platform: str | None = None

    def __post_init__(self) -> None:
        if self.intent is not None and not self.intents:
            object.__setattr__(self, "intents", (self.intent,))
        elif self.intent is None and len(self.intents) == 1:
            object.__setattr__(self, "intent", self.intents[0])
        if not self.code or not self.severity:
            k = _kind(self.kind)
            object.__setattr__(self, "code", self.code or k.code)
            object.__setattr__(self, "severity", self.severity or k.severity)

    @property
    def sort_key(self) -> tuple[str, int, int, int, str, str, str]:
        """The order findings are shown in: file, line, column, then the most severe first."""
        return (self.file or "", self.line, self.column, _SEVERITY_RANK.get(self.severity, 9),
                self.kind, self.intent or "", self.message)

    def __lt__(self, other: Finding) -> bool:
        return self.sort_key < other.sort_key

    def with_severity(self, severity: str) -> Finding:
        """The same finding at another severity (`error`, `warning` or `info`)."""
        return replace(self, severity=severity)

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON data (every key always present)."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "node": self.node,
            "intent": self.intent,
            "intents": list(self.intents),
            "when": list(self.when) if self.when is not None else None,
            "nodes": list(self.nodes),
            "platform": self.platform,
        }


def fingerprint(f: Finding) -> str:
    """A finding's identity in 32 hex digits: its kind, file, node, intent and related nodes, not
    its line, wording or windows, so it survives edits elsewhere in the file. SARIF's
    ``partialFingerprints`` and baselines (``ivrmaze baseline``) both use it."""
    ident = "\x1f".join([f.kind, f.file or "", f.node or "", f.intent or "", ",".join(f.nodes)])
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]

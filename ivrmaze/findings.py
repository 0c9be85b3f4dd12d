"""Findings: plain, frozen records with a position. Formatters read them; nothing prints here."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .kinds import KINDS

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One problem, at the YAML key a designer would edit.

    ``line`` and ``column`` are 1-based; 0 means "the whole file". ``node`` is the node id as
    written in the file; ``nodes`` are related node ids (``file#id`` when they cross files).
    ``when`` is ``None`` for "at all times", else the week windows in which it holds.
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

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}")
        if not self.severity:
            object.__setattr__(self, "severity", KINDS[self.kind].severity)

    @property
    def code(self) -> str:
        return KINDS[self.kind].code

    @property
    def sort_key(self):
        return (self.file or "", self.line, self.column, _SEVERITY_RANK.get(self.severity, 9),
                self.kind, self.intent or "", self.message)

    def __lt__(self, other: "Finding") -> bool:
        return self.sort_key < other.sort_key

    def with_severity(self, severity: str) -> "Finding":
        return replace(self, severity=severity)

    def qualified_nodes(self) -> tuple[str, ...]:
        """``node`` and ``nodes`` as graph node ids (``file#id``)."""
        ids = ((self.node,) if self.node else ()) + self.nodes
        return tuple(n if "#" in n else f"{self.file}#{n}" for n in ids)

    def to_dict(self) -> dict:
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
            "when": list(self.when) if self.when is not None else None,
            "nodes": list(self.nodes),
        }

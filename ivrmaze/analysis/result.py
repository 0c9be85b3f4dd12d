"""What analysis returns: plain frozen records, and one ``to_dict`` for every machine format."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding
from ..timeline import Window


@dataclass(frozen=True)
class IntentMetrics:
    """The five metrics for one phone line (``file`` + ``entry`` channel) and intent, over the
    windows in ``when`` (a tuple of window names; with ``--at``, the instant)."""

    file: str
    entry: str
    intent: str
    when: tuple[str, ...]
    best_hops: int | None
    guaranteed_hops: int | None
    resolve_probability: float | None  # None only when analysed with chances=False
    expected_hops: float | None
    retells: int | None
    best_route: tuple[str, ...] = ()  # qualified node ids, entry first

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON data (floats rounded to 6 places)."""
        return {
            "file": self.file,
            "entry": self.entry,
            "intent": self.intent,
            "when": list(self.when),
            "best_hops": self.best_hops,
            "guaranteed_hops": self.guaranteed_hops,
            "resolve_probability": _round(self.resolve_probability),
            "expected_hops": _round(self.expected_hops),
            "retells": self.retells,
            "best_route": list(self.best_route),
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


@dataclass(frozen=True)
class Analysis:
    """What ``ivrmaze.lint`` returns: the findings and metric rows of a maze, over the whole week
    (``at`` None), at one instant, or (``span``) over the windows ``at`` names; ``windows`` the
    windows analysed with their states."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    intents: tuple[IntentMetrics, ...]
    nodes: int
    at: str | None = None
    windows: tuple[tuple[Window, frozenset[str]], ...] = field(default=(), compare=False, repr=False)
    span: bool = False  # ``at`` names windows (all their instants), not one instant

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def worst_case_hops(self) -> int | None:
        """Largest guaranteed_hops where the intent can be resolved; None if one can't be guaranteed."""
        worst = None
        for m in self.intents:
            if m.best_hops is None:
                continue
            if m.guaranteed_hops is None:
                return None
            worst = m.guaranteed_hops if worst is None else max(worst, m.guaranteed_hops)
        return worst

    def summary(self) -> dict[str, Any]:
        """Counts of files, nodes, errors, warnings and infos, and the worst case hops."""
        return {"files": len(self.files), "nodes": self.nodes, "errors": self.errors,
                "warnings": self.warnings, "infos": len(self.findings) - self.errors - self.warnings,
                "worst_case_hops": self.worst_case_hops}

    def to_dict(self) -> dict[str, Any]:
        """The analysis as the JSON document of `ivrmaze check --format json`."""
        return {
            "files": list(self.files),
            "at": self.at,
            "findings": [f.to_dict() for f in self.findings],
            "intents": [m.to_dict() for m in self.intents],
            "summary": self.summary(),
        }

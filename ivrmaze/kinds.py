"""Every kind of finding ivrmaze reports, with its stable code.

Codes never change meaning; a renamed kind keeps its code (sqlfluff's rule).
IVM1xx: the file cannot be loaded as written. IVM2xx: the maze. IVM3xx: expectations.
"""
from __future__ import annotations

from dataclasses import dataclass

DOCS_URL = "https://github.com/ivrmaze/ivrmaze/blob/main/docs/checks.md"


@dataclass(frozen=True)
class Kind:
    name: str
    code: str
    severity: str  # error | warning | info
    summary: str
    enabled: bool = True  # enabled by default

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.name}"


_KINDS = [
    # Loading and validation (issue: menu language v1).
    Kind("file", "IVM100", "error", "The file cannot be read: missing, unreadable, too large or not UTF-8."),
    Kind("syntax", "IVM101", "error", "The file is not valid YAML."),
    Kind("duplicate-key", "IVM102", "error", "A key appears twice in one mapping."),
    Kind("unknown-key", "IVM103", "error", "A key the language does not know (often a typo)."),
    Kind("missing-key", "IVM104", "error", "A required key is absent."),
    Kind("type", "IVM105", "error", "A value of the wrong type."),
    Kind("node-kind", "IVM106", "error", "A node with no kind key or with two."),
    Kind("reference", "IVM107", "error", "A reference to an undefined node, schedule, intent or file."),
    Kind("dtmf", "IVM108", "error", "An option key that is not a DTMF key."),
    Kind("schedule", "IVM109", "error", "An invalid day spec, time range or date."),
    Kind("timezone", "IVM110", "error", "An unknown time zone."),
    Kind("unsafe", "IVM111", "error", "A YAML tag that would build objects, or an alias bomb."),
    Kind("version", "IVM112", "error", "A missing or unsupported format version."),
    Kind("config", "IVM113", "error", "An invalid limits block or .ivrmaze.yaml."),
    # The maze (issue: maze analysis).
    Kind("unreachable", "IVM201", "warning", "A node no call can reach."),
    Kind("dead-end", "IVM202", "warning", "The call ends here without resolving anything."),
    Kind("trap", "IVM203", "error", "Callers with this intent go round forever."),
    Kind("after-hours-trap", "IVM204", "error", "A trap or dead end that exists only at certain times."),
    Kind("ping-pong", "IVM205", "warning", "Agents can transfer a caller round in a cycle."),
    Kind("unresolvable-intent", "IVM206", "error", "No route resolves this intent at any time."),
    Kind("too-many-options", "IVM207", "warning", "A menu with more options than callers can keep in mind."),
    Kind("too-deep", "IVM208", "warning", "The best route takes more hops than the limit."),
    Kind("too-many-retells", "IVM209", "warning", "Callers must tell their story too many times."),
    Kind("no-zero-out", "IVM210", "info", "A menu with no quick way to a human.", enabled=False),
    # Expectations (issue: guarding menus in CI).
    Kind("expectation", "IVM301", "error", "An expectation in the file does not hold."),
]

KINDS: dict[str, Kind] = {k.name: k for k in _KINDS}
BY_CODE: dict[str, Kind] = {k.code: k for k in _KINDS}

SEVERITIES = ("error", "warning", "info")


def kind(name: str) -> Kind:
    return KINDS[name]

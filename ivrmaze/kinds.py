"""The record of a finding kind, and the kinds that belong to no check.

Codes never change meaning; a renamed kind keeps its code and lists its old name in
``aliases`` (sqlfluff's rule). IVM1xx: the file cannot be loaded as written. IVM2xx: the maze
(each check module in ``ivrmaze.checks`` holds its own kinds; ``directive``, the linter's
comment directives, is here). IVM3xx: expectations.

Vocabulary layer: imports nothing from ivrmaze.
"""
from __future__ import annotations

from dataclasses import dataclass

DOCS_URL = "https://github.com/ivrmaze/ivrmaze/blob/main/docs/checks.md"

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Kind:
    """One kind of finding: ``name`` as config and output spell it, its stable ``code``, the
    default ``severity``, a one-line ``summary``, whether it is ``enabled`` by default, the old
    names it still answers to (``aliases``) and the names of the ``limits`` its check reads."""

    name: str
    code: str
    severity: str  # error | warning | info
    summary: str
    enabled: bool = True
    aliases: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.name}"

    @property
    def tunable(self) -> bool:
        """Whether config may turn it on or off: a file that does not load cannot be analysed."""
        return not self.code.startswith("IVM1")


_LOADING = (
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
    Kind("companion", "IVM114", "warning", "A companion file's entry that names nothing in the platform flows, "
         "or what one would enable."),
)

#: The loading kinds (IVM1xx), by name.
LOADING: dict[str, Kind] = {k.name: k for k in _LOADING}

#: An expectation of the file that does not hold (checked by the verdicts, not by a check).
EXPECTATION = Kind("expectation", "IVM301", "error", "An expectation in the file does not hold.")

#: An `# ivrmaze:` comment directive that cannot be read or names no kind (applied by the linter).
DIRECTIVE = Kind("directive", "IVM213", "warning", "An `# ivrmaze:` comment directive that cannot be read "
                 "or names an unknown kind.")

#: The kinds no check module holds: every finding of these may leave out its code.
BASE: dict[str, Kind] = {**LOADING, DIRECTIVE.name: DIRECTIVE, EXPECTATION.name: EXPECTATION}

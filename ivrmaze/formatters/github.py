"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff.

``::error file=F,line=L,col=C,title=KIND CODE::message``; ``info`` findings become
``notice``. Escaping follows the Actions toolkit (``@actions/core`` ``command.ts``): in the
message ``%``, ``\\r`` and ``\\n``; in properties also ``:`` and ``,``. Then ``words.safe``
escapes every other control character, so no text from a menu can end the command, start a
new one on a line of its own, or send escape sequences to a log viewer.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..words import safe

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message, escaped as the Actions toolkit does (plus every other control character)."""
    return safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A command's property value (``file=``, ``title=``): also ``:`` and ``,`` escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """The workflow command for one finding."""
    props = []
    if f.file:
        props.append(("file", f.file))
        if f.line > 0:
            props.append(("line", str(f.line)))
            props.append(("col", str(max(f.column, 1))))
    props.append(("title", f"{f.kind} {f.code}"))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{_COMMANDS.get(f.severity, 'warning')} {head}::{escape_data(f.message)}"


def format_findings(findings: Iterable[Finding], *, files: list[str], tool_version: str) -> str:  # noqa: ARG001
    """One line per finding (``files`` and ``tool_version`` are unused: annotations carry neither)."""
    return "\n".join(annotation(f) for f in findings)

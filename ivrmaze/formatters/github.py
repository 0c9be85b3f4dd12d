"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff.

``::error file=F,line=L,col=C,title=KIND CODE::message (when: WINDOWS)``; ``info`` findings
become ``notice``; a finding that holds at some times only says when. Escaping follows the
Actions toolkit (``@actions/core`` ``command.ts``): in the message ``%``, ``\\r`` and ``\\n``;
in properties also ``:`` and ``,``. Then ``words.safe``
escapes every other control character, so no text from a menu can end the command, start a
new one on a line of its own, or send escape sequences to a log viewer.

``step_summary`` is the Markdown that `check` and `validate` append to the file named by
``$GITHUB_STEP_SUMMARY`` (the job's summary page).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..findings import Finding
from ..words import plural, safe
from . import markdown as md
from . import with_when

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
    return f"::{_COMMANDS.get(f.severity, 'warning')} {head}::{escape_data(with_when(f.message, f))}"


def format_findings(findings: Iterable[Finding], *, files: list[str], tool_version: str) -> str:  # noqa: ARG001
    """One line per finding (``files`` and ``tool_version`` are unused: annotations carry neither)."""
    return "\n".join(annotation(f) for f in findings)


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_WORST = 10  # findings listed in the step summary; the annotations carry them all


def _num(x: int | float | None) -> str:
    return "-" if x is None else (f"{x:.1f}" if isinstance(x, float) else str(x))


def _where(f: Finding) -> str:
    return f"{f.file}:{f.line}" if f.line else (f.file or "-")


def _intent_table(intents: Sequence[Any]) -> list[str]:
    """The per-intent table: one row per phone line, intent and set of windows."""
    if not intents:
        return []
    out = ["", "| line | intent | when | best | guaranteed | retells |", "|---|---|---|---:|---:|---:|"]
    out += [f"| {md.cell(m.file + ' ' + m.entry)} | {md.cell(m.intent)} | {md.cell('; '.join(m.when))} | "
            f"{_num(m.best_hops)} | {_num(m.guaranteed_hops)} | {_num(m.retells)} |" for m in intents]
    return out


def step_summary(title: str, findings: Sequence[Finding], intents: Sequence[Any] = (), *, at: str | None = None) -> str:
    """The Markdown appended to ``$GITHUB_STEP_SUMMARY``: the counts, the worst findings (errors
    first, at most ten), then the per-intent table. Menu text is escaped by ``formatters.markdown``."""
    counts = [sum(f.severity == s for f in findings) for s in ("error", "warning", "info")]
    head = f"### {title}: {plural(counts[0], 'error')}, {plural(counts[1], 'warning')}, {plural(counts[2], 'info')}"
    out = [head + (f" at {md.text(at)}" if at else "")]
    worst = sorted(findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 1), f.sort_key))[:_WORST]
    if worst:
        heading = f"The worst {plural(len(worst), 'finding')}" if len(findings) > len(worst) else "Findings"
        out += ["", f"#### {heading}", ""]
        out += [f"- **{f.severity}** `{f.kind} {f.code}` at {md.code(_where(f))}: "
                f"{md.text(with_when(f.message, f))}" for f in worst]
    return "\n".join(out + _intent_table(intents)) + "\n"

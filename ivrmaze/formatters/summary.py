"""The one-line summaries the text format ends with (validate, check)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..findings import Finding
from ..words import plural, safe


def worst_case_text(analysis: Any) -> str:
    """The worst guaranteed number of hops over the intents, in words."""
    if not analysis.intents:
        return "no intents to analyse"
    if all(m.best_hops is None for m in analysis.intents):
        return "no intent can be resolved"
    worst = analysis.worst_case_hops
    return "no guarantee (agents can keep a caller from resolution)" if worst is None else plural(worst, "hop")


def check_summary(findings: Sequence[Finding], analysis: Any, files: int, nodes: int) -> str:
    """``1 error, 2 warnings in 3 files (40 nodes) at Fri 16:30; worst case: 4 hops``."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    where = " at " + safe(analysis.at) if analysis.at else ""
    return (f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')} "
            f"({plural(nodes, 'node')}){where}; worst case: {worst_case_text(analysis)}")


def stopped_summary(problems: Sequence[Finding], where: str) -> str:
    """Why check stops before the analysis: ``1 problem in the menu files stops the analysis: fix it
    first`` (``where``: ``in the menu files`` or ``in the configuration``)."""
    n = len(problems)
    return (f"{plural(n, 'problem')} {where} {'stops' if n == 1 else 'stop'} the analysis: "
            f"fix {'it' if n == 1 else 'them'} first")


def validate_summary(problems: Sequence[Finding], files: int) -> str:
    """``2 problems in 1 of 3 files`` or ``3 files valid, no problems``."""
    if problems:
        return f"{plural(len(problems), 'problem')} in {len({p.file for p in problems})} of {plural(files, 'file')}"
    return f"{plural(files, 'file')} valid, no problems"

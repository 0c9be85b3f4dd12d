"""Every JSON document ivrmaze prints: ``check``, ``report``, ``validate``, ``call`` and ``diff``.

The documents are plain data built from the library's records (findings, intent metrics, call
results, diff results); ``dumps`` writes them the one way (indented, UTF-8 as is).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..findings import Finding

Document = dict[str, Any]


def dumps(doc: Document) -> str:
    """The document as printed: two-space indent, non-ASCII text kept (JSON escapes control characters)."""
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _counts(findings: Sequence[Finding]) -> tuple[int, int, int]:
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return errors, warnings, len(findings) - errors - warnings


def validate_document(problems: Sequence[Finding], files: list[str]) -> Document:
    """``ivrmaze validate --format json``: the load problems of ``files``."""
    errors = sum(p.severity == "error" for p in problems)
    return {"files": files, "findings": [p.to_dict() for p in problems],
            "summary": {"files": len(files), "errors": errors, "warnings": len(problems) - errors}}


def stopped_document(problems: Sequence[Finding], files: list[str], nodes: int) -> Document:
    """``ivrmaze check --format json`` when load or configuration problems stop the analysis."""
    errors = sum(p.severity == "error" for p in problems)
    return {"files": files, "findings": [p.to_dict() for p in problems], "intents": [],
            "summary": {"files": len(files), "nodes": nodes, "errors": errors,
                        "warnings": len(problems) - errors, "worst_case_hops": None}}


def report_document(analysis: Any, findings: Sequence[Finding] | None = None) -> Document:
    """``ivrmaze report --format json`` (the analysis' own findings), or with ``findings`` (the
    analysis' findings and the failed expectations, in order) ``ivrmaze check --format json``."""
    shown = analysis.findings if findings is None else findings
    errors, warnings, infos = _counts(shown)
    return {"files": list(analysis.files), "at": analysis.at, "findings": [f.to_dict() for f in shown],
            "intents": [m.to_dict() for m in analysis.intents],
            "summary": {"files": len(analysis.files), "nodes": analysis.nodes, "errors": errors,
                        "warnings": warnings, "infos": infos, "worst_case_hops": analysis.worst_case_hops}}


def call_document(file: str, entry: str, at: str, intent: str | None, keys: list[str], result: Any) -> Document:
    """``ivrmaze call --format json``: the call's settings, then how it went (``CallResult.to_dict``)."""
    return {"file": file, "entry": entry, "at": at, "intent": intent, "keys": keys, **result.to_dict()}


def diff_document(res: Any, fail_on: Sequence[str]) -> Document:
    """``ivrmaze diff --format json``: the verdict, the counts, then every change (findings with
    the names the user knows their files by, ``REV:path`` for a revision); ``unloaded``: the sides
    that do not load, with their problems (then nothing else is compared and the exit code is 2)."""
    reasons = res.reasons(fail_on)
    return {
        "old": res.old,
        "new": res.new,
        "at": res.at,
        "result": {"fails": bool(reasons), "reasons": reasons, "fail_on": list(fail_on)},
        "summary": res.summary(),
        "metrics": [m.to_dict() for m in res.metrics],
        "findings": {"added": [res.shown(f).to_dict() for f in res.added],
                     "removed": [res.shown(f).to_dict() for f in res.removed],
                     "moved": [{"old": res.shown(o).to_dict(), "new": res.shown(n).to_dict()} for o, n in res.moved]},
        "changes": [c.to_dict() for c in res.changes],
        "notes": list(res.notes),
        "unloaded": [u.to_dict() for u in res.unloaded],  # the sides that do not load (nothing compared)
    }

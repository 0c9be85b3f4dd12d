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


def summary(findings: Sequence[Finding], files: int, nodes: int, worst_case_hops: int | None = None) -> Document:
    """The one summary of check, report and validate: the same keys whatever happens."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return {"files": files, "nodes": nodes, "errors": errors, "warnings": warnings,
            "infos": len(findings) - errors - warnings, "worst_case_hops": worst_case_hops}


def validate_document(problems: Sequence[Finding], files: list[str], nodes: int) -> Document:
    """``ivrmaze validate --format json``: the load problems of ``files``."""
    return {"files": files, "findings": [p.to_dict() for p in problems],
            "summary": summary(problems, len(files), nodes)}


def stopped_document(problems: Sequence[Finding], files: list[str], nodes: int, at: str | None = None) -> Document:
    """``ivrmaze check`` or ``report --format json`` when load or configuration problems stop the
    analysis: the document of a run, every key present, with no intents analysed."""
    return {"files": files, "at": at, "findings": [p.to_dict() for p in problems], "intents": [],
            "summary": summary(problems, len(files), nodes)}


def report_document(analysis: Any, findings: Sequence[Finding] | None = None) -> Document:
    """``ivrmaze report --format json`` (the analysis' own findings), or with ``findings`` (the
    analysis' findings and the failed expectations, in order) ``ivrmaze check --format json``."""
    shown = analysis.findings if findings is None else findings
    return {"files": list(analysis.files), "at": analysis.at, "findings": [f.to_dict() for f in shown],
            "intents": [m.to_dict() for m in analysis.intents],
            "summary": summary(shown, len(analysis.files), analysis.nodes, analysis.worst_case_hops)}


def unloaded_call_document(file: str, entry: str, intent: str | None, keys: list[str],
                           problems: Sequence[Finding]) -> Document:
    """``ivrmaze call --format json`` on a file that does not load: the call document's keys, outcome
    ``not-loaded``, no move, and each problem as an event of kind ``problem``."""
    events = [{"kind": "problem", "node": None, "key": None,
               "text": f"{p.file}:{p.line}:{p.column}: {p.severity}: {p.message} [{p.kind} {p.code}]"}
              for p in problems]
    return {"file": file, "entry": entry, "at": None, "intent": intent, "keys": keys, "outcome": "not-loaded",
            "node": None, "hops": 0, "retells": 0, "route": [], "keys_used": 0, "events": events}


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

"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, VS Code's SARIF viewer).

One rule per finding kind: ``id`` is the kind's stable code, ``name`` the kind, ``helpUri``
its section of docs/checks.md. One result per finding, at the finding's file, line and column.
A ``partialFingerprints`` entry built from the finding's kind, file, node and intent (not its
line) lets code scanning follow an alert when lines above it move. Under a baseline (``ivrmaze
check --baseline``) each result has a ``baselineState`` (``new`` or ``unchanged``) and the
baseline's findings no longer found are results too, with ``baselineState: absent``. The
message ends with when the finding holds (``(when: Mon-Fri 16:00-20:00)``), and
``properties.when`` lists its windows (``null`` for a finding that holds at all times, as in the
JSON documents).
"""
from __future__ import annotations

import json
import os
import pathlib
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import Any

from ..checks import KINDS
from ..findings import Finding, fingerprint
from ..kinds import Kind
from . import with_when

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/ivrmaze/ivrmaze"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI (``menus/x.yaml``) for a path below the current folder, else a ``file:`` URI."""
    p = pathlib.Path(path)
    if p.is_absolute():
        rel = os.path.relpath(p)
        if rel.startswith(".."):
            return p.as_uri()
        p = pathlib.Path(rel)
    return urllib.parse.quote(p.as_posix())


def _rule(kind: Kind) -> dict[str, Any]:
    return {
        "id": kind.code,
        "name": kind.name,
        "shortDescription": {"text": kind.summary},
        "fullDescription": {"text": f"{kind.name} ({kind.code}): {kind.summary} See {kind.help_uri}"},
        "helpUri": kind.help_uri,
        "help": {"text": f"{kind.summary} How to fix it: {kind.help_uri}",
                 "markdown": f"{kind.summary} [How to fix it]({kind.help_uri})."},
        "defaultConfiguration": {"level": _LEVELS[kind.severity], "enabled": kind.enabled},
    }


def _result(f: Finding, rule_index: dict[str, int], state: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index[f.code],
        "level": _LEVELS.get(f.severity, "warning"),
        "message": {"text": with_when(f.message, f)},
        "partialFingerprints": {"ivrmazeFinding/v1": fingerprint(f)},
    }
    if state is not None:
        out["baselineState"] = state
    if f.file:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(f.file)}}
        if f.line > 0:
            physical["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        out["locations"] = [{"physicalLocation": physical}]
    props: dict[str, Any] = {k: v for k, v in (("kind", f.kind), ("node", f.node), ("intent", f.intent)) if v}
    props["when"] = list(f.when) if f.when is not None else None  # as in JSON: null for "at all times"
    if f.nodes:
        props["nodes"] = list(f.nodes)
    out["properties"] = props
    return out


def sarif_log(findings: Iterable[Finding], *, files: Iterable[str], tool_version: str,
              states: Sequence[str] | None = None, absent: Iterable[Finding] = ()) -> dict[str, Any]:
    """The SARIF log as plain data. ``states``: each finding's ``baselineState`` (``new`` or
    ``unchanged``, in order); ``absent``: a baseline's findings no longer found."""
    findings = list(findings)
    marks: Sequence[str | None] = [None] * len(findings) if states is None else states
    kinds = list(KINDS.values())
    rule_index = {k.code: i for i, k in enumerate(kinds)}
    results = [_result(f, rule_index, m) for f, m in zip(findings, marks, strict=True)]
    results += [_result(f, rule_index, "absent") for f in absent]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ivrmaze",
                "version": tool_version,
                "semanticVersion": tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(k) for k in kinds],
            }},
            "artifacts": [{"location": {"uri": artifact_uri(p)}} for p in files],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def format_findings(findings: Iterable[Finding], *, files: Iterable[str], tool_version: str,
                    states: Sequence[str] | None = None, absent: Iterable[Finding] = ()) -> str:
    """The SARIF log as JSON text (``states``, ``absent``: as ``sarif_log``)."""
    log = sarif_log(findings, files=files, tool_version=tool_version, states=states, absent=absent)
    return json.dumps(log, indent=2, ensure_ascii=False)

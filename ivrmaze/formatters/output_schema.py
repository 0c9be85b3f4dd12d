"""JSON Schemas (draft-07) of the documents ``--format json`` prints: one shape per command,
whatever happens (every key always present; a run that stops on load problems has the same keys).

``ivrmaze schema --output check|report|validate|diff|call`` prints them; the tests validate every
JSON output against them. The documents themselves are built by ``formatters.json``.
"""
from __future__ import annotations

import json
from typing import Any

from ..schema import DRAFT

Schema = dict[str, Any]
SCHEMA_BASE = "https://raw.githubusercontent.com/ivrmaze/ivrmaze/main/docs/schemas/"

_STR = {"type": "string"}
_INT = {"type": "integer", "minimum": 0}
_NULL_STR = {"type": ["string", "null"]}
_NULL_INT = {"type": ["integer", "null"], "minimum": 0}
_NULL_NUM = {"type": ["number", "null"]}
_STRS = {"type": "array", "items": _STR}
_WHEN = {"type": "array", "items": _STR, "minItems": 1}


def _object(props: dict[str, Any]) -> Schema:
    """An object with exactly these keys, every one of them required."""
    return {"type": "object", "required": list(props), "properties": props, "additionalProperties": False}


FINDING = _object({
    "kind": _STR, "severity": {"enum": ["error", "warning", "info"]},
    "code": {"type": "string", "pattern": "^IVM[0-9]{3}$"},
    "message": _STR, "file": _NULL_STR, "line": _INT, "column": _INT, "node": _NULL_STR, "intent": _NULL_STR,
    "intents": _STRS, "when": {"oneOf": [{"type": "null"}, _WHEN]}, "nodes": _STRS,
    # the platform of the file (`amazon-connect`, `genesys-archy`, `twilio-studio`, `asterisk`); null: ivrmaze YAML
    "platform": {"type": ["string", "null"], "pattern": "^[a-z][a-z0-9-]*$"},
})
SUMMARY = _object({"files": _INT, "nodes": _INT, "errors": _INT, "warnings": _INT, "infos": _INT,
                   "worst_case_hops": _NULL_INT})
INTENT = _object({
    "file": _STR, "entry": _STR, "intent": _STR, "when": _WHEN, "best_hops": _NULL_INT, "guaranteed_hops": _NULL_INT,
    "resolve_probability": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
    "expected_hops": _NULL_NUM, "retells": _NULL_INT, "best_route": _STRS,
})
_FINDINGS = {"type": "array", "items": {"$ref": "#/definitions/finding"}}
_DEFINITIONS = {"finding": FINDING, "summary": SUMMARY, "intent": INTENT}


def _run_document(title: str, description: str) -> Schema:
    """check and report: the files, the instant (null: the whole week), findings, intents, summary."""
    return {**_object({"files": _STRS, "at": _NULL_STR, "findings": _FINDINGS,
                       "intents": {"type": "array", "items": {"$ref": "#/definitions/intent"}},
                       "summary": {"$ref": "#/definitions/summary"}}), "title": title, "description": description}


_BASELINE_ENTRY = {"type": "object", "required": ["kind", "file", "node", "intent", "fingerprint"]}
#: check with --baseline: the matching (the other findings are in the baseline)
BASELINE = _object({"file": _STR, "new": _INT, "unchanged": _INT,
                    "absent": {"type": "array", "items": _BASELINE_ENTRY}})


def _check_document() -> Schema:
    """check's document; `baseline` is null without --baseline."""
    doc = _run_document("ivrmaze check --format json",
                        "Findings (with the failed expectations) and the metrics per intent; when a file does not "
                        "load, its problems as findings, no intents, `at` null; with --baseline, the new findings "
                        "only and the matching in `baseline` (null without --baseline).")
    doc["properties"] = {**doc["properties"], "baseline": {"oneOf": [{"type": "null"}, BASELINE]}}
    doc["required"] = [*doc["required"], "baseline"]
    return doc


def _validate() -> Schema:
    return {**_object({"files": _STRS, "findings": _FINDINGS, "summary": {"$ref": "#/definitions/summary"}}),
            "title": "ivrmaze validate --format json",
            "description": "The load problems of the files; the summary has the keys of check's."}


_CHANGE_VALUE = {"type": ["string", "integer", "number", "boolean", "array", "object", "null"]}


def _diff() -> Schema:
    metric = _object({"file": _STR, "entry": _STR, "intent": _STR, "metric": _STR, "old": _CHANGE_VALUE,
                      "new": _CHANGE_VALUE, "change": {"enum": ["worse", "better"]}, "when": _WHEN})
    change = _object({"change": {"enum": ["added", "removed", "changed"]}, "what": _STR, "file": _STR,
                      "node": _NULL_STR, "key": _NULL_STR, "old": _CHANGE_VALUE, "new": _CHANGE_VALUE, "line": _INT})
    moved = _object({"old": {"$ref": "#/definitions/finding"}, "new": {"$ref": "#/definitions/finding"}})
    counts = ("changes", "findings_added", "findings_removed", "findings_moved", "worse", "better")
    return {**_object({
        "old": _STR, "new": _STR, "at": _NULL_STR,
        "result": _object({"fails": {"type": "boolean"}, "reasons": _STRS, "fail_on": _STRS}),
        "summary": _object({k: _INT for k in counts}),
        "metrics": {"type": "array", "items": metric},
        "findings": _object({"added": _FINDINGS, "removed": _FINDINGS, "moved": {"type": "array", "items": moved}}),
        "changes": {"type": "array", "items": change},
        "notes": _STRS,
        "unloaded": {"type": "array", "items": _object({"side": {"enum": ["old", "new"]}, "label": _STR,
                                                         "problems": _FINDINGS})},
    }), "title": "ivrmaze diff --format json", "description": "What a change to menu files does to callers."}


def _call() -> Schema:
    event = _object({"kind": _STR, "node": _NULL_STR, "text": _STR, "key": _NULL_STR})
    return {**_object({
        "file": _STR, "entry": _STR, "at": _NULL_STR, "intent": _NULL_STR, "keys": _STRS,
        "outcome": {"enum": ["resolved", "arrived", "ended", "waiting", "answered", "loop", "hung-up", "too-long",
                             "left", "not-loaded"]},
        "node": _NULL_STR, "hops": _INT, "retells": _INT, "route": _STRS, "keys_used": _INT,
        "events": {"type": "array", "items": event},
    }), "title": "ivrmaze call --format json", "description": "The call's settings, then how it went."}


def _schemas() -> dict[str, Schema]:
    return {
        "check": _check_document(),
        "report": _run_document("ivrmaze report --format json",
                                "The metrics per phone line and intent over the week windows, and the findings."),
        "validate": _validate(),
        "diff": _diff(),
        "call": _call(),
    }


OUTPUTS = ("check", "report", "validate", "diff", "call")


def output_schema(command: str) -> Schema:
    """The JSON Schema of ``ivrmaze COMMAND --format json``."""
    body = _schemas()[command]
    return {"$schema": DRAFT, "$id": f"{SCHEMA_BASE}{command}.schema.json", **body, "definitions": _DEFINITIONS}


def output_schema_text(command: str) -> str:
    return json.dumps(output_schema(command), indent=2, ensure_ascii=False) + "\n"

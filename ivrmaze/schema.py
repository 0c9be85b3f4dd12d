"""The menu language as a JSON Schema (draft-07), built from the tables in ivrmaze/language.py.

Editors that speak yaml-language-server use it for completion, hover docs and inline errors
(see docs/format.md for the modeline). Nothing here restates a field: each ``Field.type``
maps to a schema through ``TYPES``, so a new field in language.py appears here by itself,
and a new *type* needs one entry in ``TYPES``.

The schema accepts what the loader accepts, as far as JSON Schema can say it: references
between nodes, schedules and intents, and equal start and end times, are left to
``ivrmaze validate``.
"""
from __future__ import annotations

import json

from . import language as L
from .config import DEFAULT_LIMITS, LIMIT_DOCS
from .kinds import KINDS as FINDING_KINDS

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://raw.githubusercontent.com/ivrmaze/ivrmaze/main/docs/ivrmaze.schema.json"
REF = "#/definitions/"


def _ci(word: str) -> str:
    """A regex matching ``word`` in any case (JSON Schema patterns have no flags)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def day_spec_pattern() -> str:
    """Keys of a schedule that name days: ``mon``, ``mon-fri``, ``sat, sun``, ``fri-mon``, ``daily``."""
    day = "(" + "|".join(_ci(d) for d in L.DAY_FULL_NAMES + L.DAY_NAMES) + ")"
    part = rf"{day}(\s*-\s*{day})?"
    whole_week = "|".join(_ci(d) for d in L.EVERY_DAY)
    return rf"^\s*({part}(\s*,\s*{part})*|{whole_week})\s*$"


def time_range_pattern() -> str:
    """``HH:MM-HH:MM``; hours 00-23 (one digit allowed), ``24:00`` only as an end."""
    time = "([01]?[0-9]|2[0-3]):[0-5][0-9]"
    return rf"^\s*{time}\s*-\s*({time}|24:00)\s*$"


DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _ref(name: str) -> dict:
    return {"$ref": REF + name}


def _mapping(fields, where: str) -> dict:
    """An object with exactly ``fields`` (a tuple of language.Field)."""
    out = {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    if where:
        out["description"] = where
    return out


def field_schema(f: L.Field) -> dict:
    """The schema of one field: its type's schema, plus the field's doc and default."""
    out = dict(TYPES[f.type]())
    out["description"] = f.doc
    out["markdownDescription"] = f.doc
    if f.default is not None:
        out["default"] = f.default
    return out


def expect_item_schema() -> dict:
    """One entry of `expect:`, from the expectation tables in ivrmaze/expectations.py."""
    from .expectations import item_schema

    return item_schema()


def _limits() -> dict:
    props = {name: {"type": "integer", "minimum": 0, "default": default, "description": LIMIT_DOCS.get(name, "")}
             for name, default in DEFAULT_LIMITS.items()}
    setting = {"enum": [True, False, "error", "warning", "info"],
               "description": "true/false turns the check on or off; error, warning or info sets its severity."}
    props["checks"] = {
        "type": "object",
        "description": "Finding kind -> true, false, error, warning or info.",
        # loading problems (IVM1xx) cannot be turned off: only the maze's checks and expectations
        "properties": {name: dict(setting, description=k.summary) for name, k in FINDING_KINDS.items()
                       if not k.code.startswith("IVM1")},
        "additionalProperties": False,
    }
    return {"type": "object", "properties": props, "additionalProperties": False}


#: Field.type -> a function returning its schema (a `$ref` where the shape is shared).
TYPES = {
    "version": lambda: {"const": L.FORMAT_VERSION},
    "text": lambda: _ref("text"),
    "int": lambda: {"type": "integer", "minimum": 1},
    "bool": lambda: {"type": "boolean"},
    "timezone": lambda: {"type": "string", "examples": ["Europe/Amsterdam", "Europe/Brussels", "UTC"]},
    "target": lambda: _ref("target"),
    "schedule": lambda: {"type": "string", "description": "The name of a schedule under `hours:`."},
    "resolves": lambda: _ref("resolves"),
    "transfers": lambda: _ref("transfers"),
    "options": lambda: _ref("options"),
    "external": lambda: _ref("external"),
    "channels": lambda: {"type": "object", "additionalProperties": _ref("target")},
    "hours": lambda: {"type": "object", "additionalProperties": _ref("schedule")},
    "intents": lambda: {"type": "object", "additionalProperties": {"anyOf": [_ref("text"), {"type": "null"}]}},
    "nodes": lambda: {"type": "object", "minProperties": 1,
                      "propertyNames": {"not": {"const": L.HANGUP}, "pattern": f"^[^{L.ID_FORBIDDEN}]*$"},
                      "additionalProperties": _ref("node")},
    "limits": _limits,
    "expect": lambda: {"type": "array", "items": expect_item_schema()},
}


def _definitions() -> dict:
    time_range = {"type": "string", "pattern": time_range_pattern(),
                  "description": 'Opening hours such as "08:00-16:00"; an end before the start runs past midnight.'}
    option = _mapping(L.OPTION_FIELDS, "")
    transfer = _mapping(L.TRANSFER_FIELDS, "")
    defs = {
        "text": {"type": ["string", "number"]},
        "target": {"type": ["string", "integer"],
                   "description": f"A node id of this file, or `{L.HANGUP}` (the call ends)."},
        "resolves": {"anyOf": [
            {"const": "*", "description": "Any intent."},
            _ref("text"),
            {"type": "array", "items": _ref("text")},
        ]},
        "transfers": {"anyOf": [_ref("target"), {"type": "array", "items": {"anyOf": [_ref("target"), transfer]}}]},
        "options": {
            "type": "object",
            "properties": {key: {"anyOf": [_ref("target"), option]} for key in L.DTMF_KEYS},
            "additionalProperties": False,
            "description": "DTMF key (0-9, * or #; quote `\"*\"` and `\"#\"`) -> target.",
        },
        "external": {"anyOf": [_ref("text"), _mapping(L.EXTERNAL_FIELDS, "")]},
        "schedule": {
            "type": "object",
            "properties": {L.HOLIDAYS: {
                "type": "array",
                "items": {"type": "string", "pattern": DATE_PATTERN, "format": "date"},
                "description": "Dates (YYYY-MM-DD) on which the schedule is closed all day.",
            }},
            "patternProperties": {day_spec_pattern(): {"anyOf": [time_range, {"type": "array", "items": time_range}]}},
            "additionalProperties": False,
            "description": 'Days -> opening hours, such as `mon-fri: "08:00-16:00"`; times in the file\'s timezone.',
        },
        "node": {"oneOf": [_ref(f"node-{kind}") for kind in L.KINDS]},
    }
    for kind in L.KINDS:
        defs[f"node-{kind}"] = _mapping(L.NODE_FIELDS[kind], f"A `{kind}` node.")
    return defs


def build_schema() -> dict:
    """The JSON Schema of a menu file, as a dict."""
    top = _mapping(L.TOP_LEVEL, "")
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": f"ivrmaze menu file (format {L.FORMAT_VERSION})",
        "description": "A phone (IVR) menu for ivrmaze; see docs/format.md.",
        "type": "object",
        "properties": top["properties"],
        "required": top["required"],
        "additionalProperties": False,
        "definitions": _definitions(),
    }


def schema_text() -> str:
    """The schema as published in docs/ivrmaze.schema.json (ends with a newline)."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"

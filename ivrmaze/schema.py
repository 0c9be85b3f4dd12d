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
from collections.abc import Callable
from typing import Any

from . import expectations as E
from . import language as L
from .config import Settings

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
#: What YAML 1.1 readers (PyYAML, yamllint) read as true or false where YAML 1.2 readers read text;
#: ivrmaze reads values as YAML 1.1 does, so a true/false field accepts them as text too.
YAML11_BOOLS = tuple(w for word in ("yes", "no", "on", "off") for w in (word, word.title(), word.upper()))
#: A value that is no JSON value: what a YAML 1.1 reader makes of an unquoted date or time stamp
#: (a JSON validator never sees one; a validator fed PyYAML's output does).
YAML11_TIMESTAMP = {"not": {"type": ["string", "number", "boolean", "null", "array", "object"]},
                    "description": "A date as a YAML 1.1 reader gives it (unquoted)."}
BOOL = {"anyOf": [{"type": "boolean"}, {"enum": list(YAML11_BOOLS)}],
        "description": "true or false (`yes`/`no`/`on`/`off` are read as YAML 1.1 reads them)."}
YEARLY_PATTERN = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
#: What the loader reads as a date, not a calendar's name (`2026-12-24`, `12-24`)
DATE_LIKE = r"^\s*([0-9]{2,4}-[0-9]|[0-9]+$)"


def calendar_name_pattern() -> str:
    """Names a schedule's key may give a calendar: not a day's start, not `holidays`, not a date."""
    return "^(?!\\s*(" + "|".join(_ci(d) for d in L.DAY_STARTS) + f")|{L.HOLIDAYS}$|[0-9]{{2,4}}-[0-9]|[0-9]+$)"

#: Ids (node, intent, schedule, channel) as far as a pattern both JavaScript and Python read alike
#: can say it: no space, control, bidirectional control, line separator or ASCII punctuation
#: other than `_ - . : ,` (symbols beyond ASCII, which the loader refuses too, pass here).
ID_PATTERN = "^[^\\s\\x00-\\x1f\\x7f-\\x9f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069!-+/;-@\\[-^`{-~]+$"


def _ref(name: str) -> dict:
    return {"$ref": REF + name}


def _ids(values: dict[str, Any]) -> dict[str, Any]:
    """An object whose keys are ids and whose values are ``values``."""
    return {"type": "object", "propertyNames": {"pattern": ID_PATTERN}, "additionalProperties": values}


def _mapping(fields: tuple[L.Field, ...], where: str, settings: Settings) -> dict[str, Any]:
    """An object with exactly ``fields`` (a tuple of language.Field)."""
    out = {
        "type": "object",
        "properties": {f.name: field_schema(f, settings) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    if where:
        out["description"] = where
    return out


def field_schema(f: L.Field, settings: Settings) -> dict[str, Any]:
    """The schema of one field: its type's schema, plus the field's doc and default."""
    out = dict(TYPES[f.type](settings))
    out["description"] = f.doc
    out["markdownDescription"] = f.doc
    if f.default is not None:
        out["default"] = f.default
    return out


# -- `expect:` items, from the expectation tables in ivrmaze/expectations.py ---------
def _range(s: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {"min": s, "max": s}, "additionalProperties": False, "minProperties": 1}


def _type_schema(ftype: str, settings: Settings) -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0}
    number = {"type": "number", "minimum": 0}
    prob = {"type": "number", "minimum": 0, "maximum": 1}
    rng = _range
    window = {"anyOf": [{"type": "string", "minLength": 1}, YAML11_TIMESTAMP]}
    schemas: dict[str, dict[str, Any]] = {
        "period": {"anyOf": [window, {"type": "array", "items": window, "minItems": 1}]},
        "intent": {"type": ["string", "integer"]},
        "channel": {"type": "string"},
        "text": {"type": ["string", "number"]},
        "keys": {"type": "array", "items": {"anyOf": [{"enum": list(L.DTMF_KEYS)},
                                                        {"type": "integer", "minimum": 0, "maximum": 9}]}},
        "target": {"type": ["string", "integer"]},
        "bool": BOOL,
        "count-range": rng(count),
        "number-range": rng(number),
        "probability-range": rng(prob),
        "finding-kind": {"enum": list(E.analysis_kinds(settings))},
    }
    return schemas[ftype]


def expect_item_schema(settings: Settings) -> dict[str, Any]:
    """JSON Schema (draft-07) of one item of `expect:`; ``settings`` give the kinds `no:` may name."""

    def family(name: str) -> dict[str, Any]:
        fields = E.FAMILIES[name] + E.SHARED[name]
        props = {f.name: dict(_type_schema(f.type, settings), description=f.doc) for f in fields}
        schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False,
                  "description": f"A {name} expectation."}
        own = [f.name for f in E.FAMILIES[name] if f.name != "keys"]
        schema["anyOf"] = [{"required": [k]} for k in own]
        for old, new in E.RENAMED.items():
            if new in props:  # refused here, for YAML 1.1 and 1.2 readers alike (1.1 reads `no:` as false)
                message = f"`{old}:` is deprecated (YAML 1.1 reads the key `{old}` as false): write `{new}:`."
                props[old] = {"not": {}, "description": message, "deprecationMessage": message}
        if name == "bounds":
            schema["required"] = ["intent"]
        return schema

    return {"oneOf": [family(n) for n in E.FAMILIES],
            "description": "An expectation that `ivrmaze check` verifies (see docs/format.md#expectations)."}


def _limits(settings: Settings) -> dict[str, Any]:
    props: dict[str, Any] = {name: {"type": "integer", "minimum": 0, "default": default, "description": doc}
                             for name, (default, doc) in settings.limits.items()}
    props.update({name: {"type": "array", "items": {"type": "string"}, "description": doc}
                  for name, (doc, _) in settings.lists.items()})
    setting = {"enum": [True, False, "error", "warning", "info", *YAML11_BOOLS],
               "description": "true/false turns the check on or off; error, warning or info sets its severity."}
    props["checks"] = {
        "type": "object",
        "description": "Finding kind -> true, false, error, warning or info.",
        # loading problems (IVM1xx) cannot be turned off: only the maze's checks and expectations
        "properties": {name: dict(setting, description=k.summary) for name, k in settings.kinds.items()
                       if not k.code.startswith("IVM1")},
        "additionalProperties": False,
    }
    return {"type": "object", "properties": props, "additionalProperties": False}


def _nodes(_: Settings) -> dict[str, Any]:
    # `hangup` is the built-in target, in any case; ID_PATTERN also keeps out `#` (it joins file and id)
    # (a YAML 1.1 reader gives an id such as `no` as false: not text, so neither pattern applies)
    names = {"not": {"type": "string", "pattern": f"^{_ci(L.HANGUP)}$"}, "pattern": ID_PATTERN}
    return {"type": "object", "minProperties": 1, "propertyNames": names, "additionalProperties": _ref("node")}


#: Field.type -> a function of the settings returning its schema (a `$ref` where the shape is shared).
TYPES: dict[str, Callable[[Settings], dict[str, Any]]] = {
    "version": lambda _: {"const": L.FORMAT_VERSION},
    "text": lambda _: _ref("text"),
    "int": lambda _: {"type": "integer", "minimum": 1},
    "bool": lambda _: BOOL,
    "end": lambda _: {"enum": list(L.END_VALUES)},
    "timezone": lambda _: {"type": "string", "examples": ["Europe/Amsterdam", "Europe/Brussels", "UTC"]},
    "target": lambda _: _ref("target"),
    "schedule": lambda _: {"type": "string", "description": "The name of a schedule under `hours:`, or "
                           f"`{L.UNKNOWN_HOURS}` (hours not in the files)."},
    "outcomes": lambda _: _ref("outcomes"),
    "outcome": lambda _: {"type": ["string", "number"], "description": "The name of one of the node's `outcomes`."},
    "resolves": lambda _: _ref("resolves"),
    "transfers": lambda _: _ref("transfers"),
    "options": lambda _: _ref("options"),
    "external": lambda _: _ref("external"),
    "channels": lambda _: _ids(_ref("target")),
    "hours": lambda _: _ids(_ref("schedule")),
    "calendars": lambda _: {"type": "object", "additionalProperties": _ref("calendar"), "propertyNames": {
        "allOf": [{"pattern": ID_PATTERN}, {"pattern": calendar_name_pattern()}]}},
    "intents": lambda _: _ids({"anyOf": [_ref("text"), {"type": "null"}]}),
    "nodes": _nodes,
    "limits": _limits,
    "expect": lambda settings: {"type": "array", "items": expect_item_schema(settings)},
}


def _holiday_definitions(settings: Settings) -> dict[str, Any]:
    country = _mapping(L.COUNTRY_FIELDS, "A country's public holidays (and its subdivision's).", settings)
    holiday = {"anyOf": [
        {"type": "string", "pattern": DATE_PATTERN, "format": "date", "description": "A date, YYYY-MM-DD."},
        YAML11_TIMESTAMP,
        {"type": "string", "pattern": YEARLY_PATTERN, "description": "A date every year, MM-DD."},
        country]}
    named = {"anyOf": [_ref("holiday"), {"type": "string", "pattern": ID_PATTERN, "not": {"pattern": DATE_LIKE},
                                         "description": "The name of a calendar under `calendars:`."}]}
    return {
        "holiday": holiday,
        "calendar": {"anyOf": [_ref("holiday"), {"type": "array", "items": _ref("holiday")}],
                     "description": "Holidays: dates, yearly dates (MM-DD) and countries' public holidays."},
        "holidays": {"anyOf": [named, {"type": "array", "items": named}],
                     "description": "Dates on which the schedule is closed all day: dates, yearly dates, "
                     "countries and names of calendars."},
    }


def _schedule(time_range: dict[str, Any]) -> dict[str, Any]:
    ranges = {"anyOf": [time_range, {"type": "array", "items": time_range}]}
    day = {"type": "string", "pattern": time_range_pattern(),
           "description": "Special hours: on this date the schedule is open only then."}
    special = {"anyOf": [day, {"type": "array", "items": day}]}
    return {
        "type": "object",
        "properties": {L.HOLIDAYS: _ref("holidays")},
        "patternProperties": {day_spec_pattern(): ranges, DATE_PATTERN: special, YEARLY_PATTERN: special},
        # any other key names a calendar, with its special hours (references are left to the loader)
        "propertyNames": {"anyOf": [{"const": L.HOLIDAYS}, {"pattern": day_spec_pattern()}, {"pattern": DATE_PATTERN},
                                    {"pattern": YEARLY_PATTERN}, {"pattern": calendar_name_pattern()}]},
        "additionalProperties": special,
        "description": 'Days -> opening hours, such as `mon-fri: "08:00-16:00"`; `holidays`; a date or '
                       'calendar -> its special hours; times in the file\'s timezone.',
    }


def _definitions(settings: Settings) -> dict[str, Any]:
    time_range = {"type": "string", "pattern": time_range_pattern(),
                  "description": 'Opening hours such as "08:00-16:00"; an end before the start runs past midnight.'}
    option = _mapping(L.OPTION_FIELDS, "", settings)
    transfer = _mapping(L.TRANSFER_FIELDS, "", settings)
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
            # a YAML reader gives `1:` as the number 1 (ivrmaze reads it as the key "1")
            "propertyNames": {"anyOf": [{"enum": list(L.DTMF_KEYS)}, {"type": "integer", "minimum": 0, "maximum": 9}]},
            "additionalProperties": {"anyOf": [_ref("target"), option]},
            "description": "DTMF key (0-9, * or #; quote `\"*\"` and `\"#\"`) -> target.",
        },
        "external": {"anyOf": [_ref("text"), {**_mapping(L.EXTERNAL_FIELDS, "", settings),
                                              "oneOf": [{"required": ["file"]}, {"required": ["flow"]}]}]},
        "outcomes": {"type": "object", "minProperties": 1,
                     "additionalProperties": {"anyOf": [_ref("target"), _mapping(L.OUTCOME_FIELDS, "", settings)]},
                     "description": "Outcome name -> target: the system picks one."},
        "schedule": _schedule(time_range),
        **_holiday_definitions(settings),
        "node": {"oneOf": [_ref(f"node-{kind}") for kind in L.KINDS]},
    }
    for kind in L.KINDS:
        defs[f"node-{kind}"] = _mapping(L.NODE_FIELDS[kind], f"A `{kind}` node.", settings)
    # a menu needs a way on: at least one option, or `no_input` / `no_match`
    defs["node-menu"]["anyOf"] = [{"required": ["options"], "properties": {"options": {"minProperties": 1}}},
                                  {"required": ["no_input"]}, {"required": ["no_match"]}]
    return defs


def menu_schema(settings: Settings) -> dict[str, Any]:
    """The JSON Schema of a menu file, as a dict; ``settings`` give the kinds and limits it names."""
    top = _mapping(L.TOP_LEVEL, "", settings)
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": f"ivrmaze menu file (format {L.FORMAT_VERSION})",
        "description": "A phone (IVR) menu for ivrmaze; see docs/format.md.",
        "type": "object",
        "properties": top["properties"],
        "required": top["required"],
        "additionalProperties": False,
        "definitions": _definitions(settings),
    }


def schema_text(settings: Settings) -> str:
    """The schema as published in docs/ivrmaze.schema.json (ends with a newline)."""
    return json.dumps(menu_schema(settings), indent=2, ensure_ascii=False) + "\n"

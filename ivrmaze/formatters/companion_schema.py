"""The JSON Schema (draft-07) of the companion file (``ivrmaze schema --companion``), built from its
field tables in ``load/companion.py`` and the menu schema's definitions (schedules, intents...),
published as docs/schemas/companion.schema.json (docs/platforms/companion.md)."""
from __future__ import annotations

import json
from typing import Any

from .. import language as L
from ..config import Settings
from ..load import companion as C
from ..schema import DRAFT, field_schema, menu_schema

SCHEMA_ID = "https://raw.githubusercontent.com/ivrmaze/ivrmaze/main/docs/schemas/companion.schema.json"
_REF = "#/definitions/"


def _object(fields: tuple[L.Field, ...], settings: Settings, types: dict[str, Any]) -> dict[str, Any]:
    props = {f.name: {**types[f.type], "description": f.doc} if f.type in types else field_schema(f, settings)
             for f in fields}
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    required = [f.name for f in fields if f.required]
    return {**out, "required": required} if required else out


def companion_schema(settings: Settings) -> dict[str, Any]:
    """The companion file's schema, as a dict."""
    defs = dict(menu_schema(settings)["definitions"])
    transfer = {"type": "object", "properties": {"to": {"$ref": _REF + "text"}, "warm": {"type": "boolean"}},
                "required": ["to"], "additionalProperties": False}
    export = {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
              "properties": {"aws": {"type": "object", "description": "aws connect describe-hours-of-operation."},
                             "genesys": {"type": "object", "description": "A Genesys Cloud schedule group export."},
                             "file": {"type": "string", "description": "An export saved as JSON or YAML, relative "
                                                                       "to the companion file."}}}
    types: dict[str, Any] = {
        "version": {"const": C.FORMAT_VERSION},
        "transfers": {"type": "array", "items": {"anyOf": [{"$ref": _REF + "text"}, transfer]}},
        "companion-hours": {"type": "object", "additionalProperties": {"anyOf": [export, {"$ref": _REF + "schedule"}]}},
        "companion-nodes": {"type": "object", "additionalProperties": {"$ref": _REF + "companion-node"}},
        "companion-flows": {"type": "object", "additionalProperties": {"$ref": _REF + "companion-flow"}},
        "companion-vars": {"type": "object", "additionalProperties": {"$ref": _REF + "text"}},
        "schedule": {"type": "string", "description": "A name under the companion file's `hours:`."},
    }
    defs["companion-node"] = _object(C.NODE_FIELDS, settings, types)
    defs["companion-flow"] = _object(C.FLOW_FIELDS, settings, types)
    top = _object(C.TOP_FIELDS, settings, types)
    return {"$schema": DRAFT, "$id": SCHEMA_ID, "title": f"ivrmaze companion file (format {C.FORMAT_VERSION})",
            "description": "What platform flows do not hold: intents, resolves, transfers, hours, prompt texts, "
                           "placeholder values; see docs/platforms/companion.md.",
            **top, "definitions": defs}


def companion_schema_text(settings: Settings) -> str:
    """The schema as published in docs/schemas/companion.schema.json (ends with a newline)."""
    return json.dumps(companion_schema(settings), indent=2, ensure_ascii=False) + "\n"

"""Archy YAML text with deploy-time placeholders, parsed with positions that stay exact.

CX-as-Code blueprints keep Archy flows with substitutions such as ``tts: {{ivr_callback}}``,
filled in when the flow is published. As written that is not the text it means: YAML reads a
value starting with ``{`` as a flow mapping (``{{ivr_callback}}`` is a mapping whose key is a
mapping, refused by safe readers). Before parsing, each value that *starts* with a placeholder
has its first and last character swapped for quotes, so it has the same length and every
position in the file stays where it is; after parsing the value is put back as written (with
``--var`` values filled in). A placeholder inside a longer value (``ToAudioTTS("{{x}}")``) is
plain text already and is only listed and filled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..source import Document, parse

#: A substitution as Archy writes it: ``{{name}}``.
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.\-]{0,199})\s*\}\}")
#: Where a value starts: after `key:` and a space, after `- `, or alone on its line.
_VALUE_START = re.compile(r"(?:^|:|-)[ \t]+$|^[ \t]*$")


@dataclass
class Parsed:
    """The parsed Archy document and the placeholders seen in its text."""

    doc: Document
    #: name -> (line, column) of its first use.
    placeholders: dict[str, tuple[int, int]] = field(default_factory=dict)


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def find_placeholders(text: str) -> dict[str, tuple[int, int]]:
    """Every placeholder name of ``text`` -> the (line, column) where it is first used."""
    seen: dict[str, tuple[int, int]] = {}
    for m in PLACEHOLDER.finditer(text):
        seen.setdefault(m.group(1), _line_column(text, m.start()))
    return seen


def _value_end(text: str, start: int) -> int:
    """The end of the plain value starting at ``start``: its line, less a comment and spaces."""
    eol = text.find("\n", start)
    eol = len(text) if eol < 0 else eol
    line = text[start:eol]
    comment = re.search(r"[ \t]#", line)
    if comment:
        line = line[: comment.start()]
    return start + len(line.rstrip())


def quote_placeholders(text: str) -> tuple[str, dict[tuple[int, int], str]]:
    """``text`` with each value that starts with a placeholder quoted in place (same length),
    and (line, column) of each such value -> the value as written."""
    out = list(text)
    originals: dict[tuple[int, int], str] = {}
    for m in PLACEHOLDER.finditer(text):
        start = m.start()
        before = text[text.rfind("\n", 0, start) + 1: start]
        if not _VALUE_START.search(before) or (start and text[start - 1] not in " \t\n"):
            continue
        end = _value_end(text, start)
        value = text[start:end]
        if not value.endswith("}}") or (line_col := _line_column(text, start)) in originals:
            continue
        inner = value[1:-1]
        quote = '"' if '"' not in inner and "\\" not in inner else "'" if "'" not in inner else None
        if quote is None:
            continue
        out[start], out[end - 1] = quote, quote
        originals[line_col] = value
    return "".join(out), originals


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with the placeholders that ``values`` names replaced by their values."""
    if "{{" not in text or not values:
        return text
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _restore(data: Any, path: tuple[Any, ...], doc: Document, originals: dict[tuple[int, int], str],
             values: dict[str, str]) -> Any:
    """``data`` with quoted placeholder values put back as written, and ``values`` filled in."""
    if isinstance(data, dict):
        return {k: _restore(v, (*path, k), doc, originals, values) for k, v in data.items()}
    if isinstance(data, list):
        return [_restore(v, (*path, i), doc, originals, values) for i, v in enumerate(data)]
    if isinstance(data, str):
        written = originals.get(doc.val_pos.get(path, (0, 0)))
        return fill(data if written is None else written, values)
    return data


def parse_archy(path: str, text: str, values: dict[str, str]) -> Parsed:
    """``text`` parsed as YAML with its placeholders as opaque text (``values`` filled in).
    Raises SourceError when it is not YAML even so."""
    quoted, originals = quote_placeholders(text)
    doc = parse(path, quoted)
    doc.text = text
    if originals or (values and "{{" in text):
        doc.data = _restore(doc.data, (), doc, originals, values)
    return Parsed(doc, find_placeholders(text))

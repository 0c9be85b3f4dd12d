"""JSON text as plain data, with the position of every key and value (for the platform readers).

Platform exports (Amazon Connect flows, Twilio Studio flows) are JSON. PyYAML reads most JSON,
but not all of it: it refuses the escaped surrogate pairs that JSON writers emit for every
character beyond U+FFFF (``"\\ud83d\\ude00"``, what Python's ``json.dump`` writes for an emoji),
keys longer than 1024 characters, and it types numbers by YAML 1.1 rules (``1e3`` is text to
it). This is a small recursive-descent reader on the standard library's string scanner: the
positions are those of ``yamltree`` (1-based line and column of each key and value, by the same
paths), nesting is bounded by MAX_DEPTH, duplicated keys are recorded (the first one is kept,
as in ``yamltree``), lone surrogates are refused, and every error is a SourceError at its place.
"""
from __future__ import annotations

import bisect
import json.decoder
import re
from collections.abc import Callable

from .errors import SourceError
from .yamltree import MAX_DEPTH, Built, Path

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS = (("true", True), ("false", False), ("null", None))
_SURROGATE = re.compile("[\ud800-\udfff]")
_EMPTY = "the file is empty, expected a JSON document"
#: The standard library's string scanner (C-accelerated; typeshed does not list it).
_scanstring: Callable[[str, int, bool], tuple[str, int]] = vars(json.decoder)["scanstring"]


def parse_json(text: str) -> Built:
    """``text`` as data with positions. Raises SourceError for anything that is not valid JSON."""
    reader = _Reader(text)
    i = reader.skip(0)
    if i == len(text):
        raise SourceError("file", _EMPTY, 1, 1)
    reader.out.val_pos[()] = reader.at(i)
    reader.out.data, i = reader.value(i, (), 0)
    i = reader.skip(i)
    if i != len(text):
        reader.fail(i, "there is more text after the JSON document ends, expected one JSON value per file")
    return reader.out


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.out = Built()
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, i: int) -> tuple[int, int]:
        """(line, column) of the character at index ``i``."""
        line = bisect.bisect_right(self.starts, i)
        return line, i - self.starts[line - 1] + 1

    def fail(self, i: int, message: str) -> None:
        line, column = self.at(min(i, len(self.text)))
        raise SourceError("syntax", f"invalid JSON: {message}", line, column)

    def skip(self, i: int) -> int:
        m = _WS.match(self.text, i)
        return m.end() if m else i

    def value(self, i: int, path: Path, depth: int) -> tuple[object, int]:
        text = self.text
        c = text[i:i + 1]
        if c == "{" or c == "[":
            if depth >= MAX_DEPTH:
                self.fail(i, f"lists and objects nested more than {MAX_DEPTH} levels deep, expected a flatter file")
            return self.mapping(i, path, depth + 1) if c == "{" else self.sequence(i, path, depth + 1)
        if c == '"':
            return self.string(i)
        m = _NUMBER.match(text, i)
        if m and m.end() > i:
            return (float(m.group()) if m.group(1) or m.group(2) else int(m.group())), m.end()
        for word, val in _LITERALS:
            if text.startswith(word, i):
                return val, i + len(word)
        self.fail(i, "found " + (f"`{c}`" if c.isprintable() and c else "the end of the file" if not c else
                                 f"the character U+{ord(c):04X}")
                  + ", expected a value (text in double quotes, a number, true, false, null, `{` or `[`)")
        raise AssertionError  # pragma: no cover - fail raises

    def string(self, i: int) -> tuple[str, int]:
        try:
            s, end = _scanstring(self.text, i + 1, True)
        except json.JSONDecodeError as e:
            what = e.msg.lower().removesuffix(" at").replace("unterminated string starting",
                                                              "the text in quotes that starts here is not closed")
            self.fail(i if "not closed" in what else e.pos, f"{what}, expected text in double quotes")
            raise AssertionError from None  # pragma: no cover - fail raises
        bad = _SURROGATE.search(s)
        if bad:
            self.fail(i, f"the escape `\\u{ord(bad.group()):04x}` is half of a surrogate pair, not a character, "
                      "expected text that can be written as UTF-8")
        return s, end

    def sequence(self, i: int, path: Path, depth: int) -> tuple[list[object], int]:
        out: list[object] = []
        i = self.skip(i + 1)
        if self.text.startswith("]", i):
            return out, i + 1
        while True:
            at = self.at(i)
            kp = path + (len(out),)
            self.out.key_pos[kp] = self.out.val_pos[kp] = at
            item, i = self.value(i, kp, depth)
            out.append(item)
            i = self.skip(i)
            c = self.text[i:i + 1]
            if c == "]":
                return out, i + 1
            if c != ",":
                self.fail(i, "expected `,` or `]` after a list item")
            i = self.skip(i + 1)

    def mapping(self, i: int, path: Path, depth: int) -> tuple[dict[str, object], int]:
        out: dict[str, object] = {}
        first: dict[str, tuple[int, int]] = {}
        i = self.skip(i + 1)
        if self.text.startswith("}", i):
            return out, i + 1
        while True:
            if not self.text.startswith('"', i):
                self.fail(i, "expected a key in double quotes")
            at = self.at(i)
            key, i = self.string(i)
            i = self.skip(i)
            if not self.text.startswith(":", i):
                self.fail(i, "expected `:` after the key")
            i = self.skip(i + 1)
            kp = path + (key,)
            vat = self.at(i)
            if key in first:  # read into a scratch record: the first one's positions stay
                self.out.duplicates.append((kp, first[key], at))
                kept, self.out = self.out, Built()
                _, i = self.value(i, kp, depth)
                self.out = kept
            else:
                val, i = self.value(i, kp, depth)
                first[key] = at
                self.out.key_pos[kp], self.out.val_pos[kp] = at, vat
                out[key] = val
            i = self.skip(i)
            c = self.text[i:i + 1]
            if c == "}":
                return out, i + 1
            if c != ",":
                self.fail(i, "expected `,` or `}` after a value")
            i = self.skip(i + 1)

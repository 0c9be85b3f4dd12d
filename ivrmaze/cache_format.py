"""The parse cache's entries: data only, checked field by field on read (see ivrmaze/cache.py).

An entry is a header line (``ivrmaze-cache`` and a JSON object: format, key, sizes), a JSON
document (the data, the texts of path parts, the duplicated keys) and little-endian int32
arrays: the path tree (parent index and part of every path) and the position tables as
columns (path, line, column). Nothing in it can name code, and any entry that is not
exactly well formed for the expected key decodes to None.
"""
from __future__ import annotations

import json
import re
import sys
from array import array
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

FORMAT = 2
_MAGIC = b"ivrmaze-cache"
#: JSON's escape of half a surrogate pair (text with one cannot be written as UTF-8).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")

Path = tuple  # mapping keys (str) and sequence indexes (int)


class Parsed(NamedTuple):
    """What parsing a file gives: its data and the positions of its keys and values."""

    data: object
    key_pos: Mapping[Path, tuple[int, int]]
    val_pos: Mapping[Path, tuple[int, int]]
    #: (path, first (line, column), second (line, column)) of every duplicated key.
    duplicates: list[tuple[Path, tuple[int, int], tuple[int, int]]]


def _ints(values: list[int]) -> bytes:
    a = array("i", values)
    if sys.byteorder != "little":  # pragma: no cover - entries are little-endian everywhere
        a.byteswap()
    return a.tobytes()


def encode_entry(parts: Parsed, key: str) -> bytes:
    """``parts`` as an entry: a header line, a JSON document, then little-endian int32 arrays.

    Paths are stored once, as a tree: each path is its parent's index and its last part, the
    index of a text in the document's ``texts`` or, past those, a sequence index."""
    index: dict[Path, int] = {(): 0}
    texts: dict[str, int] = {}
    parents, names = [-1], [-1]

    def path_id(p: Path) -> int:
        i = index.get(p)
        if i is None:
            parent = path_id(p[:-1])
            i = index[p] = len(parents)
            parents.append(parent)
            last = p[-1]
            names.append(texts.setdefault(last, len(texts)) if isinstance(last, str) else -2 - last)
        return i

    keys = _columns(parts.key_pos, path_id)
    values = _columns(parts.val_pos, path_id)
    dups = [[path_id(p), a[0], a[1], b[0], b[1]] for p, a, b in parts.duplicates]
    n = len(texts)
    names = [c if c >= -1 else n + (-2 - c) for c in names]  # sequence index i -> n + i
    doc = json.dumps({"data": parts.data, "texts": list(texts), "duplicates": dups},
                     ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "key": key, "json": len(doc), "paths": len(parents),
                         "keys": len(parts.key_pos), "values": len(parts.val_pos)}).encode()
    ints = (_ints(parents), _ints(names), *map(_ints, keys), *map(_ints, values))
    return b"".join((_MAGIC, b" ", header, b"\n", doc, *ints))


#: What reading a damaged or forged entry may raise: the entry is then ignored.
MALFORMED = (ValueError, TypeError, KeyError, IndexError, RecursionError)


def split_entry(blob: bytes, magic: bytes) -> tuple[dict[str, Any], bytes] | None:
    """(header, body) of an entry file: ``magic``, a space, a JSON header line, then the body;
    None when it does not start with ``magic`` or its header is not a JSON object."""
    found, _, rest = blob.partition(b" ")
    header_text, _, body = rest.partition(b"\n")
    header = json.loads(header_text)
    return (header, body) if found == magic and isinstance(header, dict) else None


def decode_entry(blob: bytes, key: str) -> Parsed | None:
    """The parse held in ``blob``, or None when it is not a well-formed entry for ``key``."""
    try:
        return _decode(blob, key)
    except MALFORMED:
        return None


def _decode(blob: bytes, key: str) -> Parsed | None:
    split = split_entry(blob, _MAGIC)
    if split is None:
        return None
    header, body = split
    if header.get("format") != FORMAT or header.get("key") != key:
        return None
    sizes = [header[k] for k in ("json", "paths", "keys", "values")]
    if not all(type(n) is int and n >= 0 for n in sizes):
        return None
    n_json, n_paths, n_keys, n_values = sizes
    if len(body) != n_json + 4 * (2 * n_paths + 3 * n_keys + 3 * n_values) or n_paths < 1:
        return None
    if _SURROGATE_ESCAPE.search(body, 0, n_json):  # parsing never gives one: the entry is forged
        return None
    doc = json.loads(body[:n_json].decode("utf-8"))
    if not isinstance(doc, dict) or set(doc) != {"data", "texts", "duplicates"}:
        return None
    ints = array("i")
    ints.frombytes(body[n_json:])
    if sys.byteorder != "little":  # pragma: no cover
        ints.byteswap()
    rows = 2 * n_paths
    paths = _paths(ints[:n_paths].tolist(), ints[n_paths:rows].tolist(), doc["texts"])
    if paths is None:
        return None
    key_pos = _positions(ints, rows, n_keys, paths)
    val_pos = _positions(ints, rows + 3 * n_keys, n_values, paths)
    dups = _duplicates(doc["duplicates"], paths)
    if key_pos is None or val_pos is None or dups is None:
        return None
    return Parsed(doc["data"], key_pos, val_pos, dups)


def _paths(parents: list[int], names: list[int], texts: Any) -> list[Path] | None:
    """The paths of an entry's path tree; None unless every parent comes before its child."""
    if (not isinstance(texts, list) or not all(type(t) is str for t in texts) or parents[0] != -1
            or names[0] != -1 or min(parents[1:], default=0) < 0 or min(names[1:], default=0) < 0
            or max(names) >= len(texts) + len(parents)):  # a sequence index is below the number of paths
        return None
    parts: list[str | int] = [*texts, *range(max(names) + 1 - len(texts))]
    paths: list[Path] = [()]
    append = paths.append
    for i, (parent, name) in enumerate(zip(parents, names, strict=True)):
        if i and parent < i:
            append(paths[parent] + (parts[name],))
        elif i:
            return None
    return paths


def _columns(table: Mapping[Path, tuple[int, int]], path_id: Callable[[Path], int]) -> tuple[list[int], ...]:
    """A position table as three columns: path index, line, column."""
    return [path_id(p) for p in table], [line for line, _ in table.values()], [col for _, col in table.values()]


def _positions(ints: array[int], start: int, n: int, paths: list[Path]) -> dict[Path, tuple[int, int]] | None:
    """The position table whose three columns of ``n`` start at ``ints[start]``."""
    ids, lines, cols = (ints[start + i * n:start + (i + 1) * n].tolist() for i in range(3))
    if ids and (min(ids) < 0 or max(ids) >= len(paths) or min(lines) < 1 or min(cols) < 1):
        return None
    return dict(zip([paths[i] for i in ids], zip(lines, cols, strict=True), strict=True))


def _duplicates(rows: Any, paths: list[Path]) -> list[tuple[Path, tuple[int, int], tuple[int, int]]] | None:
    if not isinstance(rows, list):
        return None
    out = []
    for row in rows:
        if (not isinstance(row, list) or len(row) != 5 or any(type(x) is not int or x < 1 for x in row[1:])
                or type(row[0]) is not int or not 0 <= row[0] < len(paths)):
            return None
        out.append((paths[row[0]], (row[1], row[2]), (row[3], row[4])))
    return out



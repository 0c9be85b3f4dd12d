"""The result cache's entries: what an ``ivrmaze check`` printed, and every input it read.

An entry is data only: a header line (``ivrmaze-result`` and a JSON object: format, key, the
length of the manifest and of each output chunk, the exit code), the manifest as JSON (the rows
of ``inputs.stop``) and the chunks' bytes, exactly as they were written to stdout, stderr and
the GitHub step summary. It lives in the parse cache's folder (``cache.folder``) under the same
rules: the folder made ``0700``, an entry or folder of another user or writable by others never
used, entries opened without following links, written through a temporary file and a rename,
pruned with the parse entries to ``cache.MAX_BYTES``. An entry that is not exactly well formed
for the expected key is ignored (and replaced by the next run).
"""
from __future__ import annotations

import json
import os
import re
from typing import Any, NamedTuple

from . import cache, inputs

__all__ = ["FORMAT", "STREAMS", "Entry", "decode", "encode", "load", "store"]

FORMAT = 1
_MAGIC = b"ivrmaze-result"
#: Where a chunk of output went.
STREAMS = ("stdout", "stderr", "summary")
_HEADER_KEYS = {"format", "key", "manifest", "chunks", "code"}
#: What a check prints, besides text: tabs, line ends and colour codes (SGR) only. Anything else
#: (another escape sequence, a C0 or C1 control, a bidi override) marks an entry as not ours.
_UNSAFE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]|\x1b(?!\[[0-9;]*m)|\xc2[\x80-\x9f]"
                     rb"|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


class Entry(NamedTuple):
    manifest: list[list[Any]]
    chunks: list[tuple[str, bytes]]
    code: int


def encode(entry: Entry, key: str) -> bytes:
    manifest = json.dumps(entry.manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "key": key, "manifest": len(manifest), "code": entry.code,
                         "chunks": [[s, len(b)] for s, b in entry.chunks]}).encode()
    return b"".join((_MAGIC, b" ", header, b"\n", manifest, *(b for _, b in entry.chunks)))


def decode(blob: bytes, key: str) -> Entry | None:
    """The entry held in ``blob``, or None when it is not a well-formed entry for ``key``."""
    try:
        return _decode(blob, key)
    except cache.MALFORMED:
        return None


def _decode(blob: bytes, key: str) -> Entry | None:
    split = cache.split_entry(blob, _MAGIC)
    if split is None:
        return None
    header, body = split
    if set(header) != _HEADER_KEYS or header["format"] != FORMAT or header["key"] != key:
        return None
    n, code, sizes = header["manifest"], header["code"], header["chunks"]
    if (type(n) is not int or n < 0 or type(code) is not int or not 0 <= code <= 2 or not isinstance(sizes, list)
            or not all(isinstance(c, list) and len(c) == 2 and c[0] in STREAMS and type(c[1]) is int and c[1] >= 0
                       for c in sizes)
            or len(body) != n + sum(c[1] for c in sizes)):
        return None
    manifest = json.loads(body[:n].decode("utf-8"))
    if not isinstance(manifest, list) or not all(
            isinstance(row, list) and len(row) == 3 and row[0] in inputs.OPS and type(row[1]) is str
            and "\0" not in row[1] for row in manifest):
        return None
    chunks, at = [], n
    for stream, size in sizes:
        chunks.append((stream, body[at:at + size]))
        at += size
    if any(_UNSAFE.search(b) for _, b in chunks):
        return None
    return Entry(manifest, chunks, code)


def _path(key: str) -> str | None:
    where = cache.folder()
    if where is None or not re.fullmatch(r"[0-9a-f]{64}", key):
        return None
    return os.path.join(where, key + cache.RESULT_SUFFIX)


def load(key: str) -> Entry | None:
    """The entry of ``key``, or None (no cache, no entry, or an entry not to trust)."""
    path = _path(key)
    blob = None if path is None else cache.read_entry(path)
    entry = None if blob is None else decode(blob, key)
    if entry is not None and path is not None:
        cache.touch(path)
    return entry


def store(key: str, entry: Entry) -> None:
    """Keep ``entry`` under ``key`` (from a forked child when ``cache.BACKGROUND``)."""
    path = _path(key)
    if path is not None:
        cache.in_background(lambda: cache.write_entry(path, lambda: encode(entry, key)), first=True)

"""Baselines: the findings a project has accepted, so CI fails only on new ones.

``ivrmaze baseline PATH... -o FILE`` writes ``document(findings, FILE, version)``; ``ivrmaze check
--baseline FILE`` reads it with ``read`` and splits the findings with ``match``. An entry is
matched by a finding's kind, file (relative to the baseline's folder, so the baseline works from
any folder), node, intent and fingerprint (``findings.fingerprint``: those and the related
nodes). Its line, message, code and severity are kept for people and for SARIF's ``absent``
results but never matched, so editing other parts of a file does not break the match. Entries
are counted: a baseline holding one finding accepts one finding of that identity, not two.
"""
from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from . import inputs
from .checks import KINDS
from .errors import UsageError
from .findings import Finding, fingerprint
from .graph import rekey
from .words import describe, plural

FORMAT = "ivrmaze-baseline"  # the value of the document's `ivrmaze` key
VERSION = 1
MAX_BYTES = 64_000_000  # a baseline is a few hundred bytes per finding
_HEX32 = re.compile(r"[0-9a-f]{32}")
_MAKE = "expected a baseline written by `ivrmaze baseline PATH... -o FILE`"


class BaselineError(UsageError):
    """A baseline file that cannot be read or is not one; the message names the file and the place."""


@dataclass(frozen=True)
class Entry:
    """One accepted finding. ``file`` is relative to the baseline's folder, ``/``-separated."""

    kind: str
    file: str
    node: str | None
    intent: str | None
    fingerprint: str
    nodes: tuple[str, ...] = ()
    code: str = ""
    severity: str = ""
    line: int = 0
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str | None, str | None, str]:
        return (self.kind, self.file, self.node, self.intent, self.fingerprint)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "file": self.file, "node": self.node, "intent": self.intent,
                "fingerprint": self.fingerprint, "nodes": list(self.nodes), "code": self.code,
                "severity": self.severity, "line": self.line, "message": self.message}

    def finding(self, folder: str) -> Finding:
        """The entry as a finding again (for SARIF's ``absent`` results), its file below ``folder``."""
        path = os.path.relpath(os.path.join(folder, self.file)) if self.file else None
        return Finding(self.kind, self.message, path, self.line, 1 if self.line else 0, self.severity, self.node,
                       self.intent, None, self.nodes, self.code)


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: tuple[Entry, ...]

    @property
    def folder(self) -> str:
        return folder_of(self.path)


@dataclass
class Matched:
    """``findings`` split by a baseline: ``new`` (not in it), ``unchanged`` (in it), and the
    baseline's entries ``absent`` from the findings (fixed, or no longer found)."""

    baseline: Baseline
    new: list[Finding] = field(default_factory=list)
    unchanged: list[Finding] = field(default_factory=list)
    absent: list[Entry] = field(default_factory=list)
    states: list[str] = field(default_factory=list)  # per finding given, in order: new | unchanged

    def summary(self) -> str:
        """``baseline b.json: 3 known findings not shown, 1 no longer found``."""
        return (f"baseline {self.baseline.path}: {plural(len(self.unchanged), 'known finding')} not shown, "
                f"{len(self.absent)} no longer found")

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.baseline.path, "new": len(self.new), "unchanged": len(self.unchanged),
                "absent": [e.to_dict() for e in self.absent]}


def folder_of(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def entry(f: Finding, folder: str) -> Entry:
    """The baseline entry of finding ``f`` for a baseline in ``folder``."""

    def rel(p: str) -> str:
        return os.path.relpath(os.path.abspath(p), folder).replace(os.sep, "/")

    file = rel(f.file) if f.file else ""
    moved = replace(f, file=file or None, nodes=tuple(rekey(n, rel) for n in f.nodes))
    return Entry(f.kind, file, f.node, f.intent, fingerprint(moved), moved.nodes, f.code, f.severity, f.line,
                 f.message)


def document(findings: Iterable[Finding], path: str, tool_version: str) -> dict[str, Any]:
    """The baseline file's content for ``findings``, to be written at ``path``."""
    folder = folder_of(path)
    entries = [entry(f, folder) for f in sorted(findings, key=lambda f: f.sort_key)]
    return {"ivrmaze": FORMAT, "version": VERSION, "tool_version": tool_version,
            "findings": [e.to_dict() for e in entries]}


def match(findings: Sequence[Finding], baseline: Baseline) -> Matched:
    """Split ``findings`` into new and unchanged ones, and find the entries no longer found."""
    pool: dict[tuple[Any, ...], list[Entry]] = {}
    for e in baseline.entries:
        pool.setdefault(e.key, []).append(e)
    out = Matched(baseline)
    for f in findings:
        left = pool.get(entry(f, baseline.folder).key)
        if left:
            left.pop(0)
            out.unchanged.append(f)
            out.states.append("unchanged")
        else:
            out.new.append(f)
            out.states.append("new")
    taken = {id(e) for es in pool.values() for e in es}
    out.absent = [e for e in baseline.entries if id(e) in taken]
    return out


def is_baseline_file(path: str) -> bool:
    """Whether ``path`` holds a baseline (what `ivrmaze baseline -o` may replace)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read(MAX_BYTES))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("ivrmaze") == FORMAT


def read(path: str) -> Baseline:
    """The baseline at ``path``; BaselineError (a UsageError) when it cannot be read or is not one."""
    try:  # the bytes recorded for the result cache, read as text as `open(path, encoding="utf-8")` would
        text = io.TextIOWrapper(io.BytesIO(inputs.read_plain(path)), encoding="utf-8").read(MAX_BYTES + 1)
    except (OSError, UnicodeDecodeError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise BaselineError(f"{path}: cannot read the baseline ({why}), {_MAKE}") from None
    if len(text) > MAX_BYTES:
        raise BaselineError(f"{path}: the file is larger than {MAX_BYTES // 1_000_000} MB, {_MAKE}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BaselineError(f"{path}:{e.lineno}:{e.colno}: not JSON ({e.msg}), {_MAKE}") from None
    if not isinstance(data, dict) or data.get("ivrmaze") != FORMAT:
        raise BaselineError(f'{path}: not an ivrmaze baseline (no "ivrmaze": "{FORMAT}" key), {_MAKE}')
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r}, expected {VERSION} (remake it "
                            "with this version's `ivrmaze baseline`)")
    items = data.get("findings")
    if not isinstance(items, list):
        raise BaselineError(f"{path}: `findings` is {describe(items)}, expected a list of findings")
    return Baseline(path, tuple(_entry(path, i, item) for i, item in enumerate(items)))


def _field(where: str, item: dict[str, Any], name: str, types: tuple[type, ...], expected: str) -> Any:
    v = item.get(name)
    if not isinstance(v, types) or isinstance(v, bool):
        raise BaselineError(f"{where}: `{name}` is {describe(v)}, expected {expected}")
    return v


def _entry(path: str, i: int, item: Any) -> Entry:
    where = f"{path}: findings[{i}]"
    if not isinstance(item, dict):
        raise BaselineError(f"{where} is {describe(item)}, expected an object with kind, file, node, intent and "
                            "fingerprint")
    kind = _field(where, item, "kind", (str,), "a finding kind such as `trap`")
    if kind not in KINDS:
        raise BaselineError(f"{where}: unknown kind {kind!r}, expected a finding kind such as `trap` (remake the "
                            "baseline with this version's `ivrmaze baseline`)")
    fp = _field(where, item, "fingerprint", (str,), "32 hexadecimal digits")
    if not _HEX32.fullmatch(fp):
        raise BaselineError(f"{where}: `fingerprint` is {fp!r}, expected 32 hexadecimal digits")
    nodes = _field(where, item, "nodes", (list,), "a list of node ids") if "nodes" in item else []
    if not all(isinstance(n, str) for n in nodes):
        raise BaselineError(f"{where}: `nodes` holds something that is not a node id, expected a list of node ids")
    line = _field(where, item, "line", (int,), "a line number") if "line" in item else 0
    sev = item.get("severity")
    return Entry(kind, _field(where, item, "file", (str,), "a file path"),
                 _field(where, item, "node", (str, type(None)), "a node id or null"),
                 _field(where, item, "intent", (str, type(None)), "an intent name or null"), fp, tuple(nodes),
                 KINDS[kind].code, sev if sev in ("error", "warning", "info") else KINDS[kind].severity, line,
                 str(item.get("message", "")))


__all__ = ["FORMAT", "VERSION", "Baseline", "BaselineError", "Entry", "Matched", "document", "entry",
           "is_baseline_file", "match", "read"]

"""The foundation of the platform readers: a platform file -> an ivrmaze document with positions.

Each platform reader (``connect``, ``archy``, ``studio``, ``asterisk``) translates its file into
an ivrmaze format-1 document as plain data, with the positions of its keys and values *in the
platform file*; the companion file (``companion.py``) adds what the platform file does not hold
(intents, resolves, hours, prompt texts), and the ivrmaze checker (``menu_file``) then checks it
like any menu file, so every finding lands at the platform file's own line, and ``ivrmaze
import`` writes the document out. ``dress`` puts the platform and the node labels on findings.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from ..config import Settings
from ..errors import SourceError
from ..findings import Finding
from ..model import ANY_INTENT, MenuFile
from ..source import Document, Path, decode
from ..words import safe
from .companion import companion_for
from .companion_apply import apply_companion, default_resolves, flow_entry
from .flows import flow_names, flow_ref  # noqa: F401 (readers call platform.flow_ref)
from .menu_file import read_menu_file


@dataclass
class Context:
    """What a reader may use besides the file: placeholder values (``--var`` and the companion
    file's ``vars:``) and the settings. The loader makes one per load (``root``: the project
    folder; ``companions``: the companion files read so far, each read and told once)."""

    settings: Settings
    vars: dict[str, str] = field(default_factory=dict)
    root: str = ""
    companions: dict[str, Any] = field(default_factory=dict)
    #: Where calls enter, for platforms whose files do not say (Asterisk: `CONTEXT[,EXTEN]`): ``--entry``,
    #: else the companion file's `entry` for the flow (by its file name or stem).
    entry: str | None = None


@dataclass
class Translated:
    """A platform file as an ivrmaze document (see the module docstring)."""

    platform: str
    data: dict[str, Any]
    key_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    val_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: What other flows may call this flow by: its name, ARN, id, file stem.
    names: set[str] = field(default_factory=set)
    #: Node id -> how messages show it: "`a1b2c3d4…` (GetParticipantInput 'Main menu')".
    labels: dict[str, str] = field(default_factory=dict)
    #: Node id -> the platform names a companion file may use for it (queue name, full id, ...).
    aliases: dict[str, set[str]] = field(default_factory=dict)
    #: Node id -> where it comes from, for `ivrmaze import` comments.
    notes: dict[str, str] = field(default_factory=dict)
    #: What the reader itself found (the platform file's own problems), at their positions.
    problems: list[Finding] = field(default_factory=list)
    #: Deploy-time placeholders seen: name -> first (line, column).
    placeholders: dict[str, tuple[int, int]] = field(default_factory=dict)


Translate = Callable[[str, bytes, Context], Translated]

def read_translated(mf: MenuFile, tr: Translated, text: str, root: str, settings: Settings) -> list[Finding]:
    """Check the translated document ``tr`` of the platform file ``mf`` (whose text is ``text``)."""
    mf.platform, mf.names, mf.labels = tr.platform, set(tr.names), dict(tr.labels)
    mf.aliases, mf.notes = {k: set(v) for k, v in tr.aliases.items()}, dict(tr.notes)
    if not tr.data:  # the reader could not make a document of the file (its problems say why)
        mf.ok = False
        return list(tr.problems)
    doc = Document(mf.abspath, text, tr.data, dict(tr.key_pos), dict(tr.val_pos))
    mf.document = doc
    return tr.problems + read_menu_file(mf, doc, root, settings)


def translate_file(translate: Translate, mf: MenuFile, raw: bytes, ctx: Context) -> tuple[Translated, list[Finding]]:
    """``translate`` run on the file with its companion file's ``vars`` (``--var`` wins), and the
    companion applied to the result: (the translated file, the companion's own problems, told once)."""
    comp, told = companion_for(mf.abspath, ctx)
    tctx = dataclasses.replace(ctx, vars={**(comp.vars if comp else {}), **ctx.vars},
                               entry=ctx.entry or (flow_entry(comp, flow_names(mf)) if comp else None))
    tr = translate(mf.abspath, raw, tctx)
    problems = list(told)
    if comp is not None:
        names = flow_names(mf) | tr.names | {str(tr.data.get("name") or "")}
        problems += apply_companion(comp, tr.data, tr.aliases, names, keep_entry=ctx.entry is not None)
        # what the companion file added is written there, not in the flow: "the whole file", not its line 1
        for iid in comp.intents:
            tr.key_pos.setdefault(("intents", iid), (0, 0))
    default_resolves(tr.data, comp.default_resolves if comp is not None else ANY_INTENT)
    return tr, problems


def reader(module: ModuleType) -> tuple[Callable[[str, bytes], bool], Callable[..., list[Finding]]]:
    """(looks_like, reader) of a platform reader module, for ``readers.READERS``."""
    translate: Translate = module.translate

    def read(mf: MenuFile, raw: bytes, ctx: Context) -> list[Finding]:
        try:
            text = decode(raw)
        except SourceError as e:
            mf.ok = False
            return [Finding(e.kind, e.message, mf.path, e.line, e.column)]
        try:
            tr, told = translate_file(translate, mf, raw, ctx)
        except SourceError as e:  # not a flow at all (invalid YAML or JSON): nothing to check
            mf.ok = False
            return [Finding(e.kind, e.message, mf.path, e.line, e.column)]
        return told + read_translated(mf, tr, text, ctx.root, ctx.settings)

    return module.looks_like, read


# -- how findings show platform nodes --------------------------------------------------------
_QUOTED = re.compile(r"`([^`\n]+)`")


def relabel(message: str, labels: dict[str, str], keep: Iterable[str] = ()) -> str:
    """``message`` with each `node-id` in it that ``labels`` knows shown by its label, except the
    words of ``keep`` (the finding's intents: an intent may be spelt like a node id)."""
    if not labels:
        return message
    shown = {k: v for k, v in labels.items() if k not in set(keep)}
    return _QUOTED.sub(lambda m: safe(shown[m.group(1)]) if m.group(1) in shown else m.group(0), message)


def dress(findings: Iterable[Finding], files: Iterable[MenuFile]) -> list[Finding]:
    """``findings`` with the platform of their file, and every `node-id` quoted in the message of a
    platform file's finding shown by its label (its type and name beside a shortened id)."""
    by_path = {mf.path: mf for mf in files if mf.platform is not None}
    if not by_path:
        return list(findings)
    out = []
    for f in findings:
        mf = by_path.get(f.file or "")
        if mf is None:
            out.append(f)
            continue
        out.append(dataclasses.replace(f, platform=mf.platform, message=relabel(f.message, mf.labels, f.intents)))
    return out

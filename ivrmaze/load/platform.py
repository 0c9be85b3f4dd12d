"""The foundation of the platform readers: a platform file -> an ivrmaze document with positions.

Each platform reader (``connect``, ``archy``, ``studio``, ``asterisk``) translates its file into
an ivrmaze format-1 document as plain data, with the positions of its keys and values *in the
platform file*; the ivrmaze checker (``menu_file``) then checks it like any menu file, so every
finding lands at the platform file's own line, and ``ivrmaze import`` writes the document out.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from ..config import Settings
from ..errors import SourceError
from ..findings import Finding
from ..model import MenuFile
from ..source import Document, Path, decode
from .menu_file import read_menu_file


@dataclass
class Context:
    """What a reader may use besides the file: placeholder values and the settings."""

    settings: Settings
    vars: dict[str, str] = field(default_factory=dict)
    #: Where calls enter, for platforms whose files do not say (Asterisk: `CONTEXT[,EXTEN]`).
    entry: str | None = None
    #: The project root: files a platform file includes must lie inside it.
    root: str = ""


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
    doc = Document(mf.abspath, text, tr.data, dict(tr.key_pos), dict(tr.val_pos))
    mf.document = doc
    return tr.problems + read_menu_file(mf, doc, root, settings)


def reader(module: ModuleType) -> tuple[Callable[[str, bytes], bool], Callable[..., list[Finding]]]:
    """(looks_like, reader) of a platform reader module, for ``readers.READERS``."""
    translate: Translate = module.translate

    def read(mf: MenuFile, raw: bytes, root: str, settings: Settings) -> list[Finding]:
        try:
            text = decode(raw)
        except SourceError as e:
            mf.ok = False
            return [Finding(e.kind, e.message, mf.path, e.line, e.column)]
        tr = translate(mf.abspath, raw, Context(settings, root=root))
        return read_translated(mf, tr, text, root, settings)

    return module.looks_like, read

"""Which reader reads a file, told by its content, and reading one file with it.

Only ivrmaze's own YAML is read today (``menu_file.py``). The platform readers that come next
(Amazon Connect JSON, Genesys Archy YAML, Twilio Studio JSON, Asterisk dialplans) each go in a
module beside it with a ``looks_like(path, raw)`` test and a reader of the ``Reader`` shape,
listed in ``READERS``: the first whose test says yes reads the file.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import inputs
from ..errors import SourceError
from ..findings import Finding
from ..model import MenuFile
from ..source import Document, document, keep, read_bytes
from ..words import display_path
from . import sniff
from .menu_file import read_menu_file

if TYPE_CHECKING:
    from .platform import Context

#: (the file's record to fill, its bytes, the load's context: root, settings, vars) -> its problems
Reader = Callable[[MenuFile, bytes, "Context"], list[Finding]]


def read_ivrmaze_yaml(mf: MenuFile, raw: bytes, ctx: Context) -> list[Finding]:
    """An ivrmaze menu file: parsed (only the parse is cached: unpickling the checked model of a big
    file costs as much as checking it again), then checked."""
    try:
        doc = document(mf.abspath, raw)
    except SourceError as e:
        mf.ok = False
        return [Finding(e.kind, e.message, mf.path, e.line, e.column)]
    mf.document = doc
    return _read_slim(mf, doc, ctx)


def _read_slim(mf: MenuFile, doc: Document, ctx: Context) -> list[Finding]:
    """``doc`` checked into ``mf``, then slimmed: the checks read only a few of its positions."""
    problems = read_menu_file(mf, doc, ctx.root, ctx.settings)
    doc.slim()
    return problems


def _lazy(name: str) -> Reader:
    """The reader of the platform module ``load.<name>``, imported when a file of it is met."""
    def read(mf: MenuFile, raw: bytes, ctx: Context) -> list[Finding]:
        platform = importlib.import_module(f"{__package__}.platform")
        return platform.reader(importlib.import_module(f"{__package__}.{name}"))[1](mf, raw, ctx)

    return read


#: (looks_like(path, raw), reader) of each platform's files, tried in order before ivrmaze YAML.
READERS: tuple[tuple[Callable[[str, bytes], bool], Reader], ...] = (
    (sniff.connect, _lazy("connect")),
    (sniff.archy, _lazy("archy")),
    (sniff.studio, _lazy("studio")),
    (sniff.asterisk, _lazy("asterisk")),
)


def reader_for(path: str, raw: bytes) -> Reader:
    """The reader of the file ``path`` whose bytes are ``raw``."""
    return next((read for looks_like, read in READERS if looks_like(path, raw)), read_ivrmaze_yaml)


def recognised(path: str, raw: bytes) -> bool:
    """Whether a platform reader reads the file ``path`` (whose bytes are ``raw``)."""
    return any(looks_like(path, raw) for looks_like, _ in READERS)


def read_one(ap: str, ctx: Context,
             parsed: tuple[bytes, Document, bool] | None = None) -> tuple[MenuFile, list[Finding]]:
    """One file read and checked on its own (its external references to nodes of other files
    are checked once every file is loaded). ``parsed``: its bytes, Document and whether it was
    parsed now, when another process read it as an ivrmaze menu file (``ahead.py``)."""
    mf = MenuFile(path=display_path(ap), abspath=ap)
    if parsed is not None:
        raw, doc, fresh = parsed
        inputs.read_done(ap, raw)  # read by the helper: noted here, where the result cache records
        if fresh:
            keep(raw, doc)  # here too: this process writes the cache's new entries
        mf.document = doc
        return mf, _read_slim(mf, doc, ctx)
    try:
        raw = read_bytes(ap)
    except SourceError as e:
        mf.ok = False
        return mf, [Finding(e.kind, e.message, mf.path, e.line, e.column)]
    return mf, reader_for(ap, raw)(mf, raw, ctx)

"""A cache of parsed big menu files, so a designer's re-run on every save does not pay for
YAML parsing of files that did not change (linters such as ruff and mypy do the same).

Entries are keyed by the file's bytes (SHA-256), ivrmaze's own code and PyYAML's version, kept in
``$IVRMAZE_CACHE_DIR`` or ``$XDG_CACHE_HOME/ivrmaze`` (default ``~/.cache/ivrmaze``), and only
for files of at least MIN_BYTES. ``IVRMAZE_NO_CACHE=1`` turns it off. Any failure to read or
write the cache is ignored: the file is then simply parsed.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile

import yaml

MIN_BYTES = 256 * 1024
_FORMAT = 1


def _folder() -> str | None:
    if os.environ.get("IVRMAZE_NO_CACHE"):
        return None
    base = os.environ.get("IVRMAZE_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "ivrmaze")
    return base


_code: str | None = None


def code_fingerprint() -> str:
    """A hash of ivrmaze's own source: a cache entry made by other code is never used, even
    between two commits that share a version number."""
    global _code
    if _code is None:
        h = hashlib.sha256()
        root = os.path.dirname(os.path.abspath(__file__))
        for folder, dirs, names in sorted(os.walk(root)):
            dirs.sort()
            for name in sorted(n for n in names if n.endswith(".py")):
                with open(os.path.join(folder, name), "rb") as fh:
                    h.update(name.encode() + b"\0" + fh.read())
        _code = h.hexdigest()
    return _code


def _key(raw: bytes) -> str:
    from . import __version__
    h = hashlib.sha256(raw)
    h.update(f"|{__version__}|{yaml.__version__}|{_FORMAT}|{code_fingerprint()}".encode())
    return h.hexdigest()


def load(raw: bytes):
    """The cached (data, key_pos, val_pos, duplicates, refused) for these bytes, or None."""
    folder = _folder()
    if folder is None or len(raw) < MIN_BYTES:
        return None
    try:
        with open(os.path.join(folder, _key(raw) + ".pickle"), "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, stale or damaged: parse instead
        return None


#: Write entries from a forked child instead of making the run wait (the command line sets it:
#: the process ends soon anyway; a library caller gets the entry written before store returns).
BACKGROUND = False


def store(raw: bytes, parts) -> None:
    folder = _folder()
    if folder is None or len(raw) < MIN_BYTES:
        return
    if BACKGROUND and hasattr(os, "fork"):
        try:
            pid = os.fork()
        except OSError:
            pid = None  # no process to be had: write it here
        if pid:
            return  # the child writes; it is reaped by init once this short-lived process ends
        if pid == 0:
            try:
                _write(folder, raw, parts)
            finally:
                os._exit(0)
    _write(folder, raw, parts)


def _write(folder: str, raw: bytes, parts) -> None:
    tmp = None
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(parts, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, os.path.join(folder, _key(raw) + ".pickle"))
    except Exception:  # a read-only home or a full disk must not stop a check
        try:
            if tmp is not None:
                os.unlink(tmp)
        except Exception:
            pass

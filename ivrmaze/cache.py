"""A cache of parsed big menu files, so a designer's re-run on every save does not pay for
YAML parsing of files that did not change (linters such as ruff and mypy do the same).

The cache holds data, never code: an entry is a header line, a JSON document and arrays of
32-bit integers (the positions), all checked on read; an entry of the wrong shape, format or
key is ignored and replaced. Entries are keyed by the file's bytes (SHA-256), a hash of
ivrmaze's own code and PyYAML's version, and made only for files of at least MIN_BYTES.

Where it lives: ``$IVRMAZE_CACHE_DIR``, else ``$XDG_CACHE_HOME/ivrmaze``, else
``$HOME/.cache/ivrmaze``; only an absolute path counts, so with none of these set (or only
relative ones) there is no cache at all. ``IVRMAZE_NO_CACHE=1`` turns it off. The folder is
created ``0700``; a folder not owned by the current user or writable by others is not used,
nor is an entry not owned by the current user. The cache is kept under MAX_BYTES (oldest
entries removed first) and temporary files left by interrupted writes are removed.
``ivrmaze cache info`` shows it and ``ivrmaze cache clear`` empties it. Any failure to read or
write the cache is ignored: the file is then simply parsed. The result cache of ``ivrmaze check``
(``results.py``) keeps its entries (``RESULT_SUFFIX``) in the same folder under the same rules.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from .cache_format import FORMAT, MALFORMED, Parsed, decode_entry, encode_entry, split_entry

__all__ = ["BACKGROUND", "MALFORMED", "MAX_BYTES", "MIN_BYTES", "RESULT_SUFFIX", "SUFFIX", "Info", "Parsed", "clear",
           "code_fingerprint", "decode_entry", "encode_entry", "folder", "in_background", "info", "load", "prune",
           "read_entry", "split_entry", "store", "touch", "trusted", "usable", "write_entry"]

MIN_BYTES = 256 * 1024
#: The cache is pruned to this size, oldest entries first.
MAX_BYTES = 500 * 1024 * 1024
#: Temporary files older than this (seconds) are leftovers of an interrupted write.
STALE_TMP_SECONDS = 3600
SUFFIX = ".entry"
#: The result cache's entries (``ivrmaze/results.py``), kept in the same folder under the same rules.
RESULT_SUFFIX = ".result"
_TMP_SUFFIX = ".tmp"
#: The names the cache gives its files: entries (a SHA-256 key) and mkstemp's temporaries.
_OWN_NAME = re.compile(r"^(?:[0-9a-f]{64}\.(?:entry|result)|tmp[A-Za-z0-9_]+\.tmp)$")

def folder() -> str | None:
    """The cache folder, or None when the cache is off or no safe absolute location exists."""
    return _location()[0]


def _location() -> tuple[str | None, str]:
    """(folder or None, why: the variable it comes from, or why there is none)."""
    if os.environ.get("IVRMAZE_NO_CACHE"):
        return None, "turned off by IVRMAZE_NO_CACHE"
    for name, tail in (("IVRMAZE_CACHE_DIR", ()), ("XDG_CACHE_HOME", ("ivrmaze",)),
                       ("HOME", (".cache", "ivrmaze"))):
        value = os.environ.get(name)
        if value and os.path.isabs(value):
            return os.path.join(value, *tail), f"from ${name}"
    return None, "no absolute IVRMAZE_CACHE_DIR, XDG_CACHE_HOME or HOME"


def trusted(st: os.stat_result) -> bool:
    """Owned by the current user and writable by nobody else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def usable(path: str, *, create: bool = False) -> bool:
    """``path`` is a folder the cache may use (made ``0700`` first when ``create``)."""
    try:
        if create:
            os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and trusted(st)


_code: str | None = None


def code_fingerprint() -> str:
    """A hash of ivrmaze's own source: a cache entry made by other code is never used, even
    between two commits that share a version number."""
    global _code
    if _code is None:
        h = hashlib.sha256()
        root = os.path.dirname(os.path.abspath(__file__))
        for where, dirs, names in sorted(os.walk(root)):
            dirs.sort()
            for name in sorted(n for n in names if n.endswith(".py")):
                with open(os.path.join(where, name), "rb") as fh:
                    h.update(name.encode() + b"\0" + fh.read())
        _code = h.hexdigest()
    return _code


def _key(raw: bytes) -> str:
    h = hashlib.sha256(raw)
    h.update(f"|{yaml.__version__}|{FORMAT}|{code_fingerprint()}".encode())
    return h.hexdigest()


def load(raw: bytes) -> Parsed | None:
    """The cached parse of these bytes, or None (no cache, no entry, or an entry not to trust)."""
    where = folder()
    if where is None or len(raw) < MIN_BYTES:
        return None
    key = _key(raw)
    path = os.path.join(where, key + SUFFIX)
    blob = read_entry(path)
    try:
        parsed = None if blob is None else decode_entry(blob, key)
    except ValueError:
        return None
    if parsed is not None:
        touch(path)
    return parsed


def read_entry(path: str) -> bytes | None:
    """The bytes of the entry file ``path`` in a usable cache folder: a regular file (never through
    a link, never blocking on a FIFO) owned by the user, writable by nobody else and under
    MAX_BYTES; None for anything else."""
    if not usable(os.path.dirname(path)):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or not trusted(st) or st.st_size > MAX_BYTES:
                return None
            return fh.read()
    except OSError:
        return None


def touch(path: str) -> None:
    """Mark an entry as recently used: pruned last."""
    with contextlib.suppress(OSError):
        os.utime(path)


#: Write entries from a forked child instead of making the run wait (the command line sets it:
#: the process ends soon anyway; a library caller gets the entry written before store returns).
BACKGROUND = False
#: The writes put off until ``write_pending``: (the process that asked, the write).
_PENDING: list[tuple[int, Callable[[], None]]] = []


def store(raw: bytes, parts: Callable[[], Parsed]) -> None:
    """Keep ``parts()`` as the parse of ``raw`` (when the file is big enough and a cache exists),
    asked only when the entry is written."""
    where = folder()
    if where is None or len(raw) < MIN_BYTES:
        return
    key = _key(raw)  # now: a put-off write must not keep the file's bytes alive until the end
    in_background(lambda: write_entry(os.path.join(where, key + SUFFIX), lambda: encode_entry(parts(), key)))


def in_background(write: Callable[[], None], *, first: bool = False) -> None:
    """``write()`` put off until ``write_pending`` when BACKGROUND is set (and the platform forks),
    else done here, now. ``first``: before the writes put off so far (a run's result: small, and
    what the next run looks for first, while a big maze's parsed files take a minute to write)."""
    if BACKGROUND and hasattr(os, "fork"):
        _PENDING.insert(0 if first else len(_PENDING), (os.getpid(), write))
        return
    write()


def write_pending() -> None:
    """Do the writes this process put off, from one forked child at the lowest priority, without
    waiting for it (the process is about to end: the user has the prompt back meanwhile). One child
    for all of them: a child per file held, at a million nodes, fifty copies of the pages the check
    went on changing and fifty entries being encoded at once, more than 8 GB together."""
    mine = [write for pid, write in _PENDING if pid == os.getpid()]  # not those a fork inherited
    _PENDING.clear()
    if not mine:
        return
    try:
        pid = os.fork()
    except OSError:  # no process to be had: write them here
        for write in mine:
            write()
        return
    if pid:
        return  # the child writes; it is reaped by init once this short-lived process ends
    try:
        # Ctrl-C ends it (a helper that ignores Ctrl-C may be its parent); it yields the cores
        signal.signal(signal.SIGINT, signal.default_int_handler)
        with contextlib.suppress(OSError):
            os.nice(19)
        with contextlib.suppress(OSError):
            _let_go_of_output()
        for write in mine:
            write()
    finally:
        os._exit(0)


def _let_go_of_output() -> None:
    """Point standard input, output and error at the null device: whoever reads the check's
    output through a pipe (CI, ``| tee``) would otherwise wait for the writer to end as well."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def write_entry(path: str, blob: Callable[[], bytes]) -> None:
    """Write ``blob()`` as the entry file ``path`` (a temporary file renamed into place, so a reader
    never sees half an entry), then prune the folder; any failure is ignored."""
    where, tmp = os.path.dirname(path), None
    try:
        if not usable(where, create=True):
            return
        data = blob()
        import tempfile  # start-up: tempfile (with random and shutil), only to write an entry

        fd, tmp = tempfile.mkstemp(dir=where, suffix=_TMP_SUFFIX)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        prune(where)
    except Exception:  # a read-only home, a full disk or odd data must not stop a check
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# -- size, info and clearing ------------------------------------------------------------------

@dataclass(frozen=True)
class Info:
    """What ``ivrmaze cache info`` shows."""

    folder: str | None
    why: str  # where the folder comes from, or why there is no cache
    exists: bool
    usable: bool
    entries: int
    size: int
    limit: int = MAX_BYTES
    results: int = 0  # of the entries, those of the result cache (the others are parsed files)


def _own_files(where: str) -> list[tuple[str, os.stat_result]]:
    """(path, stat) of the regular files the cache made in ``where`` (entries and temporaries)."""
    out = []
    with os.scandir(where) as it:
        for e in it:
            if _OWN_NAME.match(e.name) and e.is_file(follow_symlinks=False):
                st = e.stat(follow_symlinks=False)
                if st.st_uid == os.geteuid():
                    out.append((e.path, st))
    return out


def prune(where: str, limit: int | None = None) -> None:
    """Remove stale temporary files, then the oldest entries until the rest fit in ``limit``."""
    limit = MAX_BYTES if limit is None else limit
    now = time.time()
    entries = []
    for path, st in _own_files(where):
        if path.endswith(_TMP_SUFFIX):
            if now - st.st_mtime > STALE_TMP_SECONDS:
                _remove(path)
        else:
            entries.append((st.st_mtime, st.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        if _remove(path):
            total -= size


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def info() -> Info:
    """The cache folder, where it comes from, and its entries and their total size."""
    where, why = _location()
    if where is None or not os.path.isdir(where):
        return Info(where, why, where is not None and os.path.lexists(where), False, 0, 0)
    try:
        files = [(p, st) for p, st in _own_files(where) if p.endswith((SUFFIX, RESULT_SUFFIX))]
    except OSError:
        files = []
    results = sum(p.endswith(RESULT_SUFFIX) for p, _ in files)
    return Info(where, why, True, usable(where), len(files), sum(st.st_size for _, st in files), results=results)


def clear() -> int:
    """Remove every entry and temporary file of the cache; the number of files removed."""
    where = folder()
    if where is None or not usable(where):  # a folder others may write is not ours to empty
        return 0
    return sum(_remove(path) for path, _ in _own_files(where))

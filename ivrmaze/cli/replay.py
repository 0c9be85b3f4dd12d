"""The result cache: ``ivrmaze check`` on unchanged inputs prints what the last run printed.

A command-line run of ``check`` (any format, with or without ``--baseline``) is keyed by
everything besides the files that can change its output (``_key``: ivrmaze's code, Python and the
installed packages, the arguments as given, the current folder, today's date, the environment
variables ivrmaze reads, whether stdout and stderr are terminals and their encodings). The first
run records every input it consults (``ivrmaze/inputs.py``: files read, folders listed, paths
probed) and the bytes it writes to stdout, stderr and ``$GITHUB_STEP_SUMMARY``; the entry is
written from a forked child (``ivrmaze/results.py``). A later run with the same key re-makes
every recorded observation; when all give the same answers it writes the recorded bytes and
exits with the recorded code, without loading or analysing anything. Any difference, error or
doubt (a read that failed, ``--at now``, an interrupted run, a usage error) means a normal run,
which writes the entry anew. Other commands are never cached.

This module is on the replay path: it imports nothing that loads menus or analyses them.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import json
import os
import sys
import zoneinfo
from collections.abc import Callable
from typing import Any, TypeVar

import yaml

from .. import cache, inputs, results

F = TypeVar("F", bound=Callable[..., Any])
#: The commands whose results are cached.
COMMANDS = frozenset({"check"})
#: The environment variables that change what ivrmaze prints (besides Python's own, below).
ENV = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "LANG", "LANGUAGE", "TZ")
ENV_PREFIXES = ("IVRMAZE_", "PYTHON", "LC_", "OMP_", "OPENBLAS_", "MKL_")

_returned = False  # the command returned (no exception, no interruption)
_tee: _Tee | None = None


def _packages() -> list[Any]:
    """The distributions installed where Python imports from (their names hold their versions)."""
    out: list[Any] = []
    for where in sys.path:
        try:
            names = os.listdir(where or ".")
        except OSError:
            continue
        out.append([where, sorted(n for n in names if n.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))])
    return out


def _stream(s: Any) -> list[Any]:
    return [s.isatty(), s.encoding, s.errors, s.line_buffering]


def _zones() -> list[Any]:
    """The time zones' rule folders and their dates (the rules change results)."""
    out = []
    for where in zoneinfo.TZPATH:
        with contextlib.suppress(OSError):
            out.append([where, os.stat(where).st_mtime_ns])
    return out


def _key(args: list[str]) -> str:
    parts = {"format": results.FORMAT, "code": cache.code_fingerprint(), "yaml": yaml.__version__,
             "python": [sys.version, sys.executable, sys.path, repr(sys.flags), sys.warnoptions, sys._xoptions],
             "packages": _packages(), "zones": _zones(), "args": args, "cwd": os.getcwd(),
             "date": dt.date.today().isoformat(),
             "env": sorted((k, v) for k, v in os.environ.items() if k in ENV or k.startswith(ENV_PREFIXES)),
             "streams": [_stream(sys.stdout), _stream(sys.stderr)]}
    text = json.dumps(parts, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _cacheable(args: list[str]) -> bool:
    return bool(args) and args[0] in COMMANDS and cache.folder() is not None and all(
        isinstance(getattr(s, "buffer", None), io.BufferedIOBase | io.RawIOBase) for s in (sys.stdout, sys.stderr))


def run(args: list[str], run_cli: Callable[[None], int]) -> int:
    """The exit code of the command line ``args``: replayed from the cache when it may be, else
    ``run_cli(None)`` (recorded when the command is cached)."""
    try:
        key = _key(args) if _cacheable(args) else None
    except Exception:  # an odd stream or environment: no cache, never a failure
        key = None
    if key is None:
        return run_cli(None)
    entry = results.load(key)
    if entry is not None and inputs.verify(entry.manifest):
        code = _replay(entry)
        if code is not None:
            return code
    return _record(args, key, run_cli)


def _replay(entry: results.Entry) -> int | None:
    """Write the entry's output; None (nothing written) when the step summary cannot be opened."""
    summary = None
    if any(stream == "summary" for stream, _ in entry.chunks):
        try:
            summary = open(os.environ["GITHUB_STEP_SUMMARY"], "ab")  # noqa: SIM115 (closed below)
        except (OSError, KeyError):
            return None
    try:
        for stream, data in entry.chunks:
            out = summary if stream == "summary" else (sys.stdout if stream == "stdout" else sys.stderr).buffer
            assert out is not None
            _write_all(out, data)
            out.flush()
    except BrokenPipeError:  # as a normal run: output cut short by a closed pipe is not an error
        return 0
    finally:
        if summary is not None:
            summary.close()
    return entry.code


def _record(args: list[str], key: str, run_cli: Callable[[None], int]) -> int:
    global _returned, _tee
    _returned = False
    tee = _tee = _Tee()
    inputs.start()
    try:
        code = run_cli(None)
    finally:
        manifest = inputs.stop()
        tee.remove()
        _tee = None
    if manifest is not None and _returned and tee.ok and code in (0, 1, 2) and _key(args) == key:
        results.store(key, results.Entry(manifest, tee.chunks, code))
    return code


def completes(f: F) -> F:
    """Mark a cached command's normal return (an exception or Ctrl-C is not a result to replay),
    and record the probes ``click.Path`` makes of its ``paths`` (exists, readable)."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _returned
        for p in kwargs.get("paths", ()):
            if inputs.exists(p):
                inputs.access(p)
        rv = f(*args, **kwargs)
        _returned = True
        return rv

    return wrapper  # type: ignore[return-value]


def note_summary(text: str) -> None:
    """The text a cached command appended to ``$GITHUB_STEP_SUMMARY`` (replayed in its place)."""
    if _tee is not None:
        _tee.chunks.append(("summary", text.encode("utf-8")))


def _write_all(out: Any, data: bytes) -> None:
    """All of ``data`` to ``out`` (a raw stream, as under PYTHONUNBUFFERED, may take part of it)."""
    view = memoryview(data)
    while view:
        n = out.write(view)
        if n is None:  # a non-blocking stream that is full
            raise BlockingIOError
        view = view[n:]


class _Binary(io.BufferedIOBase):
    """A binary stream that keeps a copy of what is written through it."""

    def __init__(self, tee: _Tee, name: str, under: Any) -> None:
        super().__init__()
        self.tee, self.stream, self.under = tee, name, under
        self.name = getattr(under, "name", name)

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        data = bytes(b)
        try:
            _write_all(self.under, data)
        except BaseException:
            self.tee.ok = False
            raise
        if data:
            self.tee.chunks.append((self.stream, data))
        return len(data)

    def flush(self) -> None:
        try:
            self.under.flush()
        except BaseException:
            self.tee.ok = False
            raise

    def isatty(self) -> bool:
        return bool(self.under.isatty())

    def fileno(self) -> int:
        return int(self.under.fileno())


class _Tee:
    """sys.stdout and sys.stderr replaced by text streams of the same encoding over ``_Binary``."""

    def __init__(self) -> None:
        self.chunks: list[tuple[str, bytes]] = []
        self.ok = True
        self.saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = (self._wrap("stdout", sys.stdout), self._wrap("stderr", sys.stderr))

    def _wrap(self, name: str, s: Any) -> io.TextIOWrapper:
        s.flush()
        return io.TextIOWrapper(_Binary(self, name, s.buffer), encoding=s.encoding, errors=s.errors,
                                line_buffering=s.line_buffering, write_through=True)

    def remove(self) -> None:
        for s in (sys.stdout, sys.stderr):
            try:
                s.flush()
            except (OSError, ValueError):
                self.ok = False
        sys.stdout, sys.stderr = self.saved

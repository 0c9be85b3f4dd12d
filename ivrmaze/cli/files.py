"""Where the commands may write (`-o`), and writing there safely.

`-o` may create a file, or replace an existing regular file of the command's own output type;
never a menu file of any format ivrmaze reads, a file being read, a symbolic link, a folder or
anything that is not a regular file. Writes go to a new temporary file made with
``tempfile.mkstemp`` (O_EXCL, in the output's folder) and renamed into place, so a name planted
by someone else (a symlink) is never written through.
"""
from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable

import click

from ..formatters.text import MENU_EXTENSIONS

DIAGRAM_EXTENSIONS = (".svg", ".png", ".pdf", ".dot", ".gv")  # what `render` writes
PAGE_EXTENSIONS = (".html", ".htm")  # what `review` writes


def _refuse(message: str) -> click.BadParameter:
    return click.BadParameter(message, param_hint="-o")


def _is_json_schema(path: str) -> bool:
    """Whether ``path`` holds a JSON Schema (what `ivrmaze schema -o` wrote), not a menu or another document."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read(20_000_000))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "$schema" in data


def _check_kind(path: str, ext: str, allowed: tuple[str, ...]) -> None:
    if ext in MENU_EXTENSIONS and ext not in allowed:
        what = "a YAML file" if ext in (".yaml", ".yml") else f"a menu file format ivrmaze reads ({ext})"
        such = "a diagram file" if allowed == DIAGRAM_EXTENSIONS else "an output file"
        raise _refuse(f"{path} is {what}; ivrmaze never writes over menu files, expected {such} such as "
                      f"{os.path.splitext(path)[0]}{allowed[0]}")
    if os.path.islink(path):
        raise _refuse(f"{path} is a symbolic link; ivrmaze never writes through one, expected a plain file name")
    if os.path.isdir(path):
        raise _refuse(f"{path} is a folder, expected a file name such as {os.path.join(path, 'menu.svg')}")


def _check_existing(path: str, ext: str, allowed: tuple[str, ...], own: tuple[Callable[[str], bool], str]) -> None:
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _refuse(f"{path} exists and is not a regular file, expected a new file or an output file to replace")
    if ext not in allowed:
        raise _refuse(f"{path} exists and is not an output of this command (a {'/'.join(allowed)} file); "
                      "ivrmaze replaces only its own outputs, expected a new file name")
    if ext == ".json" and not own[0](path):
        raise _refuse(f"{path} exists and is not {own[1]} ivrmaze wrote; it may be a menu, expected a new "
                      "file name")


def check_output(path: str, inputs: Iterable[str] = (), *, allowed: tuple[str, ...] = DIAGRAM_EXTENSIONS,
                 own: tuple[Callable[[str], bool], str] = (_is_json_schema, "a JSON Schema")) -> str:
    """``path`` when `-o` may write there (see the module); ``inputs``: the files being read,
    ``allowed``: the extensions of the command's own outputs (an existing file must have one),
    ``own``: (whether an existing ``.json`` file is this command's output, what that output is)."""
    ext = os.path.splitext(path)[1].lower()
    _check_kind(path, ext, allowed)
    if os.path.lexists(path):
        _check_existing(path, ext, allowed, own)
        for src in inputs:
            if os.path.exists(src) and os.path.samefile(src, path):
                raise _refuse(f"{path} is one of the menu files being read; ivrmaze never writes over them")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise _refuse(f"folder {os.path.dirname(path) or parent} does not exist")
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a new temporary file renamed into place (never through a link)."""
    if os.path.islink(path):
        raise _refuse(f"{path} is a symbolic link; ivrmaze never writes through one, expected a plain file name")
    folder, name = os.path.split(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), 0o666 & ~_umask())  # the permissions a plain open() would give
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_new(path: str, data: bytes) -> None:
    """Write ``data`` to the new file ``path``, never over an existing one (a file planted meanwhile
    makes it fail, not be replaced): a temporary file linked into place, which fails if the name exists."""
    folder, name = os.path.split(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), 0o666 & ~_umask())
        os.link(tmp, path)
    except FileExistsError:
        raise _refuse(f"{path} exists; ivrmaze never writes over it, expected a new file name") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def output_names(paths: Iterable[str], folder: str) -> dict[str, str]:
    """A distinct output name per menu file, from its path below ``folder``: ``lines/a/main.yaml`` ->
    ``lines-a-main`` (a second ``lines-a-main`` becomes ``lines-a-main-2``)."""
    base = folder if os.path.isdir(folder) else os.path.dirname(folder) or "."
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in paths:
        stem = os.path.splitext(os.path.relpath(path, base))[0].replace(os.sep, "-").replace("/", "-")
        name, n = stem, 1
        while name.lower() in taken:  # case-insensitive file systems would merge `A` and `a`
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.lower())
        names[path] = name
    return names


def check_output_folder(out: str) -> str:
    """``out`` when it is a folder or can be made one (a file there is a clear error, not a crash)."""
    if os.path.lexists(out) and not os.path.isdir(out):
        raise click.BadParameter(f"{out} is a file, expected a folder for the diagrams and review pages "
                                 "(a new or existing folder)", param_hint="-o")
    return out

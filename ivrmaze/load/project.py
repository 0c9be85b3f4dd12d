"""The project: its root folder (which `external` may not leave) and the menu files in folders.

The root is the nearest folder, at or above the given paths, that holds `.git` or
`.ivrmaze.yaml`; without one, the common folder of the given paths (docs/format.md, "external").
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from typing import Union

from .. import language as L
from ..errors import UsageError
from ..findings import Finding
from ..words import display_path

#: A path as the API takes it.
PathLike = Union[str, "os.PathLike[str]"]
MARKERS = (".git", ".ivrmaze.yaml")
#: A top-level `ivrmaze:` key (quoted or not, after a byte-order mark): the mark of a menu file; or
#: `nodes:`, which every menu has too: a menu that lost its version line is still read (and told).
_MENU_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?(['\"]?)(?:ivrmaze|nodes)\1[ \t]*:", re.MULTILINE)
_KIND_NAMES = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
               stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def not_regular(path: str) -> str | None:
    """What ``path`` is when it is not a regular file (``"a FIFO"``), else None (links followed)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "unreadable"
    return None if stat.S_ISREG(mode) else _KIND_NAMES.get(stat.S_IFMT(mode), "not a regular file")


def is_inside(path: str, root: str) -> bool:
    """Whether the absolute ``path`` is ``root`` or below it."""
    return os.path.commonpath([path, root]) == root


def project_root(paths: Iterable[str]) -> str:
    """The absolute root folder of the project the given files and folders belong to."""
    folders = [ap if os.path.isdir(ap) else os.path.dirname(ap) for ap in map(os.path.abspath, paths)]
    if not folders:
        return os.path.abspath(os.curdir)
    common = os.path.commonpath(folders)
    here = common
    while True:
        if any(os.path.lexists(os.path.join(here, m)) for m in MARKERS):
            return here
        up = os.path.dirname(here)
        if up == here:
            return common
        here = up


def _skipped(path: str, root: str) -> str | None:
    """Why a file found in a folder walk is not read (a FIFO, a link out of the project), or None."""
    if os.path.islink(path) and not is_inside(os.path.realpath(path), os.path.realpath(root)):
        return "a link to a file outside the project folder"
    return not_regular(path)


def _walk(folder: str, root: str, warnings: list[Finding]) -> list[str]:
    found = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in names:
            if not L.is_menu_file(n) or n.startswith("."):
                continue
            path = os.path.join(here, n)
            why = _skipped(path, root)
            if why is None:
                found.append(path)
            else:
                warnings.append(Finding("file", f"skipped: {why}, expected a regular menu file",
                                        display_path(path), severity="warning"))
    if not found:
        raise UsageError(f"no menu files found under {folder}")
    return sorted(found)


def menu_paths(paths: PathLike | Iterable[PathLike]) -> tuple[list[str], list[Finding]]:
    """Files as given, and folders searched (recursively) for menu files, in sorted order; with
    a warning for each file a folder walk skipped. Raises UsageError for a path that is missing,
    unreadable or not a regular file, and for a folder with no menu files."""
    given = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    root = project_root(given)
    out: list[str] = []
    warnings: list[Finding] = []
    for p in given:
        if os.path.isdir(p):
            out += _walk(p, root, warnings)
        elif os.path.exists(p):
            if not os.access(p, os.R_OK):
                raise UsageError(f"{p}: cannot read the file (permission denied)")
            what = not_regular(p)
            if what is not None:
                raise UsageError(f"{p}: {what}, not a regular file, expected a menu file or a folder")
            out.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return out, warnings


def is_menu(path: str) -> bool:
    """Whether a file has a top-level `ivrmaze:` (or `nodes:`) key, read as text, so that a menu
    with a syntax error elsewhere is still a menu. A path that is not a readable regular file counts as a menu, so
    that loading it reports why it cannot be read."""
    if not_regular(path) is not None or not os.access(path, os.R_OK):
        return True
    try:
        with open(path, "rb") as f:
            return _MENU_KEY.search(f.read()) is not None
    except OSError:
        return True


def only_menus(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """The paths without the files named directly that are not menus (`is_menu`), and those files.
    Folders are kept: a folder walk takes every YAML file as a menu."""
    kept: list[str] = []
    skipped: list[str] = []
    for p in paths:
        (kept if os.path.isdir(p) or not os.path.exists(p) or is_menu(p) else skipped).append(p)
    return kept, skipped

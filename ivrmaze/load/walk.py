"""The menu files in folders, and which files named directly are menus: told by name and content.

A folder walk takes every YAML file (`.yaml`, `.yml`) as a menu, and a `.json` or `.conf` file
(Amazon Connect and Twilio Studio flows, Asterisk dialplans) when a platform reader recognises
its content (``readers.recognised``); companion files are not menus. It never leaves the project:
a link to a file outside it, a FIFO or a device is skipped with a warning, never opened.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable

from .. import inputs
from .. import language as L
from ..errors import UsageError
from ..findings import Finding
from ..words import display_path
from .companion import NAMES as COMPANION_NAMES
from .project import PathLike, is_inside, not_regular, project_root
from .readers import recognised

#: Extensions of files a walk reads when a platform reader recognises their content.
PLATFORM_EXTENSIONS = (".json", ".conf")
#: How much of a file is read to tell whether a platform reader knows it.
SNIFF_BYTES = inputs.HEAD_BYTES
#: A top-level `ivrmaze:` key (quoted or not, after a byte-order mark): the mark of a menu file; or
#: `nodes:`, which every menu has too: a menu that lost its version line is still read (and told).
_MENU_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?(['\"]?)(?:ivrmaze|nodes)\1[ \t]*:", re.MULTILINE)


def _head(path: str) -> bytes | None:
    """The first bytes of a regular file, or None when it cannot be read."""
    return inputs.head(path)  # recorded for the result cache, as every probe here


def _platform_file(path: str) -> bool:
    """Whether a platform reader recognises the file (read only when it is a regular file)."""
    if not_regular(path) is not None:
        return False
    head = _head(path)
    return head is not None and recognised(path, head)


def _candidate(name: str) -> bool:
    low = name.lower()
    return not name.startswith(".") and low not in COMPANION_NAMES and (
        L.is_menu_file(name) or low.endswith(PLATFORM_EXTENSIONS))


def _link_out(path: str, root: str) -> bool:
    """Whether ``path`` is a link whose file lies outside the project folder ``root``."""
    return inputs.islink(path) and not is_inside(inputs.realpath(path), inputs.realpath(root))


def _skipped(path: str, root: str) -> str | None:
    """Why a file found in a folder walk is not read (a FIFO, a link out of the project), or None."""
    if _link_out(path, root):
        return "a link to a file outside the project folder"
    return not_regular(path)


def _walk(folder: str, root: str, warnings: list[Finding]) -> list[str]:
    found = []
    for here, dirs, names in inputs.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in names:
            if not _candidate(n):
                continue
            path = os.path.join(here, n)
            why = _skipped(path, root)
            if why is None:
                if L.is_menu_file(n) or _platform_file(path):
                    found.append(path)
            elif L.is_menu_file(n):
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
        if inputs.isdir(p):
            out += _walk(p, root, warnings)
        elif inputs.exists(p):
            if not inputs.access(p):
                raise UsageError(f"{p}: cannot read the file (permission denied)")
            what = not_regular(p)
            if what is not None:
                raise UsageError(f"{p}: {what}, not a regular file, expected a menu file or a folder")
            if _link_out(p, root):  # as in a folder walk: a file named in a pull request may be such a link
                raise UsageError(f"{p}: is a link to a file outside the project folder, expected a menu file in it")
            out.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return out, warnings


def is_menu(path: str) -> bool:
    """Whether a file has a top-level `ivrmaze:` (or `nodes:`) key, read as text, so that a menu
    with a syntax error elsewhere is still a menu, or is a platform file a reader recognises; a
    companion file is not. A path that is not a readable regular file counts as a menu, so that
    loading it reports why it cannot be read."""
    if not_regular(path) is not None or not inputs.access(path):
        return True
    if os.path.basename(path).lower() in COMPANION_NAMES:
        return False
    head = _head(path)
    if head is None:
        return True
    return _MENU_KEY.search(head) is not None or recognised(path, head)


def only_menus(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """The paths without the files named directly that are not menus (`is_menu`), and those files.
    Folders are kept: a folder walk takes every YAML file as a menu."""
    kept: list[str] = []
    skipped: list[str] = []
    for p in paths:
        (kept if inputs.isdir(p) or not inputs.exists(p) or is_menu(p) else skipped).append(p)
    return kept, skipped

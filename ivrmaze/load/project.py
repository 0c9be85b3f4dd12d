"""The project: its root folder, which `external` may not leave (folder walks are in ``walk.py``).

The root is the nearest folder, at or above the given paths, that holds `.git` or
`.ivrmaze.yaml`; without one, the common folder of the given paths (docs/format.md, "external").
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from typing import Union

from .. import inputs

#: A path as the API takes it.
PathLike = Union[str, "os.PathLike[str]"]
MARKERS = (".git", ".ivrmaze.yaml")
_KIND_NAMES = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
               stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def not_regular(path: str) -> str | None:
    """What ``path`` is when it is not a regular file (``"a FIFO"``), else None (links followed)."""
    mode = inputs.mode(path)  # recorded for the result cache, as every probe below
    if mode is None:
        return "unreadable"
    return None if mode == stat.S_IFREG else _KIND_NAMES.get(mode, "not a regular file")


def is_inside(path: str, root: str) -> bool:
    """Whether the absolute ``path`` is ``root`` or below it."""
    return os.path.commonpath([path, root]) == root


def project_root(paths: Iterable[str]) -> str:
    """The absolute root folder of the project the given files and folders belong to."""
    folders = [ap if inputs.isdir(ap) else os.path.dirname(ap) for ap in map(os.path.abspath, paths)]
    if not folders:
        return os.path.abspath(os.curdir)
    common = os.path.commonpath(folders)
    here = common
    while True:
        if any(inputs.lexists(os.path.join(here, m)) for m in MARKERS):
            return here
        up = os.path.dirname(here)
        if up == here:
            return common
        here = up

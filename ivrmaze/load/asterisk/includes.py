"""`#include` of other dialplan files, confined to the project like `external` (see ``external.py``).

Asterisk reads an included file in place of the `#include` line, relative to its
configuration folder; ivrmaze reads it relative to the folder of the file being checked. An
absolute path, a `..` that leaves the project root, a link that resolves outside it, anything
but a regular file, a missing file, an include cycle and a second include of one file are
positioned errors at the `#include` line, and such a file is never opened.
"""
from __future__ import annotations

import os

from ... import inputs
from ...errors import SourceError
from ...source import decode, read_bytes
from ...words import display_path
from ..project import is_inside, not_regular
from .lines import Dialplan, Problem, Where

#: Includes nested deeper than this are refused (a cycle through many files is caught sooner).
MAX_DEPTH = 16


def _refusal(name: str, resolved: str, root: str) -> str | None:
    where = "the project folder"  # not its path: the message reads the same on every machine
    if not name:
        return "`#include` names no file, expected `#include file.conf`"
    if os.path.isabs(name):
        return f"included file `{name}` is an absolute path, expected a path relative to this file inside {where}"
    if not is_inside(resolved, root):
        return f"included file `{name}` is outside {where}, expected a path inside it"
    if not inputs.lexists(resolved):  # recorded for the result cache, as the probe below
        return f"included file `{name}` does not exist, expected a dialplan file relative to this file"
    if not is_inside(inputs.realpath(resolved), inputs.realpath(root)):
        return f"included file `{name}` is a link to a file outside {where}, expected a file inside it"
    what = not_regular(resolved)
    if what is not None:
        return f"included file `{name}` is {what}, not a regular file, expected a dialplan file"
    return None


class Includes:
    """The opener of ``lines.parse`` for the file ``path`` in the project ``root``."""

    def __init__(self, path: str, root: str, plan: Dialplan) -> None:
        self.folder = os.path.dirname(os.path.abspath(path))
        self.root = os.path.abspath(root or self.folder)
        self.plan = plan
        self.open_files = [os.path.abspath(path)]

    def __call__(self, name: str, at: Where) -> tuple[str, str] | None:
        resolved = os.path.normpath(os.path.join(self.folder, name))
        refused = _refusal(name, resolved, self.root)
        if refused is None and (resolved in self.open_files or len(self.open_files) > MAX_DEPTH):
            refused = f"included file `{name}` is read already (an include cycle, or a second include of it), " \
                      "expected each file included once"
        if refused is None:
            try:
                text = decode(read_bytes(resolved))
            except SourceError as e:
                refused = f"included file `{name}` cannot be read: {e.message}"
        if refused is not None:
            self.plan.problems.append(Problem("reference", refused, at))
            return None
        self.open_files.append(resolved)
        return display_path(resolved), text

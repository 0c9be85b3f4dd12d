"""The two sides of a diff: a file or folder on disk, or ``REV:path`` read from git.

``REV:path`` (``HEAD:menus/x.yaml``, ``origin/main:menus``) is read with ``git`` into a
temporary folder: every ``*.yaml``/``*.yml`` file of that revision, so ``external`` references
between files resolve as they did then. A path that does not exist at that revision is an
empty side: everything in the other side counts as added (a new file in a pull request).
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field

from ..errors import UsageError
from ..maze import Maze, load


@dataclass
class Side:
    label: str  # as the user wrote it
    maze: Maze | None  # None: the path does not exist at that revision
    base: str  # absolute folder that file keys are relative to
    root_file: str | None = None  # the file given (None for a folder)
    names: dict = field(default_factory=dict)  # display path -> how to show it
    alias: dict = field(default_factory=dict)  # key -> key on the other side (two files of different names)

    def key(self, path: str) -> str:
        """A file's name shared by both sides: its path relative to the side's base folder."""
        k = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        return self.alias.get(k, k)


def is_git_spec(arg: str) -> bool:
    rev, sep, _ = arg.partition(":")
    return bool(sep and rev) and not os.path.exists(arg) and not (len(rev) == 1 and rev.isalpha())


def _git(args, cwd, *, text=True, input=None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=text, input=input, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed, expected git on the PATH to read REV:path") from None


def _extract(rev: str, dest: str, top: str):
    ls = _git(["ls-tree", "-r", "-z", "--name-only", rev], top)
    if ls.returncode:
        raise UsageError(f"{rev}: not a git revision ({ls.stderr.strip().splitlines()[-1] if ls.stderr else ''}), "
                         "expected REV:path such as HEAD:menus/x.yaml or origin/main:menus")
    names = [n for n in ls.stdout.split("\0") if n.endswith((".yaml", ".yml"))]
    if not names:
        return
    batch = _git(["cat-file", "--batch"], top, text=False, input="".join(f"{rev}:{n}\n" for n in names).encode())
    data, pos = batch.stdout, 0
    for name in names:
        nl = data.index(b"\n", pos)
        header = data[pos:nl].split()
        pos = nl + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        target = os.path.join(dest, *name.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(data[pos:pos + size])
        pos += size + 1


def open_side(arg: str, stack) -> Side:
    """Load one side. ``stack`` (an ExitStack) keeps temporary folders until the diff is done."""
    if not is_git_spec(arg):
        if not os.path.exists(arg):
            raise UsageError(f"{arg}: no such file or folder, expected a menu file, a folder or REV:path")
        ap = os.path.abspath(arg)
        folder = os.path.isdir(ap)
        maze = load(arg, strict=False)
        return Side(arg, maze, ap if folder else os.path.dirname(ap), None if folder else ap)
    rev, _, path = arg.partition(":")
    top_run = _git(["rev-parse", "--show-toplevel"], os.getcwd())
    if top_run.returncode:
        raise UsageError(f"{arg}: not inside a git repository, expected REV:path to name a file in this repository")
    top = top_run.stdout.strip()
    rel = os.path.relpath(os.path.abspath(path), top)
    if rel.startswith(".."):
        raise UsageError(f"{arg}: {path} is outside the git repository at {top}")
    tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="ivrmaze-diff-"))
    _extract(rev, tmp, top)
    local = os.path.join(tmp, rel)
    names = {}
    if not os.path.exists(local):
        return Side(arg, None, os.path.dirname(local) if path.endswith((".yaml", ".yml")) else local,
                    local if path.endswith((".yaml", ".yml")) else None)
    folder = os.path.isdir(local)
    maze = load(local, strict=False)
    for shown in maze.files:
        names[shown] = f"{rev}:{os.path.relpath(os.path.abspath(shown), tmp).replace(os.sep, '/')}"
    return Side(arg, maze, local if folder else os.path.dirname(local), None if folder else local, names)

"""The two sides of a diff: a file or folder on disk, or ``REV:path`` read from git.

``REV:path`` (``HEAD:menus/x.yaml``, ``origin/main:menus``) is read with ``git`` into a
temporary folder: every ``*.yaml``/``*.yml`` file of that revision (and ``*.json``/``*.conf``, which
platform readers may recognise), so ``external`` references
between files resolve as they did then. A path that does not exist at that revision is an
empty side: everything in the other side counts as added (a new file in a pull request).

The revision is untrusted (a pull request's branch): its tree's entry names are checked before
anything is written (no ``..``, ``.``, empty or absolute names, no separator inside a name),
symbolic links and submodules are skipped, and blobs are read by object id with ``git cat-file``
into files created new inside the temporary folder. A revision starting with ``-`` is refused
and ``--end-of-options`` keeps git from reading one as an option.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import UsageError
from ..language import MENU_EXTENSIONS
from ..lint import load
from ..load.walk import PLATFORM_EXTENSIONS
from ..maze import Maze

#: what is read from a revision: menus, and the files a platform reader may recognise by content
MENU_SUFFIXES = (*MENU_EXTENSIONS, *PLATFORM_EXTENSIONS)
_FILE_MODES = ("100644", "100755")  # regular files: not symbolic links (120000) nor submodules (160000)


@dataclass
class Side:
    label: str  # as the user wrote it
    maze: Maze | None  # None: the path does not exist at that revision
    base: str  # absolute folder that file keys are relative to
    root_file: str | None = None  # the file given (None for a folder)
    names: dict[str, str] = field(default_factory=dict)  # display path -> how to show it
    alias: dict[str, str] = field(default_factory=dict)  # key -> key on the other side (two files of different names)

    def key(self, path: str) -> str:
        """A file's name shared by both sides: its path relative to the side's base folder."""
        k = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        return self.alias.get(k, k)


def is_git_spec(arg: str) -> bool:
    rev, sep, _ = arg.partition(":")
    return bool(sep and rev) and not os.path.exists(arg) and not (len(rev) == 1 and rev.isalpha())


def _git(args: list[str], cwd: str, *, text: bool = True, input: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=text, input=input, check=False,
                              errors="surrogateescape" if text else None)
    except FileNotFoundError:
        raise UsageError("git is not installed, expected git on the PATH to read REV:path") from None


def _tree_menus(rev: str, top: str) -> list[tuple[str, str]]:
    """(object id, path) of the revision's menu blobs; an unsafe entry name is an error before anything is written."""
    ls = _git(["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", rev], top)
    if ls.returncode:
        raise UsageError(f"{rev}: not a git revision ({ls.stderr.strip().splitlines()[-1] if ls.stderr else ''}), "
                         "expected REV:path such as HEAD:menus/x.yaml or origin/main:menus")
    out = []
    for entry in filter(None, ls.stdout.split("\0")):
        meta, _, path = entry.partition("\t")
        mode, kind, oid = meta.split(" ")
        if kind != "blob" or mode not in _FILE_MODES or not path.lower().endswith(MENU_SUFFIXES):
            continue
        if path.startswith("/") or any(p in ("", ".", "..") or "\\" in p for p in path.split("/")):
            raise UsageError(f"{rev}: the tree holds an entry named {path!r}, which could point outside the "
                             "folder it is read into; expected plain file and folder names")
        out.append((oid, path))
    return out


def _write_new(dest: str, path: str, data: bytes) -> None:
    """Create ``dest/path`` as a new file (never through an existing name or link)."""
    parts = path.split("/")
    folder = dest
    for p in parts[:-1]:
        folder = os.path.join(folder, p)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        if os.path.islink(folder) or not os.path.isdir(folder):
            raise UsageError(f"cannot read {path!r} from git: {folder} is not a folder")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(os.path.join(folder, parts[-1]), flags, 0o600), "wb") as fh:
        fh.write(data)


def _extract(rev: str, dest: str, top: str) -> None:
    blobs = _tree_menus(rev, top)
    if not blobs:
        return
    batch = _git(["cat-file", "--batch"], top, text=False, input="".join(f"{oid}\n" for oid, _ in blobs).encode())
    data, pos = batch.stdout, 0
    for _, path in blobs:
        nl = data.index(b"\n", pos)
        header = data[pos:nl].split()
        pos = nl + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        _write_new(dest, path, data[pos:pos + size])
        pos += size + 1


def _disk_side(arg: str, vars: Mapping[str, str] | None = None, entry: str | None = None) -> Side:
    if not os.path.exists(arg):
        raise UsageError(f"{arg}: no such file or folder, expected a menu file, a folder or REV:path")
    ap = os.path.abspath(arg)
    folder = os.path.isdir(ap)
    maze = load(arg, strict=False, vars=vars, entry=entry)
    return Side(arg, maze, ap if folder else os.path.dirname(ap), None if folder else ap)


def open_side(arg: str, stack: contextlib.ExitStack, vars: Mapping[str, str] | None = None,
              entry: str | None = None) -> Side:
    """Load one side. ``stack`` (an ExitStack) keeps temporary folders until the diff is done;
    ``vars`` fill platform files' placeholders, ``entry`` says where calls enter flows that do not."""
    if not is_git_spec(arg):
        return _disk_side(arg, vars, entry)
    rev, _, path = arg.partition(":")
    if rev.startswith("-"):
        raise UsageError(f"{arg}: a revision cannot start with '-', expected REV:path such as HEAD:menus/x.yaml")
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
    if not os.path.exists(local):
        is_file = path.lower().endswith(MENU_SUFFIXES)
        return Side(arg, None, os.path.dirname(local) if is_file else local, local if is_file else None)
    folder = os.path.isdir(local)
    maze = load(local, strict=False, vars=vars, entry=entry)
    names = {shown: f"{rev}:{os.path.relpath(os.path.abspath(shown), tmp).replace(os.sep, '/')}"
             for shown in maze.files}
    return Side(arg, maze, local if folder else os.path.dirname(local), None if folder else local, names)

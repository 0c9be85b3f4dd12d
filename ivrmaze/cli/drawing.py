"""Helpers shared by `render`, `review` and `demo`: where to write, in which format, and drawing."""
from __future__ import annotations

import os

import click

from ..errors import UsageError
from ..render import FORMATS, GraphvizFailed, GraphvizMissing

EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


def check_output(path: str, maze=None, *, allowed=(".svg", ".png", ".pdf", ".dot", ".gv", ".html", ".htm")) -> str:
    """Refuse to write over a menu file, a folder, or into a folder that does not exist."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".yaml", ".yml"):
        raise click.BadParameter(f"{path} is a YAML file; ivrmaze never writes over menu files, expected a "
                                 f"diagram file such as {os.path.splitext(path)[0]}.svg", param_hint="-o")
    if os.path.isdir(path):
        raise click.BadParameter(f"{path} is a folder, expected a file name such as {os.path.join(path, 'menu.svg')}",
                                 param_hint="-o")
    if maze is not None and os.path.exists(path):
        for mf in maze.files.values():
            if os.path.exists(mf.abspath) and os.path.samefile(mf.abspath, path):
                raise click.BadParameter(f"{path} is one of the menu files being read; ivrmaze never writes over "
                                         "them", param_hint="-o")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise click.BadParameter(f"folder {os.path.dirname(path) or parent} does not exist", param_hint="-o")
    return path


def format_of(path: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    raise click.BadParameter(f"cannot tell the format from {path!r}, expected a name ending in .svg, .png, .pdf or "
                             f".dot, or --format {'|'.join(FORMATS)}", param_hint="-o")


def write_bytes(path: str, data: bytes) -> None:
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def graphviz_errors(fn):
    """Run ``fn()``; a missing or failing ``dot`` becomes a clear usage error (exit 2), no traceback."""
    try:
        return fn()
    except (GraphvizMissing, GraphvizFailed) as e:
        raise click.ClickException(str(e)) from None


def usage_errors(fn, hint=None):
    try:
        return fn()
    except UsageError as e:
        if hint:
            raise click.BadParameter(str(e), param_hint=hint) from None
        raise click.UsageError(str(e)) from None


def load_checked(paths):
    """Load; when the files have problems, print them as `validate` does and stop with exit 2."""
    from .common import load_maze
    return stop_on_problems(load_maze(paths))


def stop_on_problems(maze):
    """``maze``; or, when its files have errors, print them as `validate` does and stop with exit 2."""
    if any(p.severity == "error" for p in maze.problems):
        from ..formatters.text import format_finding, plural, source_lines
        lines_of = source_lines(maze)
        for p in maze.problems:
            click.echo(format_finding(p, lines_of), err=True)
        raise click.ClickException(f"{plural(len(maze.problems), 'problem')} in the menu files; fix them first "
                                   "(`ivrmaze validate` lists them)")
    return maze


def analysis_or_none(maze, at=None):
    """The analysis result, or None when the analysis package is not available."""
    try:
        from ..analysis import analyze
    except ImportError:  # pragma: no cover - the analysis ships with ivrmaze
        return None
    return usage_errors(lambda: analyze(maze, at=at), hint="--at")

"""Helpers shared by `render`, `review` and `demo`: the format, the analysis drawn, and errors as click errors."""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..analysis import Analysis
from ..errors import UsageError
from ..lint import lint
from ..maze import Maze
from ..periods import Period
from ..render import FORMATS, GraphvizFailed, GraphvizMissing
from ..timeline import Instant

EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
T = TypeVar("T")


def format_of(path: str, fmt: str | None) -> str:
    """The drawing format: ``--format`` when given, else from the output's extension."""
    if fmt:
        return fmt
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    raise click.BadParameter(f"cannot tell the format from {path!r}, expected a name ending in .svg, .png, .pdf or "
                             f".dot, or --format {'|'.join(FORMATS)}", param_hint="-o")


def graphviz_errors(fn: Callable[[], T]) -> T:
    """Run ``fn()``; a missing or failing ``dot`` becomes a clear usage error (exit 2), no traceback."""
    try:
        return fn()
    except (GraphvizMissing, GraphvizFailed) as e:
        raise click.ClickException(str(e)) from None


def usage_errors(fn: Callable[[], T], hint: str | None = None) -> T:
    """Run ``fn()``; a library UsageError becomes a click error on option ``hint`` (exit 2)."""
    try:
        return fn()
    except UsageError as e:
        if hint:
            raise click.BadParameter(str(e), param_hint=hint) from None
        raise click.UsageError(str(e)) from None


def drawn_analysis(maze: Maze, at: Instant | Period | None = None) -> Analysis:
    """The analysis whose findings are drawn (a bad ``at`` is an `--at` error)."""
    return usage_errors(lambda: lint(maze, at=at), hint="--at")


def inputs_of(*mazes: Any) -> list[str]:
    """The absolute paths of every file the mazes read (the files given and those reached by `external`)."""
    return [mf.abspath for m in mazes if m is not None for mf in m.files.values()]

"""Findings printed in the chosen format: shared by validate, check and report."""
from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from ..findings import Finding
from ..formatters import github, sarif
from ..formatters.json import Document, dumps
from ..formatters.text import findings_text, source_lines
from ..maze import Maze
from ..version import VERSION

_MACHINE = {"sarif": sarif.format_findings, "github": github.format_findings}


def print_findings(maze: Maze, findings: Sequence[Finding], fmt: str, files: list[str],
                   document: Document | None = None, *, at: str | None = None, with_code: bool = True) -> None:
    """``document``: what json prints; text shows ``[kind CODE]`` (``[kind]`` without
    ``with_code``) and, for the whole week, a `= when:` line under timed findings."""
    if fmt == "json":
        click.echo(dumps(document or {}))
    elif fmt in _MACHINE:
        text = _MACHINE[fmt](findings, files=files, tool_version=VERSION)
        if text:
            click.echo(text)
    else:
        color = sys.stdout.isatty()
        text = findings_text(findings, source_lines(maze), with_code=with_code, color=color, when_lines=not at)
        if text:  # one write: a big maze has thousands of findings
            click.echo(text, color=color)

"""Findings printed in the chosen format: shared by validate, check and report."""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from .. import inputs
from ..findings import Finding
from ..formatters import github, sarif
from ..formatters.json import Document, dumps
from ..formatters.text import findings_text, source_lines
from ..maze import Maze
from ..version import VERSION
from ..words import safe
from . import replay

_MACHINE = {"sarif": sarif.format_findings, "github": github.format_findings}


def print_findings(maze: Maze, findings: Sequence[Finding], fmt: str, files: list[str],
                   document: Document | None = None, *, at: str | None = None) -> None:
    """``document``: what json prints; text shows ``[kind CODE]`` and, for the whole week, a
    `= when:` line under timed findings."""
    if fmt == "json":
        click.echo(dumps(document or {}))
    elif fmt in _MACHINE:
        text = _MACHINE[fmt](findings, files=files, tool_version=VERSION)
        if text:
            click.echo(text)
    else:
        color = sys.stdout.isatty()
        text = findings_text(findings, source_lines(maze), color=color, when_lines=not at)
        if text:  # one write: a big maze has thousands of findings
            click.echo(text, color=color)


def step_summary(fmt: str, title: str, findings: Sequence[Finding], intents: Sequence[Any] = (), *,
                 at: str | None = None) -> None:
    """Under GitHub Actions (``--format github`` and ``$GITHUB_STEP_SUMMARY`` set), append the
    Markdown summary to that file: appended, never replaced (other steps write there too)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt != "github" or not target:
        return
    try:
        text = github.step_summary(title, findings, intents, at=at)
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(text)
        replay.note_summary(text)
    except OSError as e:
        inputs.doubt("the step summary could not be written")  # the message below is not replayed
        click.echo(f"ivrmaze: could not write the step summary to {safe(target)}: {e.strerror}", err=True)

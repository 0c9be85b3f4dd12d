"""Findings printed in the chosen format: shared by validate, check and report."""
from __future__ import annotations

import json
import sys

import click

from .. import __version__
from ..formatters.text import format_finding, source_lines


def print_findings(maze, findings, fmt, files, payload=None, *, at=None, with_code=True):
    """``payload``: the JSON document (json); text shows ``[kind CODE]`` (``[kind]`` without
    ``with_code``) and, for the whole week, a `= when:` line under timed findings."""
    if fmt == "json":
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    elif fmt in ("sarif", "github"):
        if fmt == "sarif":
            from ..formatters.sarif import format_findings
        else:
            from ..formatters.github import format_findings
        text = format_findings(findings, files=files, tool_version=__version__)
        if text:
            click.echo(text)
    else:
        lines_of = source_lines(maze)
        color = sys.stdout.isatty()
        out = []
        for f in findings:
            out.append(format_finding(f, lines_of, with_code=with_code, color=color))
            if f.when and not at:
                out.append(f"  = when: {'; '.join(f.when)}")
        if out:  # one write: a big maze has thousands of findings
            click.echo("\n".join(out), color=color)

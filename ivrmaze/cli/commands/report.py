"""`ivrmaze report PATH...`: per phone line and intent, the five metrics over the week windows."""
from __future__ import annotations

import sys

import click

from ...findings import Finding
from ...formatters.json import dumps, report_document, stopped_document
from ...formatters.table import format_report
from ...formatters.text import problems_text
from ...maze import Maze
from ..analysis_options import analysis_options, cli_settings, run_analysis
from ..common import entry_option, load_maze, paths_argument, vars_option


def stop(maze: Maze, problems: list[Finding], fmt: str) -> int:
    """Problems that prevent the analysis: as text, or the JSON document with no intents; exit 2."""
    if fmt == "json":
        click.echo(dumps(stopped_document(problems, list(maze.files), maze.node_count)))
    else:
        color = sys.stdout.isatty()
        click.echo(problems_text(maze, problems, color=color), color=color)
    return 2


@click.command("report")
@paths_argument
@vars_option
@entry_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@analysis_options
def command(paths: tuple[str, ...], fmt: str, at: str | None, max_options: int | None, max_hops: int | None,
            max_retells: int | None, enable: tuple[str, ...], disable: tuple[str, ...]) -> int:
    """Show when and how each intent can be reached: best, guaranteed and expected hops,
    the chance a random caller is resolved, and retells, per week window.

    Exit 0, or 2 on usage errors or files that do not load (exit codes as every command: docs/ci.md).
    """
    maze = load_maze(paths)
    if not maze.ok:  # load warnings (a skipped file, a time in a daylight-saving gap) do not stop it
        return stop(maze, maze.problems, fmt)
    analysis, _, problems = run_analysis(maze, at, cli_settings(max_options, max_hops, max_retells, enable, disable))
    if analysis is None:
        return stop(maze, problems, fmt)
    if fmt == "json":  # the warnings among the findings, as in check's document
        click.echo(dumps(report_document(analysis, sorted([*maze.problems, *analysis.findings],
                                                          key=lambda f: f.sort_key))))
        return 0
    if maze.problems:
        click.echo(problems_text(maze, maze.problems), err=True)
    click.echo(format_report(analysis, maze))
    return 0

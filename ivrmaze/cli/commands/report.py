"""`ivrmaze report PATH...`: per phone line and intent, the five metrics over the week windows."""
from __future__ import annotations

import json

import click

from ...formatters.table import format_report
from ..analysis_options import analysis_options, cli_settings, run_analysis
from ..common import load_maze, paths_argument
from ..output import print_findings


@click.command("report")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@analysis_options
def command(paths, fmt, at, max_options, max_hops, max_retells, enable, disable):
    """Show when and how each intent can be reached: best, guaranteed and expected hops,
    the chance a random caller is resolved, and retells, per week window.

    Exit 0, or 2 on usage errors or files that do not load.
    """
    maze = load_maze(paths)
    if maze.problems:
        print_findings(maze, maze.problems, "text", list(maze.files))
        return 2
    analysis, _, problems = run_analysis(maze, at, cli_settings(max_options, max_hops, max_retells, enable, disable))
    if problems:
        print_findings(maze, problems, "text", list(maze.files))
        return 2
    if fmt == "json":
        click.echo(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(analysis, maze))
    return 0

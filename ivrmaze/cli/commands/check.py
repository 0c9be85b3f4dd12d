"""`ivrmaze check PATH...`: validation plus the maze findings, linter style."""
from __future__ import annotations

import click

from ...findings import Finding
from ...formatters import default_format
from ...formatters.json import report_document, stopped_document
from ...formatters.summary import check_summary, stopped_summary
from ...maze import Maze
from ..analysis_options import analysis_options, cli_settings, run_analysis
from ..common import load_maze, paths_argument
from ..output import print_findings

FORMATS = ["text", "json", "sarif", "github"]


def stop(maze: Maze, problems: list[Finding], fmt: str, files: list[str], why: str) -> int:
    """Problems that prevent the analysis: printed in the chosen format; exit 2."""
    print_findings(maze, problems, fmt, files, stopped_document(problems, files, maze.node_count))
    if fmt == "text":
        click.echo(stopped_summary(problems, why))
    return 2


@click.command("check")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: github under GitHub Actions, else text).")
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on warnings.")
@analysis_options
def command(paths: tuple[str, ...], fmt: str | None, strict: bool, at: str | None, max_options: int | None,
            max_hops: int | None, max_retells: int | None, enable: tuple[str, ...], disable: tuple[str, ...]) -> int:
    """Find the mazes: traps, after-hours traps, dead ends, ping-pong, unreachable nodes...

    PATHS are menu files or folders (searched for *.yaml, *.yml). Exit 0 when there is no
    error-level finding, 1 when there is one (--strict: or a warning), 2 on usage errors or
    files that do not load (their problems are printed as by `ivrmaze validate`).
    """
    fmt = fmt or default_format()
    maze = load_maze(paths)
    files = list(maze.files)
    if not maze.ok:  # load warnings (a skipped file, a time in a daylight-saving gap) do not stop it
        return stop(maze, maze.problems, fmt, files, "stop the analysis: fix the files first")
    settings = cli_settings(max_options, max_hops, max_retells, enable, disable)
    # the random caller's chances are shown only in JSON and checked only by expectations
    chances = fmt == "json" or any(mf.expect for mf in maze.files.values())
    analysis, _, config_problems = run_analysis(maze, at, settings, chances, verdicts=True)
    if analysis is None:
        return stop(maze, config_problems, fmt, files, "in the configuration stop the analysis")
    # only warnings are left in maze.problems (a skipped file, a time in a daylight-saving gap)
    findings = sorted([*maze.problems, *analysis.findings], key=lambda f: f.sort_key)
    document = report_document(analysis, findings) if fmt == "json" else None
    print_findings(maze, findings, fmt, files, document, at=None if analysis.span else analysis.at)
    if fmt == "text":
        click.echo(check_summary(findings, analysis, len(files), maze.node_count))
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return 1 if errors or (strict and warnings) else 0

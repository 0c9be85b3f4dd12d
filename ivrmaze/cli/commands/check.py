"""`ivrmaze check PATH...`: validation plus the maze findings, linter style."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ...findings import Finding
from ...formatters import default_format, sarif
from ...formatters.json import report_document, stopped_document
from ...formatters.summary import check_summary, stopped_summary
from ...maze import Maze
from ...version import VERSION
from ...words import safe
from ..analysis_options import analysis_options, cli_settings, run_analysis
from ..common import all_option, entry_option, load_maze, menus_named, paths_argument, vars_option
from ..output import print_findings, step_summary
from ..replay import completes

if TYPE_CHECKING:
    from ...baseline import Baseline

FORMATS = ["text", "json", "sarif", "github"]


def stop(maze: Maze, problems: list[Finding], fmt: str, files: list[str], where: str) -> int:
    """Problems that prevent the analysis: printed in the chosen format; exit 2."""
    print_findings(maze, problems, fmt, files, {**stopped_document(problems, files, maze.node_count), "baseline": None})
    step_summary(fmt, "ivrmaze check: the menus do not load", problems)
    if fmt == "text":
        click.echo(stopped_summary(problems, where))
    return 2


def read_baseline(path: str | None) -> Baseline | None:
    """The baseline ``--baseline`` names (None without one); a bad file is a usage error (exit 2)."""
    if path is None:
        return None
    from ...baseline import BaselineError, read  # start-up: baseline, only with --baseline

    try:
        return read(path)
    except BaselineError as e:
        raise click.BadParameter(str(e), param_hint="--baseline") from None


def print_against(base: Baseline, maze: Maze, findings: list[Finding], fmt: str, files: list[str],
                  analysis: Any) -> list[Finding]:
    """Print the findings under a baseline; return the new ones (those that decide the exit code).
    SARIF gets every finding with its ``baselineState`` and the absent entries; the other formats
    the new findings only, and a line (text) or a ``baseline`` key (JSON) on the rest."""
    from ...baseline import match  # start-up: baseline, only with --baseline

    m = match(findings, base)
    if fmt == "sarif":
        click.echo(sarif.format_findings(findings, files=files, tool_version=VERSION, states=m.states,
                                         absent=[e.finding(base.folder) for e in m.absent]))
        return m.new
    document = {**report_document(analysis, m.new), "baseline": m.to_dict()} if fmt == "json" else None
    print_findings(maze, m.new, fmt, files, document, at=analysis.at)
    if fmt == "text":
        click.echo(check_summary(m.new, analysis, len(files), maze.node_count))
        click.echo(safe(m.summary()))
    return m.new


@click.command("check")
@paths_argument
@vars_option
@entry_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: github under GitHub Actions, else text).")
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on warnings.")
@click.option("--baseline", "baseline", metavar="FILE", help="Fail only on findings not in FILE (written by "
              "`ivrmaze baseline`); SARIF marks each result new, unchanged or absent.")
@all_option
@analysis_options
@completes
def command(paths: tuple[str, ...], fmt: str | None, strict: bool, baseline: str | None, all_files: bool,
            at: str | None,
            max_options: int | None, max_hops: int | None, max_retells: int | None, enable: tuple[str, ...],
            disable: tuple[str, ...]) -> int:
    """Find the mazes: traps, after-hours traps, dead ends, ping-pong, unreachable nodes...

    PATHS are menu files or folders (searched for *.yaml, *.yml); a YAML file named that is not a
    menu (no top-level `ivrmaze:` key) is skipped with a note, unless --all. Exit codes as every
    command (docs/ci.md): 0 when there is no error-level finding, 1 when there is one (--strict: or
    a warning), 2 on usage errors, files that do not load (their problems are printed as by
    `ivrmaze validate`) or a bad --baseline file. With --baseline, only findings that are not in
    the baseline count (and are shown).
    """
    fmt = fmt or default_format()
    base = read_baseline(baseline)
    maze = load_maze(menus_named(paths, all_files))
    files = list(maze.files)
    if not maze.ok:  # load warnings (a skipped file, a time in a daylight-saving gap) do not stop it
        return stop(maze, maze.problems, fmt, files, "in the menu files")
    settings = cli_settings(max_options, max_hops, max_retells, enable, disable)
    # the random caller's chances are shown only in JSON and checked only by expectations
    chances = fmt == "json" or any(mf.expect for mf in maze.files.values())
    analysis, _, config_problems = run_analysis(maze, at, settings, chances, verdicts=True)
    if analysis is None:
        return stop(maze, config_problems, fmt, files, "in the configuration")
    # only warnings are left in maze.problems (a skipped file, a time in a daylight-saving gap)
    # the analysis gives its findings in this order already: sorted again (the keys made anew,
    # tens of thousands for a big maze) only to merge the load warnings in
    findings = sorted([*maze.problems, *analysis.findings], key=lambda f: f.sort_key) if maze.problems else \
        list(analysis.findings)
    if base is not None:
        findings = print_against(base, maze, findings, fmt, files, analysis)
        return exit_code(findings, strict)
    document = {**report_document(analysis, findings), "baseline": None} if fmt == "json" else None
    print_findings(maze, findings, fmt, files, document, at=None if analysis.span else analysis.at)
    step_summary(fmt, "ivrmaze check", findings, analysis.intents, at=analysis.at)
    if fmt == "text":
        click.echo(check_summary(findings, analysis, len(files), maze.node_count))
    return exit_code(findings, strict)


def exit_code(findings: list[Finding], strict: bool) -> int:
    """1 when there is an error-level finding (``strict``: or a warning), else 0."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return 1 if errors or (strict and warnings) else 0

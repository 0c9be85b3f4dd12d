"""`ivrmaze check PATH...`: validation plus the maze findings, linter style."""
from __future__ import annotations

import click

from ...expectations import evaluate
from ...formatters import default_format
from ...formatters.text import plural
from ..analysis_options import analysis_options, cli_settings, run_analysis
from ..common import load_maze, paths_argument
from ..output import print_findings

FORMATS = ["text", "json", "sarif", "github"]


def worst_case_text(analysis) -> str:
    if not analysis.intents:
        return "no intents to analyse"
    if all(m.best_hops is None for m in analysis.intents):
        return "no intent can be resolved"
    worst = analysis.worst_case_hops
    return "no guarantee (agents can keep a caller from resolution)" if worst is None else plural(worst, "hop")


def stop(maze, problems, fmt, files, why) -> int:
    """Problems that prevent the analysis: printed in the chosen format; exit 2."""
    errors = sum(p.severity == "error" for p in problems)
    payload = {"files": files, "findings": [p.to_dict() for p in problems], "intents": [],
               "summary": {"files": len(files), "nodes": maze.node_count, "errors": errors,
                           "warnings": len(problems) - errors, "worst_case_hops": None}}
    print_findings(maze, problems, fmt, files, payload)
    if fmt == "text":
        click.echo(f"{plural(len(problems), 'problem')} {why}")
    return 2


@click.command("check")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: github under GitHub Actions, else text).")
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on warnings.")
@analysis_options
def command(paths, fmt, strict, at, max_options, max_hops, max_retells, enable, disable):
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
    analysis, config, config_problems = run_analysis(maze, at, settings, chances)
    if config_problems:
        return stop(maze, config_problems, fmt, files, "in the configuration stop the analysis")
    findings = list(maze.problems) + list(analysis.findings)  # only warnings are left in maze.problems
    findings += config.apply(evaluate(maze, analysis, config=config))
    findings.sort(key=lambda f: f.sort_key)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    payload = None
    if fmt == "json":
        payload = analysis.to_dict()
        payload["findings"] = [f.to_dict() for f in findings]
        payload["summary"].update(errors=errors, warnings=warnings, infos=len(findings) - errors - warnings)
    print_findings(maze, findings, fmt, files, payload, at=analysis.at)
    if fmt == "text":
        where = " at " + analysis.at if analysis.at else ""
        click.echo(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(len(files), 'file')} "
                   f"({plural(maze.node_count, 'node')}){where}; worst case: {worst_case_text(analysis)}")
    return 1 if errors or (strict and warnings) else 0

"""`ivrmaze baseline PATH... -o FILE`: the findings of today, accepted, for `check --baseline`."""
from __future__ import annotations

import click

from ...baseline import document, is_baseline_file
from ...formatters.json import dumps
from ...version import VERSION
from ...words import plural, safe
from ..analysis_options import analysis_options, cli_settings, run_analysis
from ..common import entry_option, load_maze, paths_argument, vars_option
from ..files import check_output, write_bytes
from .check import stop


@click.command("baseline")
@paths_argument
@vars_option
@entry_option
@click.option("-o", "--output", "output", required=True, metavar="FILE",
              help="The baseline to write (JSON, e.g. ivrmaze-baseline.json); an existing file is replaced only "
                   "when it is a baseline, never a menu.")
@analysis_options
def command(paths: tuple[str, ...], output: str, at: str | None, max_options: int | None, max_hops: int | None,
            max_retells: int | None, enable: tuple[str, ...], disable: tuple[str, ...]) -> int:
    """Write the findings of PATHS to a baseline FILE, so that `ivrmaze check --baseline FILE`
    fails only on findings that are not in it.

    Take the same options as the `check` the baseline is for. Findings are matched by kind,
    file, node, intent and fingerprint, not by line. Exit 0 when it is written, 2 on usage
    errors or files that do not load (nothing is written then).
    """
    own = (is_baseline_file, "a baseline")
    check_output(output, paths, allowed=(".json",), own=own)
    maze = load_maze(paths)
    files = list(maze.files)
    check_output(output, files, allowed=(".json",), own=own)
    if not maze.ok:
        return stop(maze, maze.problems, "text", files, "stop the analysis: fix the files first")
    settings = cli_settings(max_options, max_hops, max_retells, enable, disable)
    chances = any(mf.expect for mf in maze.files.values())
    analysis, _, config_problems = run_analysis(maze, at, settings, chances, verdicts=True)
    if analysis is None:
        return stop(maze, config_problems, "text", files, "in the configuration stop the analysis")
    findings = sorted([*maze.problems, *analysis.findings], key=lambda f: f.sort_key)
    write_bytes(output, (dumps(document(findings, output, VERSION)) + "\n").encode("utf-8"))
    click.echo(safe(f"wrote {output}: {plural(len(findings), 'finding')} in {plural(len(files), 'file')}"))
    return 0

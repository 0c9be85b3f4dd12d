"""`ivrmaze validate PATH...`: load menu files and report every problem in every file."""
from __future__ import annotations

import click

from ...formatters import default_format
from ...formatters.json import validate_document
from ...formatters.summary import validate_summary
from ..common import all_option, entry_option, load_maze, menus_named, paths_argument, vars_option
from ..output import print_findings, step_summary


@click.command("validate")
@paths_argument
@vars_option
@entry_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default=None,
              help="Output format [default: github under GitHub Actions, else text].")
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on warnings (a skipped file, a time in a "
              "daylight-saving gap).")
@all_option
def command(paths: tuple[str, ...], fmt: str | None, strict: bool, all_files: bool) -> int:
    """Check that menu files are valid (syntax, keys, types, references).

    PATHS are menu files, or folders searched for *.yaml and *.yml; a YAML file named that is not
    a menu (no top-level `ivrmaze:` key) is skipped with a note, unless --all. Exit codes as every
    command (docs/ci.md): 0 when every file loads (warnings are printed), 1 on warnings with
    --strict, 2 when a file does not load, on usage errors or unreadable paths.
    """
    maze = load_maze(menus_named(paths, all_files))
    problems = maze.problems
    # a file a folder walk skipped (a FIFO, a link out of the project) has a warning but no model
    files = list(dict.fromkeys([*maze.files, *(p.file for p in problems if p.file)]))
    fmt = fmt or default_format()
    print_findings(maze, problems, fmt, files, validate_document(problems, files, maze.node_count))
    step_summary(fmt, "ivrmaze validate", problems)
    if fmt == "text":
        click.echo(validate_summary(problems, len(files)))
    if any(p.severity == "error" for p in problems):
        return 2
    return 1 if strict and problems else 0

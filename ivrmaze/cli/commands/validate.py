"""`ivrmaze validate PATH...`: load menu files and report every problem in every file."""
from __future__ import annotations

import click

from ...formatters import default_format
from ...formatters.json import validate_document
from ...formatters.summary import validate_summary
from ..common import all_option, load_maze, menus_named, paths_argument
from ..output import print_findings


@click.command("validate")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default=None,
              help="Output format [default: github under GitHub Actions, else text].")
@all_option
def command(paths: tuple[str, ...], fmt: str | None, all_files: bool) -> int:
    """Check that menu files are valid (syntax, keys, types, references).

    PATHS are menu files, or folders searched for *.yaml and *.yml; a YAML file named that is not
    a menu (no top-level `ivrmaze:` key) is skipped with a note, unless --all. Exit 0 when clean,
    1 when there are problems, 2 on usage errors or unreadable paths.
    """
    maze = load_maze(menus_named(paths, all_files))
    problems = maze.problems
    # a file a folder walk skipped (a FIFO, a link out of the project) has a warning but no model
    files = list(dict.fromkeys([*maze.files, *(p.file for p in problems if p.file)]))
    fmt = fmt or default_format()
    print_findings(maze, problems, fmt, files, validate_document(problems, files), with_code=False)
    if fmt == "text":
        click.echo(validate_summary(problems, len(files)))
    return 1 if problems else 0

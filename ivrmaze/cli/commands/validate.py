"""`ivrmaze validate PATH...`: load menu files and report every problem in every file."""
from __future__ import annotations

import click

from ...formatters import default_format
from ...formatters.text import plural
from ..common import load_maze, paths_argument
from ..output import print_findings


@click.command("validate")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default=None,
              help="Output format [default: github under GitHub Actions, else text].")
def command(paths, fmt):
    """Check that menu files are valid (syntax, keys, types, references).

    PATHS are menu files, or folders searched for *.yaml and *.yml. Exit 0 when clean,
    1 when there are problems, 2 on usage errors or unreadable paths.
    """
    maze = load_maze(paths)
    problems = maze.problems
    # a file a folder walk skipped (a FIFO, a link out of the project) has a warning but no model
    files = list(dict.fromkeys([*maze.files, *(p.file for p in problems if p.file)]))
    fmt = fmt or default_format()
    errors = sum(p.severity == "error" for p in problems)
    payload = {"files": files, "findings": [p.to_dict() for p in problems],
               "summary": {"files": len(files), "errors": errors, "warnings": len(problems) - errors}}
    print_findings(maze, problems, fmt, files, payload, with_code=False)
    if fmt == "text":
        bad = len({p.file for p in problems})
        if problems:
            click.echo(f"{plural(len(problems), 'problem')} in {bad} of {plural(len(files), 'file')}")
        else:
            click.echo(f"{plural(len(files), 'file')} valid, no problems")
    return 1 if problems else 0

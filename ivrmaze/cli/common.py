"""Options and helpers shared by the subcommands."""
from __future__ import annotations

import click

from ..errors import UsageError
from ..maze import load

paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))


def load_maze(paths):
    """Load without raising on menu errors; usage problems become click errors (exit 2)."""
    try:
        return load(list(paths), strict=False)
    except UsageError as e:
        raise click.UsageError(str(e)) from None

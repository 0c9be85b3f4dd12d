"""Options and helpers shared by the subcommands: loading, and stopping on load problems."""
from __future__ import annotations

from collections.abc import Iterable

import click

from ..errors import UsageError
from ..formatters.text import problems_stop, problems_text
from ..lint import load
from ..load.walk import only_menus
from ..maze import Maze
from ..words import display_path, safe

paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))

_VARS = "ivrmaze.vars"


def _parse_vars(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> None:  # noqa: ARG001
    """``--var NAME=VALUE`` (repeatable) into the command's context, where ``load_maze`` finds it."""
    out: dict[str, str] = {}
    for v in values:
        name, eq, value = v.partition("=")
        if not eq or not name.strip():
            raise click.BadParameter(f"`{safe(v)}` is not NAME=VALUE, expected such as --var ivr_callback=Press 1",
                                     param_hint="--var")
        out[name.strip()] = value
    ctx.meta[_VARS] = out


vars_option = click.option("--var", "vars_", multiple=True, metavar="NAME=VALUE", expose_value=False,
                           callback=_parse_vars,
                           help="The value of a deploy-time placeholder in platform flows (`{{NAME}}`, `${NAME}`); "
                                "repeatable. A companion file's `vars:` gives the others.")


def _keep_entry(ctx: click.Context, param: click.Parameter, value: str | None) -> None:  # noqa: ARG001
    ctx.meta[_ENTRY] = value


_ENTRY = "ivrmaze.entry"
entry_option = click.option("--entry", "entry_", metavar="CONTEXT[,EXTEN]", expose_value=False, callback=_keep_entry,
                            help="Where calls enter platform flows that do not say (an Asterisk dialplan's context "
                                 "and extension); a companion file's `flows: {NAME: {entry: ...}}` says it per flow.")


def given_entry() -> str | None:
    """The ``--entry`` of the running command (None outside a command, or when not given)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_ENTRY) if ctx is not None else None


def given_vars() -> dict[str, str]:
    """The ``--var`` values of the running command (none outside a command)."""
    ctx = click.get_current_context(silent=True)
    return dict(ctx.meta.get(_VARS, {})) if ctx is not None else {}


all_option = click.option("--all", "all_files", is_flag=True,
                          help="Also read the YAML files named that are not menus (no top-level `ivrmaze:` key).")


def menus_named(paths: Iterable[str], all_files: bool) -> list[str]:
    """``paths`` without the files named that are not menus (unless ``all_files``), with a note on
    stderr for each: the pre-commit hook is given every YAML file a commit touches."""
    if all_files:
        return list(paths)
    kept, skipped = only_menus(paths)
    for p in skipped:
        click.echo(f"note: {safe(display_path(p))}: skipped, not a menu (no top-level `ivrmaze:` key); "
                   "name it with --all to read it as one", err=True)
    return kept


def load_maze(paths: Iterable[str]) -> Maze:
    """Load without raising on menu errors; usage problems become click errors (exit 2)."""
    try:
        return load(list(paths), strict=False, vars=given_vars(), entry=given_entry())
    except UsageError as e:
        raise click.UsageError(str(e)) from None


def stop_on_problems(maze: Maze) -> Maze:
    """``maze``; or, when its files have errors, print them as `validate` does and stop with exit 2."""
    if any(p.severity == "error" for p in maze.problems):
        click.echo(problems_text(maze, maze.problems), err=True)
        raise click.ClickException(problems_stop(maze.problems))
    return maze


def load_checked(paths: Iterable[str]) -> Maze:
    """Load; when the files have problems, print them as `validate` does and stop with exit 2."""
    return stop_on_problems(load_maze(paths))

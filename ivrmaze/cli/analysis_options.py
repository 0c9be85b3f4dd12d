"""Options shared by the commands that analyse (check, report): limits, checks, --at."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..analysis import Analysis
from ..checks import ALIASES, KINDS, SETTINGS
from ..config import Config
from ..errors import UsageError
from ..findings import Finding
from ..lint import check, lint
from ..maze import Maze

F = TypeVar("F", bound=Callable[..., Any])


def analysis_options(f: F) -> F:
    """The options --at, --max-options, --max-hops, --max-retells, --enable and --disable."""
    opts = [
        click.option("--at", "at", metavar="WHEN", help='Look at one instant ("Fri 16:30", 2011-04-25T10:00, now) or '
                     'at all instants of windows ("Mon-Fri 09:00-17:00") (default: the whole week and the holidays).'),
        click.option("--max-options", type=click.IntRange(0), help="Most option keys per menu (default 5)."),
        click.option("--max-hops", type=click.IntRange(0), help="Most hops on the best route (default 5)."),
        click.option("--max-retells", type=click.IntRange(0), help="Most retells on the best route (default 1)."),
        click.option("--enable", multiple=True, metavar="KIND", type=click.Choice(sorted(KINDS) + sorted(ALIASES)),
                     help="Turn a check on (repeatable), e.g. no-zero-out."),
        click.option("--disable", multiple=True, metavar="KIND", type=click.Choice(sorted(KINDS) + sorted(ALIASES)),
                     help="Turn a check off (repeatable)."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def cli_settings(max_options: int | None, max_hops: int | None, max_retells: int | None,
                 enable: tuple[str, ...], disable: tuple[str, ...]) -> dict[str, Any]:
    """The command line's settings, shaped as a config file's (`limits` names and `checks`)."""
    out: dict[str, Any] = {}
    for k, v in (("max_options", max_options), ("max_hops", max_hops), ("max_retells", max_retells)):
        if v is not None:
            out[k] = v
    checks = {k: True for k in enable}
    checks.update({k: False for k in disable})
    if checks:
        out["checks"] = checks
    return out


def run_analysis(maze: Maze, at: str | None, settings: dict[str, Any], chances: bool = True, *,
                 verdicts: bool = False) -> tuple[Analysis | None, Config, list[Finding]]:
    """(analysis, config, config problems): ``lint.lint`` (with ``verdicts``: ``lint.check``, the
    failed expectations too) under the command line's ``settings``; None when the config has
    problems (nothing is analysed then). A bad --at value is a usage error (exit 2)."""
    config = Config.for_maze(maze, settings, settings=SETTINGS)
    if config.problems:
        return None, config, config.problems
    run = check if verdicts else lint
    try:
        return run(maze, at=at, config=config, chances=chances), config, []
    except UsageError as e:
        raise click.BadParameter(str(e), param_hint="--at") from None

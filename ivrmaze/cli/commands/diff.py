"""`ivrmaze diff OLD NEW`: what a change to menu files does to callers."""
from __future__ import annotations

import click

from ...diff import DEFAULT_FAIL_ON, FAIL_ON, diff
from ...errors import UsageError
from ...formatters.diff import FORMATS
from ...periods import read_at
from ..common import entry_option, given_entry, given_vars, vars_option


def parse_fail_on(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:  # noqa: ARG001
    names = tuple(n.strip() for v in values for n in v.split(",") if n.strip())
    for n in names:
        if n not in FAIL_ON:
            raise click.BadParameter(f"{n!r} is not one of {', '.join(FAIL_ON)}")
    return names or DEFAULT_FAIL_ON


@click.command("diff")
@click.argument("old")
@click.argument("new")
@vars_option
@entry_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text for a terminal, json for tools, markdown for a pull-request comment, github for "
                   "annotations.")
@click.option("--fail-on", "fail_on", multiple=True, callback=parse_fail_on, metavar="WHAT",
              help="When to exit 1, comma-separated or repeated: findings (a new error or warning), errors "
                   "(a new error), metrics (a metric got worse), structure (any menu change), any, never. "
                   "Default: findings,metrics.")
@click.option("--at", "at", metavar="WHEN", help='Compare at one instant ("Fri 16:30", 2011-04-25T10:00, now) or over '
              'windows ("Mon-Fri 09:00-17:00") (default: the whole week and the holidays).')
def command(old: str, new: str, fmt: str, fail_on: tuple[str, ...], at: str | None) -> int:
    """Compare two versions of menu files: OLD and NEW are files, folders, or REV:path read
    from git (e.g. `ivrmaze diff HEAD:menus/x.yaml menus/x.yaml`).

    Reports metrics that got worse or better per intent and window, findings added and
    removed, and nodes, options and links added, removed or re-targeted. With --at, the
    metrics and findings are compared at that instant only (the menu changes are the same).
    Exit 1 when something named by --fail-on happened, 0 when not, 2 on usage errors or when
    OLD or NEW does not load (then nothing is compared, whatever --fail-on says).
    """
    if at is not None:
        try:
            read_at(at)
        except UsageError as e:
            raise click.BadParameter(str(e), param_hint="--at") from None
    try:
        res = diff(old, new, at=at, vars=given_vars(), entry=given_entry())
    except UsageError as e:
        raise click.UsageError(str(e)) from None
    click.echo(FORMATS[fmt](res, fail_on), nl=fmt != "markdown")
    return res.exit_code(fail_on)

"""Run the `ivrmaze` command in-process with the exit code `ivrmaze.cli.main` would give."""
from __future__ import annotations

from dataclasses import dataclass

import click
from click.testing import CliRunner

from ivrmaze.cli import cli


@dataclass
class Run:
    exit_code: int
    output: str  # stdout
    stderr: str


def ivrmaze(*args, input=None, env=None) -> Run:
    runner = CliRunner()
    res = runner.invoke(cli, [str(a) for a in args], input=input, env=env, standalone_mode=False)
    exc = res.exception
    if exc is None:
        code = res.return_value if isinstance(res.return_value, int) else 0
    elif isinstance(exc, click.ClickException):
        code = 2
        res = runner.invoke(cli, [str(a) for a in args], input=input, env=env)  # let click print the message
    elif isinstance(exc, SystemExit):
        code = exc.code if isinstance(exc.code, int) else 0
    elif isinstance(exc, click.exceptions.Exit):
        code = exc.exit_code
    else:
        raise exc
    return Run(code, res.stdout, res.stderr)

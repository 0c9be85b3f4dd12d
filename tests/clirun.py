"""Run the `ivrmaze` command in-process with the exit code `ivrmaze.cli.main` would give.

Every JSON document a run prints (``--format json`` of check, report, validate, diff, call) is
validated against its schema (``ivrmaze schema --output COMMAND``): a test that runs a command
checks the contract of its output too.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import click
import jsonschema
from click.testing import CliRunner

from ivrmaze.cli import cli
from ivrmaze.formatters.output_schema import OUTPUTS, output_schema


@cache
def validator(command: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(output_schema(command))


def json_command(args: list[str]) -> str | None:
    """The command whose JSON document ``args`` print, or None."""
    command = next((a for a in args if not a.startswith("-")), None)
    fmt = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--format"), None)
    fmt = fmt or next((a.split("=", 1)[1] for a in args if a.startswith("--format=")), None)
    return command if command in OUTPUTS and fmt == "json" else None


def check_document(args: list[str], stdout: str) -> None:
    """Validate the document ``args`` printed against its command's schema (nothing printed: nothing to check)."""
    command = json_command(args)
    if command and stdout.strip():
        validator(command).validate(json.loads(stdout))


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
    check_document([str(a) for a in args], res.stdout)
    return Run(code, res.stdout, res.stderr)

"""The `ivrmaze` command: a thin click layer over the library.

Exit codes are fixed: 0 clean, 1 findings (or a failed check), 2 usage error, unreadable
path or internal error, 130 interrupted (Ctrl-C, SIGINT). Each subcommand lives in its own
module under ``commands/`` and exposes ``command``; they are found by name, so adding one
touches no other file.
"""
from __future__ import annotations

import importlib
import keyword
import os
import sys
from collections.abc import Sequence

import click

from .. import cache
from ..version import VERSION
from ..words import safe
from . import commands, replay

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: ARG002
        import pkgutil  # start-up: pkgutil, only to list the commands (help)

        # `import_.py` holds `import` (a keyword, so not a module name Python code could import)
        return sorted(m.name.rstrip("_").replace("_", "-") for m in pkgutil.iter_modules(commands.__path__)
                      if not m.name.startswith("_"))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:  # noqa: ARG002
        mod_name = name.replace("-", "_") + ("_" if keyword.iskeyword(name) else "")
        try:
            mod = importlib.import_module(f"{__name__}.commands.{mod_name}")
        except ModuleNotFoundError as e:
            if e.name == f"{__name__}.commands.{mod_name}":
                return None
            raise
        return getattr(mod, "command", None)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="ivrmaze", message="%(prog)s %(version)s")
def cli() -> None:
    """Find the mazes in phone menus: loops, traps, dead ends and after-hours traps."""


def _interrupted() -> int:
    click.echo("ivrmaze: interrupted", err=True)
    return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    """The command's exit code; every failure becomes a message and a fixed code, never a traceback."""
    try:
        rv = cli.main(args=argv, prog_name="ivrmaze", standalone_mode=False)
    except click.exceptions.Abort as e:  # click turns Ctrl-C into Abort; end of input is one too
        if isinstance(e.__context__, KeyboardInterrupt):
            return _interrupted()
        click.echo("ivrmaze: aborted", err=True)
        return EXIT_USAGE
    except click.ClickException as e:
        setattr(e, "message", "\n".join(map(safe, e.message.split("\n"))))  # noqa: B010 (menu text in it stays inert)
        e.show()
        return EXIT_USAGE
    except click.exceptions.Exit as e:
        return e.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as e:  # a bug in ivrmaze: say so plainly, never a bare traceback
        if "IVRMAZE_DEBUG" in os.environ:
            import traceback  # start-up: traceback, only for a crash

            traceback.print_exc()
        click.echo(f"ivrmaze: internal error: {type(e).__name__}: {safe(e)}\n"
                   "This is a bug in ivrmaze; run again with IVRMAZE_DEBUG=1 for details and report it.", err=True)
        return EXIT_USAGE
    return rv if isinstance(rv, int) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point. Usage errors exit 2; an unexpected crash exits 2 with a short report."""
    if argv is None:  # a command-line run: it ends soon, so new parse-cache entries are written aside
        cache.BACKGROUND = True
    code = _run(argv) if argv is not None else replay.run(sys.argv[1:], _run)  # `check`: the result cache
    if argv is None and code != EXIT_INTERRUPTED:  # after Ctrl-C nothing is left running
        cache.write_pending()
    if argv is None:  # Ctrl-C included: tearing a big maze down would outlast the second it is allowed
        _hard_exit(code)
    sys.exit(code)


def _hard_exit(code: int) -> None:
    """Exit without tearing the heap down: freeing a big maze's millions of objects one by one
    takes a noticeable part of a second, and the process is ending anyway (mypy does the same)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or EXIT_OK
    os._exit(code)

"""The `ivrmaze` command: a thin click layer over the library.

Exit codes are fixed: 0 clean, 1 findings (or a failed check), 2 usage error, unreadable
path or internal error. Each subcommand lives in its own module under ``commands/`` and
exposes ``command``; they are found by name, so adding one touches no other file.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from .. import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Group(click.Group):
    def list_commands(self, ctx):
        from . import commands
        return sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(commands.__path__)
                      if not m.name.startswith("_"))

    def get_command(self, ctx, name):
        mod_name = name.replace("-", "_")
        try:
            mod = importlib.import_module(f"{__name__}.commands.{mod_name}")
        except ModuleNotFoundError as e:
            if e.name == f"{__name__}.commands.{mod_name}":
                return None
            raise
        return getattr(mod, "command", None)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ivrmaze")
def cli():
    """Find the mazes in phone menus: loops, traps, dead ends and after-hours traps."""


def main(argv=None):
    """Console entry point. Usage errors exit 2; an unexpected crash exits 2 with a short report."""
    if argv is None:  # a command-line run: it ends soon, so new parse-cache entries are written aside
        from .. import cache
        cache.BACKGROUND = True
    try:
        rv = cli.main(args=argv, prog_name="ivrmaze", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("ivrmaze: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as e:
        e.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # a bug in ivrmaze: say so plainly, never a bare traceback
        import traceback
        if "IVRMAZE_DEBUG" in __import__("os").environ:
            traceback.print_exc()
        click.echo(f"ivrmaze: internal error: {type(e).__name__}: {e}\n"
                   "This is a bug in ivrmaze; run again with IVRMAZE_DEBUG=1 for details and report it.", err=True)
        sys.exit(EXIT_USAGE)
    code = rv if isinstance(rv, int) else EXIT_OK
    if argv is None:
        _hard_exit(code)
    sys.exit(code)


def _hard_exit(code: int):
    """Exit without tearing the heap down: freeing a big maze's millions of objects one by one
    takes a noticeable part of a second, and the process is ending anyway (mypy does the same)."""
    import os
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or EXIT_OK
    os._exit(code)

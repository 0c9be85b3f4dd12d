"""`ivrmaze cache info|clear`: show or empty the parse cache (see ivrmaze/cache.py)."""
from __future__ import annotations

import click

from ... import cache
from ...words import plural, safe


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@click.group("cache")
def command() -> None:
    """Show or empty the cache: parsed big menu files and the results of `ivrmaze check`.

    The cache lives in $IVRMAZE_CACHE_DIR, else $XDG_CACHE_HOME/ivrmaze, else
    $HOME/.cache/ivrmaze (absolute paths only); IVRMAZE_NO_CACHE=1 turns it off.
    """


@command.command("info")
def info() -> int:
    """Print where the cache is, how many entries it holds and their size."""
    found = cache.info()
    if found.folder is None:
        click.echo(f"no parse cache: {found.why}")
        return 0
    if not found.exists:
        state = (f" (not made yet: made for the first file of {cache.MIN_BYTES // 1024} KB or more, "
                 "or the first check)")
    else:
        state = "" if found.usable else " (not used: not a folder, not yours, or writable by others)"
    click.echo(f"folder: {safe(found.folder)} ({found.why}){state}")
    entries = "entry" if found.entries == 1 else "entries"
    if found.results:  # the result cache's entries (ivrmaze/results.py), kept in the same folder
        entries += f" ({plural(found.results, 'check result')})"
    click.echo(f"{found.entries} {entries}, {_megabytes(found.size)} of at most {_megabytes(found.limit)}")
    return 0


@command.command("clear")
def clear() -> int:
    """Remove every entry of the cache."""
    found = cache.info()
    if found.folder is None:
        click.echo(f"no parse cache: {found.why}")
        return 0
    if found.exists and not found.usable:
        click.echo(f"not cleared: {safe(found.folder)} is not a folder, not yours, or writable by others")
        return 0
    where = found.folder
    removed = cache.clear()
    click.echo(f"removed {plural(removed, 'file')} from {safe(where)}")
    return 0

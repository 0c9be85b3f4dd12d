"""`ivrmaze import FLOW... -o DIR`: platform flows written as ivrmaze menus, and a companion skeleton."""
from __future__ import annotations

import os

import click

from ...formatters.imported import companion_skeleton, menu_yaml
from ...load.companion import NAMES as COMPANION_NAMES
from ...words import plural, safe
from ..common import entry_option, load_checked, vars_option
from ..files import check_output_folder, output_names, write_new


@click.command("import")
@click.argument("flows", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@vars_option
@entry_option
@click.option("-o", "--output", "out", required=True, metavar="DIR",
              help="The folder to write the menus and the companion skeleton to (made if missing); "
                   "nothing in it is ever written over.")
def command(flows: tuple[str, ...], out: str) -> int:
    """Write each platform flow of FLOWS (files or folders: Amazon Connect, Genesys Archy, Twilio
    Studio, Asterisk) as an ivrmaze menu in DIR, one file per flow, with comments citing the
    platform's ids, and `ivrmaze-companion.yaml`, a companion file skeleton to fill in.

    A companion file beside the flows is applied first. Transfers between the imported flows
    become `external: {file: ...}`, so `ivrmaze check DIR` finds what checking the flows finds.
    Exit 0 when written; 2 when a flow does not load, a file in DIR exists, or no flow is a
    platform's (nothing is written then).
    """
    maze = load_checked(flows)
    imported = [mf for mf in maze.files.values() if mf.platform is not None]
    if not imported:
        raise click.UsageError("no platform flows among the files given, expected Amazon Connect, Genesys Archy, "
                               "Twilio Studio or Asterisk files (ivrmaze menus need no import)")
    check_output_folder(out)
    base = os.path.commonpath([os.path.dirname(mf.abspath) for mf in imported])
    names = {ap: f"{n}.yaml" for ap, n in output_names([mf.abspath for mf in imported], base).items()}
    targets = [os.path.join(out, n) for n in names.values()] + [os.path.join(out, COMPANION_NAMES[0])]
    taken = next((t for t in targets if os.path.lexists(t)), None)
    if taken is not None:
        raise click.BadParameter(f"{safe(taken)} exists; ivrmaze import never writes over a file, expected a new "
                                 "or empty folder", param_hint="-o")
    os.makedirs(out, exist_ok=True)
    called = {lk.file for mf in imported for n in mf.nodes.values() for lk in n.links
              if lk.via == "external" and lk.file in names and lk.file != mf.abspath}
    entries = {mf.abspath: mf.entry for mf in imported if mf.entry}
    for mf in imported:
        text = menu_yaml(mf, names, entries, mf.abspath in called)
        write_new(os.path.join(out, names[mf.abspath]), text.encode("utf-8"))
    write_new(targets[-1], companion_skeleton(imported).encode("utf-8"))
    click.echo(safe(f"wrote {plural(len(imported), 'menu')} and a companion skeleton to {out}"))
    return 0

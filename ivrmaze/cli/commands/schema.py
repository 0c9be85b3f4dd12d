"""`ivrmaze schema`: print the JSON Schema of menu files (for editors; see docs/format.md), or with
``--output COMMAND`` that of a command's JSON document (see docs/ci.md)."""
from __future__ import annotations

import click

from ...checks import SETTINGS
from ...formatters.companion_schema import companion_schema_text
from ...formatters.output_schema import OUTPUTS, output_schema_text
from ...schema import schema_text
from ..files import check_output, write_bytes


@click.command("schema")
@click.option("--output", "document", type=click.Choice(OUTPUTS), default=None, metavar="COMMAND",
              help=f"The schema of the JSON document that `ivrmaze COMMAND --format json` prints "
                   f"({', '.join(OUTPUTS)}) instead of that of menu files.")
@click.option("--companion", is_flag=True, help="The schema of the companion file (ivrmaze-companion.yaml) of "
              "platform flows instead of that of menu files.")
@click.option("-o", "--write", "target", type=click.Path(dir_okay=False, writable=True, path_type=str),
              help="Write the schema to this file instead of printing it.")
def command(document: str | None, companion: bool, target: str | None) -> int:
    """Print a JSON Schema (draft-07): by default that of the menu language.

    Editors with yaml-language-server use it for completion and inline errors; the same
    schema is published as docs/ivrmaze.schema.json. With --output COMMAND, the schema of
    that command's JSON output (one shape whatever happens, every key present); with
    --companion, that of the companion file of platform flows (docs/platforms/companion.md).
    """
    text = output_schema_text(document) if document else \
        companion_schema_text(SETTINGS) if companion else schema_text(SETTINGS)
    if target:
        # a .json file may be a menu of a platform format: only a schema ivrmaze wrote is replaced
        write_bytes(check_output(target, allowed=(".json",)), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    return 0

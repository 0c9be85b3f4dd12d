"""`ivrmaze schema`: print the JSON Schema of menu files (for editors; see docs/format.md)."""
from __future__ import annotations

import click

from ...checks import SETTINGS
from ...schema import schema_text
from ..files import check_output, write_bytes


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=str),
              help="Write the schema to this file instead of printing it.")
def command(output: str | None) -> int:
    """Print the JSON Schema (draft-07) of the menu language.

    Editors with yaml-language-server use it for completion and inline errors; the same
    schema is published as docs/ivrmaze.schema.json.
    """
    text = schema_text(SETTINGS)
    if output:
        # a .json file may be a menu of a platform format: only a schema ivrmaze wrote is replaced
        write_bytes(check_output(output, allowed=(".json",)), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    return 0

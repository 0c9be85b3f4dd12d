"""`ivrmaze schema`: print the JSON Schema of menu files (for editors; see docs/format.md)."""
from __future__ import annotations

import click

from ...schema import schema_text


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=str),
              help="Write the schema to this file instead of printing it.")
def command(output):
    """Print the JSON Schema (draft-07) of the menu language.

    Editors with yaml-language-server use it for completion and inline errors; the same
    schema is published as docs/ivrmaze.schema.json.
    """
    text = schema_text()
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)
    return 0

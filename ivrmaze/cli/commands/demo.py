"""`ivrmaze demo FOLDER -o OUT`: check the menus, then draw each phone line and write its review page."""
from __future__ import annotations

import os

import click

from ...maze import collect_paths, load
from ...render import build_scene, have_dot, render_scene
from ..drawing import analysis_or_none, graphviz_errors, write_bytes


def _check(paths) -> None:
    """The findings as `ivrmaze check` prints them (or `validate`, when check is not there)."""
    try:
        from .check import command as check
    except ImportError:  # pragma: no cover
        from .validate import command as check
    try:
        check.main(list(paths), prog_name="ivrmaze check", standalone_mode=False)
    except click.ClickException as e:
        e.show()


@click.command("demo")
@click.argument("folder", type=click.Path(exists=True, file_okay=True, dir_okay=True, path_type=str))
@click.option("-o", "--output", "out", default="out", show_default=True, metavar="DIR",
              help="Folder for the diagrams and review pages.")
def command(folder, out):
    """Check the menus in FOLDER, then write for each phone line (a file with an `entry`)
    DIR/<name>.svg and .png (the diagram) and DIR/<name>.html (the review page).

    Exit 0 even when there are findings: it is a demo.
    """
    click.echo(f"== ivrmaze check {folder}")
    _check([folder])
    os.makedirs(out, exist_ok=True)
    dot = have_dot()
    if not dot:
        click.echo("ivrmaze: Graphviz's `dot` is not installed: writing DOT source only (no SVG, PNG or review "
                   "page). Install it with `sudo apt-get install graphviz` or `brew install graphviz`.", err=True)
    written = []
    for path in collect_paths([folder]):
        maze = load([path], strict=False)
        mf = next((m for m in maze.files.values() if os.path.abspath(m.abspath) == os.path.abspath(path)), None)
        if mf is None or not mf.entry:
            continue  # a part of another line, drawn with it
        if any(p.severity == "error" for p in maze.problems):
            click.echo(f"skipped {path}: it has problems (see above)")
            continue
        name = os.path.splitext(os.path.basename(path))[0]
        base = os.path.join(out, name)
        scene = build_scene(maze, analysis=analysis_or_none(maze))
        if not dot:
            write_bytes(base + ".dot", render_scene(scene, "dot"))
            written.append(base + ".dot")
            continue
        for fmt in ("svg", "png"):
            write_bytes(f"{base}.{fmt}", graphviz_errors(lambda f=fmt: render_scene(scene, f)))
            written.append(f"{base}.{fmt}")
        from .review import write_review
        written.append(write_review(maze, base + ".html"))
    click.echo(f"\n== wrote {len(written)} files in {out}/:")
    for w in written:
        click.echo(f"  {w}")
    if dot:
        click.echo(f"Open the review pages in a browser, e.g. {os.path.abspath(written[-1]) if written else out}")
    return 0

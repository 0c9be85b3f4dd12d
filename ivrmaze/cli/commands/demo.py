"""`ivrmaze demo FOLDER -o OUT`: check the menus, then draw each phone line and write its review page."""
from __future__ import annotations

import functools
import os

import click

from ...lint import load
from ...load import menu_paths
from ...maze import Maze
from ...render import build_scene, have_dot, render_scene
from ..common import entry_option, given_entry, given_vars, vars_option
from ..drawing import drawn_analysis, graphviz_errors, inputs_of
from ..files import DIAGRAM_EXTENSIONS, PAGE_EXTENSIONS, check_output, check_output_folder, output_names, write_bytes
from ..lines import heads, line_of
from .check import command as check
from .review import write_review


def _check(paths: list[str]) -> None:
    """The findings as `ivrmaze check` prints them."""
    try:
        check.main(list(paths), prog_name="ivrmaze check", standalone_mode=False)
    except click.ClickException as e:
        e.show()


def _lines(folder: str) -> list[tuple[str, Maze]]:
    """(path, maze) of each phone line in ``folder`` that loads (a line with problems is skipped,
    saying so). The folder is loaded as one maze, so that flows calling each other by name are
    followed as `ivrmaze check FOLDER` follows them; each line is drawn with the files it reaches."""
    paths = menu_paths([folder])[0]
    whole = load([folder], strict=False, vars=given_vars(), entry=given_entry())
    lines = []
    for ap in heads({mf.abspath: mf for mf in whole.files.values()}, paths):
        path = next(p for p in paths if os.path.abspath(p) == ap)
        maze = line_of(whole, path)
        if any(p.severity == "error" for p in maze.problems):
            click.echo(f"skipped {path}: it has problems (see above)")
            continue
        lines.append((path, maze))
    return lines


def _draw(maze: Maze, base: str, dot: bool) -> list[str]:
    """Write the line's diagram (SVG and PNG, or DOT without Graphviz) and review page; the paths written."""
    scene = build_scene(maze, analysis=drawn_analysis(maze))
    if not dot:
        write_bytes(base + ".dot", render_scene(scene, "dot"))
        return [base + ".dot"]
    written = []
    for fmt in ("svg", "png"):
        write_bytes(f"{base}.{fmt}", graphviz_errors(functools.partial(render_scene, scene, fmt)))
        written.append(f"{base}.{fmt}")
    written.append(write_review(maze, base + ".html"))
    return written


@click.command("demo")
@click.argument("folder", type=click.Path(exists=True, file_okay=True, dir_okay=True, path_type=str))
@vars_option
@entry_option
@click.option("-o", "--output", "out", default="out", show_default=True, metavar="DIR",
              help="Folder for the diagrams and review pages.")
def command(folder: str, out: str) -> int:
    """Check the menus in FOLDER, then write for each phone line (a file with an `entry`;
    a platform flow that another file calls is drawn with that line) DIR/<name>.svg and .png
    (the diagram) and DIR/<name>.html (the review page), <name> being the line's path below
    FOLDER (`lines/a.yaml`: `lines-a`).

    Exit 0 even when there are findings: it is a demo.
    """
    check_output_folder(out)
    click.echo(f"== ivrmaze check {folder}")
    _check([folder])
    os.makedirs(out, exist_ok=True)
    dot = have_dot()
    if not dot:
        click.echo("ivrmaze: Graphviz's `dot` is not installed: writing DOT source only (no SVG, PNG or review "
                   "page). Install it with `sudo apt-get install graphviz` or `brew install graphviz`.", err=True)
    lines = _lines(folder)
    names = output_names([path for path, _ in lines], folder)
    inputs = [*menu_paths([folder])[0], *inputs_of(*(maze for _, maze in lines))]
    bases = {path: os.path.join(out, names[path]) for path, _ in lines}
    for base in bases.values():  # every output checked before the first is written
        for ext in (".svg", ".png", ".html") if dot else (".dot",):
            check_output(base + ext, inputs, allowed=PAGE_EXTENSIONS if ext == ".html" else DIAGRAM_EXTENSIONS)
    written = [w for path, maze in lines for w in _draw(maze, bases[path], dot)]
    click.echo(f"\n== wrote {len(written)} files in {out}/:")
    for w in written:
        click.echo(f"  {w}")
    if dot:
        click.echo(f"Open the review pages in a browser, e.g. {os.path.abspath(written[-1]) if written else out}")
    return 0

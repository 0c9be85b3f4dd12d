"""`ivrmaze render PATH... -o OUT`: a Graphviz diagram of the maze, with its problems drawn on it."""
from __future__ import annotations

import click

from ...render import FORMATS, build_scene, render_scene
from ...render.scene import check_intent, resolve_node
from ...timeline import parse_at, state_at
from ..common import paths_argument
from ..drawing import (analysis_or_none, check_output, format_of, graphviz_errors, load_checked, usage_errors,
                       write_bytes)


@click.command("render")
@paths_argument
@click.option("-o", "--output", "output", required=True, metavar="OUT",
              help="File to write; its extension picks the format: .svg, .png, .pdf or .dot.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from OUT's extension).")
@click.option("--at", "at", metavar="WHEN", help='Draw the maze as it is at one instant: "Fri 16:30" or '
              "2011-04-25T10:00 (closed queues greyed, only the live side of each branch).")
@click.option("--intent", metavar="ID", help="Mark the nodes that resolve this intent, its best route and its traps.")
@click.option("--focus", multiple=True, metavar="NODE", help="Draw only the region around this node (repeatable): "
              "an id, or file.yaml#id.")
@click.option("--depth", type=click.IntRange(0), default=2, show_default=True, help="Hops around --focus nodes.")
@click.option("--no-failures", is_flag=True, help="Hide no_input, no_match and exhausted edges.")
@click.option("--no-findings", is_flag=True, help="Do not draw the analysis' findings.")
@click.option("--no-legend", is_flag=True, help="Leave out the legend.")
def command(paths, output, fmt, at, intent, focus, depth, no_failures, no_findings, no_legend):
    """Draw the menu files as a diagram: a shape per node kind, edges by who moves the call
    (caller, agent, the system, failures), one box per file, and the problems the analysis
    finds (traps and ping-pong in red, dead ends and unreachable nodes marked).

    Exit 0 when written, 2 on usage errors, files with problems, or a missing Graphviz
    (`.dot` output needs no Graphviz).
    """
    check_output(output)
    fmt = format_of(output, fmt)
    maze = load_checked(paths)
    check_output(output, maze)
    if intent:
        usage_errors(lambda: check_intent(maze, intent), hint="--intent")
    focus_ids = [usage_errors(lambda f=f: resolve_node(maze, f), hint="--focus") for f in focus]
    state = when = instant = None
    if at:
        tz = next(iter(maze.files.values())).timezone if maze.files else None
        instant = usage_errors(lambda: parse_at(at, tz), hint="--at")
        state, when = state_at(maze, instant), instant.text or instant.label()
    analysis = None if no_findings else analysis_or_none(maze, instant)
    scene = build_scene(maze, state=state, when_label=when, intent=intent, focus=focus_ids, depth=depth,
                        failures=not no_failures, analysis=analysis, legend=not no_legend)
    data = graphviz_errors(lambda: render_scene(scene, fmt))
    write_bytes(output, data)
    click.echo(f"wrote {output} ({fmt}, {sum(n.kind not in ('start', 'ref') for n in scene.nodes.values())} nodes)")
    return 0

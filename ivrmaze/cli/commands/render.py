"""`ivrmaze render PATH... -o OUT`: a Graphviz diagram of the maze, with its problems drawn on it.

`ivrmaze render --diff OLD NEW -o OUT` draws a change: NEW's maze, what is new in green, what OLD
had and NEW has not dashed red (OLD and NEW as for `ivrmaze diff`).
"""
from __future__ import annotations

import contextlib
import functools
from types import SimpleNamespace
from typing import Any

import click

from ...diff import open_side, structure
from ...maze import Maze
from ...periods import Period, read_at
from ...render import FORMATS, build_scene, render_scene
from ...render.changes import ChangedView, changed_view, counts, decorate
from ...render.lookup import check_intent, resolve_node
from ...timeline import Instant, state_at
from ..common import entry_option, stop_on_problems, vars_option
from ..drawing import drawn_analysis, format_of, graphviz_errors, inputs_of, usage_errors
from ..files import check_output, write_bytes
from ..lines import drawn_maze

EXAMPLE = "`ivrmaze render --diff HEAD:menus/x.yaml menus/x.yaml -o diff.svg`"


def _diff_pair(ctx: click.Context, param: click.Parameter, value: tuple[str, str] | None) -> tuple[str, str] | None:  # noqa: ARG001
    if value and value[1].startswith("-") and len(value[1]) > 1:
        raise click.BadParameter(f"expected OLD and NEW right after --diff, got {value[1]!r} as NEW; "
                                 f"for example {EXAMPLE}")
    return value or None


def _open_diff(old: str, new: str, stack: contextlib.ExitStack) -> tuple[Maze, ChangedView]:
    """NEW's maze and the view of the change from OLD, loaded as `ivrmaze diff` loads them."""
    a = usage_errors(lambda: open_side(old, stack))
    b = usage_errors(lambda: open_side(new, stack))
    if a.maze is None and b.maze is None:
        raise click.UsageError(f"neither {old} nor {new} exists, expected at least one of them to hold menu files")
    maze = stop_on_problems(b.maze) if b.maze is not None else Maze({}, [], [])
    return maze, changed_view(a, b, structure(a, b), empty_maze=maze)


def _instant(maze: Maze, at: str | None) -> Instant | Period | None:
    """``--at``: an instant (``now`` too) or a period of windows (all its instants)."""
    if not at:
        return None
    tz = next(iter(maze.files.values())).timezone if maze.files else None
    return usage_errors(lambda: read_at(at, tz), hint="--at")


def _state(maze: Maze, view: ChangedView | None, at: Instant | Period | None) -> frozenset[str] | None:
    """The state drawn: the instant's, a period's when it has one only, else None (every route)."""
    if at is None:
        return None
    instants = [at] if isinstance(at, Instant) else [i for _, i in at.pieces(maze)]
    states = {view.state_at(i) if view is not None else state_at(maze, i) for i in instants}
    return next(iter(states)) if len(states) == 1 else None


def _analysis(maze: Maze, view: ChangedView | None, instant: Instant | Period | None, intent: str | None,
              no_findings: bool) -> Any:
    """What is drawn of the analysis: its findings, or on a change only the best routes (red means removed there)."""
    if no_findings or not maze.files or (view is not None and not intent):
        return None
    analysis = drawn_analysis(maze, instant)
    return SimpleNamespace(findings=(), intents=analysis.intents) if view is not None else analysis


def _wrote(output: str, fmt: str, scene: Any, view: ChangedView | None) -> str:
    shown = sum(n.kind not in ("start", "ref") for n in scene.nodes.values())
    extra = ""
    if view is not None:
        c = counts(scene)
        extra = (f"; added {c['nodes_added']} nodes, {c['edges_added']} edges; "
                 f"removed {c['nodes_removed']} nodes, {c['edges_removed']} edges")
    return f"wrote {output} ({fmt}, {shown} nodes{extra})"


def _check_args(paths: tuple[str, ...], diff: tuple[str, str] | None) -> None:
    if diff and paths:
        raise click.UsageError(f"--diff OLD NEW draws NEW itself; leave out PATHS ({' '.join(paths)}), "
                               f"for example {EXAMPLE}")
    if not diff and not paths:
        raise click.UsageError("expected menu files or folders to draw (PATHS), or --diff OLD NEW to draw a change")


@click.command("render")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@vars_option
@entry_option
@click.option("-o", "--output", "output", required=True, metavar="OUT",
              help="File to write; its extension picks the format: .svg, .png, .pdf or .dot.")
@click.option("--diff", "diff", nargs=2, metavar="OLD NEW", callback=_diff_pair,
              help="Draw a change instead of PATHS: NEW's maze, added nodes and edges in green, removed ones "
                   "dashed red. OLD and NEW as for `ivrmaze diff`: files, folders or REV:path.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from OUT's extension).")
@click.option("--at", "at", metavar="WHEN", help='Draw the maze as it is at one instant: "Fri 16:30", '
              "2011-04-25T10:00 or now (closed queues greyed, only the live side of each branch), or the "
              'findings of windows such as "Mon-Fri 09:00-17:00".')
@click.option("--intent", metavar="ID", help="Mark the nodes that resolve this intent, its best route and its traps.")
@click.option("--focus", multiple=True, metavar="NODE", help="Draw only the region around this node (repeatable): "
              "an id, or file.yaml#id.")
@click.option("--depth", type=click.IntRange(0), default=2, show_default=True, help="Hops around --focus nodes.")
@click.option("--no-failures", is_flag=True, help="Hide no_input, no_match and exhausted edges.")
@click.option("--no-findings", is_flag=True, help="Do not draw the analysis' findings.")
@click.option("--no-legend", is_flag=True, help="Leave out the legend.")
def command(paths: tuple[str, ...], output: str, diff: tuple[str, str] | None, fmt: str | None, at: str | None,
            intent: str | None, focus: tuple[str, ...], depth: int, no_failures: bool, no_findings: bool,
            no_legend: bool) -> int:
    """Draw the menu files (PATHS: files or folders) as a diagram: a shape per node kind, edges
    by who moves the call (caller, agent, the system, failures), one box per file, and the
    problems the analysis finds (traps and ping-pong in red, dead ends and unreachable nodes
    marked).

    With --diff OLD NEW, draw a change instead (no PATHS): NEW's maze with the nodes and edges
    the change added in green and those it removed dashed red, where they were, e.g.
    `ivrmaze render --diff HEAD:menus/x.yaml menus/x.yaml -o diff.svg`. Findings are not drawn
    on a change (`ivrmaze diff` lists them); --intent marks NEW's resolvers and best route.

    Exit 0 when written, 2 on usage errors, files with problems, or a missing Graphviz
    (`.dot` output needs no Graphviz).
    """
    _check_args(paths, diff)
    check_output(output)
    fmt = format_of(output, fmt)
    with contextlib.ExitStack() as stack:  # a REV:path side lives in a temporary folder until drawn
        view = None
        if diff:
            maze, view = _open_diff(*diff, stack)
        else:
            maze = drawn_maze(paths)
        check_output(output, inputs_of(maze, view.old if view is not None else None))
        drawn: Any = view if view is not None else maze
        if intent:
            usage_errors(lambda: check_intent(maze, intent), hint="--intent")
        focus_ids = [usage_errors(functools.partial(resolve_node, drawn, f), hint="--focus") for f in focus]
        instant = _instant(maze, at)
        state = _state(maze, view, instant)
        when = None if instant is None else instant.text or (instant.label() if isinstance(instant, Instant) else "")
        scene = build_scene(drawn, state=state, when_label=when, intent=intent, focus=focus_ids, depth=depth,
                            failures=not no_failures, analysis=_analysis(maze, view, instant, intent, no_findings),
                            legend=not no_legend)
        if view is not None:
            decorate(scene, view)
        data = graphviz_errors(lambda: render_scene(scene, fmt))
    write_bytes(output, data)
    click.echo(_wrote(output, fmt, scene, view))
    return 0

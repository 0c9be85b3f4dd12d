"""`ivrmaze review PATH... -o review.html`: one self-contained HTML page for reviewing a menu change."""
from __future__ import annotations

import click

from ...maze import Maze
from ...periods import Period, read_at
from ...render import render_scene
from ...render.html import review_page
from ...render.lookup import check_intent
from ...render.review import build_review
from ...timeline import Instant
from ..common import entry_option, paths_argument, vars_option
from ..drawing import graphviz_errors, inputs_of, usage_errors
from ..files import PAGE_EXTENSIONS, check_output, write_bytes
from ..lines import drawn_maze


def write_review(maze: Maze, output: str, *, intent: str | None = None, failures: bool = True,
                 at: Instant | Period | None = None) -> str:
    """Analyse ``maze``, draw it and write the review page to ``output`` (``at``: one instant, or
    the windows of a period, only)."""
    review = build_review(maze, failures=failures, intent=intent, at=at)
    svg = graphviz_errors(lambda: render_scene(review.scene, "svg")).decode("utf-8")
    write_bytes(output, review_page(review, svg).encode("utf-8"))
    return output


@click.command("review")
@paths_argument
@vars_option
@entry_option
@click.option("-o", "--output", "output", required=True, metavar="OUT.html", help="The HTML file to write.")
@click.option("--at", "at", metavar="WHEN", help='Show the maze at one instant ("Fri 16:30", 2011-04-25T10:00, now) '
              'or over windows ("Mon-Fri 09:00-17:00") (default: the whole week and the holidays, with a time '
              "selector).")
@click.option("--intent", metavar="ID", help="Intent selected when the page opens.")
@click.option("--no-failures", is_flag=True, help="Hide no_input, no_match and exhausted edges.")
def command(paths: tuple[str, ...], output: str, at: str | None, intent: str | None, no_failures: bool) -> int:
    """Write a self-contained HTML review page: the diagram, the findings (select one to see
    its nodes), the intents' metrics per week window, a time selector that shows the maze
    as it is in each window, and an intent selector that shows its best route and traps.
    With --at, the page shows one instant only: the diagram as it is then, that instant's
    findings and one metrics row per intent.

    The page needs no network. Exit 0 when written, 2 on usage errors, files with problems,
    or a missing Graphviz.
    """
    check_output(output, allowed=PAGE_EXTENSIONS)
    maze = drawn_maze(paths)
    check_output(output, inputs_of(maze), allowed=PAGE_EXTENSIONS)
    instant = None
    if at is not None:
        tz = next(iter(maze.files.values())).timezone if maze.files else None
        instant = usage_errors(lambda: read_at(at, tz), hint="--at")
    if intent:
        usage_errors(lambda: check_intent(maze, intent), hint="--intent")
    write_review(maze, output, intent=intent, failures=not no_failures, at=instant)
    click.echo(f"wrote {output}")
    return 0

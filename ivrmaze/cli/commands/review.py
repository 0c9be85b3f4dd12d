"""`ivrmaze review PATH... -o review.html`: one self-contained HTML page for reviewing a menu change."""
from __future__ import annotations

import click

from ...render import render_scene
from ...render.html import review_page
from ...render.review import build_review
from ...render.scene import check_intent
from ..common import paths_argument
from ..drawing import check_output, graphviz_errors, load_checked, usage_errors, write_bytes


def write_review(maze, output, *, intent=None, failures=True) -> str:
    """Analyse ``maze``, draw it and write the review page to ``output``."""
    review = build_review(maze, failures=failures, intent=intent)
    svg = graphviz_errors(lambda: render_scene(review.scene, "svg")).decode("utf-8")
    write_bytes(output, review_page(review, svg).encode("utf-8"))
    return output


@click.command("review")
@paths_argument
@click.option("-o", "--output", "output", required=True, metavar="OUT.html", help="The HTML file to write.")
@click.option("--intent", metavar="ID", help="Intent selected when the page opens.")
@click.option("--no-failures", is_flag=True, help="Hide no_input, no_match and exhausted edges.")
def command(paths, output, intent, no_failures):
    """Write a self-contained HTML review page: the diagram, the findings (select one to see
    its nodes), the intents' metrics per week window, a time selector that shows the maze
    as it is in each window, and an intent selector that shows its best route and traps.

    The page needs no network. Exit 0 when written, 2 on usage errors, files with problems,
    or a missing Graphviz.
    """
    check_output(output)
    maze = load_checked(paths)
    check_output(output, maze)
    if intent:
        usage_errors(lambda: check_intent(maze, intent), hint="--intent")
    write_review(maze, output, intent=intent, failures=not no_failures)
    click.echo(f"wrote {output}")
    return 0

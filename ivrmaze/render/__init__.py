"""Diagrams of a maze: a plain Scene (``scene.py``) made by ``build.py`` (its texts from
``labels.py``, layout-only marks from ``layout.py``, the analysis' marks from ``overlay.py``),
one style table (``styles.py``), DOT and images (``dot.py``), the review page's data
(``review.py``) and the self-contained page itself (``html.py``), and the drawing of a change
(``changes.py``). ``lookup.py`` finds the nodes and intents a user names.

>>> import ivrmaze
>>> from ivrmaze.render import build_scene, to_dot
>>> maze = ivrmaze.load("menus/mobistar-2011.yaml")  # doctest: +SKIP
>>> print(to_dot(build_scene(maze))[:20])  # doctest: +SKIP
digraph ivrmaze {
"""
from .build import build_scene
from .dot import FORMATS, GraphvizFailed, GraphvizMissing, have_dot, render_scene, run_dot, to_dot
from .lookup import check_intent, resolve_node
from .scene import Scene, SceneEdge, SceneNode

__all__ = ["build_scene", "to_dot", "run_dot", "render_scene", "have_dot", "FORMATS", "Scene", "SceneNode", "SceneEdge",
           "GraphvizMissing", "GraphvizFailed", "resolve_node", "check_intent"]

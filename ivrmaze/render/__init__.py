"""Diagrams of a maze: a plain Scene (``scene.py``), one style table (``styles.py``), DOT and
images (``dot.py``) and the self-contained HTML review page (``html.py``).

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

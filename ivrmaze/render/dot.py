"""Scene -> DOT source (with the ``graphviz`` package), and DOT -> SVG/PNG/PDF with Graphviz's ``dot``.

Every text that comes from a menu file goes through ``esc`` (for escString attributes:
labels of edges, tooltips) or ``html_text`` (for the HTML-like node labels), so quotes,
backslashes, ``<``, ``>``, ``&`` and newlines come out as text, never as DOT syntax,
Graphviz escapes (``\\N``, ``\\l``) or SVG markup.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Mapping
from typing import Any

import graphviz

from ..errors import IvrmazeError
from . import styles
from .labels import clean
from .legend import legend_label
from .scene import Scene, SceneNode

FORMATS = ("svg", "png", "pdf", "dot")

INSTALL_HINT = ("Graphviz's `dot` is not installed, and it is needed to draw {fmt}. Install it: "
                "`sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
                "`choco install graphviz` (Windows) or see https://graphviz.org/download/. "
                "Without it, write DOT source instead: -o diagram.dot")


class GraphvizMissing(IvrmazeError):
    """Graphviz's ``dot`` is needed for this output format and is not installed."""


class GraphvizFailed(IvrmazeError):
    """``dot`` ran and failed."""


def esc(text: object) -> Any:
    """A DOT escString that shows ``text`` literally (quotes are escaped by the graphviz package)."""
    s = clean(text)
    s = s.replace("&", "&amp;")  # Graphviz reads &lt; &#60; ... as entities in labels
    s = s.replace("\\", "\\\\")
    s = s.replace("\n", "\\n")
    return graphviz.nohtml(s)


def html_text(text: object) -> str:
    """Text for inside an HTML-like label (Graphviz also reads ``\\N``-style escapes there)."""
    return html.escape(clean(text).replace("\n", " "), quote=True).replace("\\", "\\\\")


def _attrs(d: Mapping[str, object]) -> dict[str, Any]:
    """Style-table values are our own constants; still pass them through nohtml."""
    return {k: graphviz.nohtml(str(v)) for k, v in d.items()}


def node_label(n: SceneNode) -> Any:
    """The HTML-like label of a node: every text in it escaped by ``html_text``."""
    titles = n.title_lines or ([n.title] if n.title else [])
    parts = ["<B>" + "<BR/>".join(html_text(t) for t in titles) + "</B>"] if titles else []
    if n.lines:
        parts.append('<FONT POINT-SIZE="10">' + "<BR/>".join(html_text(x) for x in n.lines) + "</FONT>")
    for note in n.notes:
        color = "#b91c1c" if note.startswith("CLOSED") else "#374151"
        parts.append(f'<FONT POINT-SIZE="9" COLOR="{color}">{html_text(note)}</FONT>')
    return "<" + "<BR/>".join(parts) + ">" if parts else graphviz.nohtml("")


def to_dot(scene: Scene, *, tooltips: bool = True) -> str:
    """DOT source for ``scene``.

    ``tooltips=False`` leaves tooltips out: ``render`` puts them into the SVG itself
    (``svg_with_titles``), because Graphviz 2.43 reads escapes in tooltips twice.
    """
    g = graphviz.Digraph("ivrmaze")
    gattrs = dict(styles.GRAPH)
    if scene.compact:
        gattrs.update(styles.GRAPH_COMPACT)
    g.graph_attr.update(_attrs(gattrs))
    lines = [f"<B>{html_text(scene.title)}</B>"] if scene.title else []
    if scene.subtitle:
        lines.append(f'<FONT POINT-SIZE="12">{html_text(scene.subtitle)}</FONT>')
    if lines:
        g.graph_attr["label"] = "<" + "<BR/>".join(lines) + ">"
    g.node_attr.update(_attrs(styles.NODE))
    g.edge_attr.update(_attrs(styles.EDGE))

    legend = legend_label(scene) if scene.legend else None
    if legend:  # the files' clusters inside one whose label, at its bottom, is the legend
        with g.subgraph(name="cluster_legend") as outer:
            outer.graph_attr.update(_attrs({**styles.LEGEND, "id": "legend"}))
            outer.graph_attr["label"] = legend
            _clusters(outer, scene, tooltips)
    else:
        _clusters(g, scene, tooltips)
    for e in scene.edges:
        attrs = _diff(styles.edge_style(e.role, e.marks), styles.EDGE)
        attrs.update({"id": e.name, "class": " ".join([f"role-{e.role}"] + [f"mark-{m}" for m in e.marks])})
        out = _attrs(attrs)
        if e.minlen > 1:
            out["minlen"] = graphviz.nohtml(str(e.minlen))
        if e.label and scene.compact:
            # Big mazes: keys sit at the menu end (no label nodes in the layout); failures go unlabelled.
            if e.role not in ("failure", "error"):
                out["taillabel"] = esc(e.label)
        elif e.label:
            out["label"] = esc(e.label)
        if e.tooltip and tooltips:
            out["tooltip"] = esc(e.tooltip)
            out["labeltooltip"] = esc(e.tooltip)
        g.edge(e.src, e.dst, **out)
    return g.source


def _clusters(g: graphviz.Digraph, scene: Scene, tooltips: bool) -> None:
    """One cluster per file, with its nodes."""
    for cl in scene.clusters:
        with g.subgraph(name=cl.name) as sub:
            sub.graph_attr.update(_attrs(styles.CLUSTER))
            sub.graph_attr["label"] = esc(cl.title)
            sub.graph_attr["id"] = graphviz.nohtml(cl.name)
            for name in cl.nodes:
                _node(sub, scene.nodes[name], scene, tooltips)


def _node(g: graphviz.Digraph, n: SceneNode, scene: Scene, tooltips: bool = True) -> None:
    marks = n.marks
    classes = [f"kind-{n.kind}"]
    if n.alias_of:  # a ref shows the marks of the node it stands for
        marks = [m for m in scene.nodes[n.alias_of].marks if m not in ("entry", "focus")]
        classes.append(f"alias-{n.alias_of}")
    attrs = _diff(styles.node_style(n.kind, marks), styles.NODE)
    attrs.update({"id": n.name, "class": " ".join(classes + [f"mark-{m}" for m in marks])})
    out = _attrs(attrs)
    if n.kind != "start":
        out["label"] = node_label(n)
    if n.tooltip and tooltips:
        out["tooltip"] = esc(n.tooltip)
    g.node(n.name, **out)


def _diff(attrs: Mapping[str, str], base: Mapping[str, str]) -> dict[str, str]:
    """Only the attributes that differ from the graph-wide defaults."""
    return {k: v for k, v in attrs.items() if base.get(k) != v}


_GROUP_TITLE = re.compile(r'(<g id="([A-Za-z0-9_]+)" class="(?:node|edge|cluster)[^"]*">\s*<title>)[^<]*(</title>)')


def svg_with_titles(svg: str, scene: Scene) -> str:
    """Graphviz's SVG with each node's and edge's ``<title>`` (the tooltip a browser shows) set to
    the scene's tooltip text, XML-escaped here, exactly as written in the menu file."""
    tips = {n.name: n.tooltip for n in scene.nodes.values()}
    tips.update({e.name: e.tooltip for e in scene.edges})
    tips.update({c.name: c.title for c in scene.clusters})

    def sub(m: re.Match[str]) -> str:
        tip = tips.get(m.group(2))
        if not tip:
            return m.group(0)
        return m.group(1) + html.escape(clean(tip), quote=False) + m.group(3)

    return _GROUP_TITLE.sub(sub, svg)


def render_scene(scene: Scene, fmt: str) -> bytes:
    """The drawing of ``scene`` as ``fmt`` (svg, png, pdf or dot)."""
    if fmt == "dot":
        return to_dot(scene).encode("utf-8")
    data = run_dot(to_dot(scene, tooltips=False), fmt)
    if fmt == "svg":
        data = svg_with_titles(data.decode("utf-8"), scene).encode("utf-8")
    return data


def have_dot() -> bool:
    """Whether Graphviz's ``dot`` is on the PATH (needed for every format but DOT source)."""
    return shutil.which("dot") is not None


def run_dot(source: str, fmt: str, *, timeout: float = 300) -> bytes:
    """Lay out and draw DOT ``source`` as ``fmt`` (svg, png, pdf) with Graphviz's ``dot``."""
    if fmt == "dot":
        return source.encode("utf-8")
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(INSTALL_HINT.format(fmt=fmt.upper()))
    try:
        proc = subprocess.run([exe, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise GraphvizFailed(f"Graphviz's dot took more than {timeout:.0f} s; draw a smaller part with "
                             "--focus NODE --depth N") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizFailed("Graphviz's dot failed: " + (err[-1] if err else f"exit {proc.returncode}"))
    return proc.stdout

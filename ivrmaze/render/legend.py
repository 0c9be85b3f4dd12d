"""The legend of a drawing: one HTML-like table under the menus (issue 12: a legend beside the
drawing took a third to a half of its width).

Each entry is a swatch drawn from the style table (a node kind's or a mark's fill and border, an
edge role's line) and what it means, three entries a row. The table is the label of a cluster
around the files' clusters, at its bottom, so it adds height, never width beyond its own, and
costs dot no layout work.
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape

from . import styles
from .scene import Scene

#: Entries per row of the legend.
COLUMNS = 3

#: The swatch's line for an edge style, by its dash pattern.
_LINES = {"dashed": "╌╌╌╌▶", "dotted": "·······▶"}


def node_swatch(attrs: Mapping[str, str]) -> str:
    """A table cell that looks like a node of ``attrs``: its fill, border colour and width, dashes,
    rounded corners, and one more frame per extra periphery."""
    style = attrs.get("style", "")
    looks = [s for s in ("rounded", "dashed") if s in style]
    pen = max(1, round(float(attrs.get("penwidth", styles.NODE["penwidth"]))))
    colour = escape(attrs.get("color", styles.NODE["color"]))
    cell = (f'<TD WIDTH="26" HEIGHT="13" FIXEDSIZE="TRUE" BORDER="{pen}" COLOR="{colour}" '
            f'BGCOLOR="{escape(attrs.get("fillcolor", "white"))}"{_style(looks)}></TD>')
    for _ in range(int(attrs.get("peripheries", "1")) - 1):
        cell = (f'<TD BORDER="{pen}" COLOR="{colour}" CELLPADDING="1"{_style(looks)}>'
                f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>{cell}</TR></TABLE></TD>')
    return cell


def _style(looks: list[str]) -> str:
    return f' STYLE="{",".join(looks)}"' if looks else ""


def edge_swatch(attrs: Mapping[str, str]) -> str:
    """A table cell with a line that looks like an edge of ``attrs`` (colour, dashes, weight)."""
    style = attrs.get("style", "")
    line = next((v for k, v in _LINES.items() if k in style), "─────▶")
    if float(attrs.get("penwidth", "1")) >= 2.4:
        line = f"<B>{line}</B>"
    return f'<TD><FONT COLOR="{escape(attrs.get("color", styles.EDGE["color"]))}">{line}</FONT></TD>'


def entries(scene: Scene) -> list[tuple[str, str]]:
    """(swatch cell, meaning) of everything the scene draws: a change's marks first (``render
    --diff``), then node kinds, marks and edge roles."""
    drawn = set(scene.marks()) | set(scene.legend_marks)
    out = []
    for m in styles.EDGE_MARK_DOCS:
        if m in drawn:
            out.append((node_swatch(styles.node_style("", [m])), styles.MARK_DOCS[m]))
            out.append((edge_swatch(styles.edge_style("caller", [m])), styles.EDGE_MARK_DOCS[m]))
    for k in styles.NODE_KINDS:
        if k in scene.kinds() and k != "start":
            out.append((node_swatch(styles.node_style(k)), styles.KIND_DOCS[k]))
    for m in styles.NODE_MARKS:
        if m in drawn and m not in styles.EDGE_MARK_DOCS:
            out.append((node_swatch(styles.node_style("", [m])), styles.MARK_DOCS[m]))
    for r in styles.EDGE_ROLES:
        if r in scene.roles() and r != "entry":
            out.append((edge_swatch(styles.edge_style(r)), styles.EDGE_DOCS[r]))
    for m, doc in styles.FINDING_EDGE_DOCS.items():
        if m in drawn:
            out.append((edge_swatch(styles.edge_style("caller", [m])), doc))
    return out


def legend_label(scene: Scene) -> str | None:
    """The legend as an HTML-like label (``<...>``), or None when the scene draws nothing to explain."""
    items = entries(scene)
    if not items:
        return None
    rows = []
    for i in range(0, len(items), COLUMNS):
        cells = "".join(f'{sw}<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{escape(text)}</FONT></TD>'
                        for sw, text in items[i:i + COLUMNS])
        rows.append(f"<TR>{cells}</TR>")
    head = (f'<TR><TD COLSPAN="{2 * COLUMNS}" ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="#374151">'
            "Legend</FONT></TD></TR>")
    return ('<<TABLE BORDER="1" COLOR="#d1d5db" STYLE="rounded" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">'
            f"{head}{''.join(rows)}</TABLE>>")

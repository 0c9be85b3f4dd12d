"""The one style table: node kinds, edge roles and marks -> Graphviz attributes.

Everything a diagram looks like is decided here (pytransitions' ``style_attributes``):
the scene says *what* a node or edge is (its kind or role, and its marks such as
``closed`` or ``trap``); this table says how that looks. Marks are applied over the
kind in the order of ``NODE_MARKS`` / ``EDGE_MARKS``, so later marks win; ``style``
values are merged (``filled`` + ``dashed``), every other attribute is replaced.

The review page derives its CSS for marks from the same table (``css_for_marks``),
so the SVG toggled in the browser looks like the drawing ``ivrmaze render --at`` makes.
"""
from __future__ import annotations

from collections.abc import Collection

FONT = "DejaVu Sans,Liberation Sans,Helvetica,Arial,sans-serif"

GRAPH = {
    "rankdir": "TB",
    "fontname": FONT,
    "fontsize": "16",
    "labelloc": "t",
    "labeljust": "l",
    "nodesep": "0.25",
    "ranksep": "0.45",
    "newrank": "true",
    "compound": "true",
    "bgcolor": "white",
    "pad": "0.2",
    "outputorder": "edgesfirst",
}

# Graphs with more nodes than this draw compact labels (the id only; the text is in the tooltip).
COMPACT_ABOVE = 120

GRAPH_COMPACT = {
    "rankdir": "LR",  # a big maze is wide: its ranks stack up as columns, node heights are small
    "nodesep": "0.08",
    "ranksep": "0.9",
}

NODE = {"fontname": FONT, "fontsize": "12", "style": "filled", "penwidth": "1.2", "color": "#4b5563",
        "fillcolor": "white", "margin": "0.12,0.05"}
EDGE = {"fontname": FONT, "fontsize": "10", "arrowsize": "0.7", "color": "#374151", "fontcolor": "#374151"}
CLUSTER = {"style": "rounded,dashed", "color": "#9ca3af", "fontname": FONT, "fontsize": "13",
           "fontcolor": "#374151", "labeljust": "l", "labelloc": "t", "margin": "12"}
#: The cluster around the files' clusters whose label is the legend (``legend.py``): no border of
#: its own (its clusters set their colour, so they keep theirs), the label at the bottom.
LEGEND = {"color": "transparent", "fontname": FONT, "labelloc": "b", "labeljust": "l", "margin": "4"}

#: A shape and fill per node kind.
NODE_KINDS = {
    "menu": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbeafe", "color": "#1e40af"},
    "say": {"shape": "note", "fillcolor": "#f3f4f6", "color": "#6b7280"},
    "queue": {"shape": "hexagon", "fillcolor": "#fef3c7", "color": "#b45309"},
    "branch": {"shape": "diamond", "fillcolor": "#ede9fe", "color": "#6d28d9", "margin": "0.02"},
    "voicemail": {"shape": "tab", "fillcolor": "#ecfccb", "color": "#4d7c0f"},
    "callback": {"shape": "tab", "fillcolor": "#ecfccb", "color": "#4d7c0f"},
    "external": {"shape": "rarrow", "fillcolor": "#e0f2fe", "color": "#0369a1"},
    "hangup": {"shape": "octagon", "fillcolor": "#e5e7eb", "color": "#374151", "fontsize": "10"},
    "ref": {"shape": "box", "style": "rounded,dashed,filled", "fillcolor": "white", "color": "#9ca3af",
            "fontsize": "9", "margin": "0.05,0.02", "height": "0.2"},
    "start": {"shape": "circle", "label": "", "width": "0.22", "height": "0.22", "fixedsize": "true",
              "fillcolor": "#111827", "color": "#111827"},
}

#: What a node kind is, in the legend and the review page.
KIND_DOCS = {
    "menu": "menu: the caller presses a key",
    "say": "message, then the call moves on",
    "queue": "queue: humans answer (may close)",
    "branch": "time branch: routes by opening hours",
    "voicemail": "voicemail or callback: the call ends",
    "callback": "voicemail or callback: the call ends",
    "external": "another phone line (another file)",
    "hangup": "the call ends",
    "start": "a way in (phone, chat, ...)",
    "ref": "↪ the node of that name, drawn again",
}

#: Border colours of findings by severity: an error is red, a warning orange, never the same.
ERROR_COLOR = "#b91c1c"
WARNING_COLOR = "#ea580c"

#: Node marks, weakest first (a warning's before an error's: on a node with both, the error shows).
#: ``entry`` is a way in; ``added`` and ``removed`` come from ``render --diff`` (a new node that is
#: a trap is drawn as a trap); the rest from --at, --intent and findings. A finding's mark has the
#: border of its kind's default severity (``MARK_SEVERITY``); a finding configured to another
#: severity also gets the ``error`` or ``warning`` mark, which recolours it. ``focus`` adds a ring
#: outside every other border (``node_style``), so it shows whatever they are.
NODE_MARKS = {
    "entry": {"penwidth": "2.5"},
    "added": {"color": "#16a34a", "fillcolor": "#bbf7d0", "penwidth": "2.5"},
    "removed": {"color": "#dc2626", "fontcolor": "#b91c1c", "fillcolor": "#fff1f2", "penwidth": "2",
                "style": "dashed"},
    "unreachable": {"color": "#9ca3af", "fontcolor": "#9ca3af", "fillcolor": "#f9fafb", "style": "dashed"},
    "dead-end": {"color": WARNING_COLOR, "fillcolor": "#ffedd5", "penwidth": "2.5"},
    "ping-pong": {"color": WARNING_COLOR, "penwidth": "2.5"},
    "after-hours": {"color": ERROR_COLOR, "fillcolor": "#fee2e2", "penwidth": "3", "style": "dashed"},
    "trap": {"color": ERROR_COLOR, "fillcolor": "#fca5a5", "penwidth": "3"},
    "warning": {"color": WARNING_COLOR, "penwidth": "2.5"},
    "error": {"color": ERROR_COLOR, "penwidth": "3"},
    # Closed is a fact of the time, not a problem: it greys the fill and leaves the border to the marks above.
    "closed": {"fillcolor": "#d1d5db", "fontcolor": "#6b7280", "style": "dashed"},
    "resolves": {"color": "#15803d", "penwidth": "3", "peripheries": "2"},
    "route": {"color": "#1d4ed8", "penwidth": "3.5"},
    "focus": {},
}

#: The severity a finding mark stands for in the legend (its kind's default severity).
MARK_SEVERITY = {"dead-end": "warning", "after-hours": "error", "ping-pong": "warning", "trap": "error"}

#: Edge roles: how the call moves.
EDGE_ROLES = {
    "caller": {"style": "solid", "color": "#111827", "penwidth": "1.3"},
    "auto": {"style": "solid", "color": "#6b7280", "penwidth": "1"},
    "agent": {"style": "dashed", "color": "#b45309", "fontcolor": "#b45309", "penwidth": "1.4"},
    "failure": {"style": "dotted", "color": "#9ca3af", "fontcolor": "#9ca3af", "penwidth": "0.8",
                "fontsize": "8", "arrowsize": "0.5"},
    "closed": {"style": "solid", "color": "#7c3aed", "fontcolor": "#7c3aed", "penwidth": "1.6"},
    "open": {"style": "solid", "color": "#047857", "fontcolor": "#047857", "penwidth": "1.3"},
    "entry": {"style": "solid", "color": "#111827", "penwidth": "2", "fontsize": "10"},
}

EDGE_DOCS = {
    "caller": "caller presses a key",
    "auto": "the call moves on by itself",
    "agent": "an agent transfers the call",
    "failure": "no input, no match, too many tries",
    "closed": "while closed, calls go here",
    "open": "while open, calls go here",
    "entry": "a way in",
}

#: Edge marks, weakest first. ``back``: an edge that leads back up the menu tree (it does not
#: push its target down a rank, so deep mazes keep few ranks and dot stays fast). ``added`` and
#: ``removed`` (``render --diff``) come last: a red edge is never taken for a removed one.
EDGE_MARKS = {
    "back": {"constraint": "false"},
    "to-ref": {"constraint": "true"},  # a ref sits next to the node that leads to it
    "dead": {"style": "invis"},
    # where callers fall into a trap, drawn in the trap's colour with a double head (a move into
    # one trap that lies inside another is drawn as the other's: see overlay.py)
    "falls-in": {"color": ERROR_COLOR, "fontcolor": ERROR_COLOR, "penwidth": "2.2", "style": "dashed",
                 "arrowhead": "veevee"},
    "ping-pong": {"color": WARNING_COLOR, "fontcolor": WARNING_COLOR, "penwidth": "2.6"},
    "trap": {"color": ERROR_COLOR, "penwidth": "2.6"},
    "route": {"color": "#1d4ed8", "fontcolor": "#1d4ed8", "penwidth": "3.5"},
    "added": {"color": "#16a34a", "fontcolor": "#15803d", "penwidth": "2.4"},
    "removed": {"color": "#dc2626", "fontcolor": "#b91c1c", "style": "dashed", "penwidth": "1.8"},
}

MARK_DOCS = {
    "entry": "entry node (thick border)",
    "added": "added by this change",
    "removed": "removed by this change",
    "closed": "queue closed at this time",
    "unreachable": "no call reaches it",
    "dead-end": "warning: dead end, call ends unresolved",
    "after-hours": "error: trap or dead end at certain times",
    "ping-pong": "warning: agents ping-pong the caller",
    "trap": "error: trap, callers go round forever",
    "warning": "a finding set to warning (orange)",
    "error": "a finding set to error (red)",
    "resolves": "resolves the chosen intent",
    "route": "best route for the chosen intent",
    "focus": "focus node (an extra outer ring)",
}

#: Edge marks the legend explains with a sample edge (``render --diff``).
EDGE_MARK_DOCS = {
    "added": "option or link added",
    "removed": "option or link removed",
}

#: Edge marks of findings that the legend explains with a sample edge alone.
FINDING_EDGE_DOCS = {"falls-in": "where callers fall into a trap"}

#: Colour of a review-page highlight (a clicked finding); CSS only.
HIGHLIGHT = {"color": "#f59e0b", "penwidth": "5"}

def _merge(base: dict[str, str], over: dict[str, str]) -> dict[str, str]:
    out = dict(base)
    for k, v in over.items():
        if k == "style" and "invis" in out.get("style", "").split(","):
            continue  # invisible stays invisible
        if k == "style" and out.get("style") and v != "invis":
            parts = [p for p in out["style"].split(",") if p]
            for p in v.split(","):
                if p == "solid":
                    parts = [q for q in parts if q not in ("dashed", "dotted")]
                elif p in ("dashed", "dotted"):
                    parts = [q for q in parts if q not in ("dashed", "dotted", "solid")]
                if p not in parts:
                    parts.append(p)
            out["style"] = ",".join(parts)
        else:
            out[k] = v
    return out


def node_style(kind: str, marks: Collection[str] = ()) -> dict[str, str]:
    """Graphviz attributes of a node of ``kind`` carrying ``marks``."""
    attrs = _merge(NODE, NODE_KINDS.get(kind, {}))
    for m in NODE_MARKS:
        if m in marks:
            attrs = _merge(attrs, NODE_MARKS[m])
    if "focus" in marks:  # one more ring than the other marks drew, thick enough to see
        attrs["peripheries"] = str(int(attrs.get("peripheries", "1")) + 1)
        attrs["penwidth"] = str(max(float(attrs.get("penwidth", "1")), 2.5))
    return attrs


def edge_style(role: str, marks: Collection[str] = ()) -> dict[str, str]:
    """Graphviz attributes of an edge of ``role`` carrying ``marks``."""
    attrs = _merge(EDGE, EDGE_ROLES.get(role, {}))
    for m in EDGE_MARKS:
        if m in marks:
            attrs = _merge(attrs, EDGE_MARKS[m])
    return attrs


def _css_decls(attrs: dict[str, str], *, shape: bool) -> list[str]:
    out = []
    if shape and "fillcolor" in attrs:
        out.append(f"fill:{attrs['fillcolor']}")
    if "color" in attrs:
        out.append(f"stroke:{attrs['color']}")
    if "penwidth" in attrs:
        out.append(f"stroke-width:{attrs['penwidth']}px")
    style = attrs.get("style", "")
    if "dashed" in style:
        out.append("stroke-dasharray:5,3")
    return out


def css_for_marks() -> str:
    """CSS rules that make SVG groups with class ``mark-<name>`` look like the table says.

    Used by the review page, where marks are toggled in the browser instead of re-running dot.
    """
    rules = []
    shapes = ":is(polygon,ellipse,path,polyline)"
    for name, attrs in NODE_MARKS.items():
        if name in ("entry", "focus"):
            continue
        decls = _css_decls(attrs, shape=True)
        if decls:
            rules.append(f"svg .node.mark-{name} {shapes} {{{';'.join(decls)}}}")
        if "fontcolor" in attrs:
            rules.append(f"svg .node.mark-{name} text {{fill:{attrs['fontcolor']}}}")
    for name, attrs in EDGE_MARKS.items():
        if name == "dead":
            rules.append("svg .edge.mark-dead {opacity:.13}")
            continue
        if "color" not in attrs:  # layout-only marks (back, to-ref)
            continue
        decls = _css_decls({k: v for k, v in attrs.items() if k != "fillcolor"}, shape=False)
        rules.append(f"svg .edge.mark-{name} path {{{';'.join(decls)}}}")
        rules.append(f"svg .edge.mark-{name} polygon {{fill:{attrs['color']};stroke:{attrs['color']}}}")
        if "fontcolor" in attrs:
            rules.append(f"svg .edge.mark-{name} text {{fill:{attrs['fontcolor']}}}")
    hl = HIGHLIGHT
    rules.append(f"svg .node.hl {shapes} {{stroke:{hl['color']};stroke-width:{hl['penwidth']}px}}")
    rules.append(f"svg .edge.hl path {{stroke:{hl['color']};stroke-width:{hl['penwidth']}px}}")
    return "\n".join(rules)

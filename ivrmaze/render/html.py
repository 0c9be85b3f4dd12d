"""The review page: one self-contained HTML file (inline SVG, CSS and script; no network).

Every text from a menu file or a finding goes through ``h`` (HTML escaping); the data the
script reads is JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, so no prompt can close the element. A Content-Security-Policy lets only this
page's own script run and forbids loading anything.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from importlib import resources
from typing import Any

from ..timeline import joined
from ..version import VERSION
from ..words import percent, plural
from . import styles
from .labels import clean
from .review import FindingItem, Review, StateInfo
from .scene import Scene

_ASSETS = "ivrmaze.render"


def h(text: object) -> str:
    """``text`` for HTML text or a quoted attribute: escaped, and ``labels.clean``-ed (no control
    character, no bidirectional override)."""
    return html.escape(clean(text), quote=True)


def _asset(name: str) -> str:
    return resources.files(_ASSETS).joinpath("assets", name).read_text(encoding="utf-8")


def json_for_script(data: object) -> str:
    """JSON that is safe inside a <script> element: no ``<`` (so neither ``</script>`` nor
    ``<!--``), ``>`` or ``&``, and no U+2028/2029 (line ends to older JavaScript)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def inline_svg(svg: str) -> str:
    """Graphviz SVG, made fit to sit inside HTML: no XML prolog, doctype or comments."""
    svg = _XML_PROLOG.sub("", svg)
    svg = _COMMENT.sub("", svg)
    return svg.strip()


def _fmt(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.{digits}f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))
    return str(x)


def _finding_list(items: Iterable[FindingItem], state: str, hidden: bool, show_when: bool) -> str:
    out = [f'<ol class="findings" data-state="{h(state)}"{" hidden" if hidden else ""}>']
    if not items:
        out.append('<li class="none">No findings at this time.</li>')
    for f in items:
        head = (f'<span class="sev sev-{h(f.severity)}">{h(f.severity)}</span> '
                f'<span class="code">{h(f.code)}</span> <span class="kind">{h(f.kind)}</span>')
        body = f'<span class="msg">{h(f.message)}</span>'
        where = f'<span class="where">{h(f.where)}</span>'
        extra = ""
        if f.intents:
            label = "intent" if len(f.intents) == 1 else "intents"
            extra += f'<span class="intent">{label}: {h(", ".join(f.intents))}</span>'
        if show_when and f.when:
            extra += f'<span class="when">when: {h(joined(f.when))}</span>'
        li = f'<li class="finding sev-{h(f.severity)}" data-intent="{h(" ".join(f.intents))}">'
        if f.nodes:
            out.append(f'{li}<a href="#{h(f.nodes[0])}" class="finding-link" '
                       f'data-nodes="{h(" ".join(f.nodes))}">{head} {where}<br>{body}</a>{extra}</li>')
        else:
            out.append(f'{li}<span class="finding-text">{head} {where}<br>'
                       f'{body}</span>{extra}</li>')
    out.append("</ol>")
    return "\n".join(out)


def _table(review: Review) -> str:
    caption = (f"How each intent fares at {h(review.at)} only, per phone line" if review.at else
               "How each intent fares, per phone line and week window")
    out = [f'<table id="ivm-metrics"><caption>{caption}</caption>',
           "<thead><tr><th scope=col>Line</th><th scope=col>Way in</th><th scope=col>Intent</th>"
           "<th scope=col>When</th><th scope=col title='fewest hops to resolution'>Best hops</th>"
           "<th scope=col title='hops within which every caller is resolved, whatever agents do'>Guaranteed</th>"
           "<th scope=col title='chance that a caller pressing at random is resolved'>P(resolved)</th>"
           "<th scope=col title='average hops of a random caller who is resolved'>Expected hops</th>"
           "<th scope=col title='times the caller must tell the story again on the best route'>Retells</th>"
           "<th scope=col>Best route</th></tr></thead><tbody>"]
    for r in review.rows:
        bad = r.best_hops is None
        out.append(
            f'<tr data-intent="{h(r.intent)}" data-states="{" ".join(map(str, r.states))}"'
            f'{" class=unresolved" if bad else ""}>'
            f"<td>{h(r.line)}</td><td>{h(r.entry)}</td><td>{h(r.intent)}</td>"
            f'<td class="when">{h(joined(r.when))}</td><td class=num>{_fmt(r.best_hops)}</td>'
            f"<td class=num>{_fmt(r.guaranteed_hops)}</td><td class=num>{h(percent(r.resolve_probability))}</td>"
            f"<td class=num>{_fmt(r.expected_hops, 1)}</td><td class=num>{_fmt(r.retells)}</td>"
            f'<td class="route">{h(" → ".join(r.route)) if r.route else "no route"}</td></tr>')
    if not review.rows:
        out.append('<tr><td colspan="10">No intents: the files declare none (an <code>intents:</code> block '
                   "names what callers want).</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _time_options(review: Review) -> str:
    if review.at:  # one instant: nothing to choose
        return f'<option value="-1" selected>{h(review.at)} only</option>'
    out = ['<option value="-1" selected>Whole week: every route</option>', '<optgroup label="Week">']
    for i, w in enumerate(review.windows):
        if not w.holiday:
            out.append(f'<option value="{i}">{h(w.label)}</option>')
    out.append("</optgroup>")
    hol = [(i, w) for i, w in enumerate(review.windows) if w.holiday]
    if hol:
        out.append('<optgroup label="Holidays">')
        out += [f'<option value="{i}">{h(w.label)}</option>' for i, w in hol]
        out.append("</optgroup>")
    return "\n".join(out)


def _time_attrs(review: Review) -> str:
    if not review.at:
        return ""
    why = f"This page shows one instant, {review.at}; for every time of the week, write it without --at"
    return f' disabled title="{h(why)}"'


def _at_banner(review: Review) -> str:
    if not review.at:
        return ""
    return (f'<p id="ivm-at" class="at-banner" role="note"><strong>One instant: {h(review.at)}.</strong> '
            "The diagram, the findings and the metrics are the maze as it is at this instant only "
            "(closed queues greyed, only the edges that exist then drawn). Without <code>--at</code> "
            "the page covers the whole week and the holidays.</p>\n")


def _intent_options(review: Review) -> str:
    out = ['<option value="">(none: all findings)</option>']
    for i, desc in review.intents.items():
        sel = " selected" if review.preselect_intent == i else ""
        out.append(f'<option value="{h(i)}"{sel}>{h(i)}: {h(desc)}</option>')
    return "\n".join(out)


_SHAPES = {
    "box": '<rect x="3" y="3" width="34" height="16"/>',
    "rounded": '<rect x="3" y="3" width="34" height="16" rx="5"/>',
    "note": '<path d="M3 3 H31 L37 9 V19 H3 Z M31 3 V9 H37"/>',
    "hexagon": '<path d="M3 11 L10 3 H30 L37 11 L30 19 H10 Z"/>',
    "diamond": '<path d="M20 2 L37 11 L20 20 L3 11 Z"/>',
    "tab": '<path d="M3 5 H9 V3 H15 V5 H37 V19 H3 Z"/>',
    "rarrow": '<path d="M3 5 H27 V2 L37 11 L27 20 V17 H3 Z"/>',
    "octagon": '<path d="M10 3 H30 L37 8 V14 L30 19 H10 L3 14 V8 Z"/>',
    "circle": '<circle cx="20" cy="11" r="6"/>',
}


def _svg_swatch(shape: str, attrs: Mapping[str, str]) -> str:
    style = attrs.get("style", "")
    dash = ' stroke-dasharray="4,2"' if "dashed" in style else ""
    pen = attrs.get("penwidth", "1.2")
    body = _SHAPES.get(shape, _SHAPES["box"])
    return (f'<svg class="swatch" width="40" height="22" viewBox="0 0 40 22" aria-hidden="true">'
            f'<g fill="{h(attrs.get("fillcolor", "white"))}" stroke="{h(attrs.get("color", "#4b5563"))}" '
            f'stroke-width="{h(pen)}"{dash}>{body}</g></svg>')


def _edge_swatch(attrs: Mapping[str, str]) -> str:
    style = attrs.get("style", "")
    dash = ' stroke-dasharray="5,3"' if "dashed" in style else (' stroke-dasharray="1.5,2.5"' if "dotted" in style
                                                                 else "")
    c = h(attrs.get("color", "#374151"))
    return (f'<svg class="swatch" width="44" height="22" viewBox="0 0 44 22" aria-hidden="true">'
            f'<line x1="2" y1="11" x2="34" y2="11" stroke="{c}" stroke-width="{h(attrs.get("penwidth", "1"))}"{dash}/>'
            f'<path d="M34 7 L42 11 L34 15 Z" fill="{c}"/></svg>')


def legend_html(scene: Scene) -> str:
    """The legend, drawn from the style table (the review page's diagram carries none)."""
    items = []
    for k in scene.kinds():
        if k not in styles.KIND_DOCS:
            continue
        a = styles.node_style(k)
        shape = "rounded" if "rounded" in a.get("style", "") else a.get("shape", "box")
        items.append(f"<li>{_svg_swatch(shape, a)}{h(styles.KIND_DOCS[k])}</li>")
    for r in scene.roles():
        if r in styles.EDGE_DOCS and r != "entry":
            items.append(f"<li>{_edge_swatch(styles.edge_style(r))}{h(styles.EDGE_DOCS[r])}</li>")
    for m in scene.legend_marks:
        a = styles.node_style("", [m])
        items.append(f"<li>{_svg_swatch('rounded', a)}{h(styles.MARK_DOCS[m])}</li>")
    for m in ("route", "ping-pong"):
        items.append(f"<li>{_edge_swatch(styles.edge_style('caller', [m]))}{h(styles.MARK_DOCS[m])} (edge)</li>")
    for m, doc in styles.FINDING_EDGE_DOCS.items():
        items.append(f"<li>{_edge_swatch(styles.edge_style('caller', [m]))}{h(doc)}</li>")
    hl = {"fillcolor": "white", "color": styles.HIGHLIGHT["color"], "penwidth": "3"}
    items.append(f"<li>{_svg_swatch('rounded', hl)}the nodes of the selected finding</li>")
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _cleaned(data: Any) -> Any:
    """``data`` with every text in it (keys too) ``labels.clean``-ed, as ``h`` writes them in the page."""
    if isinstance(data, str):
        return clean(data)
    if isinstance(data, dict):
        return {_cleaned(k): _cleaned(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_cleaned(x) for x in data]
    return data


def _data(review: Review) -> dict[str, Any]:
    def state(s: StateInfo) -> dict[str, Any]:
        return {"label": s.label, "open": s.open, "closedSchedules": s.closed_schedules, "closed": s.closed,
                "dead": s.dead, "analysed": s.analysed,
                "views": {k: asdict(v) for k, v in s.views.items()}}

    return {
        "week": state(review.week),
        "states": [state(s) for s in review.states],
        "windows": [asdict(w) for w in review.windows],
        "intents": review.intents,
        "resolvers": review.resolvers,
        "titles": {n.name: n.title or n.kind for n in review.scene.nodes.values()},
        "preselect": review.preselect_intent or "",
        "at": review.at or "",
    }


def _head(review: Review) -> str:
    """The page's <head>: its policy (only its own script may run, nothing is loaded), title, style."""
    css = _asset("review.css") + "\n" + styles.css_for_marks()
    digest = base64.b64encode(hashlib.sha256(_asset("review.js").encode("utf-8")).digest()).decode()
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return f"""<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{h(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ivrmaze {h(VERSION)}">
<title>Review: {h(review.title)}{h(" at " + review.at) if review.at else ""}</title>
<style>
{css}
</style>
</head>"""


def _controls(review: Review) -> str:
    return f"""<div class="controls" role="group" aria-label="What the diagram shows">
<label>Time <select id="ivm-time"{_time_attrs(review)}>{_time_options(review)}</select></label>
<label>Intent <select id="ivm-intent">{_intent_options(review)}</select></label>
<span class="zoom" role="group" aria-label="Zoom">
<button type="button" id="ivm-zoom-out" aria-label="Zoom out">−</button>
<button type="button" id="ivm-zoom-fit">Fit</button>
<button type="button" id="ivm-zoom-in" aria-label="Zoom in">+</button>
</span>
<button type="button" id="ivm-clear" title="Clear the highlight (Esc)">Clear highlight</button>
</div>"""


def review_page(review: Review, svg: str) -> str:
    """The HTML page for ``review`` with the diagram ``svg`` (Graphviz's output for its scene)."""
    s = review.summary or {}
    counts = f'{plural(s.get("errors", 0), "error")}, {plural(s.get("warnings", 0), "warning")}'
    summary = (f'<span id="ivm-counts">{h(counts)}</span> · '
               f'{h(plural(len(review.files), "file"))}, {h(plural(s.get("nodes", len(review.scene.nodes)), "node"))}')
    state_lists = [_finding_list(review.week.findings, "-1", False, not review.at)]
    for i, st in enumerate(review.states):
        if st.analysed:
            state_lists.append(_finding_list(st.findings, str(i), True, False))
    return f"""<!DOCTYPE html>
<html lang="en">
{_head(review)}
<body>
<a class="skip" href="#ivm-findings-panel">Skip to the findings</a>
<header>
<h1>{h(review.title)}{f' <span class="at">at {h(review.at)}</span>' if review.at else ""}</h1>
<p class="summary">{summary} · files: {h(", ".join(review.files))}</p>
{_at_banner(review)}</header>
{_controls(review)}
<p id="ivm-status" class="status" aria-live="polite"></p>
<main>
<section id="ivm-diagram-panel" aria-label="Diagram">
<div id="ivm-diagram" tabindex="0" aria-label="Diagram of the menu; scroll with the arrow keys">
{inline_svg(svg)}
</div>
<details id="ivm-legend" open><summary>Legend</summary>
{legend_html(review.scene)}
</details>
</section>
<section id="ivm-findings-panel" aria-labelledby="ivm-findings-title">
<h2 id="ivm-findings-title">Findings</h2>
<p class="hint">Select a finding to highlight its nodes on the diagram.</p>
<p id="ivm-filtered" class="hint" hidden></p>
{chr(10).join(state_lists)}
</section>
</main>
<section id="ivm-metrics-panel" aria-label="Metrics">
<h2>Intents</h2>
{_table(review)}
</section>
<footer>Made by ivrmaze {h(VERSION)}. Hops: menu choices, transfers and redirects a caller goes through.</footer>
<script type="application/json" id="ivm-data">{json_for_script(_cleaned(_data(review)))}</script>
<script>{_asset("review.js")}</script>
</body>
</html>
"""

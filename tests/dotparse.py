"""A small DOT reader for the tests, written from the DOT grammar and independent of ivrmaze.

It reads what ``ivrmaze.render.dot.to_dot`` writes: statements, attribute lists, quoted strings
(where only ``\\"`` is an escape), HTML strings ``<...>`` (nested angle brackets) and
subgraphs. ``unescape`` turns an escString label back into the text Graphviz shows.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_ID = re.compile(r"[A-Za-z_\x80-\uffff][A-Za-z_0-9\x80-\uffff]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")


@dataclass
class Graph:
    attrs: dict = field(default_factory=dict)
    nodes: dict = field(default_factory=dict)  # name -> attrs
    edges: list = field(default_factory=list)  # (tail, head, attrs)
    subgraphs: dict = field(default_factory=dict)  # name -> list of node names declared inside
    subgraph_attrs: dict = field(default_factory=dict)  # name -> its own graph attributes
    kinds: dict = field(default_factory=dict)  # value -> "quoted" | "html" | "id"

    def edge_set(self):
        return {(t, h) for t, h, _ in self.edges}


class ParseError(Exception):
    pass


def tokenize(text: str):
    i, n = 0, len(text)
    out = []
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif text.startswith("//", i):
            i = text.index("\n", i) if "\n" in text[i:] else n
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        elif c == '"':
            j = i + 1
            buf = []
            while True:
                if j >= n:
                    raise ParseError("unterminated string")
                if text[j] == "\\" and j + 1 < n and text[j + 1] == '"':
                    buf.append('"')
                    j += 2
                elif text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    j += 2
                elif text[j] == "\\" and j + 1 < n:  # any other escape is kept for escString
                    buf.append(text[j:j + 2])
                    j += 2
                elif text[j] == '"':
                    break
                else:
                    buf.append(text[j])
                    j += 1
            out.append(("quoted", "".join(buf)))
            i = j + 1
        elif c == "<":
            depth, j = 0, i
            while True:
                if j >= n:
                    raise ParseError("unterminated HTML string")
                if text[j] == "<":
                    depth += 1
                elif text[j] == ">":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(("html", text[i + 1:j]))
            i = j + 1
        elif text.startswith("->", i):
            out.append(("op", "->"))
            i += 2
        elif c in "{}[]=;,:":
            out.append(("op", c))
            i += 1
        else:
            m = _ID.match(text, i)
            if not m:
                raise ParseError(f"unexpected {text[i:i + 20]!r}")
            out.append(("id", m.group(0)))
            i = m.end()
    return out


def parse(text: str) -> Graph:
    toks = tokenize(text)
    g = Graph()
    pos = 0

    def peek(k=0):
        return toks[pos + k] if pos + k < len(toks) else (None, None)

    def take(kind=None, value=None):
        nonlocal pos
        t = toks[pos]
        if (kind and t[0] != kind) or (value and t[1] != value):
            raise ParseError(f"expected {value or kind}, got {t}")
        pos += 1
        return t

    def value():
        t = take()
        if t[0] not in ("id", "quoted", "html"):
            raise ParseError(f"expected a value, got {t}")
        g.kinds[t[1]] = t[0]
        return t[1]

    def attr_list():
        attrs = {}
        while peek()[1] == "[":
            take("op", "[")
            while peek()[1] != "]":
                k = value()
                take("op", "=")
                attrs[k] = value()
                if peek()[1] in (",", ";"):
                    take()
            take("op", "]")
        return attrs

    def stmts(members, own=None):
        own = g.attrs if members is None else own if own is not None else {}
        while peek()[1] != "}":
            t = peek()
            if t[1] in ("graph", "node", "edge") and peek(1)[1] == "[":
                take()
                a = attr_list()
                if t[1] == "graph":
                    own.update(a)
            elif t[1] == "subgraph" or t[1] == "{":
                sub()
            elif peek(1)[1] == "=":
                k = value()
                take("op", "=")
                own[k] = value()
            else:
                name = value()
                if peek()[1] == "->":
                    chain = [name]
                    while peek()[1] == "->":
                        take()
                        chain.append(value())
                    a = attr_list()
                    for x, y in zip(chain, chain[1:]):
                        g.edges.append((x, y, a))
                        for z in (x, y):
                            g.nodes.setdefault(z, {})
                else:
                    a = attr_list()
                    g.nodes.setdefault(name, {}).update(a)
                    if members is not None:
                        members.append(name)
            if peek()[1] == ";":
                take()

    def sub():
        name = None
        if peek()[1] == "subgraph":
            take()
            if peek()[1] != "{":
                name = value()
        take("op", "{")
        members: list = []
        own: dict = {}
        stmts(members, own)
        take("op", "}")
        if name:
            g.subgraphs[name] = members
            g.subgraph_attrs[name] = own

    if peek()[1] == "strict":
        take()
    take("id")  # digraph
    if peek()[1] != "{":
        value()
    take("op", "{")
    stmts(None)
    take("op", "}")
    return g


def unescape(s: str) -> str:
    """An escString as Graphviz shows it: ``\\\\`` -> ``\\``, ``\\n`` -> newline, entities decoded."""
    return html.unescape(_backslashes(s))


def _backslashes(s: str) -> str:
    out = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            out.append({"n": "\n", "l": "\n", "r": "\n"}.get(nxt, nxt))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def html_label_text(s: str) -> str:
    """The text of an HTML-like label, lines joined with newlines."""
    s = re.sub(r"<BR\s*/>", "\n", s)
    s = re.sub(r"<[^>]*>", "", s)
    return _backslashes(html.unescape(s))  # entities first (the HTML parser), then escString escapes


_MEANING = re.compile(r'<TD ALIGN="LEFT"><FONT POINT-SIZE="9">(.*?)</FONT></TD>')
_ROW_START = re.compile(r"^(?:.*?Legend</FONT></TD></TR>)?(?:</TR>)?(?:<TR>)?", re.S)


def legend_entries(g: Graph) -> dict:
    """The legend table of a drawing (the label of ``cluster_legend``): meaning -> its swatch cell."""
    label = g.subgraph_attrs["cluster_legend"]["label"]
    parts = _MEANING.split(label)
    out = {}
    for swatch, meaning in zip(parts[0::2], parts[1::2], strict=False):
        out[html.unescape(meaning)] = _ROW_START.sub("", swatch, count=1)
    return out

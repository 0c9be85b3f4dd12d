"""Assertions for a team's own tests: ``assert_no_traps``, ``assert_resolvable``, ``assert_guaranteed``.

Each raises ``AssertionError`` with a message that says where and when it broke and shows the
route: the route into a trap, or the best route (``-[3]->`` a key, ``=>`` a transfer,
``-(closed)->`` a closed team's redirect). An intent, file or entry the maze does not have is a
mistake in the test, not a regression: it raises ``UsageError`` with a did-you-mean.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import networkx as nx

from .. import lint
from ..config import Config
from ..errors import UsageError
from ..expectations import Bound, Expectation
from ..findings import Finding
from ..graph import edge_live, file_of, finding_nodes
from ..periods import ALWAYS, Period, parse_period
from ..routes import route_text
from ..simulator import start_of
from ..timeline import Instant, joined, state_at
from ..verdicts import Verdicts
from ..words import plural, suggest

if TYPE_CHECKING:
    from ..maze import Maze

TRAP_KINDS = ("trap", "after-hours-trap")
#: an instant, a window (or several) as text, or None: the whole week and every holiday
At = Instant | str | None


def known(maze: Maze, intent: str | None, file: str | None = None) -> None:
    """Raise UsageError (with a did-you-mean) for a ``file`` the maze has not loaded or an
    ``intent`` that ``file`` (default: any file) does not declare."""
    if file is not None and file not in maze.files:
        raise UsageError(f"unknown file {file!r}{suggest(file, maze.files)}, expected one of: "
                         f"{', '.join(maze.files)}")
    if intent is None:
        return
    files = [maze.files[file]] if file is not None else list(maze.files.values())
    intents = sorted({i for mf in files for i in mf.intents})
    if intent not in intents:
        where = f" of {file}" if file is not None else ""
        raise UsageError(f"unknown intent {intent!r}{where}{suggest(intent, intents)}, expected one of: "
                         f"{', '.join(intents) or '(no intents are declared)'}")


def _period(at: At) -> Period:
    if at is None:
        return ALWAYS
    if isinstance(at, Instant):
        return Period(at.text or at.label(), instant=at)
    return parse_period(at)


def _within(max_hops: int | None) -> str:
    return "" if max_hops is None else f" within {plural(max_hops, 'hop')}"


def _fail(problems: list[str], title: str) -> None:
    if problems:
        raise AssertionError(f"{title}:\n" + "\n".join(f"- {p}" for p in problems))


def route_into(maze: Maze, finding: Finding, instant: Instant, entry_node: str) -> str:
    """A route from ``entry_node`` into the finding's nodes at ``instant`` and once round them:
    the shortest way to a node of the set that lies on a cycle inside it, then that cycle."""
    state = state_at(maze, instant)
    H = nx.DiGraph()
    H.add_nodes_from(maze.graph)
    for u, v, d in maze.graph.edges(data=True):
        if d["role"] != "failure" and edge_live(d, state) and not H.has_edge(u, v):
            H.add_edge(u, v, data=d)
    trap = set(finding_nodes(finding)[1:] if finding.nodes else finding_nodes(finding))
    S = H.subgraph(trap)
    on_cycle = {n for c in nx.strongly_connected_components(S) if len(c) > 1 for n in c}
    on_cycle |= {n for n in S if S.has_edge(n, n)}
    lengths, paths = nx.single_source_shortest_path_length(H, entry_node), nx.single_source_shortest_path(H, entry_node)
    reach = sorted((lengths[t], t) for t in (on_cycle or trap) if t in paths)
    if not reach:
        return "(no route from the entry)"
    target = reach[0][1]
    route = paths[target]
    if target in on_cycle:
        succ = [s for s in S.successors(target) if s != target] or [target]  # a self-loop tells least
        back = min((nx.shortest_path(S, s, target) for s in succ if nx.has_path(S, s, target)), key=len)
        route = route + back
    edges = [H.edges[u, v]["data"] for u, v in zip(route, route[1:], strict=False)]
    text = route_text(maze, route, edges, file=file_of(entry_node))
    return text + (" (and round again)" if target in on_cycle else "")


def assert_no_traps(maze: Maze, intent: str | None = None, at: At = None, *, config: Config | None = None) -> None:
    """No ``trap`` or ``after-hours-trap`` (for ``intent``, or any) at ``at`` (instant, window or
    None: the whole week and the holidays)."""
    known(maze, intent)
    period = _period(at)
    analyses = lint.analyses(maze, config)
    problems = []
    checks: list[tuple[Instant | None, Finding]]
    if period is ALWAYS:
        checks = [(None, f) for f in analyses.whole().findings]
    else:
        checks = [(instant, f) for _, instant in period.pieces(maze) for f in analyses.at(instant).findings]
    seen: set[tuple[object, ...]] = set()
    for instant, f in checks:
        if f.kind not in TRAP_KINDS or (intent is not None and f.intent != intent):
            continue
        if (f.kind, f.intent, f.nodes, f.node) in seen:
            continue
        seen.add((f.kind, f.intent, f.nodes, f.node))
        when = instant.label() if instant is not None else joined(f.when) if f.when else "at all times"
        at_instant = instant or (parse_period(f.when[0]).pieces(maze)[0][1] if f.when else Instant(0))
        entries = [q for file, _, q in maze.entries() if file == f.file] or [q for _, _, q in maze.entries()]
        route = route_into(maze, f, at_instant, entries[0]) if entries else "(no entry)"
        problems.append(f"{f.file}:{f.line}:{f.column}: {f.kind} for `{f.intent}` ({when}): {f.message}\n"
                        f"  route in: {route}")
    where = f" for `{intent}`" if intent else ""
    _fail(problems, f"{plural(len(problems), 'trap')}{where}")


def _bounds(maze: Maze, intent: str, at: At, file: str | None, entry: str, config: Config | None, title: str,
            bounds: Sequence[Bound] = (), guaranteed: bool | None = None) -> None:
    known(maze, None, file)
    file, _ = start_of(maze, file, entry)
    known(maze, intent, file)
    e = Expectation("bounds", file, 0, 0, 0, period=_period(at), intent=intent, entry=entry,
                    bounds=tuple(bounds), guaranteed=guaranteed)
    found = Verdicts(maze, lint.analyses(maze, config)).check(e)
    _fail([f.message.split(": ", 2)[2] for f in found], f"{title} ({file}, entry `{entry}`, {e.period.text})")


def assert_resolvable(maze: Maze, intent: str, at: At = None, max_hops: int | None = None, *,
                      file: str | None = None, entry: str = "phone", config: Config | None = None) -> None:
    """Some route resolves ``intent`` at every instant of ``at``, within ``max_hops`` if given."""
    within = _within(max_hops)
    _bounds(maze, intent, at, file, entry, config, f"`{intent}` is not resolvable{within}",
            [Bound("best_hops", None, max_hops)])


def assert_guaranteed(maze: Maze, intent: str, at: At = None, max_hops: int | None = None, *,
                      file: str | None = None, entry: str = "phone", config: Config | None = None) -> None:
    """The caller can force a resolution of ``intent`` whatever the agents do, at every instant of
    ``at``, within ``max_hops`` if given."""
    within = _within(max_hops)
    bounds = [Bound("guaranteed_hops", None, max_hops)] if max_hops is not None else []
    _bounds(maze, intent, at, file, entry, config, f"`{intent}` is not guaranteed{within}", bounds, guaranteed=True)


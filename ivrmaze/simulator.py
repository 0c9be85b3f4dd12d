"""A caller in the maze: one call, step by step, at one instant (`ivrmaze call`, journeys).

The call follows the moves of docs/analysis.md at the state of ``at``: the caller presses
keys at menus; auto moves (messages, branches, closed queues, externals) happen by
themselves; an open queue's human resolves the caller's intent, or transfers them. The
simulator is written apart from the analysis, from the graph's edges, so journeys check it.

**Which transfer an agent picks.** Agents do not choose at random and the caller cannot
choose for them, so the rule is fixed:

1. if the analysis' best route for the intent (at this instant, from this entry; given as a
   ``best_route`` function, by default the maze's own analysis) passes through this queue,
   the next node on that route;
2. else the transfer from which the goal is fewest moves away at this instant (the goal:
   a node that resolves the intent, or for a journey without intent, its ``reaches`` node);
   the first such transfer in the file's order on a tie;
3. else the first transfer listed.

Without an intent and a goal, nobody knows what the caller wants: the call stops at the first
human who answers (outcome ``answered``). A team's `next` counts as one of its transfers. A
decision takes its `assume`, else an outcome by the same rule; a `loop` goes round its rounds,
then to `done`. Steps never fail (no `on_error`); hours not in the files are open.

Outcomes: ``resolved`` (the intent is settled), ``arrived`` (the goal node is reached),
``ended`` (the call ends unresolved), ``waiting`` (a menu waits for a key that was not given),
``answered`` (see above), ``loop`` (the call goes round without the caller pressing anything),
``hung-up`` (the caller hung up), ``too-long`` (more than ``max_hops`` moves) and ``left`` (an
`unknown` node: where the call goes on is not in the files).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .graph import edge_live, shown
from .timeline import Instant, state_at
from .words import suggest

if TYPE_CHECKING:
    from .maze import Maze

#: The best route (qualified node ids) for an intent: (at, file, entry, intent) -> route, () for none
BestRoute = Callable[[Instant, str, str, str], Sequence[str]]
#: What the caller presses at a menu: (node, its options) -> key, "" for none, None: no key comes
Press = Callable[[str, list[tuple[str, str, "str | None"]]], "str | None"]
EdgeData = dict[str, Any]
HANG_UP = "q"


@dataclass(frozen=True)
class Event:
    """One thing the caller hears or does. ``node`` is the qualified node id."""

    kind: str  # say | menu | press | no-input | no-match | exhausted | closed | answer | transfer | resolve |
    #           branch | external | end | loop | wait | arrive | hang-up | stop | decide | round | unknown
    node: str
    text: str
    key: str | None = None


@dataclass
class CallResult:
    outcome: str
    node: str  # where the call stopped (qualified id)
    hops: int
    retells: int
    route: list[str]  # every node the call entered, in order, the entry first
    events: list[Event] = field(default_factory=list)
    keys_used: int = 0
    edges: list[EdgeData] = field(default_factory=list)  # the edge data of each move (len(route) - 1)

    @property
    def resolved(self) -> bool:
        return self.outcome == "resolved"

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "node": self.node, "hops": self.hops, "retells": self.retells,
                "route": list(self.route), "keys_used": self.keys_used,
                "events": [{"kind": e.kind, "node": e.node, "text": e.text, "key": e.key} for e in self.events]}


Step = CallResult | str | None  # what one step of a call gives: its end, "key" (a key pressed) or nothing


def maze_best_route(maze: Maze) -> BestRoute:
    """Best routes from the maze's own analysis (``maze.analyze``), one analysis per question."""

    def best(at: Instant, file: str, entry: str, intent: str) -> tuple[str, ...]:
        route: tuple[str, ...] = ()
        for row in maze.analyze(at=at).intents:
            if (row.file, row.entry, row.intent) == (file, entry, intent):
                route = tuple(row.best_route)
        return route

    return best


def start_of(maze: Maze, file: str | None, entry: str) -> tuple[str, str]:
    """(file, qualified entry node) for ``entry`` of ``file`` (default: the first file that has it)."""
    for f, channel, qid in maze.entries():
        if channel == entry and (file is None or f == file):
            return f, qid
    where = f" in {file}" if file else ""
    known = sorted({c for f, c, _ in maze.entries() if file is None or f == file})
    raise UsageError(f"no entry `{entry}`{where}{suggest(entry, known)}, expected one of: "
                     f"{', '.join(known) or '(the file has no entry)'}")


class Call:
    """One call. ``run(press)`` plays it; ``press(node, options)`` returns the key pressed,
    ``""`` for no input, ``None`` when no key comes (scripted keys ran out) or ``"q"`` to hang up.

    ``best_route``: the analysis' best routes that the agents follow (rule 1 above): a
    ``BestRoute`` function (an ``Analyses.best_route``), True for the maze's own analysis, or
    False for none."""

    def __init__(self, maze: Maze, *, at: Instant, intent: str | None = None, file: str | None = None,
                 entry: str = "phone", goal: str | None = None, best_route: BestRoute | bool = True,
                 max_hops: int = 500) -> None:
        self.maze = maze
        self.G = maze.graph
        self.at = at
        self.state = state_at(maze, at)
        self.intent = intent
        self.file, self.start = start_of(maze, file, entry)
        self.entry = entry
        self.goal = goal
        self._routes: BestRoute | None = maze_best_route(maze) if best_route is True else best_route or None
        self.max_hops = max_hops
        self._best_route: tuple[str, ...] | None = None
        self._dist: dict[str, int] | None = None

    # -- what the caller hears --------------------------------------------------------------
    def name(self, q: str) -> str:
        d = self.G.nodes[q]
        return d["text"] if d["kind"] == "queue" else shown(q, self.file)

    def out_edges(self, q: str, *vias: str) -> list[tuple[str, EdgeData]]:
        return [(v, d) for _, v, d in self.G.out_edges(q, data=True)
                if d["via"] in vias and edge_live(d, self.state)]

    def options(self, q: str) -> list[tuple[str, str, str | None]]:
        """(key, target, label) of a menu's options at this instant."""
        return [(d["dtmf"], v, d.get("label")) for v, d in self.out_edges(q, "options")]

    def resolves(self, q: str) -> bool:
        r = self.G.nodes[q]["resolves"]
        return self.intent is not None and (r == "*" or self.intent in r)

    def is_open(self, q: str) -> bool:
        s = self.G.nodes[q].get("schedule")
        return s is None or s in self.state

    # -- which transfer ---------------------------------------------------------------------
    def best_route(self) -> tuple[str, ...]:
        if self._best_route is None:
            self._best_route = ()
            if self._routes is not None and self.intent is not None:
                self._best_route = tuple(self._routes(self.at, self.file, self.entry, self.intent))
        return self._best_route

    def distances(self) -> dict[str, int]:
        """Fewest moves from each node to the goal at this instant (caller, agent and auto moves)."""
        if self._dist is None:
            import networkx as nx  # here, not at the top: `check` without journeys never needs it

            goals = [q for q in self.G if (self.goal is not None and q == self.goal) or
                     (self.goal is None and self.resolves(q) and self.is_open(q))]
            H = nx.DiGraph()
            H.add_nodes_from(self.G)
            H.add_edges_from((v, u) for u, v, d in self.G.edges(data=True)
                             if d["role"] != "failure" and edge_live(d, self.state))
            self._dist = dict(nx.multi_source_dijkstra_path_length(H, goals)) if goals else {}
        return self._dist

    def choose(self, q: str, transfers: list[tuple[str, EdgeData]]) -> tuple[str, EdgeData]:
        route = self.best_route()
        if q in route:
            i = route.index(q)
            nxt = route[i + 1] if i + 1 < len(route) else None
            for t in transfers:
                if t[0] == nxt:
                    return t
        dist = self.distances()
        near = [t for t in transfers if t[0] in dist]
        if near:
            return min(near, key=lambda t: dist[t[0]])
        return transfers[0]

    # -- the call ---------------------------------------------------------------------------
    def run(self, press: Press) -> CallResult:
        """Play the call; ``press(node, options)`` is asked at every menu."""
        self.events: list[Event] = []
        self.route = [self.start]
        self.edges: list[EdgeData] = []
        self.hops = self.retells = self.keys_used = self.humans = self.failures = 0
        self.warm_in = False
        self.rounds: dict[str, int] = {}  # loop node -> rounds made
        self.q = self.start
        since_key: list[str] = []  # nodes entered since the last key
        while True:
            q, kind = self.q, self.G.nodes[self.q]["kind"]
            if self.hops > self.max_hops:
                return self.done("too-long", "stop", f"The call is stopped after {self.max_hops} moves.")
            if kind != "menu":
                if q in since_key:
                    cycle = " -> ".join(self.name(x) for x in since_key[since_key.index(q):] + [q])
                    return self.done("loop", "loop", f"The call goes round without you pressing anything: {cycle}.")
                since_key.append(q)
            step = self._menu(press) if kind == "menu" else getattr(self, "_" + kind)()
            if isinstance(step, CallResult):
                return step
            if step in ("key", "round"):  # a key, or a loop's round: going round is not a circle
                since_key.clear()

    def say(self, kind: str, text: str, key: str | None = None) -> None:
        self.events.append(Event(kind, self.q, text, key))

    def done(self, outcome: str, kind: str | None = None, text: str = "") -> CallResult:
        if kind:
            self.say(kind, text)
        return CallResult(outcome, self.q, self.hops, self.retells, self.route, self.events, self.keys_used,
                          self.edges)

    def move(self, v: str, data: EdgeData) -> None:
        self.hops += 1
        # a warm transfer's story goes along through messages, branches and redirects, until a human
        self.warm_in = bool(data.get("warm")) or (self.warm_in and data["role"] == "auto")
        if data["role"] != "failure":
            self.failures = 0
        self.q = v
        self.route.append(v)
        self.edges.append(data)

    def arrived(self) -> CallResult | None:
        if self.q != self.goal:
            return None
        return self.done("arrived", "arrive", f"The call arrives at {self.name(self.q)}.")

    def follow(self, *vias: str) -> CallResult | None:
        """Take the (first) live edge of ``vias``; the call ends when there is none."""
        nxt = self.out_edges(self.q, *vias)
        if not nxt:
            return self.done("ended", "end", "The call ends.")
        self.move(*nxt[0])
        return None

    # -- one step per node kind: a result ends the call; "key" after a key at a menu ----------
    def _hangup(self) -> Step:
        self.say("end", "The call ends.")
        return self.arrived() or self.done("ended")

    def _voicemail(self) -> Step:
        self.say("voicemail", f"Voicemail: {self.G.nodes[self.q]['text']}. The call ends.")
        return self._settle()

    def _callback(self) -> Step:
        self.say("callback", f"Callback: {self.G.nodes[self.q]['text']} will call you back. The call ends.")
        return self._settle()

    def _settle(self) -> Step:
        if self.resolves(self.q):
            return self.done("resolved", "resolve", f"{self.name(self.q)} resolves `{self.intent}`.")
        return self.arrived() or self.done("ended")

    def _say(self) -> Step:
        self.say("say", self.G.nodes[self.q]["text"])
        if self.resolves(self.q):
            return self.done("resolved", "resolve", f"This message resolves `{self.intent}`.")
        return self.arrived() or self.follow("next")

    def _branch(self) -> Step:
        nxt = self.out_edges(self.q, "open", "closed")
        if nxt:
            v, data = nxt[0]
            self.say("branch", f"{self.G.nodes[self.q]['text']} is {data['via']}: the call goes on to {self.name(v)}.")
        return self.arrived() or self.follow("open", "closed")

    def _external(self) -> Step:
        for v, _ in self.out_edges(self.q, "external"):
            line = self.maze.files[self.G.nodes[v]["file"]].line_name()
            self.say("external", f"The call goes to another line: {line}.")
        return self.arrived() or self.follow("external")

    def _queue(self) -> Step:
        q, team = self.q, self.G.nodes[self.q]["text"]
        if not self.is_open(q):
            self.say("closed", f"{team} is closed.")
            return self.arrived() or self.follow("closed")
        self.humans += 1
        text = f"{team} answers."
        if self.humans > 1:
            if self.warm_in:
                text += " The story was passed on (warm transfer)."
            else:
                self.retells += 1
                text += f" You tell your story again (retell {self.retells})."
        self.say("answer", text)
        if self.resolves(q):
            return self.done("resolved", "resolve", f"{team} resolves `{self.intent}`.")
        if self.q == self.goal:
            return self.arrived()
        transfers = self.out_edges(q, "transfers")
        if self.intent is None and self.goal is None:
            return self.done("answered", "stop", "Without an intent nobody knows what you want: the call stops "
                             "with this human.")
        ways = transfers + self.out_edges(q, "next")
        if not ways:
            return self.done("ended", "end", f"{team} cannot help you further; the call ends.")
        if self.intent is None and not any(t[0] in self.distances() for t in ways):
            return self.done("answered", "stop", f"No transfer from {team} leads to {self.goal_name()}.")
        v, data = self.choose(q, ways)
        how = " (warm: the story goes along)" if data.get("warm") else ""
        self.say("transfer", f"{team}: the conversation ends; the call goes on to {self.name(v)}." if data["via"] ==
                 "next" else f"{team}: that is another department, I will put you through to {self.name(v)}{how}.")
        self.move(v, data)
        return None

    def _decide(self) -> Step:
        outcomes = [t for t in self.out_edges(self.q, "outcomes") if t[1].get("assumed") is not False]
        if self.q == self.goal or not outcomes:
            return self.arrived() or self.done("ended", "end", "The call ends.")
        v, data = outcomes[0] if len(outcomes) == 1 else self.choose(self.q, outcomes)
        self.say("decide", f"{self.G.nodes[self.q]['text']}: {data.get('label')}; the call goes on to {self.name(v)}.")
        self.move(v, data)
        return None

    def _loop(self) -> Step:
        q, rounds = self.q, int(self.G.nodes[self.q].get("loop") or 0)
        made = self.rounds.get(q, 0)
        if made < rounds and self.out_edges(q, "again"):
            self.rounds[q] = made + 1
            self.say("round", f"Round {made + 1} of {rounds}.")
            return self.arrived() or self.follow("again") or "round"
        self.rounds[q] = 0  # done: a later visit loops again
        return self.arrived() or self.follow("done")

    def _unknown(self) -> Step:
        self.say("unknown", f"The call goes where ivrmaze cannot follow: {self.G.nodes[self.q]['text']}.")
        return self.arrived() or self.done("left")

    def _menu(self, press: Press) -> Step:
        q, d = self.q, self.G.nodes[self.q]
        self.say("menu", d["text"])
        if self.q == self.goal:
            return self.arrived()
        key = press(q, self.options(q))
        if key is None:
            return self.done("waiting", "wait", "The menu waits for a key.")
        if key == HANG_UP:
            return self.done("hung-up", "hang-up", "You hang up.")
        self.keys_used += 1
        opts = {dd["dtmf"]: (v, dd) for v, dd in self.out_edges(q, "options")}
        if key in opts:
            self.say("press", f"You press {key}.", key)
            self.move(*opts[key])
            return "key"
        self.failures += 1
        if key == "":
            self.say("no-input", "You press nothing.", "")
        else:
            self.say("no-match", f"You press {key}: that is not an option.", key)
        retries = d.get("retries") or 3
        if self.failures >= retries:
            self.say("exhausted", f"That was {retries} tries.")
            self.failures = 0
            return self.follow("exhausted") or "key"
        nxt = self.out_edges(q, "no_input" if key == "" else "no_match")
        if nxt:
            self.move(*nxt[0])
        return "key"

    def goal_name(self) -> str:
        return self.name(self.goal) if self.goal else "a resolution"


def scripted(keys: Iterable[str]) -> Press:
    """A ``press`` function that presses ``keys`` in order, then waits."""
    it = iter(list(keys))

    def press(node: str, options: list[tuple[str, str, str | None]]) -> str | None:  # noqa: ARG001
        return next(it, None)

    return press


def simulate(maze: Maze, keys: Iterable[str] = (), *, at: Instant, intent: str | None = None,
             file: str | None = None, entry: str = "phone", goal: str | None = None,
             best_route: BestRoute | bool = True, max_hops: int = 500) -> CallResult:
    """Play a call that presses ``keys`` (``""`` = no input) and return what happened.
    ``best_route``: as for ``Call``."""
    call = Call(maze, at=at, intent=intent, file=file, entry=entry, goal=goal, best_route=best_route,
                max_hops=max_hops)
    return call.run(scripted(keys))

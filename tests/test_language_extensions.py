"""The language extensions of the platform round: `decide`, `loop`, `unknown`, `on_error`, a
queue's `next` and hours not in the files (`hours: unknown`, `branch: unknown`), from the file
to the graph, the metrics, the simulator and the drawing."""
import textwrap

import pytest

import ivrmaze
from ivrmaze.graph import UNKNOWN_EXACT, Role, is_unknown_hours, unknown_variants
from ivrmaze.render import build_scene, to_dot
from ivrmaze.simulator import simulate
from ivrmaze.timeline import parse_at

HEAD = "ivrmaze: 1\nentry: {entry}\nintents:\n  help: Get help\n  other: Anything else\nnodes:\n"


def menu(tmp_path, nodes, entry="main", name="menu.yaml"):
    path = tmp_path / name
    path.write_text(HEAD.format(entry=entry) + textwrap.indent(textwrap.dedent(nodes), "  "), encoding="utf-8")
    return path


def problems(tmp_path, nodes, entry="main"):
    maze = ivrmaze.load([str(menu(tmp_path, nodes, entry))], strict=False)
    return [(p.kind, p.line, p.column, p.message) for p in maze.problems]


def rows(tmp_path, nodes, entry="main"):
    """intent -> (best, guaranteed, probability, expected, retells) over the week (one row each)."""
    an = ivrmaze.load(str(menu(tmp_path, nodes, entry))).analyze()
    out = {}
    for m in an.intents:
        assert m.intent not in out, "one row per intent expected"
        out[m.intent] = (m.best_hops, m.guaranteed_hops, None if m.resolve_probability is None else
                         round(m.resolve_probability, 4), None if m.expected_hops is None else
                         round(m.expected_hops, 4), m.retells)
    return out


# -- loading -------------------------------------------------------------------------------
DECIDE = """\
main:
  decide: Are agents staffed?
  outcomes:
    staffed: sales
    unstaffed: {to: mailbox, label: nobody there}
  on_error: mailbox
sales:
  queue: Sales
  resolves: [help]
mailbox:
  voicemail: Sales mailbox
  resolves: [other]
"""


def test_a_decision_loads_into_system_edges_and_an_error_route(tmp_path):
    maze = ivrmaze.load(str(menu(tmp_path, DECIDE)))
    edges = {(d["via"], d["label"]): (d["role"], v.split("#")[1]) for u, v, d in maze.graph.edges(data=True)}
    assert edges == {("outcomes", "staffed"): ("system", "sales"),
                     ("outcomes", "nobody there"): ("system", "mailbox"),
                     ("on_error", None): ("failure", "mailbox")}
    assert Role.SYSTEM.name.lower() == "system"


@pytest.mark.parametrize("nodes, expected", [
    ("main:\n  decide: x\n  outcomes: {}\n", [("missing-key", 9, 5, "`outcomes` of decide `main` is empty")]),
    ("main:\n  decide: x\n", [("missing-key", 7, 3, "decide node has no `outcomes`")]),
    ("main:\n  decide: x\n  outcomes: {a: nowhere}\n",
     [("reference", 9, 19, "outcome `a` of node `main` goes to `nowhere`, which is not defined")]),
    ("main:\n  decide: x\n  outcomes: {a: hangup}\n  assume: b\n",
     [("reference", 10, 13, "`assume` of decide `main` names `b`, which is not one of its outcomes")]),
    ("main:\n  loop: 0\n  again: hangup\n  done: hangup\n",
     [("type", 8, 11, "`loop` is `0`, expected a whole number of 1 or more")]),
    ("main:\n  loop: 2\n  again: hangup\n", [("missing-key", 7, 3, "loop node has no `done`")]),
    ("main:\n  unknown: [a]\n", [("type", 8, 14, "`nodes.main.unknown` is a list, expected text")]),
    ("main:\n  menu: Press 1.\n  options: {1: hangup}\n  on_error: hangup\n",
     [("unknown-key", 10, 5, "unknown key `on_error` in a menu node")]),
])
def test_bad_new_kinds_are_reported_at_their_position(tmp_path, nodes, expected):
    got = problems(tmp_path, nodes)
    assert [g[:3] for g in got] == [e[:3] for e in expected], got
    for g, e in zip(got, expected, strict=True):
        assert e[3] in g[3]


def test_hours_unknown_gets_a_schedule_of_its_own_open_by_default(tmp_path):
    maze = ivrmaze.load(str(menu(tmp_path, "main:\n  queue: Desk\n  hours: unknown\n  closed: main\n")))
    [sched] = maze.unknown_hours
    assert is_unknown_hours(sched) and sched in maze.schedules
    assert sched in ivrmaze.timeline.state_at(maze, parse_at("Sun 03:00"))


def test_unknown_variants_are_every_setting_up_to_the_limit_then_a_cover():
    few = frozenset(f"f#q{i}~hours" for i in range(UNKNOWN_EXACT))
    assert len(unknown_variants(few | {"f#office"}, few)) == 2 ** UNKNOWN_EXACT
    assert unknown_variants(few, few)[0] == few  # all open first
    many = frozenset(f"f#q{i}~hours" for i in range(UNKNOWN_EXACT + 3))
    got = unknown_variants(many, many)
    assert len(got) == 2 + 2 * len(many) and frozenset() in got and many == got[0]
    assert unknown_variants(frozenset({"f#office"}), frozenset()) == [frozenset({"f#office"})]


# -- metrics -------------------------------------------------------------------------------
def test_the_system_picks_best_for_best_hops_and_worst_for_guaranteed(tmp_path):
    got = rows(tmp_path, DECIDE)
    # help: staffed -> sales in 1; the worst outcome (mailbox) never resolves it; each outcome half the calls
    assert got["help"] == (1, None, 0.5, 1.0, 0)
    assert got["other"] == (1, None, 0.5, 1.0, 0)


def test_assume_pins_the_decision(tmp_path):
    got = rows(tmp_path, DECIDE.replace("  on_error: mailbox\n", "  assume: staffed\n"))
    assert got["help"] == (1, 1, 1.0, 1.0, 0)
    assert got["other"] == (None, None, 0.0, 1.0, None)


LOOP = """\
main:
  loop: 3
  again: hold-message
  done: helpdesk
hold-message:
  say: Please hold.
  next: main
helpdesk:
  queue: Helpdesk
  resolves: [help]
"""


def test_a_loop_counts_its_rounds_before_done(tmp_path):
    # three rounds of two hops, then one to the helpdesk; the random call makes three rounds on average
    assert rows(tmp_path, LOOP)["help"] == (7, 7, 1.0, 7.0, 0)
    [row] = ivrmaze.load(str(tmp_path / "menu.yaml")).analyze().intents[:1]
    assert [q.split("#")[1] for q in row.best_route] == ["main", "hold-message"] * 3 + ["main", "helpdesk"]


def test_a_body_that_resolves_wins_in_the_first_round(tmp_path):
    nodes = LOOP.replace("hold-message:\n  say: Please hold.\n", "hold-message:\n  say: Please hold.\n"
                         "  resolves: [other]\n")
    assert rows(tmp_path, nodes)["other"][:2] == (1, 1)


def test_error_routes_are_left_out_of_the_metrics(tmp_path):
    nodes = "main:\n  say: Welcome.\n  next: desk\n  on_error: desk2\ndesk:\n  queue: Desk\n  resolves: [help]\n" \
            "desk2:\n  queue: Other desk\n  resolves: [other]\n"
    got = rows(tmp_path, nodes)
    assert got["help"] == (1, 1, 1.0, 1.0, 0)
    assert got["other"] == (None, None, 0.0, 1.0, None)


def test_an_unknown_node_ends_what_ivrmaze_sees_and_resolves_nothing(tmp_path):
    nodes = "main:\n  menu: Press 1 or 2.\n  options:\n    \"1\": desk\n    \"2\": away\n" \
            "desk:\n  queue: Desk\n  resolves: \"*\"\naway:\n  unknown: dynamic queue\n"
    assert rows(tmp_path, nodes)["help"] == (1, 1, 0.5, 1.0, 0)


def test_a_way_on_into_an_unknown_node_is_not_a_dead_end(tmp_path):
    # the call goes on where ivrmaze cannot see: neither the unknown node nor what leads only to it ends there
    nodes = "main:\n  menu: Press 1 or 2.\n  options:\n    \"1\": desk\n    \"2\": sorry\n" \
            "desk:\n  queue: Desk\n  resolves: \"*\"\nsorry:\n  say: One moment.\n  next: away\n" \
            "away:\n  unknown: dynamic queue\nbye:\n  say: Goodbye.\n  next: hangup\n" \
            "gone:\n  menu: Press 1.\n  options:\n    \"1\": bye\n"
    path = menu(tmp_path, nodes.replace("\"2\": sorry", "\"2\": sorry\n    \"3\": gone"))
    dead = [f.node for f in ivrmaze.load(str(path)).analyze().findings if f.kind == "dead-end"]
    assert dead == ["bye"]  # a message straight to hangup still is one


def test_a_queue_next_goes_on_after_the_conversation(tmp_path):
    nodes = "main:\n  queue: First line\n  resolves: [other]\n  next: second\nsecond:\n  queue: Second line\n" \
            "  resolves: [help]\n"
    # help: first line cannot, the call goes on to the second line, where the story is told again
    assert rows(tmp_path, nodes)["help"] == (1, 1, 1.0, 1.0, 1)


def test_next_of_a_closed_team_is_not_taken(tmp_path):
    nodes = "main:\n  queue: Desk\n  hours: unknown\n  next: more\nmore:\n  queue: More\n  resolves: [help]\n"
    an = ivrmaze.load(str(menu(tmp_path, nodes))).analyze()
    assert [m.best_hops for m in an.intents if m.intent == "help"] == [1]  # read as open
    assert "dead-end" in {f.kind for f in an.findings}  # closed, the desk disconnects the call


# -- the simulator -------------------------------------------------------------------------
def call(tmp_path, nodes, intent, entry="main"):
    maze = ivrmaze.load(str(menu(tmp_path, nodes, entry)))
    return simulate(maze, at=parse_at("Mon 10:00"), intent=intent)


def test_the_simulator_takes_the_outcome_an_agent_would(tmp_path):
    res = call(tmp_path, DECIDE, "other")
    assert res.outcome == "resolved" and res.route[-1].endswith("#mailbox")
    assert any(e.kind == "decide" and "nobody there" in e.text for e in res.events)


def test_the_simulator_goes_round_a_loop(tmp_path):
    res = call(tmp_path, LOOP, "help")
    assert (res.outcome, res.hops) == ("resolved", 7)
    assert [e.text for e in res.events if e.kind == "round"] == ["Round 1 of 3.", "Round 2 of 3.", "Round 3 of 3."]


def test_the_simulator_leaves_at_an_unknown_node(tmp_path):
    res = call(tmp_path, "main:\n  say: Hello.\n  next: away\naway:\n  unknown: dynamic flow\n", "help")
    assert res.outcome == "left" and res.node.endswith("#away")


def test_the_simulator_follows_a_queue_next(tmp_path):
    nodes = "main:\n  queue: First line\n  next: second\nsecond:\n  queue: Second line\n  resolves: [help]\n"
    res = call(tmp_path, nodes, "help")
    assert (res.outcome, res.retells) == ("resolved", 1)


# -- the drawing ---------------------------------------------------------------------------
def test_the_drawing_shows_decisions_loops_unknowns_and_error_routes(tmp_path):
    nodes = DECIDE.replace("  on_error: mailbox\n", "  on_error: away\n") + "away:\n  unknown: dynamic queue\n" + \
        "hold:\n  loop: 2\n  again: hold\n  done: hangup\n"
    dot = to_dot(build_scene(ivrmaze.load(str(menu(tmp_path, nodes)))))
    lines = dot.splitlines()

    def node_line(kind):
        [line] = [x for x in lines if f'class="kind-{kind}' in x]
        return line

    assert "shape=diamond" in node_line("decide") and "#ccfbf1" in node_line("decide")
    assert "shape=egg" in node_line("unknown") and "dashed" in node_line("unknown")
    assert "shape=ellipse" in node_line("loop") and "↻ hold" in node_line("loop")
    error = [x for x in lines if "role-error" in x]
    assert error and all("#475569" in x and "dotted" in x for x in error)
    assert any("role-system" in x and "nobody there" in x for x in lines)

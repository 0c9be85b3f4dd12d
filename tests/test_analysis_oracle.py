"""Every metric against a brute-force oracle (tests/oracle.py) on small random menus, plus the
properties the analysis issue lists."""
import math

import oracle
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

import ivrmaze
from ivrmaze.analysis.moves import build_static
from ivrmaze.analysis.state import analyze_state
from ivrmaze.graph import qualify
from ivrmaze.lint import lint as analyze

KEYS = list("0123456789")


@st.composite
def small_menus(draw, max_nodes=7, acyclic=False):
    n = draw(st.integers(2, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    intents = ["a", "b"]
    nodes = {}
    for i, nid in enumerate(ids):
        later = ids[i + 1:] + ["hangup"] if acyclic else ids + ["hangup"]
        target = st.sampled_from(later)
        kind = draw(st.sampled_from(["menu", "say", "queue", "queue", "branch", "voicemail"]))
        if kind == "menu":
            keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
            nodes[nid] = {"menu": f"menu {nid}", "options": {k: draw(target) for k in keys}}
        elif kind == "say":
            nodes[nid] = {"say": f"say {nid}", "next": draw(target)}
            if draw(st.booleans()):
                nodes[nid]["resolves"] = [draw(st.sampled_from(intents))]
        elif kind == "queue":
            q = {"queue": f"team {nid}"}
            if draw(st.booleans()):
                q["hours"] = "office"
                q["closed"] = draw(target)
            if draw(st.booleans()):
                q["resolves"] = draw(st.lists(st.sampled_from(intents), max_size=2, unique=True))
            ts = draw(st.lists(target, max_size=3))
            if ts:
                q["transfers"] = [{"to": t, "warm": True} if draw(st.booleans()) else t for t in ts]
            nodes[nid] = q
        elif kind == "branch":
            nodes[nid] = {"branch": "office", "open": draw(target), "closed": draw(target)}
        else:
            nodes[nid] = {"voicemail": "box"}
            if draw(st.booleans()):
                nodes[nid]["resolves"] = ["a"]
    return {"ivrmaze": 1, "entry": ids[0], "hours": {"office": {"mon-fri": "08:00-16:00"}},
            "intents": {"a": "A", "b": "B"}, "nodes": nodes}


def load_dict(tmp_path_factory, data):
    d = tmp_path_factory.mktemp("m")
    p = d / "menu.yaml"
    p.write_text(yaml.safe_dump(data, sort_keys=False))
    return ivrmaze.load(str(p))


def per_state(maze):
    mf = next(iter(maze.files.values()))
    st_ = build_static(maze.parts, list(mf.intents))
    entry = st_.index[qualify(mf.path, mf.entry)]
    for state in oracle.states(mf):
        qstate = frozenset(qualify(mf.path, s) for s in state)
        res = analyze_state(st_, qstate, [(entry, list(mf.intents))])
        yield mf, state, res, entry


@given(small_menus())
def test_metrics_match_the_oracle(tmp_path_factory, data):
    maze = load_dict(tmp_path_factory, data)
    for mf, state, res, entry in per_state(maze):
        hum = oracle.humans(mf, state)
        warm = {(n.id, link.target) for n in mf.nodes.values() for link in n.links if link.warm}
        auto = {(n.id, link.target) for n in mf.nodes.values() for link in n.links
                if link.via in ("next", "open", "closed", "external")}
        for intent in mf.intents:
            mv = oracle.moves(mf, state, intent)
            li = res.lines[(entry, intent)]
            want_best = oracle.best(mf, mv, mf.entry, hum, warm, auto_edges=auto)
            got_best = None if li.best is None else li.best[:2]
            assert got_best == want_best, (state, intent)
            assert li.guaranteed == oracle.guaranteed(mv, mf.entry)
            assert math.isclose(li.probability, oracle.probability(mv, mf.entry), abs_tol=1e-6)
            want_exp = oracle.expected(mv, mf.entry)
            if want_exp is None:
                assert li.expected is None
            else:
                assert li.expected is not None and math.isclose(li.expected, want_exp, rel_tol=1e-5, abs_tol=1e-6)
            got_trap = {res.moves.static.nodes[i].split("#")[1] for i in li.trap.nonzero()[0]}
            assert got_trap == oracle.trap(mv, mf.entry)


@given(small_menus())
def test_best_is_at_most_guaranteed_and_guarantee_implies_chance(tmp_path_factory, data):
    maze = load_dict(tmp_path_factory, data)
    for m in maze.analyze().intents:
        if m.guaranteed_hops is not None:
            assert m.best_hops is not None and m.best_hops <= m.guaranteed_hops
            assert m.resolve_probability > 0


@st.composite
def resolving_trees(draw):
    """Acyclic menus (every move goes to a later node) whose leaves all resolve every intent."""
    n = draw(st.integers(2, 8))
    ids = [f"n{i}" for i in range(n)]
    nodes = {}
    for i, nid in enumerate(ids):
        later = ids[i + 1:]
        kind = "leaf" if not later else draw(st.sampled_from(["menu", "say", "queue", "leaf"]))
        if kind == "menu":
            keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
            nodes[nid] = {"menu": "m", "options": {k: draw(st.sampled_from(later)) for k in keys}}
        elif kind == "say":
            nodes[nid] = {"say": "s", "next": draw(st.sampled_from(later))}
        elif kind == "queue":
            nodes[nid] = {"queue": "q", "transfers": draw(st.lists(st.sampled_from(later), min_size=1, max_size=3))}
        else:
            nodes[nid] = draw(st.sampled_from([{"queue": "q", "resolves": "*"}, {"voicemail": "v", "resolves": "*"},
                                               {"callback": "c", "resolves": ["a", "b"]}]))
    return {"ivrmaze": 1, "entry": ids[0], "intents": {"a": "A", "b": "B"}, "nodes": nodes}


@given(resolving_trees())
def test_acyclic_tree_whose_leaves_all_resolve(tmp_path_factory, data):
    a = load_dict(tmp_path_factory, data).analyze()
    assert not [f for f in a.findings if f.kind in ("trap", "after-hours-trap")]
    assert all(math.isclose(m.resolve_probability, 1.0) for m in a.intents)


def _rename(data, prefix="x_"):
    ren = {k: prefix + k for k in data["nodes"]}
    fix = lambda t: ren.get(t, t)  # noqa: E731

    def body(b):
        b = dict(b)
        for k in ("next", "closed", "open"):
            if k in b:
                b[k] = fix(b[k])
        if "options" in b:
            b["options"] = {k: fix(v) for k, v in b["options"].items()}
        if "transfers" in b:
            b["transfers"] = [fix(t) if isinstance(t, str) else {**t, "to": fix(t["to"])} for t in b["transfers"]]
        return b
    out = dict(data)
    out["entry"] = fix(data["entry"])
    out["nodes"] = {ren[k]: body(v) for k, v in reversed(list(data["nodes"].items()))}
    return out


def _metrics(a):
    return sorted((m.intent, m.when, m.best_hops, m.guaranteed_hops, round(m.resolve_probability, 6),
                   None if m.expected_hops is None else round(m.expected_hops, 5), m.retells) for m in a.intents)


@given(small_menus())
def test_renaming_and_reordering_changes_nothing(tmp_path_factory, data):
    a = load_dict(tmp_path_factory, data).analyze()
    b = load_dict(tmp_path_factory, _rename(data)).analyze()
    assert _metrics(a) == _metrics(b)
    assert sorted(f.kind for f in a.findings) == sorted(f.kind for f in b.findings)


@given(small_menus(), st.data())
def test_adding_a_caller_option_never_increases_best_hops(tmp_path_factory, data, draw):
    menus = [k for k, b in data["nodes"].items() if "menu" in b and len(b["options"]) < 10]
    assume(menus)
    before = load_dict(tmp_path_factory, data).analyze()
    m = draw.draw(st.sampled_from(menus))
    free = [k for k in KEYS if k not in data["nodes"][m]["options"]]
    data["nodes"][m]["options"][draw.draw(st.sampled_from(free))] = draw.draw(st.sampled_from(list(data["nodes"])))
    after = load_dict(tmp_path_factory, data).analyze()
    old = {(r.intent, w): r.best_hops for r in before.intents for w in r.when}
    for r in after.intents:
        for w in r.when:
            if (r.intent, w) in old and old[(r.intent, w)] is not None:
                assert r.best_hops is not None and r.best_hops <= old[(r.intent, w)]


def test_analyze_api_matches_maze_method():
    from conftest import MENUS
    maze = ivrmaze.load(str(MENUS / "mobistar-2011.yaml"))
    assert analyze(maze, at="Mon 10:00").to_dict() == maze.analyze(at="Mon 10:00").to_dict()


@given(small_menus())
def test_findings_do_not_depend_on_the_random_caller(tmp_path_factory, data):
    # `check` in text form skips the random caller's chances: it must find exactly the same
    maze = load_dict(tmp_path_factory, data)
    full, quick = analyze(maze), analyze(maze, chances=False)
    assert quick.findings == full.findings
    assert all(m.resolve_probability is None for m in quick.intents)
    for at in ("Mon 10:00", "Sat 20:00"):  # one row per intent at an instant: comparable row by row
        hops = lambda a: [(m.intent, m.best_hops, m.guaranteed_hops, m.retells) for m in a.intents]  # noqa: E731
        assert hops(analyze(maze, at=at, chances=False)) == hops(analyze(maze, at=at))

"""The common file is read straight from libyaml's events (yamltree.build_events): the same data,
positions and order as the node tree's reading (yamltree.build), on random files; anything
that needs the tree (anchors, aliases, tags, merges, duplicate keys) goes to it."""
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrmaze import source
from ivrmaze.testing.strategies import dump, menus
from ivrmaze.yamlevents import key_in, table_in, value_in
from ivrmaze.yamltree import build

WORDS = st.sampled_from(["", "a", "08:00", "1", "-2", "0x1F", "1.5", "1e3", ".inf", "yes", "no", "on", "null",
                         "~", "true", "2011-04-25", "1:30:00", "<<", "=", "é", "a b", "#x", "- a", "{a}"])
SCALARS = st.one_of(WORDS, st.text(max_size=6), st.integers(-1000, 1000), st.booleans(), st.none(),
                    st.floats(allow_nan=False, allow_infinity=False))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.one_of(WORDS, st.text(max_size=4)), inner,
                                                                     max_size=4)), max_leaves=25)


def tree(text):
    root = source._fast_compose(text) or source._compose(text)
    return build(root, text, budget_factor=source.ALIAS_FACTOR, budget_slack=source.ALIAS_SLACK)


def same(a, b):
    return (a.data == b.data and list(a.key_pos.items()) == list(b.key_pos.items())
            and list(a.val_pos.items()) == list(b.val_pos.items()) and a.duplicates == b.duplicates)


@settings(max_examples=200, deadline=None)
@given(menus())
def test_menus_read_from_events_as_from_the_tree(menu):
    text = dump(menu)
    fast = source._fast_build(text)
    if "\\u" in text or "\\U" in text:
        assert fast is None
        return
    assert fast is not None
    assert same(fast, tree(text))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.one_of(WORDS, st.text(max_size=4)), DATA, min_size=1, max_size=5), st.booleans(),
       st.sampled_from([None, '"', "'"]))
def test_any_plain_data_reads_the_same(data, flow, style):
    text = yaml.safe_dump(data, default_flow_style=flow, default_style=style, allow_unicode=True)
    fast = source._fast_build(text)
    if fast is None:
        return  # an escape (the tree checks it for surrogates)
    assert same(fast, tree(text))


def test_what_needs_the_tree_goes_to_it():
    for text in ("a: &x 1\nb: *x\n", "a: !!str 1\n", "base: &b {x: 1}\nc:\n  <<: *b\n", "a: 1\na: 2\n",
                 "? [a]\n: 1\n", "a: 1\n---\nb: 2\n", "a: !!python/object:os.system x\n"):
        assert source._fast_build(text) is None, text
    assert source._fast_build("a: [1, {b: c}]\n").data == {"a": [1, {"b": "c"}]}


def _probes(table, extra):
    """Paths to look up: every path written, each with a part more, and some never written."""
    paths = list(table)
    return paths + [p + (x,) for p in paths for x in extra] + [(x,) for x in extra] + [p[:-1] for p in paths]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.one_of(WORDS, st.text(max_size=4)), DATA, min_size=1, max_size=5), st.booleans(),
       st.lists(st.one_of(WORDS, st.integers(-2, 5), st.none()), max_size=4))
def test_position_tables_answer_as_dicts_of_the_same_paths(data, flow, extra):
    """``Positions`` (the tables beside the data) against plain dicts of its items: membership,
    lookups, length, and ``Document.pos`` (nearest parent) on paths written and not."""
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    fast = source._fast_build(text)
    if fast is None:
        return
    keys, values = dict(fast.key_pos.items()), dict(fast.val_pos.items())
    assert len(fast.key_pos) == len(keys) and len(fast.val_pos) == len(values)
    by_tables = source.Document("x", text, fast.data, fast.key_pos, fast.val_pos)
    by_dicts = source.Document("x", text, fast.data, keys, values)
    for p in _probes(values, extra):
        for table, plain in ((fast.key_pos, keys), (fast.val_pos, values)):
            assert (p in table) == (p in plain), p
            assert table.get(p) == plain.get(p), p
            if p in plain:
                assert table[p] == plain[p]
        assert by_tables.pos(p) == by_dicts.pos(p), p
        assert by_tables.pos(p, value=True) == by_dicts.pos(p, value=True), p


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.one_of(WORDS, st.text(max_size=4)), DATA, min_size=1, max_size=5), st.booleans())
def test_a_table_held_answers_as_the_walk_from_the_root(data, flow):
    """``key_in``, ``value_in`` and ``table_in`` on the table of a path's parent (``Document.table``, as
    the loader holds a node's) give what ``Document.pos`` and ``Document.table`` give for the path."""
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    fast = source._fast_build(text)
    if fast is None:
        return
    doc = source.Document("x", text, fast.data, fast.key_pos, fast.val_pos)
    for p in fast.val_pos:
        if not p:
            continue
        parent = doc.table(p[:-1])
        assert key_in(parent, p[-1]) == doc.pos(p), p
        assert value_in(parent, p[-1]) == doc.pos(p, value=True), p
        assert table_in(parent, p[-1]) is doc.table(p), p
    by_dicts = source.Document("x", text, fast.data, dict(fast.key_pos.items()), dict(fast.val_pos.items()))
    assert by_dicts.table(()) is None  # positions by path: the loader looks each one up

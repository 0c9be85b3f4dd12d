"""The common file is read straight from libyaml's events (yamltree.build_events): the same data,
positions and order as the node tree's reading (yamltree.build), on random files; anything
that needs the tree (anchors, aliases, tags, merges, duplicate keys) goes to it."""
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrmaze import source
from ivrmaze.testing.strategies import dump, menus
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

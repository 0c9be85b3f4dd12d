"""jsontree: JSON with the position of every key and value, hostile input refused at its place."""
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrmaze.errors import SourceError
from ivrmaze.jsontree import parse_json
from ivrmaze.yamltree import MAX_DEPTH


def test_positions_of_keys_values_and_list_items():
    text = '{\n  "a": [1, {"b": "x"}],\n  "c": null\n}'
    built = parse_json(text)
    assert built.data == {"a": [1, {"b": "x"}], "c": None}
    assert built.key_pos[("a",)] == (2, 3)
    assert built.val_pos[("a",)] == (2, 8)
    assert built.key_pos[("a", 1)] == (2, 12)
    assert built.key_pos[("a", 1, "b")] == (2, 13)
    assert built.val_pos[("a", 1, "b")] == (2, 18)
    assert built.key_pos[("c",)] == (3, 3)


def test_escaped_surrogate_pair_is_one_character_as_json_writers_emit_it():
    text = json.dumps({"say": "hello \U0001F600"})  # ensure_ascii: "\ud83d\ude00"
    assert "\\ud83d" in text
    assert parse_json(text).data == {"say": "hello \U0001F600"}


def test_numbers_are_typed_as_json_types_them():
    assert parse_json('[1, -0, 1.5, 1e3, 2E-2]').data == [1, 0, 1.5, 1000.0, 0.02]


def test_keys_longer_than_yaml_allows_are_read():
    key = "k" * 2000
    assert parse_json(json.dumps({key: 1})).data == {key: 1}


def test_tabs_and_crlf_count_as_whitespace():
    built = parse_json('{\r\n\t"a":\t"b"\r\n}')
    assert built.data == {"a": "b"}
    assert built.key_pos[("a",)] == (2, 2)


def test_a_duplicated_key_is_recorded_and_the_first_kept_with_its_positions():
    built = parse_json('{"a": {"x": 1},\n "a": {"x": 2, "y": 3}}')
    assert built.data == {"a": {"x": 1}}
    assert built.duplicates == [(("a",), (1, 2), (2, 2))]
    assert built.key_pos[("a", "x")] == (1, 8)
    assert ("a", "y") not in built.key_pos


@pytest.mark.parametrize("text, line, column, words", [
    ('{"a": 1 "b": 2}', 1, 9, "expected `,` or `}`"),
    ('{"a" 1}', 1, 6, "expected `:`"),
    ("[1, 2", 1, 6, "expected `,` or `]`"),
    ('{"a": "open', 1, 7, "not closed"),
    ("{a: 1}", 1, 2, "a key in double quotes"),
    ('{"a": tru}', 1, 7, "expected a value"),
    ("{} []", 1, 4, "more text after"),
    ('{"a": "\\ud800"}', 1, 7, "half of a surrogate pair"),
    ('{"a": "bad \\x"}', 1, 12, "invalid \\escape"),
    ('{"a": "\x01"}', 1, 8, "invalid control character"),
    ('{"a": \x02}', 1, 7, "U+0002"),
])
def test_invalid_json_is_a_syntax_error_at_its_place(text, line, column, words):
    with pytest.raises(SourceError) as e:
        parse_json(text)
    assert (e.value.kind, e.value.line, e.value.column) == ("syntax", line, column)
    assert e.value.message.startswith("invalid JSON: ")
    assert words in e.value.message
    assert "\x01" not in e.value.message and "\x02" not in e.value.message


def test_empty_text_is_an_empty_file():
    with pytest.raises(SourceError) as e:
        parse_json(" \n ")
    assert e.value.kind == "file"


def test_nesting_is_bounded():
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    parse_json(ok)
    with pytest.raises(SourceError) as e:
        parse_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert e.value.column == MAX_DEPTH + 1
    with pytest.raises(SourceError):
        parse_json("[" * 100_000)  # never a RecursionError


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))  # lone surrogates: refused, tested above
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | _TEXT,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                     max_leaves=20)


@given(_JSON, st.booleans(), st.sampled_from([None, 2, "\t"]))
def test_reads_what_the_standard_library_writes(value, ascii_only, indent):
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert parse_json(text).data == json.loads(text)

"""The JSON Schema: published as generated, valid draft-07, agreeing with the loader."""
import json
import re

import jsonschema
import pytest
from clirun import ivrmaze
from conftest import FIXTURES, MENUS, ROOT
from hypothesis import given
from hypothesis import strategies as st

from ivrmaze import language as L
from ivrmaze import schedule as S
from ivrmaze.checks import SETTINGS
from ivrmaze.schema import DATE_PATTERN, TYPES, day_spec_pattern, menu_schema, schema_text, time_range_pattern
from ivrmaze.source import parse, read_file

DOCS_SCHEMA = ROOT / "docs" / "ivrmaze.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(DOCS_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_docs_schema_is_what_ivrmaze_schema_prints():
    run = ivrmaze("schema")
    assert run.exit_code == 0
    assert run.output == DOCS_SCHEMA.read_text(encoding="utf-8"), "regenerate: ivrmaze schema -o docs/ivrmaze.schema.json"


def test_schema_output_option_writes_the_same(tmp_path):
    out = tmp_path / "s.json"
    assert ivrmaze("schema", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_text(SETTINGS)


def test_schema_is_valid_draft_07():
    schema = menu_schema(SETTINGS)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_schema_has_every_field_of_the_language():
    schema = menu_schema(SETTINGS)
    assert list(schema["properties"]) == [f.name for f in L.TOP_LEVEL]
    assert schema["required"] == [f.name for f in L.TOP_LEVEL if f.required]
    defs = schema["definitions"]
    for kind, fields in L.NODE_FIELDS.items():
        node = defs[f"node-{kind}"]
        assert list(node["properties"]) == [f.name for f in fields]
        assert node["required"] == [f.name for f in fields if f.required]
        assert node["additionalProperties"] is False
    assert list(defs["options"]["properties"]) == list(L.DTMF_KEYS)


def test_every_field_type_has_a_schema():
    types = {f.type for f in L.TOP_LEVEL} | {f.type for fs in L.NODE_FIELDS.values() for f in fs}
    types |= {f.type for f in L.OPTION_FIELDS + L.TRANSFER_FIELDS + L.EXTERNAL_FIELDS}
    assert types <= set(TYPES)


def _data(path):
    return read_file(str(path)).data


@pytest.mark.parametrize("path", sorted(MENUS.rglob("*.yaml")) + sorted((FIXTURES / "ok").rglob("*.yaml")),
                         ids=lambda p: p.name)
def test_good_files_validate_against_the_schema(validator, path):
    errors = [e.message for e in validator.iter_errors(_data(path))]
    assert errors == []


BAD = {
    "no version": "nodes: {main: {say: x}}\n",
    "wrong version": "ivrmaze: 2\nnodes: {main: {say: x}}\n",
    "unknown top-level key": "ivrmaze: 1\nentyr: main\nnodes: {main: {say: x}}\n",
    "no kind key": "ivrmaze: 1\nnodes: {main: {next: hangup}}\n",
    "two kind keys": "ivrmaze: 1\nnodes: {main: {say: x, queue: y}}\n",
    "unknown node key": "ivrmaze: 1\nnodes: {main: {say: x, nxt: hangup}}\n",
    "node named hangup": "ivrmaze: 1\nnodes: {hangup: {say: x}}\n",
    "hash in node id": "ivrmaze: 1\nnodes: {\"a#b\": {say: x}}\n",
    "empty nodes": "ivrmaze: 1\nnodes: {}\n",
    "bad dtmf key": "ivrmaze: 1\nnodes: {main: {menu: x, options: {\"10\": main}}}\n",
    "bad option key": "ivrmaze: 1\nnodes: {main: {menu: x, options: {\"1\": {to: main, lable: y}}}}\n",
    "option without to": "ivrmaze: 1\nnodes: {main: {menu: x, options: {\"1\": {label: y}}}}\n",
    "retries zero": "ivrmaze: 1\nnodes: {main: {menu: x, retries: 0}}\n",
    "list for text": "ivrmaze: 1\nnodes: {main: {say: [a, b]}}\n",
    "mapping for target": "ivrmaze: 1\nnodes: {main: {say: x, next: {to: main}}}\n",
    "warm not bool": "ivrmaze: 1\nnodes: {main: {queue: x, transfers: [{to: main, warm: maybe}]}}\n",
    "branch without closed": "ivrmaze: 1\nhours: {o: {mon: \"08:00-09:00\"}}\nnodes: {main: {branch: o, open: main}}\n",
    "external unknown key": "ivrmaze: 1\nnodes: {main: {external: {file: a.yaml, nod: x}}}\n",
    "bad day spec": "ivrmaze: 1\nhours: {o: {mon-fry: \"08:00-16:00\"}}\nnodes: {main: {say: x}}\n",
    "bad time range": "ivrmaze: 1\nhours: {o: {mon: \"8-16\"}}\nnodes: {main: {say: x}}\n",
    "hour 25": "ivrmaze: 1\nhours: {o: {mon: [\"08:00-12:00\", \"13:00-25:00\"]}}\nnodes: {main: {say: x}}\n",
    "24:00 as a start": "ivrmaze: 1\nhours: {o: {mon: \"24:00-08:00\"}}\nnodes: {main: {say: x}}\n",
    "bad date": "ivrmaze: 1\nhours: {o: {holidays: [\"2011-02-30\"]}}\nnodes: {main: {say: x}}\n",
    "basic date": "ivrmaze: 1\nhours: {o: {holidays: [\"20110425\"]}}\nnodes: {main: {say: x}}\n",
    "schedule as text": "ivrmaze: 1\nhours: {o: mon-fri}\nnodes: {main: {say: x}}\n",
    "unknown limit": "ivrmaze: 1\nlimits: {max_option: 3}\nnodes: {main: {say: x}}\n",
    "negative limit": "ivrmaze: 1\nlimits: {max_hops: -1}\nnodes: {main: {say: x}}\n",
    "unknown check": "ivrmaze: 1\nlimits: {checks: {loops: false}}\nnodes: {main: {say: x}}\n",
    "loading problem as a check": "ivrmaze: 1\nlimits: {checks: {syntax: false}}\nnodes: {main: {say: x}}\n",
    "expect not a list": "ivrmaze: 1\nexpect: {intent: x}\nnodes: {main: {say: x}}\n",
    "menu without options": "ivrmaze: 1\nnodes: {main: {menu: x}}\n",
    "menu with empty options": "ivrmaze: 1\nnodes: {main: {menu: x, options: {}}}\n",
    "bad yearly date": "ivrmaze: 1\ncalendars: {x: [\"13-01\"]}\nnodes: {main: {say: x}}\n",
    "country without code": "ivrmaze: 1\ncalendars: {x: [{subdiv: CA}]}\nnodes: {main: {say: x}}\n",
    "country unknown key": "ivrmaze: 1\ncalendars: {x: {country: NL, region: Zuid}}\nnodes: {main: {say: x}}\n",
    "calendar named like a day": "ivrmaze: 1\ncalendars: {monthly: [\"12-25\"]}\nnodes: {main: {say: x}}\n",
    "bad holiday in a schedule": "ivrmaze: 1\nhours: {o: {holidays: [\"2026-13-01\"]}}\nnodes: {main: {say: x}}\n",
    "special hours not a range": "ivrmaze: 1\nhours: {o: {\"12-24\": \"until 15:00\"}}\nnodes: {main: {say: x}}\n",
}

GOOD_HOLIDAYS = """\
ivrmaze: 1
calendars:
  nl-public: [{country: NL}]
  days: ["12-31", "2026-05-04"]
  ca: {country: US, subdiv: CA}
hours:
  o:
    mon-fri: "08:00-17:00"
    holidays: [nl-public, days, "2026-12-30", "01-02"]
    "12-24": "08:00-15:00"
    "2026-12-23": ["08:00-12:00", "13:00-15:00"]
    nl-public: "10:00-12:00"
  p:
    holidays: ca
nodes: {main: {queue: x, hours: o}, other: {queue: y, hours: p}}
"""


def test_every_holiday_form_validates_against_the_schema_and_loads(validator, tmp_path):
    assert [e.message for e in validator.iter_errors(parse("h.yaml", GOOD_HOLIDAYS).data)] == []
    path = tmp_path / "h.yaml"
    path.write_text(GOOD_HOLIDAYS)
    from ivrmaze import load
    assert load(str(path), strict=False).problems == []


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_fail_the_schema_and_the_loader(validator, tmp_path, name):
    assert list(validator.iter_errors(parse("bad.yaml", BAD[name]).data)), "the schema accepts it"
    path = tmp_path / "bad.yaml"
    path.write_text(BAD[name])
    from ivrmaze import load
    assert load(str(path), strict=False).problems, "the loader accepts it"


# The schema's patterns and the loader's parsers accept the same day specs and time ranges.
_day_words = st.sampled_from(L.DAY_NAMES + L.DAY_FULL_NAMES + ("daily", "every day", "Mon", "FRI", "mo", "fry"))
_day_specs = st.one_of(
    st.lists(st.one_of(_day_words, st.sampled_from(["-", ",", " ", ", ", " - ", ""])), max_size=5).map("".join),
    st.text(alphabet="monfriesat-, ", max_size=10),
)


def _accepts(pattern, text):
    return re.search(pattern, text) is not None


@given(_day_specs)
def test_day_spec_pattern_agrees_with_the_parser(spec):
    try:
        S.parse_days(spec)
        parsed = True
    except S.ScheduleError:
        parsed = False
    assert _accepts(day_spec_pattern(), spec) == parsed


_digits = st.text(alphabet="0123456789", min_size=1, max_size=3)
_ranges = st.one_of(
    st.builds(lambda a, b, c, d, sep: f"{a}:{b}{sep}{c}:{d}", _digits, _digits, _digits, _digits,
              st.sampled_from(["-", " - ", "--", ""])),
    st.text(alphabet="0123456789:- ", max_size=13),
)


@given(_ranges)
def test_time_range_pattern_agrees_with_the_parser(text):
    try:
        S.parse_range(text)
        parsed = True
    except S.ScheduleError as e:
        parsed = "empty time range" in str(e)  # start == end: the schema cannot say that
    assert _accepts(time_range_pattern(), text) == parsed


@given(st.text(alphabet="0123456789-", min_size=8, max_size=11))
def test_date_pattern_agrees_with_the_parser(text):
    try:
        S.parse_date(text)
        parsed = True
    except S.ScheduleError:
        parsed = False
    if _accepts(DATE_PATTERN, text):
        assert parsed or not _valid_calendar_date(text)  # the pattern leaves calendar checks to format: date
    else:
        assert not parsed


def _valid_calendar_date(text):
    import datetime
    try:
        datetime.date.fromisoformat(text)
        return True
    except ValueError:
        return False

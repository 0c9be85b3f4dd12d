"""`expect:` blocks: every problem at its line and column, with a clear message; valid ones parse."""
import pytest
import yaml
from conftest import ROOT

from ivrmaze import load
from ivrmaze.checks import SETTINGS
from ivrmaze.expectations import ALWAYS, Bound
from ivrmaze.periods import parse_period
from ivrmaze.schema import expect_item_schema
from ivrmaze.source import parse

CASES = yaml.safe_load((ROOT / "tests" / "cases" / "expect_errors.yaml").read_text())
BASE = (ROOT / "tests" / "cases" / "expect_base.yaml").read_text()
OFFSET = len(BASE.splitlines())


def load_with(tmp_path, expect: str):
    path = tmp_path / "m.yaml"
    path.write_text(BASE + expect)
    return load(str(path), strict=False)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_invalid_expectations(tmp_path, case):
    maze = load_with(tmp_path, case["expect"])
    got = [(p.line - OFFSET, p.column, p.kind, p.message) for p in maze.problems]
    assert len(got) == len(case["problems"]), got
    for (line, col, kind, msg), (eline, ecol, ekind, emsg) in zip(got, case["problems"], strict=True):
        assert (line, col, kind) == (eline, ecol, ekind), msg
        assert msg.startswith(emsg), msg
    [mf] = maze.files.values()
    assert mf.expect == []  # an invalid expectation is reported, never half-checked


def test_valid_expectations_parse_with_positions(tmp_path):
    maze = load_with(tmp_path, """\
expect:
  - at: "Mon 10:00"
    keys: ["3"]
    reaches: facilities
  - {at: "Mon 10:00", keys: [1], intent: invoice, resolves: true, note: Billing answers invoices}
  - intent: invoice
    at: "Mon-Fri 09:00-17:00"
    best_hops: {max: 2}
    guaranteed: true
    resolve_probability: {min: 0.5}
    retells: {max: 0}
  - absent: trap
  - {absent: after-hours-trap, intent: invoice, at: ["Mon-Fri 16:00-20:00", "2011-04-25 (holiday)"]}
""")
    assert maze.problems == []
    [mf] = maze.files.values()
    j, r, b, a, h = mf.expect
    assert (j.family, j.line, j.column, j.keys, j.reaches, j.period.instant.minute) == (
        "journey", OFFSET + 2, 5, ("3",), "facilities", 600)
    assert (r.keys, r.intent, r.resolves, r.note) == (("1",), "invoice", True, "Billing answers invoices")
    assert r.line == OFFSET + 5
    assert b.family == "bounds" and b.guaranteed is True and b.entry == "phone"
    assert b.bounds == (Bound("best_hops", None, 2), Bound("retells", None, 0), Bound("resolve_probability", 0.5, None))
    assert b.period == parse_period("Mon-Fri 09:00-17:00")
    assert (a.family, a.no, a.period) == ("absence", "trap", ALWAYS)
    assert h.period.text == "Mon-Fri 16:00-20:00, 2011-04-25 (holiday)" and h.intent == "invoice"


@pytest.mark.parametrize("bound, value, holds", [
    (Bound("best_hops", None, 2), 2, True), (Bound("best_hops", None, 2), 3, False),
    (Bound("best_hops", None, 2), None, False), (Bound("resolve_probability", 0.5, None), 0.49, False),
    (Bound("resolve_probability", 0.5, None), 1.0, True), (Bound("retells", 1, 2), 0, False),
])
def test_bound_holds(bound, value, holds):
    assert bound.holds(value) is holds


def test_bound_describe():
    assert Bound("x", None, 2).describe() == "at most 2"
    assert Bound("x", 0.5, None).describe() == "at least 0.5"
    assert Bound("resolve_probability", 0.5, None).describe() == "at least 50.0%"
    assert Bound("resolve_probability", 0.25, 1 / 3).describe() == "between 25.0% and 33.3%"
    assert Bound("x", 1, 3).describe() == "between 1 and 3"


def test_item_schema_accepts_valid_and_refuses_mixed(tmp_path):
    import jsonschema
    v = jsonschema.Draft7Validator({"type": "array", "items": expect_item_schema(SETTINGS)})
    good = parse("x.yaml", """
- {at: "Mon 10:00", keys: ["3", 1], reaches: facilities}
- {intent: invoice, at: ["Mon-Fri 09:00-17:00"], best_hops: {max: 2}, guaranteed: true}
- {absent: trap, intent: invoice}
""").data  # ivrmaze's reader: `no:` is a key, not YAML 1.1's false
    assert list(v.iter_errors(good)) == []
    for bad in ([{"intent": "x", "reaches": "a", "best_hops": {"max": 2}}], [{"best_hops": {"max": 2}}],
                [{"absent": "tarp"}], [{"intent": "x", "retells": {"max": -1}}], [{"at": "Mon 10:00"}]):
        assert list(v.iter_errors(bad)), bad


def test_the_old_key_no_still_works_with_a_warning_at_the_key(tmp_path):
    maze = load_with(tmp_path, "expect:\n  - no: trap\n  - {absent: dead-end}\n")
    [warning] = maze.problems
    assert (warning.kind, warning.severity, warning.line - OFFSET, warning.column) == ("unknown-key", "warning", 2, 5)
    assert "`no:` is deprecated" in warning.message and "expected `absent:`" in warning.message
    [mf] = maze.files.values()
    assert [e.no for e in mf.expect] == ["trap", "dead-end"]
    assert maze.ok


def test_the_old_and_the_new_key_together_are_an_error(tmp_path):
    maze = load_with(tmp_path, "expect:\n  - {no: trap, absent: trap}\n")
    assert [(p.kind, p.severity) for p in maze.problems] == [("duplicate-key", "error")]

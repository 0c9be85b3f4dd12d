"""docs/platforms/companion.md and the companion file's JSON Schema: the example of the page loads
without a problem and passes the schema; the published schema is what `ivrmaze schema --companion`
prints; a Genesys schedule group export becomes the schedule the page says."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml
from clirun import ivrmaze

from ivrmaze.checks import SETTINGS
from ivrmaze.load import companion, hours_exports

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "platforms" / "companion.md").read_text(encoding="utf-8")
SCHEMA = ROOT / "docs" / "schemas" / "companion.schema.json"
GROUP = {"name": "Support", "timeZone": "Europe/Brussels",
         "openSchedules": [{"id": "s1", "name": "Weekdays"}],
         "holidaySchedules": [{"name": "Christmas", "start": "2024-12-25T00:00:00.000",
                               "end": "2024-12-26T00:00:00.000", "rrule": "FREQ=YEARLY"}],
         "schedules": [{"id": "s1", "name": "Weekdays", "start": "2024-01-01T08:00:00.000",
                        "end": "2024-01-01T17:00:00.000", "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"}]}


def example() -> str:
    """The page's reference example (every key): a `yml` block, so not one of the examples run against a flow."""
    return next(b for b in re.findall(r"```yml\n(.*?)```", PAGE, re.S) if "ivrmaze-companion: 1" in b)


def test_the_example_loads_and_passes_the_schema(tmp_path):
    (tmp_path / "ivrmaze-companion.yaml").write_text(example())
    (tmp_path / "hours").mkdir()
    (tmp_path / "hours" / "support-group.json").write_text(json.dumps(GROUP))
    comp, problems = companion.read(str(tmp_path / "ivrmaze-companion.yaml"), str(tmp_path), SETTINGS)
    assert comp is not None and problems == []
    assert set(comp.hours) == {"office", "basic", "support"}
    assert comp.hour_names["Basic Hours"] == "basic" and comp.hour_names["Support"] == "support"
    assert comp.hours["support"] == {"mon,tue,wed,thu,fri": ["08:00-17:00"], "holidays": ["12-25"]}
    assert comp.flows["Main routing"]["entry"] == "Welcome" and comp.vars["ivr_callback"].startswith("Press 1")
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text())).validate(yaml.safe_load(example()))


def test_published_schema_is_what_ivrmaze_prints():
    run = ivrmaze("schema", "--companion")
    assert run.exit_code == 0 and run.output == SCHEMA.read_text(encoding="utf-8")


def test_a_genesys_group_becomes_day_ranges_and_holidays():
    spec, zone, names, skipped = hours_exports.genesys(GROUP)
    assert spec == {"mon,tue,wed,thu,fri": ["08:00-17:00"], "holidays": ["12-25"]}
    assert (zone, names, skipped) == ("Europe/Brussels", {"Support"}, [])


def test_an_aws_export_becomes_day_ranges():
    spec, zone, names, skipped = hours_exports.aws({"HoursOfOperation": {
        "Name": "Basic", "HoursOfOperationId": "id-1", "TimeZone": "America/New_York", "Config": [
            {"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}},
            {"Day": "FRIDAY", "StartTime": {"Hours": 22, "Minutes": 0}, "EndTime": {"Hours": 6, "Minutes": 0}},
            {"Day": "SUNDAY", "StartTime": {"Hours": 0, "Minutes": 0}, "EndTime": {"Hours": 0, "Minutes": 0}},
            {"Day": "FUNDAY"}]}})
    assert spec == {"mon": ["09:00-17:00"], "fri": ["22:00-06:00"], "sun": ["00:00-24:00"]}
    assert zone == "America/New_York" and names == {"Basic", "id-1"} and len(skipped) == 1


def test_a_cx_as_code_group_reads_the_same():
    tf = {"name": "Support", "time_zone": "Europe/Brussels", "open_schedules_id": ["s1"],
          "holiday_schedules_id": ["h1"], "schedules": [
              {**GROUP["schedules"][0]}, {**GROUP["holidaySchedules"][0], "id": "h1"}]}
    assert hours_exports.kind_of(tf) == "genesys"
    assert hours_exports.genesys(tf)[:2] == hours_exports.genesys(GROUP)[:2]

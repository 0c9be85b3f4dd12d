"""The JSON Schema judges a file alike whether a YAML 1.1 reader (PyYAML, yamllint) or a YAML 1.2
reader (editors) read it: `no`/`yes`/`on`/`off`, `1:` keys and unquoted dates read differently."""
import json
import re

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, MENUS, ROOT

import ivrmaze

SCHEMA = json.loads((ROOT / "docs" / "ivrmaze.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


class Yaml12(yaml.SafeLoader):
    """YAML 1.2's core schema: true/false only, no sexagesimal numbers, no dates."""


_DROPPED = {"tag:yaml.org,2002:" + t for t in ("bool", "timestamp", "int", "float")}
Yaml12.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t not in _DROPPED]
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))
Yaml12.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Yaml12.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$"),
                             list("-+.0123456789"))
READERS = {"YAML 1.1": yaml.SafeLoader, "YAML 1.2": Yaml12}


def errors(text, reader):
    return [e.message for e in VALIDATOR.iter_errors(yaml.load(text, Loader=READERS[reader]))]


def test_the_two_readers_differ_where_it_matters():
    text = "a: no\nb: 2026-12-24\nno: 1\n"
    assert yaml.load(text, Loader=yaml.SafeLoader) != yaml.load(text, Loader=Yaml12)
    assert yaml.load(text, Loader=Yaml12) == {"a": "no", "b": "2026-12-24", "no": 1}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("path", sorted(MENUS.rglob("*.yaml")) + sorted((FIXTURES / "ok").rglob("*.yaml")),
                         ids=lambda p: p.name)
def test_good_files_validate_for_both_readers(path, reader):
    assert errors(path.read_text(encoding="utf-8"), reader) == []


BASE = "ivrmaze: 1\nentry: main\nnodes:\n  main:\n    menu: Hi\n    options: {1: \"no\", 2: q}\n" \
       "  \"no\":\n    say: Bye.\n  q:\n    queue: Q\n    transfers: [{to: main, warm: yes}]\n    hours: o\n" \
       "hours:\n  o:\n    mon: \"08:00-09:00\"\n    holidays: [2026-12-25, \"12-24\"]\n" \
       "limits:\n  checks: {dead-end: off}\n"
ACCEPTED = {
    "yes, off, 1: keys and unquoted dates": BASE,
    "absent:": BASE + "expect:\n  - absent: trap\n  - {absent: dead-end, at: 2026-12-25T10:00}\n",
    "a node id no": BASE.replace('\"no\":\n', "no:\n"),
}
REFUSED = {
    "the deprecated no:": BASE + "expect:\n  - no: trap\n",
    "no: with an intent": BASE + "intents: {x: X}\nexpect:\n  - {no: trap, intent: x}\n",
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_alike(name, reader, tmp_path):
    assert errors(ACCEPTED[name], reader) == []
    path = tmp_path / "m.yaml"
    path.write_text(ACCEPTED[name])
    assert ivrmaze.load(str(path), strict=False).problems == []  # and ivrmaze reads it as valid too


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_alike(name, reader, tmp_path):
    assert errors(REFUSED[name], reader)
    path = tmp_path / "m.yaml"
    path.write_text(REFUSED[name])
    assert [p.severity for p in ivrmaze.load(str(path), strict=False).problems] == ["warning"]  # ivrmaze: deprecated


def test_the_deprecated_key_says_what_to_write():
    absence = [s for s in SCHEMA["properties"]["expect"]["items"]["oneOf"] if "absent" in s["properties"]]
    assert len(absence) == 1
    assert "write `absent:`" in absence[0]["properties"]["no"]["description"]

"""docs/api.md: generated from the docstrings of the public API (tests/api_doc.py) and up to date."""
import re

import api_doc
from conftest import ROOT

import ivrmaze
import ivrmaze.testing
from ivrmaze.analysis import Analysis, IntentMetrics


def test_docs_api_md_is_up_to_date():
    assert (ROOT / "docs" / "api.md").read_text() == api_doc.page(), (
        "docs/api.md is out of date: run `python3 -m tests.api_doc --update` and review the diff")


def test_a_changed_docstring_makes_the_page_stale(monkeypatch):
    before = api_doc.page()
    monkeypatch.setattr(ivrmaze.Maze.entries, "__doc__", "Every way in, said differently.")
    after = api_doc.page()
    assert after != before and "Every way in, said differently." in after
    assert api_doc.main([]) == 1  # the command says so too


def test_the_page_covers_the_public_api():
    text = api_doc.page()
    for name in ivrmaze.__all__:
        if name != "__version__":
            assert f"ivrmaze.{name}" in text or f"`{name}`" in text, name
    for name in ivrmaze.testing.__all__:
        assert f"### `ivrmaze.testing.{name}`" in text, name
    for cls in (ivrmaze.Maze, Analysis, IntentMetrics, ivrmaze.Finding):
        assert f"## `{cls.__name__}`" in text


def test_every_member_shown_has_a_docstring():
    missing = [f"{cls.__name__}.{heading}" for cls in (ivrmaze.Maze, Analysis, IntentMetrics, ivrmaze.Finding)
               for heading, _, doc in api_doc._members(cls) if not doc]
    assert not missing, f"no docstring: {missing}"
    assert all(getattr(ivrmaze.testing, n).__doc__ for n in ivrmaze.testing.__all__)


def test_tables_keep_their_columns():
    for line in api_doc.page().splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 4, line


def test_signatures_name_constants_not_their_repr():
    text = api_doc.page()
    assert "settings: Settings = SETTINGS" in text and "Kind(" not in text
    assert "no_input: bool = False" in text

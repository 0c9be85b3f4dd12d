"""The version: one number in ivrmaze/version.py, printed by `ivrmaze --version`, given to the
packaging (setup.cfg), and named by every `rev:` and release tag in the docs."""
import configparser
import re

import pytest
from clirun import ivrmaze
from conftest import ROOT

import ivrmaze as api
from ivrmaze.version import VERSION

DOCS = ["README.md", "docs/ci.md", "docs/testing.md"]
#: every way the docs name a release: `rev: v1.2.3`, `@v1.2.3`, `git tag ... v1.2.3`, `ivrmaze 1.2.3`
MENTIONS = re.compile(r"rev:\s*v?(\d+\.\d+\.\d+)|@v(\d+\.\d+\.\d+)|git (?:tag|push)[^`\n]* v(\d+\.\d+\.\d+)"
                      r"|ivrmaze (\d+\.\d+\.\d+)|VERSION = \"(\d+\.\d+\.\d+)\"")


def mentions(text):
    return [next(g for g in m.groups() if g) for m in MENTIONS.finditer(text)]


def test_the_version_of_this_round():
    assert VERSION == "0.2.0" and api.__version__ == VERSION


def test_ivrmaze_version_prints_it():
    run = ivrmaze("--version")
    assert (run.exit_code, run.output) == (0, f"ivrmaze {VERSION}\n")


def test_setup_cfg_reads_it_from_the_version_module():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    assert cfg["metadata"]["version"] == "attr: ivrmaze.version.VERSION"


@pytest.mark.parametrize("doc", DOCS)
def test_the_docs_name_this_version(doc):
    found = mentions((ROOT / doc).read_text())
    assert found, f"{doc} names no release (`rev: v{VERSION}`)"
    assert set(found) == {VERSION}, f"{doc} names {sorted(set(found))}, expected only {VERSION}"


def test_the_release_steps_tag_this_version():
    ci = (ROOT / "docs" / "ci.md").read_text()
    steps = ci[ci.index("## Releases"):]
    assert f'git tag -a v{VERSION} -m "ivrmaze {VERSION}"' in steps
    assert f"git push origin v{VERSION}" in steps
    assert f'VERSION = "{VERSION}"' in steps and "ivrmaze/version.py" in steps


def test_mentions_sees_another_version():
    assert mentions("rev: v0.1.0 and ivrmaze 0.3.1 and @v1.0.0") == ["0.1.0", "0.3.1", "1.0.0"]


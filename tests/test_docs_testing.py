"""docs/testing.md: the example menu and test file run as shown, and the failure messages are exact."""
import contextlib
import io
import os
import subprocess
import sys

from conftest import ROOT
from docblocks import blocks

DOC = blocks((ROOT / "docs" / "testing.md").read_text())


def test_the_example_test_file_passes(tmp_path):
    files = [b for b in DOC if "file" in b.info]
    assert sorted(b.info["file"] for b in files) == ["menus/helpdesk.yaml", "tests/test_menus.py"]
    for b in files:
        target = tmp_path / b.info["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(b.text)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_menus.py"],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    [expected] = [b.text.strip() for b in DOC if "pytest" in b.info]
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith(expected), run.stdout


def test_the_example_menu_checks_clean(tmp_path):
    from clirun import ivrmaze
    [menu] = [b for b in DOC if b.info.get("file") == "menus/helpdesk.yaml"]
    (tmp_path / "helpdesk.yaml").write_text(menu.text)
    r = ivrmaze("check", tmp_path / "helpdesk.yaml")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("0 errors, 0 warnings")


def test_failure_examples_print_what_the_doc_says(monkeypatch):
    monkeypatch.chdir(ROOT)
    pairs = [(a, b) for a, b in zip(DOC, DOC[1:]) if "example" in a.info]
    assert len(pairs) == 2
    for code, shown in pairs:
        assert shown.lang == "text"
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code.text, "docs/testing.md", "exec"), {})
        assert out.getvalue() == shown.text


def test_expectations_example_gives_the_documented_output(tmp_path, monkeypatch):
    from clirun import ivrmaze
    [example] = [b.text for b in DOC if "expect-example" in b.info]
    [output] = [b.text for b in DOC if "expect-output" in b.info]
    (tmp_path / "menus").mkdir()
    (tmp_path / "menus" / "mobistar-2011.yaml").write_text((ROOT / "menus" / "mobistar-2011.yaml").read_text()
                                                           + "\n" + example)
    monkeypatch.chdir(tmp_path)
    r = ivrmaze("check", "menus/mobistar-2011.yaml")
    assert r.exit_code == 1
    shown, keep = [], False
    for line in r.output.splitlines():
        if not line.startswith(" "):
            keep = "[expectation IVM301]" in line
        if keep:
            shown.append(line)
    assert "\n".join(shown) + "\n" == output

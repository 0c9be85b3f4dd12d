"""docs/format.md cannot drift from the language: its tables list exactly the fields of
ivrmaze/language.py (with their defaults), its complete examples load cleanly, and its
`ivrmaze validate` example prints exactly what is shown."""
import re
import tempfile
from pathlib import Path

import pytest
from clirun import ivrmaze as run_cli
from conftest import MENUS, ROOT

import ivrmaze
from ivrmaze import expectations, source
from ivrmaze import language as L
from ivrmaze.checks import LIMITS as DEFAULT_LIMITS
from ivrmaze.checks import SETTINGS
from ivrmaze.schema import SCHEMA_ID

DOC = ROOT / "docs" / "format.md"
_FENCE = re.compile(r"^(\s*)```(\w*)\s*$")
_NAMED = re.compile(r"^# ((?:[\w.-]+/)*[\w.-]+\.ya?ml)\s*$")


def sections(text):
    """{heading: (prose lines, [(lang, code)])}, fences understood (YAML comments are not headings)."""
    out, heading, prose, blocks = {}, "", [], []
    lines = iter(text.splitlines())
    for line in lines:
        m = _FENCE.match(line)
        if m:
            indent, lang, code = m.group(1), m.group(2), []
            for inner in lines:
                if inner.strip() == "```":
                    break
                code.append(inner[len(indent):] if inner.startswith(indent) else inner)
            blocks.append((lang, "\n".join(code) + "\n"))
        elif line.startswith("#"):
            out[heading] = (prose, blocks)
            heading, prose, blocks = line.lstrip("#").strip(), [], []
        else:
            prose.append(line)
    out[heading] = (prose, blocks)
    return out


SECTIONS = sections(DOC.read_text(encoding="utf-8"))


def tables(heading):
    """The `| key | ... |` tables of a section, each as a list of rows (lists of cells)."""
    prose, _ = SECTIONS[heading]
    found, current = [], None
    for line in prose + [""]:
        if line.startswith("| key |"):
            current = []
        elif current is not None and line.startswith("|"):
            if not line.startswith("|---"):
                current.append([c.strip() for c in line.strip("|").split("|")])
        elif current is not None:
            found.append(current)
            current = None
    return found


def keys_of(rows):
    return [row[0].strip("`") for row in rows]


def assert_fields(rows, fields):
    assert keys_of(rows) == [f.name for f in fields]
    for row, f in zip(rows, fields):
        default = row[2]
        if f.required:
            assert default == "required", row
        elif f.default is not None:
            shown = str(f.default).lower() if isinstance(f.default, bool) else str(f.default)
            assert f"`{shown}`" in default, row


def test_top_level_table_lists_every_top_level_field():
    assert_fields(tables("The file")[0], L.TOP_LEVEL)


@pytest.mark.parametrize("kind", [k for k in L.KINDS if k not in ("voicemail", "callback")])
def test_each_node_kind_has_a_table_of_its_fields(kind):
    assert_fields(tables(kind)[0], L.NODE_FIELDS[kind])


def test_voicemail_and_callback_tables():
    first, second = tables("voicemail and callback")
    assert_fields(first, L.NODE_FIELDS["voicemail"])
    assert_fields(second, L.NODE_FIELDS["callback"])


@pytest.mark.parametrize("heading, fields", [("menu", L.OPTION_FIELDS), ("queue", L.TRANSFER_FIELDS),
                                             ("external", L.EXTERNAL_FIELDS)])
def test_sub_mapping_tables(heading, fields):
    assert_fields(tables(heading)[1], fields)


def test_country_table():
    assert_fields(tables("Holidays")[0], L.COUNTRY_FIELDS)


def test_every_field_of_the_language_is_in_a_table():
    documented = {k for heading in SECTIONS for rows in tables(heading) for k in keys_of(rows)}
    every = {f.name for f in L.TOP_LEVEL + L.OPTION_FIELDS + L.TRANSFER_FIELDS + L.EXTERNAL_FIELDS}
    every |= L.all_node_keys()
    assert every <= documented


def test_limits_table():
    rows = tables("Limits")[0]
    assert keys_of(rows) == list(DEFAULT_LIMITS) + list(SETTINGS.lists) + ["checks"]
    for row in rows[:len(DEFAULT_LIMITS)]:
        assert row[2] == f"`{DEFAULT_LIMITS[row[0].strip('`')]}`"


def test_expectations_table_is_the_one_the_code_generates():
    assert expectations.docs_table() in DOC.read_text(encoding="utf-8")
    fields = {f.name for fs in list(expectations.FAMILIES.values()) + list(expectations.SHARED.values()) for f in fs}
    assert set(keys_of(tables("Expectations")[0])) == fields


def test_schedules_section_names_every_day_word():
    prose = "\n".join(SECTIONS["Opening hours"][0])
    for word in L.DAY_NAMES + L.DAY_FULL_NAMES + L.EVERY_DAY + (L.HOLIDAYS, "24:00"):
        assert f"`{word}`" in prose or word in prose, word


def test_the_example_is_the_mobistar_file():
    _, blocks = SECTIONS["The example"]
    assert blocks[0] == ("yaml", (MENUS / "mobistar-2011.yaml").read_text(encoding="utf-8"))


def test_modeline_points_at_the_published_schema():
    blocks = SECTIONS["Editor support"][1]
    assert ("yaml", f"# yaml-language-server: $schema={SCHEMA_ID}\n") in blocks
    assert SCHEMA_ID.endswith("docs/ivrmaze.schema.json")


def test_safety_limits_are_stated_as_the_code_has_them():
    prose = "\n".join(SECTIONS["YAML: what is allowed, and the safety limits"][0])
    assert source.MAX_FILE_BYTES == 10 * 1024 * 1024 and "At most 10 MB" in prose
    assert source.ALIAS_FACTOR == 10 and "ten times as many" in prose
    assert source.ALIAS_SLACK == 100_000 and "plus 100,000" in prose


def _examples():
    """(heading, {file name: text}, [shell blocks]) of every section with a complete example."""
    for heading, (_, blocks) in SECTIONS.items():
        files, shells = {}, []
        for lang, code in blocks:
            if lang == "yaml" and re.search(r"^ivrmaze: 1$", code, re.M):
                m = _NAMED.match(code.splitlines()[0])
                name = m.group(1) if m else "example.yaml"
                assert name not in files, f"two examples named {name} under {heading!r}"
                files[name] = code
            elif lang == "text" and code.startswith("$ "):
                shells.append(code)
        if files:
            yield heading, files, shells


EXAMPLES = list(_examples())


def test_there_are_examples_for_the_main_sections():
    headings = {h for h, _, _ in EXAMPLES}
    assert {"The example", "Opening hours", "menu", "queue", "external", "Channels", "Limits", "Validation"} <= headings


@pytest.mark.parametrize("heading, files, shells", EXAMPLES, ids=[h for h, _, _ in EXAMPLES])
def test_examples_load_or_print_what_is_shown(heading, files, shells, monkeypatch):
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        monkeypatch.chdir(folder)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        if not shells:
            maze = ivrmaze.load(sorted(files), strict=False)
            assert [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in maze.problems] == []
        for shell in shells:
            command, *expected = shell.splitlines()
            args = command.split()[3:]
            assert command.startswith("$ ivrmaze validate ")
            run = run_cli("validate", "--format", "text", *args)
            assert run.output.splitlines() == expected
            assert run.exit_code == 2  # a file that does not load (docs/ci.md's contract)


def test_validate_example_matches_the_cli_help():
    """The exit codes the docs state are those `ivrmaze validate --help` states."""
    prose = " ".join("\n".join(SECTIONS["Validation"][0]).split())
    help_text = " ".join(run_cli("validate", "--help").output.split())
    for text in (prose, help_text):
        assert "0 when every file loads" in text and "2 when a file does not load" in text, text
    assert "`--strict` exits 1 on them" in prose and "1 on warnings with --strict" in help_text

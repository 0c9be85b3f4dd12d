"""Fuzzing the whole pipeline (issue 9): mutated example menus through every command in-process.

Each example takes one file of menus/, mutates it (bytes flipped, lines deleted, duplicated or
re-indented, keys renamed, anchors and merge keys, hostile text in a field, deep nesting, huge
numbers) and runs `validate`, `check` in every format, `report`, a scripted `call`, `diff
--format markdown` against the original, `render -o x.dot` and, with Graphviz, `review` on it.
Whatever the input: the exit code is 0, 1 or 2, never an internal error, and no output holds a
raw control character or a line that GitHub Actions would run as a workflow command other than
our own annotations. Bounded by the `ci` profile (tests/conftest.py);
`HYPOTHESIS_PROFILE=thorough` runs many more.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from clirun import ivrmaze
from conftest import MENUS
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

MENU_FILES = sorted(MENUS.glob("*.yaml"))
TEXTS = {p.name: p.read_bytes() for p in MENU_FILES}

HOSTILE = (
    "\x1b]0;pwned\x07",                                   # OSC: window title
    "\x1b]52;c;cHduZWQ=\x07",                             # OSC 52: the clipboard
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8: a hyperlink
    "\x1b[2J\x1b[31mred\x1b[0m", "\x9b31m", "\x7f", "\x00", "\x85", "\r",
    "x\n::error file=menus/a.yaml,line=1::Security review PASSED",
    "::warning::forged", "%0A::error::forged",
    "</script><script>alert(1)</script>", "<!--", "]]>",
    "[click](https://evil.example) ![t](https://evil.example/p.png) @someone", "`tick`",
    "\u202eevil\u202c", "\u2066isolate\u2069", "\u200f", "\u2028", "\u2029",
    "\ud800", "\udfff",                                   # lone surrogates
    "9" * 400, "1e999", "-0", "0x1F", "١٢:٣٠", "08:00-20:00", "2024-03-31T02:30",
    "hangup", "HANGUP", "", " ", "a#b", "main", "..", "../../etc/passwd", "/proc/self/environ",
    "!!python/object/apply:os.system", "&anchor", "*alias", "${{ secrets.TOKEN }}", "$(id)", "\t",
)
# Our own annotations: ::error|warning|notice, properties with ":" and "," escaped, then "::".
ANNOTATION = re.compile(r"::(error|warning|notice) (file=[^:,]*,(line=\d+,col=\d+,)?)?title=[^:,]*::.*")
# Any C0 control but \n (and \t, allowed only as indentation in DOT), DEL, C1, bidi controls,
# line separators and lone surrogates.
UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]")
KEY_LINE = re.compile(r"^(\s*)(-\s+)?([^\s:#\-\"'][^:#]*?):(\s|$)")
VALUE_LINE = re.compile(r"^(\s*(?:-\s+)?[^\s:#][^:#]*?:[ \t]+)(\S.*?)(\s*#.*)?$")


def _yaml_text(text: str, raw: bool) -> str:
    # JSON strings are YAML double-quoted scalars: escapes (\u001b, \ud800) reach the loader as
    # the characters themselves; raw text reaches it as bytes in the file.
    return text if raw else json.dumps(text)


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=12))


@st.composite
def deep(draw: st.DrawFn) -> str:
    n = draw(st.sampled_from((70, 200, 1200)))
    return draw(st.sampled_from(("[" * n + "]" * n, "{a: " * n + "1" + "}" * n, "- " * n + "x")))


def _mutate_lines(draw: st.DrawFn, lines: list[str]) -> list[str]:
    i = draw(st.integers(0, len(lines) - 1))
    line = lines[i]
    what = draw(st.sampled_from(("delete", "duplicate", "indent", "rename", "value", "anchor", "merge", "recursive")))
    if what == "delete":
        return lines[:i] + lines[i + 1:]
    if what == "duplicate":
        return lines[:i] + [line] + lines[i:]
    if what == "indent":
        indent = draw(st.sampled_from(("", " ", "   ", "\t", "        ")))
        return lines[:i] + [indent + line.lstrip(" ")] + lines[i + 1:]
    key, value = KEY_LINE.match(line), VALUE_LINE.match(line)
    if what == "rename" and key:
        new = _yaml_text(draw(hostile_text()), draw(st.booleans()))
        return lines[:i] + [line[:key.start(3)] + new + line[key.end(3):]] + lines[i + 1:]
    if what == "value" and value:
        new = draw(deep()) if draw(st.booleans()) else _yaml_text(draw(hostile_text()), draw(st.booleans()))
        return lines[:i] + [value.group(1) + new + "\n"] + lines[i + 1:]
    if what == "anchor" and value:
        j = draw(st.integers(0, len(lines) - 1))
        other = VALUE_LINE.match(lines[j])
        lines = lines[:i] + [value.group(1) + "&a " + value.group(2) + "\n"] + lines[i + 1:]
        return lines if other is None else lines[:j] + [other.group(1) + "*a\n"] + lines[j + 1:]
    indent = re.match(r"\s*", line).group()  # type: ignore[union-attr]
    if what == "merge":
        return lines[:i + 1] + [f"{indent}<<: *a\n"] + lines[i + 1:]
    if what == "recursive":
        extra = draw(st.sampled_from(("x: &m {say: hi, <<: *m}", "y: &r [a, *r]", "z: &z\n" + indent + "  <<: *z")))
        return lines[:i] + [indent + extra + "\n"] + lines[i:]
    return lines


@st.composite
def mutated_menu(draw: st.DrawFn) -> tuple[str, bytes]:
    """One example menu (its file name and mutated bytes)."""
    name = draw(st.sampled_from(sorted(TEXTS)))
    data = TEXTS[name]
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 4)) == 0:   # a byte flipped
            i = draw(st.integers(0, len(data) - 1))
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1:]
            continue
        lines = data.decode("utf-8", "surrogateescape").splitlines(keepends=True)
        data = "".join(_mutate_lines(draw, lines)).encode("utf-8", "surrogatepass")
    return name, data


def _check_output(text: str, where: str, *, github: bool = False, dot: bool = False) -> None:
    assert "internal error" not in text.lower(), f"{where}: internal error\n{text[-2000:]}"
    for n, line in enumerate(text.split("\n"), 1):
        shown = line.lstrip("\t") if dot else line
        bad = UNSAFE.search(shown)
        assert bad is None, f"{where}:{n}: raw {bad.group()!r} in {line[:200]!r}"
        if line.lstrip().startswith("::"):
            assert github and ANNOTATION.fullmatch(line), f"{where}:{n}: a workflow command: {line[:200]!r}"


def run_pipeline(folder: Path, name: str) -> None:
    """Every command on ``folder/name``; what each prints and writes must be safe."""
    path = folder / name
    env = {"IVRMAZE_NO_CACHE": "1", "GITHUB_ACTIONS": None, "NO_COLOR": "1"}
    runs: list[tuple[tuple[str, ...], Path | None]] = [
        (("validate", str(path)), None),
        *((("check", str(path), "--format", fmt), None) for fmt in ("text", "json", "sarif", "github")),
        (("report", str(path)), None),
        (("call", str(path), "--at", "Mon 10:00", "--keys", "1,2,0,9"), None),
        (("diff", str(folder / "old" / name), str(path), "--format", "markdown"), None),
        (("render", str(path), "-o", str(folder / "x.dot")), folder / "x.dot"),
    ]
    if shutil.which("dot"):
        runs.append((("review", str(path), "-o", str(folder / "x.html")), folder / "x.html"))
    for args, written in runs:
        res = ivrmaze(*args, env=env)
        where = " ".join(args[:1] + args[2:])
        assert res.exit_code in (0, 1, 2), f"{where}: exit {res.exit_code}\n{res.output}{res.stderr}"
        _check_output(res.output, f"{where} (stdout)", github="github" in args)
        _check_output(res.stderr, f"{where} (stderr)")
        if ("json" in args or "sarif" in args) and res.exit_code in (0, 1):
            json.loads(res.output)
        if written is not None and written.exists():
            page = written.read_text(encoding="utf-8")
            _check_output(page, f"{where} ({written.name})", dot=written.suffix == ".dot")
            if written.suffix == ".html":
                assert page.count("</script>") == page.count("<script"), f"{where}: menu text closed a <script>"
            written.unlink()


# No shrinking but under the thorough profile: the failing file is shown whole, and shrinking it
# through 10 commands takes minutes (an example takes about 0.2 s: 60 of them in CI).
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
PHASES = tuple(Phase) if THOROUGH else (Phase.explicit, Phase.reuse, Phase.generate)


@settings(phases=PHASES)
@given(mutated_menu())
# issue 9's own examples: a recursive merge key, a node id that starts a workflow command, a lone
# surrogate and an OSC 52 (clipboard) sequence in a prompt
@example(("mobistar-2011.yaml", TEXTS["mobistar-2011.yaml"].replace(b"nodes:\n", b"nodes:\n  loop: &m {say: hi, <<: *m}\n")))
@example(("postnl.yaml", TEXTS["postnl.yaml"].replace(b"  track:\n", b'  "track\\n::error file=a,line=1::PASSED":\n')
          .replace(b'"1": track', b'"1": "track\\n::error file=a,line=1::PASSED"')))
@example(("postnl.yaml", TEXTS["postnl.yaml"].replace(
    b"say: Your parcel is on its way and will be delivered today. Thank you for calling PostNL.",
    b'say: "\\ud800 \\x1b]52;c;eA==\\x07 Your parcel"')))
def test_mutated_menus_go_through_every_command_safely(menu: tuple[str, bytes]) -> None:
    name, data = menu
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "old").mkdir()
        for other, text in TEXTS.items():  # the other files, for `external:` references
            (folder / other).write_bytes(text)
            (folder / "old" / other).write_bytes(text)  # what `diff` compares with
        (folder / name).write_bytes(data)
        run_pipeline(folder, name)


def test_the_example_menus_pass_the_pipeline_unchanged(tmp_path: Path) -> None:
    # the checks above hold on the menus as they are (so a failure above is the mutation's)
    (tmp_path / "old").mkdir()
    for name, text in TEXTS.items():
        (tmp_path / name).write_bytes(text)
        (tmp_path / "old" / name).write_bytes(text)
    for name in TEXTS:
        run_pipeline(tmp_path, name)


def test_the_output_checks_catch_what_they_look_for() -> None:
    for bad in ("a\x1b]0;t\x07", "a\u202eb", "ok\n::error file=x::forged", "x\rinternal error: boom"):
        try:
            _check_output(bad, "out")
        except AssertionError:
            continue
        raise AssertionError(f"not caught: {bad!r}")
    _check_output("::error file=a.yaml,line=1,col=2,title=trap IVM203::bad %0A::x", "out", github=True)
    _check_output("digraph {\n\tnode [shape=box]\n}", "x.dot", dot=True)

"""One test per kind of bad input the loader must report, with the exact line and column.

Each case is (YAML text, expected problems as (kind, line, column, words in the message)).
Texts start right after the opening quotes, so line 1 is the first line shown.
"""
import time

import pytest

import ivrmaze
from ivrmaze import source
from ivrmaze.source import MAX_FILE_BYTES

HEAD = "ivrmaze: 1\nentry: main\n"

CASES = {
    # -- YAML syntax ------------------------------------------------------------------------------
    "unterminated-quote": (
        "ivrmaze: 1\nname: 'Mobistar\nnodes: {}\n",
        [("syntax", 2, 7, "the quoted text that starts here is not closed, expected a closing quote")]),
    "bad-indentation": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: Hi\n   next: hangup\n",
        [("syntax", 5, 4, "found a mapping indented differently (while parsing a block mapping that starts at "
          "line 3), expected the end of the indented block; check the indentation")]),
    "tab-indentation": (
        "ivrmaze: 1\nnodes:\n\tmain: {say: Hi}\n",
        [("syntax", 3, 1, "a tab, expected spaces")]),
    "unquoted-star-key": (
        HEAD + "nodes:\n  main:\n    menu: Press star\n    options:\n      *: main\n",
        [("syntax", 7, 8, "expected the star key in quotes")]),
    "unclosed-flow-mapping": (
        "ivrmaze: 1\nnodes:\n  main: {say: Hi\n",
        [("syntax", 3, 9, "the `{` that starts here is not closed, expected a closing `}`")]),
    "colon-in-text": (
        "ivrmaze: 1\nname: Line: one\nnodes: {main: {say: x}}\n",
        [("syntax", 2, 11, "quote text that contains")]),
    "undefined-alias": (
        "ivrmaze: 1\nnodes:\n  main: *nothing\n",
        [("syntax", 3, 9, "found undefined alias 'nothing'")]),
    "control-character": (
        "ivrmaze: 1\nname: a\x07b\nnodes: {main: {say: x}}\n",
        [("syntax", 2, 8, "control character U+0007")]),
    # a quote left open on line 24 that a later quote (line 30) closes: told at line 24, not at 30:8
    "unclosed-quote-closed-later": (
        HEAD + "name: A long line\nnodes:\n"
        + "".join(f"  n{i}:\n    say: Step {i}.\n    next: n{i + 1}\n" for i in range(6))
        + '  n6:\n    say: "Almost there.\n    next: n7\n  n7:\n    say: Press 1.\n    next: n8\n  n8:\n'
        '    say: "Goodbye."\n    next: hangup\n',
        [("syntax", 24, 10, "the quoted text that starts here is not closed on its line (a quote on line 30 "
          "closes it), expected a closing quote")]),
    "unclosed-single-quote-closed-later": (
        "ivrmaze: 1\nname: 'Mobistar\nentry: main\nnodes: {main: {say: 'Hi'}}\n",
        [("syntax", 2, 7, "the quoted text that starts here is not closed on its line (a quote on line 4 "
          "closes it), expected a closing `'`")]),
    "a-closed-multi-line-quote-is-fine": (
        HEAD + 'nodes:\n  main:\n    say: "Welcome\n      to Mobistar."\n    nxt: hangup\n',
        [("unknown-key", 7, 5, "unknown key `nxt`")]),
    "over-indented-key": (
        HEAD + "intents: {invoice: An invoice}\nnodes:\n  main:\n    menu: Press 1.\n    options: {'1': billing}\n"
        "  billing:\n    queue: Billing\n      resolves: [invoice]\n",
        [("syntax", 10, 7, "`resolves:` is indented more than `queue:` above it, expected it in line with "
          "`queue:` (4 spaces; if it is text, put the whole text in quotes)")]),
    "over-indented-key-in-a-list": (
        HEAD + "nodes: {main: {say: x}}\nexpect:\n  - intent: x\n      at: Mon 10:00\n",
        [("syntax", 6, 7, "`at:` is indented more than `intent:` above it, expected it in line with `intent:` "
          "(4 spaces;")]),
    "multiple-documents": (
        "ivrmaze: 1\nnodes: {main: {say: x}}\n---\nivrmaze: 1\n",
        [("syntax", 3, 1, "a second YAML document starts here, expected one menu per file")]),
    # -- duplicate keys -----------------------------------------------------------------------------
    "duplicate-top-level": (
        "ivrmaze: 1\nnodes: {main: {say: x}}\nname: a\nname: b\n",
        [("duplicate-key", 4, 1, "key `name` is given twice in the file (first at line 3)")]),
    "duplicate-node": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: a\n  main:\n    say: b\n",
        [("duplicate-key", 5, 3, "key `main` is given twice in `nodes` (first at line 3)")]),
    "duplicate-dtmf-int-vs-str": (
        HEAD + "nodes:\n  main:\n    menu: Choose\n    options:\n      1: main\n      \"1\": hangup\n",
        [("duplicate-key", 8, 7, "option `1` of node `main` is given twice (first at line 7), expected one "
          "option per DTMF key (`1:` and `\"1\":` are the same key)")]),
    "duplicate-key-in-schedule": (
        "ivrmaze: 1\nhours:\n  office:\n    mon: \"08:00-12:00\"\n    mon: \"13:00-17:00\"\n"
        "nodes: {main: {say: x}}\n",
        [("duplicate-key", 5, 5, "key `mon` is given twice in `hours.office`")]),
    "duplicate-key-in-transfer": (
        "ivrmaze: 1\nnodes:\n  main:\n    queue: Team\n    transfers:\n      - {to: main, to: hangup}\n",
        [("duplicate-key", 6, 20, "key `to` is given twice in `nodes.main.transfers.0`")]),
    # -- unknown keys -------------------------------------------------------------------------------
    "unknown-top-level-key": (
        "ivrmaze: 1\nentyr: main\nnodes: {main: {say: x}}\n",
        [("unknown-key", 2, 1, "unknown key `entyr` in the file (did you mean `entry`?), expected one of")]),
    "unknown-node-key": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: Hi\n    nxt: hangup\n",
        [("unknown-key", 5, 5, "unknown key `nxt` in a say node (did you mean `next`?)")]),
    "unknown-option-key": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    options:\n      \"1\": {to: main, lable: Again}\n",
        [("unknown-key", 6, 23, "unknown key `lable` in option `1` (did you mean `label`?)")]),
    "unknown-transfer-key": (
        "ivrmaze: 1\nnodes:\n  main:\n    queue: Team\n    transfers:\n      - to: main\n        wram: true\n",
        [("unknown-key", 7, 9, "unknown key `wram` in a transfer (did you mean `warm`?)")]),
    "unknown-key-no-suggestion": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: Hi\n    colour: blue\n",
        [("unknown-key", 5, 5, "unknown key `colour` in a say node, expected one of `can_fail`, `end`, `next`, `on_error`, `resolves`, `say`")]),
    # -- node kinds ---------------------------------------------------------------------------------
    "no-kind-key": (
        "ivrmaze: 1\nnodes:\n  main:\n    next: hangup\n",
        [("node-kind", 3, 3, "node `main` has no kind key, expected exactly one of `menu`")]),
    "no-kind-key-typo": (
        "ivrmaze: 1\nnodes:\n  main:\n    sya: Hello\n",
        [("node-kind", 4, 5, "(`sya`: did you mean `say`?)")]),
    "two-kind-keys": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: Hello\n    queue: Team\n",
        [("node-kind", 5, 5, "node `main` has two kind keys, `say` and `queue`, expected exactly one")]),
    "node-named-hangup": (
        "ivrmaze: 1\nnodes:\n  main: {say: x}\n  hangup: {say: bye}\n",
        [("reference", 4, 3, "`hangup` is the built-in target")]),
    "hash-in-node-id": (
        "ivrmaze: 1\nnodes:\n  main: {say: x, next: \"press#\"}\n  \"press#\": {say: y}\n",
        [("type", 4, 3, "node id `press#` contains `#`, expected a name without it")]),
    "missing-required-node-key": (
        "ivrmaze: 1\nhours: {office: {mon: \"08:00-16:00\"}}\nnodes:\n  main:\n    branch: office\n    open: main\n",
        [("missing-key", 4, 3, "a branch node has no `closed`, expected `closed:`")]),
    # -- references ---------------------------------------------------------------------------------
    "undefined-next": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: Hi\n    next: mian\n",
        [("reference", 5, 11, "`next` of node `main` goes to `mian`, which is not defined (did you mean `main`?)")]),
    "undefined-option-target": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    options:\n      \"2\": billing\n",
        [("reference", 6, 12, "option `2` of node `main` goes to `billing`, which is not defined")]),
    "undefined-transfer-target": (
        "ivrmaze: 1\nnodes:\n  main:\n    queue: Team\n    transfers: [main, securty]\n",
        [("reference", 5, 23, "a transfer of node `main` goes to `securty`")]),
    "undefined-entry": (
        "ivrmaze: 1\nentry: start\nnodes: {main: {say: x}}\n",
        [("reference", 2, 8, "entry goes to `start`, which is not defined")]),
    "undefined-channel-target": (
        "ivrmaze: 1\nchannels:\n  chat: chat-start\nnodes: {main: {say: x}}\n",
        [("reference", 3, 9, "channel `chat` goes to `chat-start`, which is not defined")]),
    "undefined-schedule": (
        "ivrmaze: 1\nhours:\n  office: {mon-fri: \"08:00-16:00\"}\nnodes:\n  main:\n    queue: Team\n"
        "    hours: ofice\n",
        [("reference", 7, 12, "schedule `ofice` is not defined (did you mean `office`?)")]),
    "undefined-branch-schedule": (
        "ivrmaze: 1\nnodes:\n  main:\n    branch: office\n    open: main\n    closed: hangup\n",
        [("reference", 4, 13, "schedule `office` is not defined, expected a name under `hours:` (the file has "
          "no `hours:` block)")]),
    "undefined-intent": (
        "ivrmaze: 1\nintents:\n  invoice: An invoice\nnodes:\n  main:\n    say: Hi\n    resolves: [invoce]\n",
        [("reference", 7, 16, "intent `invoce` is not defined (did you mean `invoice`?)")]),
    "missing-external-file": (
        "ivrmaze: 1\nnodes:\n  main:\n    external: partner.yaml\n",
        [("reference", 4, 15, "external file `partner.yaml` does not exist")]),
    # -- DTMF keys ----------------------------------------------------------------------------------
    "dtmf-two-digits": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    options:\n      10: main\n",
        [("dtmf", 6, 7, "`10` is not a DTMF key, expected one of 0-9, * or #")]),
    "dtmf-letter": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    options:\n      \"1\": main\n      a: main\n",
        [("dtmf", 7, 7, "`a` is not a DTMF key")]),
    "dtmf-hash-comment": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    options:\n      \"1\": main\n      #: main\n",
        [("dtmf", 7, 7, "`#:` starts a comment in YAML, so this option is ignored")]),
    # -- schedules ----------------------------------------------------------------------------------
    "bad-day": (
        "ivrmaze: 1\nhours:\n  office:\n    mon-fry: \"08:00-16:00\"\nnodes: {main: {say: x}}\n",
        [("schedule", 4, 5, "invalid day `fry` in `mon-fry`, expected one of mon, tue")]),
    "holiday-typo": (
        "ivrmaze: 1\nhours:\n  office:\n    holiday: [\"2011-04-25\"]\nnodes: {main: {say: x}}\n",
        [("schedule", 4, 5, "invalid day spec `holiday` (did you mean `holidays`?)")]),
    "empty-day-in-list": (
        "ivrmaze: 1\nhours:\n  office:\n    \"sat,\": \"08:00-16:00\"\nnodes: {main: {say: x}}\n",
        [("schedule", 4, 5, "invalid day spec `sat,`")]),
    "bad-time-range": (
        "ivrmaze: 1\nhours:\n  office:\n    mon: \"8-16\"\nnodes: {main: {say: x}}\n",
        [("schedule", 4, 10, "invalid time range `8-16`, expected `HH:MM-HH:MM`")]),
    "bad-time-in-list": (
        "ivrmaze: 1\nhours:\n  office:\n    mon: [\"08:00-12:00\", \"13:00-25:00\"]\nnodes: {main: {say: x}}\n",
        [("schedule", 4, 26, "invalid time in `13:00-25:00`, expected hours 00-23 (or 24:00 as an end)")]),
    "empty-time-range": (
        "ivrmaze: 1\nhours:\n  office:\n    mon: \"08:00-08:00\"\nnodes: {main: {say: x}}\n",
        [("schedule", 4, 10, "empty time range `08:00-08:00`")]),
    "bad-date": (
        "ivrmaze: 1\nhours:\n  office:\n    holidays: [\"2011-02-30\"]\nnodes: {main: {say: x}}\n",
        [("schedule", 4, 16, "invalid date `2011-02-30`, expected an ISO date YYYY-MM-DD")]),
    "date-not-extended-format": (
        "ivrmaze: 1\nhours:\n  office:\n    holidays:\n      - \"20110425\"\nnodes: {main: {say: x}}\n",
        [("schedule", 5, 9, "invalid date `20110425`")]),
    "bad-timezone": (
        "ivrmaze: 1\ntimezone: Europe/Amsterdm\nnodes: {main: {say: x}}\n",
        [("timezone", 2, 11, "unknown time zone `Europe/Amsterdm` (did you mean `Europe/Amsterdam`?)")]),
    # -- wrong types --------------------------------------------------------------------------------
    "list-for-text": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: [Hello, world]\n",
        [("type", 4, 10, "`nodes.main.say` is a list, expected text")]),
    "mapping-for-target": (
        "ivrmaze: 1\nnodes:\n  main:\n    say: Hi\n    next: {to: main}\n",
        [("type", 5, 11, "`nodes.main.next` is a mapping, expected a node id")]),
    "options-list": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    options: [main]\n",
        [("type", 5, 14, "`nodes.main.options` is a list, expected a mapping of DTMF key -> target")]),
    "options-empty": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    options:\n    no_match: main\n",
        [("type", 5, 13, "`nodes.main.options` is nothing (null), expected a mapping of DTMF key -> target")]),
    "retries-text": (
        "ivrmaze: 1\nnodes:\n  main:\n    menu: Hi\n    retries: three\n    no_input: main\n",
        [("type", 5, 14, "`retries` is text, expected a whole number of 1 or more")]),
    "warm-not-bool": (
        "ivrmaze: 1\nnodes:\n  main:\n    queue: Team\n    transfers:\n      - {to: main, warm: maybe}\n",
        [("type", 6, 26, "`warm` is text, expected true or false")]),
    "transfers-mapping": (
        "ivrmaze: 1\nnodes:\n  main:\n    queue: Team\n    transfers: {main: true}\n",
        [("type", 5, 16, "`transfers` is a mapping, expected a list of node ids")]),
    "resolves-mapping": (
        "ivrmaze: 1\nnodes:\n  main:\n    callback: Team\n    resolves: {a: b}\n",
        [("type", 5, 15, "`resolves` is a mapping, expected a list of intent ids or \"*\"")]),
    "nodes-list": (
        "ivrmaze: 1\nnodes:\n  - main\n",
        [("type", 3, 3, "`nodes` is a list, expected a mapping of node id -> node")]),
    "node-text": (
        "ivrmaze: 1\nnodes:\n  main: Hello\n",
        [("type", 3, 9, "node `main` is text, expected a mapping with one kind key")]),
    "schedule-text": (
        "ivrmaze: 1\nhours:\n  office: mon-fri 8-16\nnodes: {main: {say: x}}\n",
        [("type", 3, 11, "`hours.office` is text, expected a mapping of days")]),
    "holidays-bool": (
        "ivrmaze: 1\nhours:\n  office:\n    holidays: true\nnodes: {main: {say: x}}\n",
        [("type", 4, 15, "`hours.office.holidays` is true/false, expected a date such as 2026-12-31, a yearly date")]),
    "time-range-number": (
        "ivrmaze: 1\nhours:\n  office:\n    mon: 8\nnodes: {main: {say: x}}\n",
        [("type", 4, 10, "`hours.office.mon` holds a number, expected a time range")]),
    "non-text-key": (
        "ivrmaze: 1\nnodes:\n  [a, b]: {say: x}\n",
        [("type", 3, 3, "a key must be plain text")]),
    "merge-non-mapping": (
        "ivrmaze: 1\nnodes:\n  main:\n    <<: [a]\n    say: x\n",
        [("type", 4, 10, "`<<` merges a mapping")]),
    # -- the file as a whole ------------------------------------------------------------------------
    "empty-file": ("", [("file", 1, 1, "the file is empty, expected a menu file starting with `ivrmaze: 1`")]),
    "only-comments": ("# nothing here\n\n", [("file", 1, 1, "the file is empty")]),
    "top-level-list": ("- ivrmaze: 1\n", [("type", 1, 1, "the file holds a list, expected a mapping")]),
    "top-level-text": ("hello\n", [("type", 1, 1, "the file holds text, expected a mapping")]),
    "missing-version-and-nodes": (
        "name: A line\n",
        [("missing-key", 1, 1, "the file has no `ivrmaze`"), ("missing-key", 1, 1, "the file has no `nodes`")]),
    "wrong-version": (
        "ivrmaze: 2\nnodes: {main: {say: x}}\n",
        [("version", 1, 10, "format version 2 is not supported, expected `ivrmaze: 1`")]),
    "empty-nodes": ("ivrmaze: 1\nnodes: {}\n", [("missing-key", 2, 1, "`nodes` is empty")]),
    # -- safety -------------------------------------------------------------------------------------
    "python-object-tag": (
        "ivrmaze: 1\nnodes:\n  main: !!python/object/apply:os.system [\"echo pwned\"]\n",
        [("unsafe", 3, 9, "the tag !!python/object/apply:os.system is not allowed")]),
    "python-name-tag": (
        "ivrmaze: 1\nname: !!python/name:os.system ''\nnodes: {main: {say: x}}\n",
        [("unsafe", 2, 7, "the tag !!python/name:os.system is not allowed")]),
    "local-tag": (
        "ivrmaze: 1\nnodes:\n  main: {say: !shout Hello}\n",
        [("unsafe", 3, 15, "the tag !shout is not allowed")]),
    # -- limits -------------------------------------------------------------------------------------
    "unknown-limit": (
        "ivrmaze: 1\nlimits:\n  max_option: 3\nnodes: {main: {say: x}}\n",
        [("config", 3, 3, "unknown limit `max_option` (did you mean `max_options`?)")]),
    "bad-limit-value": (
        "ivrmaze: 1\nlimits:\n  max_hops: -1\nnodes: {main: {say: x}}\n",
        [("config", 3, 13, "`max_hops` is -1, expected a whole number of 0 or more")]),
}


def load_text(tmp_path, text, name="menu.yaml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return ivrmaze.load([str(path)], strict=False).problems


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_at_its_position(tmp_path, name):
    text, expected = CASES[name]
    problems = load_text(tmp_path, text)
    got = [(p.kind, p.line, p.column) for p in problems]
    assert got == [(k, line, col) for k, line, col, _ in expected], [p.message for p in problems]
    for p, (_, _, _, words) in zip(problems, expected, strict=True):
        assert words in p.message
        assert ", expected " in p.message  # what is wrong, what was expected
        assert p.severity == "error"


def test_external_node_missing_in_other_file(tmp_path):
    (tmp_path / "partner.yaml").write_text("ivrmaze: 1\nentry: start\nnodes:\n  start: {say: Hi}\n")
    problems = load_text(tmp_path, "ivrmaze: 1\nnodes:\n  main:\n    external: {file: partner.yaml, node: strat}\n")
    assert [(p.kind, p.line, p.column) for p in problems] == [("reference", 4, 42)]
    assert "external node `strat` is not defined in `partner.yaml` (did you mean `start`?)" in problems[0].message


def test_external_file_without_entry(tmp_path):
    (tmp_path / "part.yaml").write_text("ivrmaze: 1\nnodes:\n  start: {say: Hi}\n")
    problems = load_text(tmp_path, "ivrmaze: 1\nnodes:\n  main:\n    external: part.yaml\n")
    assert [(p.kind, p.line, p.column) for p in problems] == [("reference", 4, 15)]
    assert "has no `entry`" in problems[0].message


def test_problems_in_external_file_are_reported_in_that_file(tmp_path):
    (tmp_path / "partner.yaml").write_text("ivrmaze: 1\nentry: start\nnodes:\n  start: {say: Hi, nxt: x}\n")
    problems = load_text(tmp_path, "ivrmaze: 1\nnodes:\n  main:\n    external: partner.yaml\n")
    assert [(p.file.rsplit("/", 1)[-1], p.kind, p.line, p.column) for p in problems] == [
        ("partner.yaml", "unknown-key", 4, 20)]


def test_cross_file_cycle_loads(tmp_path):
    (tmp_path / "a.yaml").write_text("ivrmaze: 1\nentry: main\nnodes:\n  main: {external: b.yaml}\n")
    (tmp_path / "b.yaml").write_text("ivrmaze: 1\nentry: main\nnodes:\n  main: {external: a.yaml}\n")
    maze = ivrmaze.load([str(tmp_path / "a.yaml")])
    assert maze.problems == []
    assert len(maze.files) == 2
    edges = {(u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1]) for u, v in maze.graph.edges()}
    assert edges == {("a.yaml#main", "b.yaml#main"), ("b.yaml#main", "a.yaml#main")}


def test_not_utf8(tmp_path):
    problems = load_text(tmp_path, b"ivrmaze: 1\nname: caf\xe9\nnodes: {main: {say: x}}\n")
    assert [(p.kind, p.line, p.column) for p in problems] == [("file", 2, 10)]
    assert "not UTF-8 text (byte 0xe9), expected a UTF-8 encoded YAML file" in problems[0].message


def test_utf8_bom_is_accepted(tmp_path):
    assert load_text(tmp_path, b"\xef\xbb\xbfivrmaze: 1\nnodes: {main: {say: x}}\n") == []


def test_anchors_and_merge_keys_are_allowed(tmp_path):
    text = ("ivrmaze: 1\nnodes:\n  billing: &team\n    queue: Billing\n    transfers: [billing]\n"
            "  sales:\n    <<: *team\n    queue: Sales\n  again: *team\n")
    assert load_text(tmp_path, text) == []
    maze = ivrmaze.load([str(tmp_path / "menu.yaml")])
    sales = maze.files["menu.yaml" if "menu.yaml" in maze.files else next(iter(maze.files))].nodes["sales"]
    assert sales.text == "Sales" and [link.target for link in sales.links] == ["billing"]


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ["ivrmaze: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    lines.append("nodes: {main: {say: x}}")
    start = time.perf_counter()
    problems = load_text(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5
    assert [p.kind for p in problems] == ["unsafe"]
    assert "expands to far more values than it writes" in problems[0].message
    assert problems[0].line in range(2, 12)


def test_file_over_10_mb_is_refused(tmp_path):
    body = "ivrmaze: 1\nnodes: {main: {say: x}}\n"
    text = body + "#" * (MAX_FILE_BYTES + 1 - len(body)) + "\n"
    problems = load_text(tmp_path, text)
    assert [p.kind for p in problems] == ["file"]
    assert "larger than 10 MB" in problems[0].message


def test_the_size_limit_is_inclusive(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 100)  # the boundary, without parsing 10 MB
    body = "ivrmaze: 1\nnodes: {main: {say: x}}\n#"
    text = body + "x" * (100 - len(body) - 1) + "\n"
    assert len(text.encode()) == 100
    assert load_text(tmp_path, text) == []
    assert [p.kind for p in load_text(tmp_path, text + "\n")] == ["file"]


def test_every_problem_in_every_file_in_one_run(tmp_path):
    (tmp_path / "one.yaml").write_text("ivrmaze: 1\nnodes:\n  main: {say: x, nxt: y}\n  b: {sya: x}\n")
    (tmp_path / "two.yaml").write_text("ivrmaze: 2\nnodes: {main: {say: x}}\n")
    problems = ivrmaze.load([str(tmp_path)], strict=False).problems
    assert [(p.file.rsplit("/", 1)[-1], p.kind) for p in problems] == [
        ("one.yaml", "unknown-key"), ("one.yaml", "node-kind"), ("two.yaml", "version")]


def test_strict_load_raises_with_the_problems(tmp_path):
    (tmp_path / "m.yaml").write_text("ivrmaze: 1\nnodes: {main: {say: x, next: nowhere}}\n")
    with pytest.raises(ivrmaze.MazeLoadError) as info:
        ivrmaze.load(str(tmp_path / "m.yaml"))
    assert [p.kind for p in info.value.problems] == ["reference"]


def test_nonexistent_path_is_a_usage_error(tmp_path):
    with pytest.raises(ivrmaze.UsageError):
        ivrmaze.load(str(tmp_path / "nope.yaml"))


# -- holidays: calendars, yearly dates, countries, special hours ------------------------------------
#: name -> (the file's lines after `ivrmaze: 1`, words of the message, what the position points at)
HOLIDAY_ERRORS = {
    "unknown calendar": ("calendars: {nl-public: [{country: NL}]}\nhours: {o: {holidays: [nl-publik]}}\n",
                         "calendar `nl-publik` is not defined (did you mean `nl-public`?)", "nl-publik"),
    "unknown country": ("calendars: {xx: [{country: NLX}]}\n", "unknown country `NLX`", "NLX"),
    "unknown subdivision": ("calendars: {xx: {country: US, subdiv: CAL}}\n",
                            "unknown subdivision `CAL` of US (did you mean `CA`?)", "CAL"),
    "bad yearly date": ("calendars: {xx: [\"02-30\"]}\n", "invalid yearly date `02-30`", "\"02-30\""),
    "calendar named like a day": ("calendars: {monthly: [\"12-25\"]}\n", "calendar name `monthly` starts like a day",
                                  "monthly"),
    "special hours past midnight": ("hours: {o: {\"12-31\": \"20:00-02:00\"}}\n", "runs past midnight",
                                    "\"20:00-02:00\""),
}


@pytest.mark.parametrize("name", sorted(HOLIDAY_ERRORS))
def test_holiday_errors_are_positioned(tmp_path, name):
    text, words, at = HOLIDAY_ERRORS[name]
    path = tmp_path / "h.yaml"
    path.write_text("ivrmaze: 1\n" + text + "nodes: {main: {say: x}}\n")
    problems = ivrmaze.load(str(path), strict=False).problems
    found = [p for p in problems if words in p.message]
    assert len(found) == 1 and found[0].severity == "error", [p.message for p in problems]
    line = path.read_text().splitlines()[found[0].line - 1]
    assert line[found[0].column - 1:].startswith(at)


# -- a menu without options --------------------------------------------------------------------
@pytest.mark.parametrize("options", ["", "    options: {}\n"])
def test_a_menu_without_options_is_an_error_at_its_key(tmp_path, options):
    path = tmp_path / "m.yaml"
    path.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    menu: Welcome.\n" + options)
    problems = ivrmaze.load(str(path), strict=False).problems
    assert [(p.kind, p.severity, p.line, p.column, p.node) for p in problems] == [
        ("missing-key", "error", 4, 3, "main")]
    assert "expected at least one option" in problems[0].message


@pytest.mark.parametrize("way_on", ["    no_input: info\n", "    no_match: info\n", '    options: {"1": info}\n'])
def test_a_menu_with_an_option_or_a_way_on_is_no_error(tmp_path, way_on):
    path = tmp_path / "m.yaml"
    path.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    menu: Welcome.\n" + way_on
                    + "  info:\n    say: Goodbye.\n")
    assert ivrmaze.load(str(path), strict=False).problems == []

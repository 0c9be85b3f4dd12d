"""Deploy-time placeholders in Archy files: read as opaque text, listed, filled by --var, positions exact."""
import pytest
from archy_support import flow, line_of, task, translate
from hypothesis import given
from hypothesis import strategies as st

from ivrmaze.errors import SourceError
from ivrmaze.load.archy_text import find_placeholders, parse_archy, quote_placeholders

PLAY = """\
- playAudio:
    name: Greeting
    audio:
      tts: {{ivr_greeting}}
- playAudio:
    name: Mixed
    audio:
      tts: {{first}} and {{second}}   # two in one value
- playAudio:
    name: Inside
    audio:
      exp: AudioPlaybackOptions(ToAudioTTS("{{ivr_callback}}"), false)
- transferToAcd:
    name: Queue
    targetQueue:
      lit:
        name: "{{queue_name}}"
"""


def test_a_value_that_starts_with_a_placeholder_loads_as_the_text_written():
    tr = translate(flow(task(PLAY)))
    assert tr.problems == []
    got = tr.data["nodes"]
    assert got["Start.Greeting"]["say"] == "{{ivr_greeting}}"
    assert got["Start.Mixed"]["say"] == "{{first}} and {{second}}"
    assert got["Start.Inside"]["say"] == "{{ivr_callback}}"
    assert got["Start.Queue"]["queue"] == "{{queue_name}}"


def test_placeholders_are_listed_at_their_first_use():
    text = flow(task(PLAY + "- playAudio:\n    name: Again\n    audio:\n      tts: {{ivr_greeting}}\n"))
    tr = translate(text)
    assert tr.placeholders == {"ivr_greeting": line_of(text, "{{ivr_greeting}}"), "first": line_of(text, "{{first}}"),
                               "second": line_of(text, "{{second}}"), "ivr_callback": line_of(text, "{{ivr_callback}}"),
                               "queue_name": line_of(text, "{{queue_name}}")}


def test_vars_fill_the_placeholders_they_name_and_leave_the_others():
    tr = translate(flow(task(PLAY)), vars={"ivr_greeting": "Welcome!", "ivr_callback": "We call back.",
                                           "queue_name": "Sales"})
    got = tr.data["nodes"]
    assert got["Start.Greeting"]["say"] == "Welcome!"
    assert got["Start.Inside"]["say"] == "We call back."
    assert got["Start.Mixed"]["say"] == "{{first}} and {{second}}"
    assert got["Start.Queue"]["queue"] == "Sales"


def test_positions_after_a_placeholder_stay_exact():
    text = flow(task(PLAY))
    tr = translate(text)
    assert tr.key_pos[("nodes", "Start.Queue")] == line_of(text, "transferToAcd")
    assert tr.key_pos[("nodes", "Start.Mixed")] == line_of(text, "playAudio", 1)
    # the prompt's value is the audio mapping, which starts at its `tts` key
    assert tr.val_pos[("nodes", "Start.Greeting", "say")] == line_of(text, "tts: {{ivr_greeting}}")


def test_quoting_keeps_the_length_of_the_text_and_of_every_line():
    text = "a: {{x}}\nb:\n  - {{y}}  # c\nc: keep {{z}}\nd: '{{w}}'\n"
    quoted, originals = quote_placeholders(text)
    assert len(quoted) == len(text) and quoted.count("\n") == text.count("\n")
    assert quoted == "a: \"{x}\"\nb:\n  - \"{y}\"  # c\nc: keep {{z}}\nd: '{{w}}'\n"
    assert originals == {(1, 4): "{{x}}", (3, 5): "{{y}}"}


def test_a_file_that_is_not_yaml_even_with_placeholders_quoted_is_a_positioned_syntax_error():
    with pytest.raises(SourceError) as e:
        parse_archy("f.yaml", "inboundCall:\n  name: [unclosed\n  tasks: x\n", {})
    assert e.value.kind == "syntax" and e.value.line >= 2


NAME = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


@given(st.lists(st.tuples(NAME, st.sampled_from(["", "  ", "  # note"])), min_size=1, max_size=6))
def test_any_placeholder_values_parse_with_every_later_position_unchanged(items):
    lines = [f"k{i}: {{{{{name}}}}}{tail}" for i, (name, tail) in enumerate(items)]
    text = "\n".join(lines + ["end: here"]) + "\n"
    parsed = parse_archy("f.yaml", text, {})
    assert parsed.doc.data == {**{f"k{i}": f"{{{{{name}}}}}" for i, (name, _) in enumerate(items)}, "end": "here"}
    assert parsed.doc.key_pos[("end",)] == (len(lines) + 1, 1)
    assert set(find_placeholders(text)) == {name for name, _ in items}


def test_var_on_the_command_line_fills_a_placeholder_of_an_archy_flow():
    from clirun import ivrmaze
    from conftest import FIXTURES

    flow_file = FIXTURES / "platforms" / "archy" / "line" / "main-line.yaml"
    plain = ivrmaze("call", flow_file, input="q\n")
    filled = ivrmaze("call", flow_file, "--var", "welcome_text=Welcome to the bank.", input="q\n")
    assert "{{welcome_text}}" in plain.output and "{{welcome_text}}" not in filled.output
    assert "Welcome to the bank." in filled.output

"""`ivrmaze call`: the transcript, interactive keys, JSON and exit codes."""
import json
import pathlib
import shutil

from clirun import ivrmaze

MOBISTAR = "menus/mobistar-2011.yaml"

BASTA_MONDAY = """\
Calling Mobistar customer line, January 2011 at Mon 10:00 with intent `remove-container`.
welcome         Welcome to Mobistar.
main            For invoices press 1, for technical problems press 2, for anything else press 3.
                You press 3.
switchboard     Switchboard answers.
                Switchboard: that is another department, I will put you through to Facilities.
facilities      Facilities answers. You tell your story again (retell 1).
                Facilities resolves `remove-container`.
Summary: resolved at facilities; 3 hops, 1 retell; `remove-container` resolved.
"""

BASTA_FRIDAY = """\
Calling Mobistar customer line, January 2011 at Fri 16:30 with intent `remove-container`.
welcome         Welcome to Mobistar.
main            For invoices press 1, for technical problems press 2, for anything else press 3.
                You press 3.
switchboard     Switchboard is closed.
main            For invoices press 1, for technical problems press 2, for anything else press 3.
                The menu waits for a key.
Summary: stopped at main, waiting for a key; 3 hops, 0 retells; `remove-container` not resolved.
"""


def test_transcript_resolved(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    r = ivrmaze("call", MOBISTAR, "--at", "Mon 10:00", "--intent", "remove-container", "--keys", "3")
    assert (r.exit_code, r.output) == (0, BASTA_MONDAY)


def test_transcript_closure_announced_and_exit_1(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    r = ivrmaze("call", MOBISTAR, "--at", "Fri 16:30", "--intent", "remove-container", "--keys", "3")
    assert (r.exit_code, r.output) == (1, BASTA_FRIDAY)


def test_interactive(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    r = ivrmaze("call", MOBISTAR, "--at", "Mon 10:00", "--intent", "invoice", input="x\n9\n\n1\n")
    assert r.exit_code == 0
    out = r.output.splitlines()
    prompt = "Keys: 1 billing, 2 tech, 3 switchboard, * main (Enter: nothing, q: hang up)"
    assert out.count(prompt) == 4  # x is refused and asked again, then 9, nothing and 1
    assert "'x' is not a key: press one of 0-9, * or # (several at once: 12), Enter for nothing, q to hang up." in r.output
    assert "You press 9: that is not an option." in r.output and "You press nothing." in r.output
    assert out[-1] == "Summary: resolved at billing; 4 hops, 0 retells; `invoice` resolved."


def test_several_keys_at_once_are_pressed_in_turn(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    call = ("call", "menus/coolblue-charging.yaml", "--at", "Mon 10:00")
    one_by_one = ivrmaze(*call, input="1\n1\n")
    at_once = ivrmaze(*call, input="11\n")
    assert at_once.output.count("Keys: ") == 1 and one_by_one.output.count("Keys: ") == 2  # asked once only
    pressed = [line.strip() for line in at_once.output.splitlines() if "You press" in line]
    assert pressed == [line.strip() for line in one_by_one.output.splitlines() if "You press" in line]
    assert [p.split()[-3:] for p in pressed] == [["You", "press", "1."]] * 2 and "installation" in at_once.output
    for typed in ("1 1", "1,1"):  # the same, but for the line typed (echoed after the prompt)
        assert ivrmaze(*call, input=f"{typed}\n").output.replace(f"> {typed}\n", "> 11\n") == at_once.output
    refused = ivrmaze(*call, input="1x\n")
    assert "'1x' is not a key" in refused.output and "You press" not in refused.output
    assert ivrmaze(*call, "--keys", "11").output == ivrmaze(*call, "--keys", "1,1").output
    assert "You press 1.\n" in ivrmaze(*call, "--keys", "11").output


def test_end_of_input_hangs_up(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    r = ivrmaze("call", MOBISTAR, "--at", "Mon 10:00", "--intent", "invoice", input="")
    assert r.exit_code == 1
    assert r.output.splitlines()[-1] == "Summary: you hung up at main; 1 hop, 0 retells; `invoice` not resolved."


def test_json(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    r = ivrmaze("call", MOBISTAR, "--at", "Mon 10:00", "--keys", "3,,1", "--format", "json")
    data = json.loads(r.output)
    assert r.exit_code == 0
    assert {k: data[k] for k in ("file", "entry", "at", "intent", "keys", "outcome", "hops")} == {
        "file": MOBISTAR, "entry": "phone", "at": "Mon 10:00", "intent": None, "keys": ["3", "", "1"],
        "outcome": "answered", "hops": 2}
    assert data["events"][2] == {"kind": "press", "node": f"{MOBISTAR}#main", "text": "You press 3.", "key": "3"}


def test_usage_errors(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    bad_key = ivrmaze("call", MOBISTAR, "--keys", "3,x")
    assert bad_key.exit_code == 2 and "'x' is not a key" in bad_key.stderr
    bad_intent = ivrmaze("call", MOBISTAR, "--keys", "3", "--intent", "invoices")
    assert bad_intent.exit_code == 2 and "unknown intent 'invoices' (did you mean `invoice`?)" in bad_intent.stderr
    bad_at = ivrmaze("call", MOBISTAR, "--keys", "3", "--at", "Fr 10:00")
    assert bad_at.exit_code == 2 and "invalid day 'Fr' in --at 'Fr 10:00'" in bad_at.stderr
    bad_entry = ivrmaze("call", MOBISTAR, "--keys", "3", "--entry", "chat")
    assert bad_entry.exit_code == 2 and "no entry `chat`" in bad_entry.stderr


def test_broken_file_exits_2(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("ivrmaze: 1\nentry: main\nnodes:\n  main:\n    say: hi\n    next: nowhere\n")
    r = ivrmaze("call", p, "--keys", "1")
    assert r.exit_code == 2 and "goes to `nowhere`, which is not defined" in r.stderr


def test_default_instant_is_now(monkeypatch):
    monkeypatch.chdir(__import__("conftest").ROOT)
    r = ivrmaze("call", MOBISTAR, "--keys", "")
    assert r.exit_code == 0 and r.output.startswith("Calling Mobistar customer line, January 2011 at 20")


def test_a_platform_flow_is_called_with_the_flows_beside_it(tmp_path):
    """Issue 13: `call routing.json` follows a transfer to another flow of its folder (named by
    flow name, not by path) instead of stopping where ivrmaze cannot follow."""
    line = pathlib.Path(__file__).parent / "fixtures" / "platforms" / "connect" / "line"
    shutil.copytree(line, tmp_path / "flows")
    out = ivrmaze("call", tmp_path / "flows" / "routing.json", "--keys", "1").output
    assert "The call goes to another line: Agent transfer." in out
    assert "agent_transfer.json#" in out

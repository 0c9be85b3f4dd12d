"""The menu language, format 1, as data.

One table feeds the loader's checks (known keys, types, required keys), the JSON
Schema (``ivrmaze schema``) and docs/format.md, so the three cannot drift apart.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FORMAT_VERSION = 1

#: What ivrmaze reads as a menu file, in any case (`menu.YAML` too).
MENU_EXTENSIONS = (".yaml", ".yml")

#: DTMF keys a caller can press.
DTMF_KEYS = tuple("0123456789*#")

#: Built-in target that ends the call.
HANGUP = "hangup"

#: A node id may not contain this: it joins file and node id in the graph (``menus/a.yaml#main``).
ID_FORBIDDEN = "#"

#: Besides letters (with their accents) and digits, the only characters an id may hold: node ids,
#: intent ids, schedule and channel names are printed in terminals, logs and annotations, so
#: spaces, newlines and control characters could forge lines there.
ID_PUNCTUATION = "_-.:,"
ID_PATTERN_DOC = "letters, digits and `_` `-` `.` `:` `,`, not empty, no spaces"

#: Node kinds, each named by the key that marks it.
KINDS = ("menu", "say", "queue", "branch", "voicemail", "callback", "external", "decide", "loop", "unknown")

#: `hours: unknown` on a queue, `branch: unknown`: the hours are not in the files (a platform flow
#: whose hours live elsewhere). Analysed as open or closed, both possible. A file that defines a
#: schedule of this name means that schedule.
UNKNOWN_HOURS = "unknown"


@dataclass(frozen=True)
class Field:
    """One key of a mapping in the language."""

    name: str
    #: The value's type; ivrmaze/schema.py maps each to JSON Schema and docs/format.md explains them.
    #: (`int` is a whole number of 1 or more; `text` also takes numbers; `target` is a node id or `hangup`;
    #: `outcome` is the name of one of the node's `outcomes`.)
    type: str
    doc: str
    default: object = None
    required: bool = False
    #: The default applies only when the mapping has this key (a queue's `closed` needs `hours`).
    default_if: str | None = None


# Top-level keys of a menu file.
TOP_LEVEL = (
    Field("ivrmaze", "version", "Format version of the file; always `1`.", required=True),
    Field("name", "text", "Human name of the phone line, used in reports and diagrams."),
    Field("timezone", "timezone", "IANA time zone in which `hours` are written.", default="UTC"),
    Field("entry", "target", "The node where calls on this line start. A file without `entry` is a "
          "part of another line, reached through `external`."),
    Field("channels", "channels", "Other ways in (chat, social media, ...): channel name -> node. "
          "Each is analysed as an entry of its own."),
    Field("calendars", "calendars", "Named holiday calendars, defined once for every schedule: name -> a list "
          "of dates (`2026-12-31`), yearly dates (`12-25`) and countries' public holidays (`{country: NL}`, "
          "`{country: US, subdiv: CA}`)."),
    Field("hours", "hours", "Named opening-hours schedules: name -> schedule."),
    Field("intents", "intents", "What callers want: intent id -> description."),
    Field("nodes", "nodes", "The menu's nodes: node id -> node.", required=True),
    Field("limits", "limits", "Limits and checks for this file (see docs/checks.md)."),
    Field("expect", "expect", "Expectations that `ivrmaze check` verifies (see docs/format.md)."),
)

RESOLVES_DOC = "Intents settled here: a list of intent ids, or `\"*\"` for any intent."
ON_ERROR_DOC = ("Where the call goes when this step fails (a failed lookup, function or transfer): an error "
                "route, a failure path that counts for reachability, dead ends and traps only.")

# Keys allowed on each node kind (besides the kind key itself, listed first).
NODE_FIELDS: dict[str, tuple[Field, ...]] = {
    "menu": (
        Field("menu", "text", "The prompt the caller hears.", required=True),
        Field("audio", "text", "The prompt is a recording: its file or id. `menu` then holds what the recording "
              "says, if known; where it is not, `menu` repeats the `audio` value (a stand-in) and the "
              "announced-keys checks skip the menu."),
        Field("options", "options", "DTMF key (`0`-`9`, `*`, `#`) -> target, or -> `{to: target, label: text}`."),
        Field("no_input", "target", "Where the call goes when the caller presses nothing."),
        Field("no_match", "target", "Where the call goes when the caller presses a key with no option."),
        Field("retries", "int", "How many failed attempts (no input or no match) before `exhausted`.", default=3),
        Field("exhausted", "target", "Where the call goes after `retries` failures.", default=HANGUP),
    ),
    "say": (
        Field("say", "text", "The message the caller hears.", required=True),
        Field("next", "target", "Where the call goes after the message.", default=HANGUP),
        Field("resolves", "resolves", RESOLVES_DOC),
    ),
    "queue": (
        Field("queue", "text", "The team of humans that answers.", required=True),
        Field("hours", "schedule", "The schedule in which the team answers; absent = always open; `unknown`: "
              "hours that are not in the files (open or closed, both possible)."),
        Field("closed", "target", "Where callers go while the team is closed.", default=HANGUP,
              default_if="hours"),
        Field("resolves", "resolves", RESOLVES_DOC),
        Field("transfers", "transfers", "Where agents send a caller they cannot help: a list of targets, "
              "each a node id or `{to: target, warm: true}` (a warm transfer carries the story along)."),
        Field("next", "target", "Where the call goes on after the conversation (while the team is open); "
              "absent = the call ends when the conversation ends."),
    ),
    "branch": (
        Field("branch", "schedule", "The schedule that decides the route; `unknown`: hours that are not in "
              "the files (either route possible).", required=True),
        Field("open", "target", "Where calls go while the schedule is open.", required=True),
        Field("closed", "target", "Where calls go while the schedule is closed.", required=True),
    ),
    "voicemail": (
        Field("voicemail", "text", "The mailbox; the call ends here.", required=True),
        Field("resolves", "resolves", RESOLVES_DOC),
    ),
    "callback": (
        Field("callback", "text", "The team that calls back; the call ends here.", required=True),
        Field("resolves", "resolves", RESOLVES_DOC),
    ),
    "external": (
        Field("external", "external", "Another phone line in another file: a path (relative to this file; "
              "the call goes to that file's `entry`), `{file: path, node: id}` or `{flow: name}`.", required=True),
    ),
    "decide": (
        Field("decide", "text", "What the system decides on data the caller does not choose (a lookup, a "
              "function's result, a staffing check).", required=True),
        Field("outcomes", "outcomes", "Outcome name -> target, or -> `{to: target, label: text}`; at least one. "
              "The system picks one.", required=True),
        Field("assume", "outcome", "An outcome's name: analyse as if the decision always comes out so."),
    ),
    "loop": (
        Field("loop", "int", "How many rounds the loop makes through `again` before it goes to `done`.",
              required=True),
        Field("again", "target", "The loop's body: where each round goes (it usually comes back here).",
              required=True),
        Field("done", "target", "Where the call goes after the last round.", required=True),
    ),
    "unknown": (
        Field("unknown", "text", "What ivrmaze cannot follow (a dynamic transfer, a flow not among the files); "
              "the call leaves what ivrmaze can see.", required=True),
    ),
}

#: The kinds that take `on_error` (an error route), placed before `end`.
ON_ERROR_KINDS = ("decide", "queue", "branch", "external", "voicemail", "callback", "say")
NODE_FIELDS = {kind: fields + ((Field("on_error", "target", ON_ERROR_DOC),) if kind in ON_ERROR_KINDS else ())
               for kind, fields in NODE_FIELDS.items()}

#: `end: intended` on any node: the call is meant to end there (an honest end, docs/checks.md#honest-end).
END_INTENDED = "intended"
#: `end: unwired`: a platform file wires no way on from this step; the platform cuts the call off
#: there (platform readers write it; docs/checks.md#no-way-out).
END_UNWIRED = "unwired"
END_VALUES = (END_INTENDED, END_UNWIRED)
NODE_FIELDS = {kind: (*fields, Field("end", "end", "`intended`: the call is meant to end here, an honest end "
                                    "(see docs/checks.md#honest-end); `unwired`: the platform file wires no way "
                                    "on from this step, so the call is cut off here (see docs/checks.md#no-way-out)."))
               for kind, fields in NODE_FIELDS.items()}

#: `can_fail: true` on a kind that takes `on_error`: its step can fail on the platform (a lookup, a
#: function, a transfer), and missing-error-route asks for its `on_error`.
NODE_FIELDS = {kind: fields + ((Field("can_fail", "bool", "`true`: this step can fail on the platform (a failed "
                                      "lookup, function or transfer), so it needs an `on_error` route (see "
                                      "docs/checks.md#missing-error-route); platform readers set it.",
                                      default=False),) if kind in ON_ERROR_KINDS else ())
               for kind, fields in NODE_FIELDS.items()}

# Keys of small sub-mappings.
OPTION_FIELDS = (
    Field("to", "target", "Where the option leads.", required=True),
    Field("label", "text", "What the option is for, as shown in diagrams."),
)
OUTCOME_FIELDS = (
    Field("to", "target", "Where the outcome leads.", required=True),
    Field("label", "text", "What the outcome means, as shown in diagrams."),
)
TRANSFER_FIELDS = (
    Field("to", "target", "Where the agent transfers the caller.", required=True),
    Field("warm", "bool", "A warm transfer: the agent passes the caller's story on (no retell).", default=False),
)
EXTERNAL_FIELDS = (
    Field("file", "text", "Path of the other menu file, relative to this file (this or `flow`)."),
    Field("flow", "text", "The other flow by name, among the files checked: a platform flow's name, ARN or id, an "
          "ivrmaze file's `name:` or file stem (this or `file`). Not among them: `cannot-follow` (info)."),
    Field("node", "text", "Node in that file; default: its `entry`."),
)

#: Keys of a country's public holidays in a calendar (the `holidays` package's codes).
COUNTRY_FIELDS = (
    Field("country", "text", "The country's ISO 3166 code, such as `NL` or `US`.", required=True),
    Field("subdiv", "text", "A subdivision (state, province, region) code, such as `CA`: its holidays too."),
)

#: Day names in `hours` day specs (case does not matter); ranges like `fri-mon` wrap round.
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Day specs that mean the whole week.
EVERY_DAY = ("daily", "every day", "mon-sun")
#: The key of a schedule that lists closed dates instead of opening hours.
HOLIDAYS = "holidays"
#: The top-level key of the named holiday calendars.
CALENDARS = "calendars"
#: A calendar's name may not start with these (in any case): a schedule's key that does is a day spec.
DAY_STARTS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily", "every")


def all_node_keys() -> set[str]:
    """Every key some node kind accepts."""
    return {f.name for fields in NODE_FIELDS.values() for f in fields}


def is_menu_file(name: str) -> bool:
    """Whether a file name has a menu extension (`.yaml`, `.yml`, in any case)."""
    return name.lower().endswith(MENU_EXTENSIONS)


# Letters and digits as `\w` knows them, and the punctuation: the common case, checked without a loop.
_PLAIN_ID = re.compile(r"[\w.:,\-]+\Z")


def _id_char_ok(c: str) -> bool:
    return c in ID_PUNCTUATION or unicodedata.category(c)[0] in "LMN"


def id_problem(text: str) -> str | None:
    """What makes ``text`` unusable as an id (``"is empty"``, ``"contains a space"``), or None."""
    if _PLAIN_ID.match(text):
        return None
    if not text:
        return "is empty"
    bad = next((c for c in text if not _id_char_ok(c)), None)
    if bad is None:
        return None
    if bad.isspace():
        return ("contains a newline" if bad in "\r\n\u2028\u2029\x85" else
                "contains a tab" if bad == "\t" else "contains a space")
    if unicodedata.category(bad)[0] == "C":
        return "contains a control character"
    return f"contains `{bad}`"

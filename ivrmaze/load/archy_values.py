"""Reading Archy's value shapes: literals, expressions, audio, references, DTMF keys, ids.

Archy writes a value as ``{lit: ...}`` (a literal), ``{exp: ...}`` (an expression, known only
when the call runs), ``{var: ...}`` or ``{noValue: true}``; audio as ``{tts: text}``,
``{prompt: name}`` or ``{exp: AudioPlaybackOptions(ToAudioTTS("text"), ...)}``.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

from ..language import id_problem

#: Archy's names of the DTMF keys.
DTMF: dict[str, str] = {**{f"digit_{d}": d for d in "0123456789"}, "star": "*", "pound": "#", "hash": "#"}
#: A reference to a menu or task: ``/inboundCall/menus/menu[Main Menu_10]`` (or ``./menus/menu[...]``).
REF = re.compile(r"(?:^|/)(menus/menu|tasks/task)\[(.*)\]\s*$", re.S)
_TTS = re.compile(r'ToAudioTTS\(\s*"((?:[^"\\]|\\.)*)"')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


class Value(NamedTuple):
    """A value read: its ``text`` (a literal's, or a name), and whether it is only known at run time."""

    text: str
    dynamic: bool


def mapping(v: Any) -> dict[str, Any]:
    """``v`` if it is a mapping, else an empty one: a hostile file may put anything anywhere."""
    return v if isinstance(v, dict) else {}


def seq(v: Any) -> list[Any]:
    """``v`` if it is a list, else an empty one."""
    return v if isinstance(v, list) else []


def scalar(v: Any) -> str | None:
    """A scalar as text (numbers and booleans too), or None."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (str, int, float)):
        return str(v)
    return None


def value(v: Any) -> Value | None:
    """An Archy value: ``{lit: x}`` / ``{lit: {name: x}}`` / ``{name: x}`` / ``{exp: e}`` / ``{var: v}``;
    None for ``noValue`` or nothing."""
    if scalar(v) is not None:
        return Value(str(scalar(v)), False)
    m = mapping(v)
    lit = m.get("lit")
    if lit is not None:
        text = scalar(lit) if not isinstance(lit, dict) else scalar(lit.get("name"))
        return Value(text, False) if text is not None else None
    if scalar(m.get("name")) is not None:
        return Value(str(scalar(m["name"])), False)
    for key in ("exp", "var"):
        if scalar(m.get(key)) is not None:
            return Value(str(scalar(m[key])), True)
    return None


def number(v: Any) -> int | None:
    """A literal whole number (``{lit: 3}``), or None (absent, ``noValue``, an expression)."""
    got = value(v)
    if got is None or got.dynamic:
        return None
    try:
        return int(float(got.text))
    except ValueError:
        return None


def audio(v: Any) -> tuple[str | None, str | None]:
    """(the text-to-speech text, the recording's name) of an audio value; either may be None."""
    m = mapping(v)
    if scalar(m.get("tts")) is not None:
        return str(scalar(m["tts"])), None
    exp = scalar(m.get("exp"))
    if exp is not None:
        texts = [t.replace('\\"', '"') for t in _TTS.findall(exp)]
        if texts:
            return " ".join(texts), None
        prompt = re.search(r"\b(Prompt\w*\.\w+)", exp)
        return None, prompt.group(1) if prompt else "an audio expression"
    if scalar(m.get("prompt")) is not None:
        return None, str(scalar(m["prompt"]))
    return None, None


def quoted_names(exp: str) -> list[str]:
    """The string literals of an expression (a flow or queue named in ``FindQueue("Sales")``)."""
    return _STRING.findall(exp)


def reference(ref: Any) -> tuple[str, str] | None:
    """("menu" | "task", the refId or name) of a reference such as
    ``/inboundCall/menus/menu[Main Menu_10]``, or None if it is not one."""
    text = scalar(ref)
    m = REF.search(text) if text is not None else None
    if m is None:
        return None
    return ("menu" if m.group(1).startswith("menus") else "task"), m.group(2).strip()


def dtmf(v: Any) -> str | None:
    """The DTMF key of a choice's ``dtmf`` (``digit_1``, ``star``, ``pound``), or None."""
    text = scalar(v)
    if text is None:
        return None
    text = text.strip().lower()
    if text in DTMF:
        return DTMF[text]
    return text if text in tuple("0123456789*#") else None


def slug(text: str) -> str:
    """``text`` as an ivrmaze id: letters, digits and ``_-.:``, runs of anything else as ``-``."""
    text = unicodedata.normalize("NFC", text)
    out = re.sub(r"[^\w.:-]+", "-", text, flags=re.UNICODE).strip("-")
    out = "".join(c if c.isalnum() or c in "_-.:" else "-" for c in out)
    out = out.replace("#", "-")
    if not out or id_problem(out) is not None:
        out = "x" + "".join(c for c in out if c.isascii() and (c.isalnum() or c in "_-.:"))
    return "x-hangup" if out.lower() == "hangup" else out


"""The phrases a prompt announces keys with ("press 1", "for billing, press 2", "druk op 1"),
one table per language, for announced-keys.

A phrase is a template: words, and ``{key}`` where the key is said. Words match in any case,
with any run of spaces (a folded YAML line too) between them; ``{key}`` matches a DTMF key as a
digit (`1`, not `10`), as a symbol (`*`, `#`) or as words (`one`, `pound`, `the hash key`,
`twee`, `hekje`), and a list of keys joined by commas, `or`, `and`, `of`, `en` ("press 1 or 2").
A phrase may go on as a list of clauses: "press 1 for sales, 2 for support", "for invoices press
1, payments 2, your contract 3": after a phrase, each next clause (after a comma) that starts
with a key followed by `for`/`to`/`voor`/`om`, or that is a few words ending in a key, counts
too. Built-in templates may hold regular expressions; the ones config adds (``key_phrases``)
are plain words, escaped here, so they cannot run away.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

KEY = "{key}"

#: Words for each key, per language; longest first where one starts another.
KEY_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
           "seven": "7", "eight": "8", "nine": "9",
           "the star key": "*", "the star sign": "*", "star key": "*", "star": "*", "asterisk": "*",
           "the pound key": "#", "the pound sign": "#", "the hash key": "#", "the hash sign": "#",
           "pound key": "#", "pound sign": "#", "hash key": "#", "pound": "#", "hash": "#"},
    "nl": {"nul": "0", "één": "1", "een": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6",
           "zeven": "7", "acht": "8", "negen": "9",
           "de sterretjestoets": "*", "het sterretje": "*", "sterretje": "*", "ster": "*",
           "de hekjestoets": "#", "het hekje": "#", "hekje": "#"},
}

#: The phrases per language (templates with ``{key}``; regular expressions allowed here).
PHRASES: Mapping[str, tuple[str, ...]] = {
    "en": ("press {key}", "dial {key}", "push {key}", "key {key}", "enter {key}",
           "(?:select|choose|pick) (?:option |number )?{key}"),
    "nl": ("druk (?:dan |nu )?(?:op )?{key}", "toets (?:dan |nu )?(?:een )?{key}",
           "kies (?:dan |nu )?(?:voor )?(?:optie )?{key}"),
}

#: "..., 2 for support": a key at the start of a clause, then one of these words.
FOLLOW_WORDS = ("for", "to", "voor", "om")
_FOLLOW = "|".join(FOLLOW_WORDS)

#: `one`, `een`: also "one of", "a" in prose; a key only where the clause ends or a list or a
#: purpose follows ("press one for sales", "druk op een of twee"), not a noun ("kies een optie").
_AMBIGUOUS = {"one": r"(?=\s*(?:[.,;:!?)]|$|or\b|and\b|for\b|to\b))",
              "een": r"(?=\s*(?:[.,;:!?)]|$|of\b|en\b|voor\b|om\b))"}
_GAP = re.compile(r"\s+")
#: Between the keys of a list, once spaces are single: "1, 2", "1 or 2", "1, or 2".
_LIST = re.compile(r" ?, ?(?:(?:or|and|of|en) )?| (?:or|and|of|en) ", re.IGNORECASE)
#: A template config may add: words and `{key}` once; no other braces (checked in config).
TEMPLATE_MAX = 80


def _word(word: str) -> str:
    body = r"\s+".join(re.escape(w) for w in word.split())
    return body + _AMBIGUOUS.get(word, "")


#: Every key word, longest first (so one that starts another is tried after it).
_KEY_WORDS = tuple(sorted({w for table in KEY_WORDS.values() for w in table}, key=len, reverse=True))
#: Word sets a key expression is made for, at most: each costs compiling the templates again.
WORD_SETS = 8
_sets: set[tuple[str, ...]] = set()


def _said(text: str) -> tuple[str, ...] | None:
    """The key words that may be said in ``text``, or None for all of them. An expression without
    the others finds the same: a word whose first word is nowhere in the text matches nowhere. Only
    for ASCII text, where IGNORECASE folds no other letter onto an ASCII one (as it folds the Kelvin
    sign or the long s); and for a few word sets, so that texts saying ever other words do not
    compile every template again for each of them."""
    if not text.isascii():
        return None
    low = text.lower()
    words = tuple(w for w in _KEY_WORDS if w.split(maxsplit=1)[0] in low)
    if words not in _sets:
        if len(_sets) >= WORD_SETS:
            return None
        _sets.add(words)
    return words


@lru_cache(maxsize=WORD_SETS + 1)
def _key_pattern(words: tuple[str, ...] | None = None) -> str:
    """The expression of a list of keys; its word alternatives only ``words`` (None: all)."""
    said = _KEY_WORDS if words is None else words  # ``_said`` keeps them in _KEY_WORDS's order
    one = "(?:" + "|".join([r"[0-9](?![0-9])", r"\*", "#", *map(_word, said)]) + ")"
    joined = r"(?:\s*,\s*(?:(?:or|and|of|en)\s+)?|\s+(?:or|and|of|en)\s+)"
    return rf"(?<![\w*#])({one}(?:{joined}{one})*)(?![\w*#])"


def template_problem(text: str) -> str | None:
    """What makes ``text`` unusable as a phrase template (for config), or None."""
    if text.count(KEY) != 1:
        return "holds `{key}` " + ("more than once" if KEY in text else "nowhere") + ", expected it once"
    if "{" in text.replace(KEY, "") or "}" in text.replace(KEY, ""):
        return "holds a brace besides `{key}`, expected words and `{key}`"
    if len(text) > TEMPLATE_MAX:
        return f"is {len(text)} characters long, expected at most {TEMPLATE_MAX}"
    if not text.replace(KEY, "").strip():
        return "has no words besides `{key}`, expected a phrase such as `oprima {key}`"
    return None


def _plain(template: str) -> str:
    """A config template as a regular expression: its words escaped, any spaces between them."""
    return r"\s+".join(re.escape(w).replace(re.escape(KEY), KEY) for w in template.split())


@lru_cache(maxsize=64)
def _templates(extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    r"""The built-in templates, then those of config (``extra``), as expressions, in the order they
    are tried at a position. `\s+` only between words, never next to another run of spaces:
    hostile text of many spaces must not make an expression try every way to split them."""
    templates = [t for lang in PHRASES.values() for t in lang] + [_plain(t) for t in extra]
    return tuple(_GAP.sub(r"\\s+", t) for t in templates)


@lru_cache(maxsize=256)
def _phrase(template: str, words: tuple[str, ...] | None = None) -> re.Pattern[str]:
    """One template as an expression whose group 1 is its keys (its key words ``words``, ``_said``).
    Compiled only for a text its first words are in (``_needle``): with the key expression inside,
    each takes milliseconds, most of a small check's time when all were compiled on every run."""
    return re.compile(rf"(?<!\w)(?:{template.replace(KEY, _key_pattern(words))})", re.IGNORECASE)


@lru_cache(maxsize=256)
def _needle(template: str) -> re.Pattern[str] | None:
    """The template's part before its key: wherever the template matches, this matches at the
    same place, so a text without it cannot hold the template. None when there is no such part."""
    head = template[:template.index(KEY)]
    if not head.strip():
        return None
    try:
        return re.compile(rf"(?<!\w)(?:{head})", re.IGNORECASE)
    except re.error:  # the key inside a group: no part of its own to look for
        return None


@lru_cache(maxsize=WORD_SETS + 1)
def _clause(words: tuple[str, ...] | None = None) -> re.Pattern[str]:
    """The next clause of a list: "..., 2 for support", "..., payments 2"; group 1 is its keys."""
    key = _key_pattern(words)
    return re.compile(rf"[^,.;:!?]{{0,60}}?\s*[,;]\s*(?:(?:or|and|of|en)\s+)?(?:{key}\s+(?:{_FOLLOW})\b"
                      rf"|(?:[^\W\d_]+\s+){{1,5}}?{key}(?=\s*(?:[,.;:!?]|$)))", re.IGNORECASE)


def _phrases_in(text: str, extra: tuple[str, ...], words: tuple[str, ...] | None) -> list[re.Pattern[str]]:
    """The expressions of the templates that may match in ``text``, in the order they are tried."""
    return [_phrase(t, words) for t in _templates(extra) if (n := _needle(t)) is None or n.search(text)]


def _matches(text: str, patterns: list[re.Pattern[str]]) -> Iterator[re.Match[str]]:
    """The matches of the templates one after the other, as ``finditer`` of their alternation
    would give them: at each step the leftmost, of the first template at a tie, then on after it."""
    found = [p.search(text) for p in patterns]
    while True:
        m = None
        for f in found:
            if f is not None and (m is None or f.start() < m.start()):
                m = f
        if m is None:
            return
        yield m
        end = m.end()
        # a template's next match is the one it had, unless that began before ``end``; one with
        # none left has none after ``end`` either
        found = [f if f is None or f.start() >= end else p.search(text, end)
                 for f, p in zip(found, patterns, strict=True)]


def _first(text: str, extra: tuple[str, ...], words: tuple[str, ...] | None) -> re.Match[str] | None:
    return next(_matches(text, _phrases_in(text, extra, words)), None)


def keys_in(said: str) -> list[str]:
    """The DTMF keys a matched list of keys names, in order ("1 or two" -> 1, 2)."""
    words = {w: k for table in KEY_WORDS.values() for w, k in table.items()}
    out: list[str] = []
    # spaces made single first: a split on `\s*,?\s+` of a long run of spaces tries every cut of it
    for part in _LIST.split(_GAP.sub(" ", said.strip())):
        p = _GAP.sub(" ", part.strip().lower())
        k = p if p in "0123456789*#" and len(p) == 1 else words.get(p)
        if k and k not in out:
            out.append(k)
    return out


def announced(text: str, extra: Iterable[str] = ()) -> dict[str, str]:
    """Key -> the first phrase of ``text`` that announces it ("press 2", "payments 2"), in the
    order said: each phrase, then the clauses that go on with its list."""
    more, words = tuple(extra), _said(text)  # a part of ``text`` says no other key words
    out: dict[str, str] = {}
    # where a list's clauses were read from: a list read on from there again (a phrase inside a
    # list read before) finds only keys already found, so it stops; else a long list of phrases
    # ("dial 2, kies 3, ...") was read again from each of them, in time quadratic in its length
    walked: set[int] = set()
    for m in _matches(text, _phrases_in(text, more, words)):
        said, end = m.group(1), m.end()
        for k in keys_in(said):
            out.setdefault(k, _GAP.sub(" ", m.group(0).strip()))
        while end not in walked and (c := _clause(words).match(text, end)) is not None:
            walked.add(end)
            said, end = next(g for g in c.groups() if g is not None), c.end()
            inner = _first(c.group(0), more, words)
            shown = _GAP.sub(" ", inner.group(0) if inner else c.group(0)).split(",")[-1].split(";")[-1].strip()
            shown = re.sub(r"^(?:or|and|of|en)\s+", "", shown, flags=re.IGNORECASE)
            for k in keys_in(said):
                out.setdefault(k, shown)
    return out

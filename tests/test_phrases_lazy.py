"""The phrase tables compiled one template at a time, and only for a text that holds a template's
first words (issue 15, target 5: compiling them all was most of a small check's time), find
exactly what the one alternation of every template found: the same keys, phrases and order."""
from __future__ import annotations

import re
import time

from hypothesis import given
from hypothesis import strategies as st

from ivrmaze.checks import _phrases as P


def _alternation(extra: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The expressions as they were: every template in one alternation, and the clause."""
    key = P._key_pattern()
    templates = [t for lang in P.PHRASES.values() for t in lang] + [P._plain(t) for t in extra]
    body = "|".join("(?:" + P._GAP.sub(r"\\s+", t).replace(P.KEY, key) + ")" for t in templates)
    phrases = re.compile(rf"(?<!\w)(?:{body})", re.IGNORECASE)
    clause = re.compile(rf"[^,.;:!?]{{0,60}}?\s*[,;]\s*(?:(?:or|and|of|en)\s+)?(?:{key}\s+(?:{P._FOLLOW})\b"
                        rf"|(?:[^\W\d_]+\s+){{1,5}}?{key}(?=\s*(?:[,.;:!?]|$)))", re.IGNORECASE)
    return phrases, clause


def _announced_before(text: str, extra: tuple[str, ...] = ()) -> dict[str, str]:
    """``announced`` as it was, on the one alternation."""
    phrases, clause = _alternation(extra)
    out: dict[str, str] = {}
    for m in phrases.finditer(text):
        said, end = next(g for g in m.groups() if g is not None), m.end()
        for k in P.keys_in(said):
            out.setdefault(k, P._GAP.sub(" ", m.group(0).strip()))
        while (c := clause.match(text, end)) is not None:
            said, end = next(g for g in c.groups() if g is not None), c.end()
            inner = phrases.search(c.group(0))
            shown = P._GAP.sub(" ", inner.group(0) if inner else c.group(0)).split(",")[-1].split(";")[-1].strip()
            shown = re.sub(r"^(?:or|and|of|en)\s+", "", shown, flags=re.IGNORECASE)
            for k in P.keys_in(said):
                out.setdefault(k, shown)
    return out


# the tables' words, keys, list words and prose, in several cases, with the characters IGNORECASE
# folds onto ASCII letters (the Kelvin sign, the long s, dotted I) and words glued to others
WORDS = ("press", "Press", "PRESS", "dial", "push", "key", "enter", "select", "choose", "pick", "option", "number",
         "druk", "dan", "nu", "op", "toets", "een", "één", "Een", "kies", "voor", "optie", "for", "to", "om", "or",
         "and", "of", "en", "one", "ONE", "two", "zero", "nine", "star", "the", "star key", "hash", "pound",
         "the pound key", "sign", "hekje", "het", "sterretje", "de", "1", "2", "10", "0", "*", "#", "sales",
         "billing", "payments", "oprima", "ahora", "now", "\u212aey", "pre\u017fs", "\u0130", "press1", "x",
         "pressing", "kiesen")
SEPS = (" ", " ", " ", "  ", ", ", ",", ". ", "; ", ";", "\n", "\n  ", "\t", "", "!", "?", ": ", ") ", "_", "-")
#: config templates: new words, one that says a built-in's words again (the first template at a
#: position must win a tie), the key in the middle or first, and a word glued to the key
EXTRAS = ((), ("oprima {key}",), ("kies {key} voor", "press {key} now"), ("{key} para ventas",),
          ("druk {key} nu", "x{key}"), ("press {key}",))
#: pieces of lists of keys, so that drawn texts hold phrases that go on for several clauses, and
#: phrases inside a list read before
PIECES = ("press 1", "press one", ", 2 for sales", ", payments 3", " or 4", "kies een", ", voor x druk 5",
          ", to y 6", " for billing", ", and hash to z", ", 7", "dial 7", "select option 8", "toets een 9")
texts = st.lists(st.tuples(st.sampled_from(WORDS + PIECES * 5), st.sampled_from(SEPS)), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts))


@given(texts, st.sampled_from(EXTRAS))
def test_lazy_templates_find_what_the_alternation_found(text, extra):
    got = P.announced(text, extra)
    assert got == _announced_before(text, extra)
    assert list(got) == list(_announced_before(text, extra))  # the order said, too


def test_the_cases_that_decide_which_template_wins():
    # at one position the first template that matches wins, config's after the built-ins
    for text, extra in (("Kies een voor sales.", ("kies {key} voor",)), ("Press 1 now, 2 now.", ("press {key} now",)),
                        ("Toets een voor x, druk 2 nu, kies 3.", ("druk {key} nu",)),
                        ("press1 or press 2, x3, 4 for sales", ("x{key}",)),
                        # lists of several clauses, and a phrase inside a list read before
                        ("Press 1 for sales, 2 for support, or 3 for billing, payments 4.", ()),
                        ("press 1 or kies 2, x 3, dial 4 for y, 5 for z; and hash to w.", ())):
        assert P.announced(text, extra) == _announced_before(text, extra), text


def test_a_text_without_a_templates_words_compiles_no_template():
    P._phrase.cache_clear()
    assert P.announced("Welcome to Mobistar. Your call may be recorded.") == {}
    assert P._phrase.cache_info().currsize == 0
    assert P.announced("For invoices press 1, for anything else press 3.") == {"1": "press 1", "3": "press 3"}
    assert P._phrase.cache_info().currsize == 1  # `press {key}` alone


def test_many_matches_stay_linear():
    text = "press 1 or " * 5_000 + "dial 2, kies 3, " * 2_000 + "x"
    start = time.monotonic()
    P.announced(text, ("oprima {key}",))
    assert time.monotonic() - start < 5


@given(texts, st.sampled_from(EXTRAS))
def test_only_the_key_words_a_text_says_find_the_same(text, extra):
    # each text gets the expressions of its own word set (``_said``), never the fallback to all
    P._sets.clear()
    words = P._said(text)
    assert (words is None) == (not text.isascii())
    assert P.announced(text, extra) == _announced_before(text, extra)
    assert list(P.announced(text, extra)) == list(_announced_before(text, extra))


def test_a_small_check_compiles_small_expressions_and_few_of_them():
    P._sets.clear()
    text = "For invoices press 1, for technical problems press 2, for anything else press 3."
    assert P._said(text) == ()  # digits only: no word alternatives
    assert len(P._key_pattern(())) < len(P._key_pattern()) / 5
    P._sets.clear()
    said = [P._said(f"press {w}") for w in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                            "zero")]
    assert all(s is not None for s in said[:P.WORD_SETS]) and said[P.WORD_SETS] is None  # then all words
    assert P._said("dr\u00fck \u00e9\u00e9n") is None  # not ASCII: every word
    P._sets.clear()

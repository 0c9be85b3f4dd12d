"""Test helpers that ship with ivrmaze: Hypothesis strategies for menu files.

``menus()`` draws valid menu files as plain data; ``dump()`` writes one as YAML text.
``instants(maze)`` and ``key_sequences(maze)`` draw when a caller calls and what they press;
``assert_no_traps``, ``assert_resolvable`` and ``assert_guaranteed`` check a maze and show the
route that broke (docs/testing.md); an intent, file or entry the maze does not have raises
``UsageError`` with a did-you-mean, not ``AssertionError``.
"""
from .asserts import assert_guaranteed, assert_no_traps, assert_resolvable
from .keys import key_sequences
from .strategies import dump, menus
from .times import instants

__all__ = ["menus", "dump", "instants", "key_sequences", "assert_no_traps", "assert_resolvable", "assert_guaranteed"]

"""Test helpers that ship with ivrmaze: Hypothesis strategies for menu files.

``menus()`` draws valid menu files as plain data; ``dump()`` writes one as YAML text.
"""
from .strategies import dump, menus

__all__ = ["menus", "dump"]

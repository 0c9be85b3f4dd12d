"""Expectations written in menu files (`expect:`)."""
from __future__ import annotations


def check_expect_block(value, path, checker) -> list:
    from .loader import describe

    if not isinstance(value, list):
        checker.report("type", f"`expect` is {describe(value)}, expected a list of expectations", path, value=True)
        return []
    return value

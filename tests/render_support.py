"""Graphviz and headless Chromium for the render and review tests.

Under CI (``CI=true``) a missing tool fails the test; on a laptop the test skips and says how to
install what is missing (``make test`` installs both when it can).
"""
from __future__ import annotations

import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what: str, how: str):
    msg = f"{what} is not available; {how}"
    if under_ci():
        pytest.fail(f"{msg} (CI=true: this test must run, not skip)", pytrace=False)
    pytest.skip(msg)


def require_dot() -> str:
    exe = shutil.which("dot")
    if exe is None:
        missing("Graphviz's `dot`", "install it with `sudo apt-get install graphviz` (or `make test`, which does)")
    return exe


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    return None


def require_browser():
    """A (playwright module, chromium executable) pair, or skip/fail with how to install them."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("Playwright", "install it with `pip install -e '.[test]'` (or `make test`, which does)")
    exe = chromium_path()
    if exe is None:
        missing("Chromium", "install it with `sudo apt-get install chromium` (or `make test`, which does)")
    return exe


def artifact(name: str) -> pathlib.Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


#: Menu text that must come out as text: DOT syntax, Graphviz escapes, HTML and SVG markup, script.
HOSTILE = [
    'Say "hi" \\ back\\slash \\N \\l \\G \\',
    "<b>bold</b> & &amp; &lt;tag&gt; &#60;script&#62;",
    "</text><script>alert(1)</script><!-- x --> ]]>",
    "line one\nline two",
    "Émoji 📞 café, ça va? één — Zoë",
    '"><img src=x onerror=alert(1)>',
    "{ } [ ] ; -> -- digraph x { a -> b }",
]


def hostile_menu() -> dict:
    """A menu file (as data) with HOSTILE text in every place text can go."""
    nodes = {"café-menu": {"menu": HOSTILE[0], "options": {}}}
    for i, text in enumerate(HOSTILE):
        nodes["café-menu"]["options"][str(i + 1)] = {"to": f"n{i}", "label": text}
        nodes[f"n{i}"] = {"say": text} if i % 2 else {"queue": text, "resolves": ["x"], "hours": "office"}
    return {"ivrmaze": 1, "name": HOSTILE[2], "entry": "café-menu", "intents": {"x": HOSTILE[1]},
            "hours": {"office": {"mon-fri": "09:00-17:00"}}, "nodes": nodes}

"""Maze analysis, pure: the five metrics per phone line, intent and window, and what the checks read.

``compute(maze, instant=None)`` splits the week into windows of constant state, analyses each
distinct state once (``state.analyze_state``) and groups windows with equal metrics into
``rows``. It knows neither config nor checks: ``ivrmaze.lint`` runs those over its result.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .computed import Computed, Line, compute
from .result import Analysis, IntentMetrics

if TYPE_CHECKING:
    from ..maze import Maze

__all__ = ["compute", "Computed", "Line", "Analysis", "IntentMetrics", "analyze"]


def analyze(maze: Maze, at: Any = None, config: Any = None, *, chances: bool = True) -> Analysis:
    """``ivrmaze.lint.lint`` under its old name."""
    # SHIM(lead): remove once maze.py, render/review.py, cli/drawing.py, cli/analysis_options.py,
    # diff/metrics.py and tests/test_checks.py call ivrmaze.lint.lint (an upward import until then)
    from ..lint import lint

    return lint(maze, at, config, chances=chances)

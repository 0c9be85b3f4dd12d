"""Maze analysis, pure: the five metrics per phone line, intent and window, and what the checks read.

``compute(maze, instant=None)`` splits the week into windows of constant state, analyses each
distinct state once (``state.analyze_state``) and groups windows with equal metrics into
``rows``. It knows neither config nor checks: ``ivrmaze.lint`` runs those over its result.
"""
from __future__ import annotations

from .computed import Computed, Line, compute
from .result import Analysis, IntentMetrics

__all__ = ["compute", "Computed", "Line", "Analysis", "IntentMetrics"]

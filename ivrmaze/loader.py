"""SHIM(lead): delete once config.py (H3) and cli/commands/call.py (H5) import these from ivrmaze.words.

The loader itself is the package ivrmaze/load/.
"""
from __future__ import annotations

from .words import describe, display_path, suggest

__all__ = ["describe", "display_path", "suggest"]

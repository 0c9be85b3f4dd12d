"""Limits and enabled checks: defaults < .ivrmaze.yaml < a file's `limits:` block < CLI options."""
from __future__ import annotations

DEFAULT_LIMITS = {"max_options": 5, "max_hops": 5, "max_retells": 1}
LIMIT_DOCS = {
    "max_options": "most option keys a menu may offer (too-many-options)",
    "max_hops": "most hops the best route may take (too-deep)",
    "max_retells": "most retells the best route may ask (too-many-retells)",
}


def check_limits_block(value, path, checker) -> dict:
    """Validate a `limits:` block; report problems through ``checker``; return the clean dict."""
    from .kinds import KINDS
    from .loader import describe, suggest

    if not isinstance(value, dict):
        checker.report("config", f"`limits` is {describe(value)}, expected a mapping such as `max_options: 5`",
                       path, value=True)
        return {}
    out = {}
    known = set(DEFAULT_LIMITS) | {"checks"}
    for key, v in value.items():
        kp = path + (key,)
        if key not in known:
            checker.report("config", f"unknown limit `{key}`{suggest(key, known)}, expected one of "
                           f"{', '.join(sorted(known))}", kp)
        elif key == "checks":
            if not isinstance(v, dict):
                checker.report("config", f"`checks` is {describe(v)}, expected a mapping of check -> true/false "
                               "or error/warning/info", kp, value=True)
                continue
            checks = {}
            for name, setting in v.items():
                cp = kp + (name,)
                if name not in KINDS:
                    checker.report("config", f"unknown check `{name}`{suggest(name, KINDS)}, expected a finding "
                                   "kind from docs/checks.md", cp)
                elif setting not in (True, False, "error", "warning", "info"):
                    checker.report("config", f"`{name}` is {setting!r}, expected true, false, error, warning or info",
                                   cp, value=True)
                else:
                    checks[name] = setting
            out["checks"] = checks
        elif isinstance(v, bool) or not isinstance(v, int) or v < 0:
            checker.report("config", f"`{key}` is {v!r}, expected a whole number of 0 or more", kp, value=True)
        else:
            out[key] = v
    return out

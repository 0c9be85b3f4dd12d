"""What each platform does with a call that goes round without end: the runtime caps that the
trap and endless-reprompt messages name (``MenuFile.platform``; None for ivrmaze's own YAML)."""
from __future__ import annotations

#: platform -> what happens to a call that goes round for ever there.
RUNTIME_CAPS: dict[str, str] = {
    "genesys-archy": "Genesys Cloud ends a call after 10,000 actions, so callers who go round here are "
                     "disconnected without a word",
    "twilio-studio": "Twilio Studio ends the execution when one widget runs 10 times in a row or after 1,000 "
                     "steps, so callers who go round here are disconnected",
    "amazon-connect": "Amazon Connect documents no cap on the actions of one contact, so the call goes on "
                      "until the caller hangs up",
    "asterisk": "Asterisk has no cap: an endless loop is an endless call",
}


def cap_text(platform: str | None) -> str:
    """``; <what the platform does>`` for a message, or nothing (ivrmaze YAML, an unknown platform)."""
    text = RUNTIME_CAPS.get(platform or "")
    return f"; {text}" if text else ""

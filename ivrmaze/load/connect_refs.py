"""Amazon Connect references and texts made readable: flows, queues, Lambdas, prompts, ids.

Connect flows name other resources by ARN (``arn:aws:connect:...:instance/ID/contact-flow/ID``),
by id, by a JSONPath read at run time (``$.Attributes.QueueARN``), or, in flows kept in git, by
a deploy-time template reference: Terraform's ``${var.contact_flows_map["NAME"]}`` or a
``{{contactFlows.NAME.arn}}`` placeholder. ``ref_name`` reduces each to the name or id other
files know the resource by; ``is_dynamic`` tells the run-time ones, which ivrmaze cannot follow.
"""
from __future__ import annotations

import re

from .. import language as L

_TERRAFORM = re.compile(r"""^\$\{\s*(?:var|local)\.[\w-]+\s*\[\s*["']([^"']+)["']\s*\]\s*\}$""")
_TERRAFORM_ATTR = re.compile(r"^\$\{\s*[\w.-]*?([\w-]+)\.(?:arn|id)\s*\}$")
_MUSTACHE = re.compile(r"^\{\{\s*[\w-]+\.([^.}\s]+)(?:\.[\w-]+)?\s*\}\}$")
_ARN = re.compile(r"^arn:aws[\w-]*:(?:connect|lambda):[^:]*:[^:]*:(.+)$")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
#: Operators of Connect conditions, as a word for outcome names and a sign for labels.
OPERATORS = {
    "Equals": ("is", "="), "NumberGreaterThan": ("over", ">"), "NumberLessThan": ("under", "<"),
    "NumberGreaterOrEqualTo": ("at-least", ">="), "NumberLessOrEqualTo": ("at-most", "<="),
    "TextContains": ("contains", "contains"), "TextStartsWith": ("starts", "starts with"),
    "TextEndsWith": ("ends", "ends with"),
}


def is_dynamic(value: object) -> bool:
    """Whether a parameter is read at run time (a JSONPath such as ``$.Attributes.QueueARN``)."""
    return isinstance(value, str) and value.strip().startswith("$.")


def ref_name(value: str) -> str:
    """The name or id a reference stands for: the key of a template map, the resource of an ARN
    (its last id, or a Lambda's function name), or the value itself."""
    text = value.strip()
    for pattern in (_TERRAFORM, _MUSTACHE, _TERRAFORM_ATTR):
        m = pattern.match(text)
        if m:
            return m.group(1)
    m = _ARN.match(text)
    if m:
        resource = m.group(1)
        if resource.startswith("function:"):  # arn:aws:lambda:...:function:NAME[:alias]
            return resource.split(":")[1]
        return resource.rsplit("/", 1)[-1]
    return text


def placeholders(value: str) -> list[str]:
    """The deploy-time placeholders in a text (``${...}``, ``{{...}}``), as written."""
    return re.findall(r"\$\{[^}]*\}|\{\{[^}]*\}\}", value)


def speech(text: str) -> str:
    """SSML or text as a caller hears it: tags dropped, spaces joined."""
    return _SPACES.sub(" ", _TAG.sub(" ", text)).strip()


def slug(text: str) -> str:
    """``text`` as an ivrmaze id: every character an id may not hold becomes `-`."""
    out = "".join(c if L.id_problem(c) is None and c != L.ID_FORBIDDEN else "-" for c in text)
    out = re.sub("-{2,}", "-", out).strip("-")
    return out or "action"


def short(ident: str) -> str:
    """A long Identifier (a UUID) shortened for messages: its first 8 characters and `…`."""
    return ident if len(ident) <= 24 else ident[:8] + "\u2026"


def outcome_name(operator: str, operands: list[str]) -> tuple[str, str]:
    """(outcome name, label) of a Connect condition: `Equals ["GM-Main"]` -> (`is-GM-Main`, `= GM-Main`)."""
    word, sign = OPERATORS.get(operator, (operator, operator))
    shown = " or ".join(operands) if operands else "(nothing)"
    return slug(f"{word}-{'-'.join(operands)}") if operands else slug(word), f"{sign} {shown}"

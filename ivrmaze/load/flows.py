"""What flows call each other by: a flow's names, and the name a reference to a flow holds.

Platform readers call ``flow_ref`` on a transfer's target (``TransferToFlow``, a Studio
``run-subflow``, an Archy transfer to a flow) and write ``external: {flow: NAME}``; once every file
is loaded, ``external.link_externals`` finds NAME among every file's ``flow_names``.
"""
from __future__ import annotations

import os
import re

from ..model import MenuFile

_TEMPLATE = re.compile(r"""\$\{\s*var\.[\w-]+\[\s*["']([^"'\]]+)["']\s*\]\s*\}"""   # ${var.map["NAME"]}
                       r"""|\{\{\s*[\w-]+\.([^.\s}]+)(?:\.[\w-]+)?\s*\}\}"""           # {{contactFlows.NAME.arn}}
                       r"""|\$\{\s*[\w-]+\.([^.\s}]+)(?:\.[\w-]+)?\s*\}""")            # ${flows.NAME.arn}
_ARN = re.compile(r"^arn:aws[\w-]*:connect:[^:]*:[^:]*:instance/[^/]+/(?:contact-flow|flow-module)/([\w-]+)$")


def flow_ref(text: str) -> str | None:
    """The flow a reference names, as other flows' ``names`` hold it: a template reference
    (``${var.contact_flows_map["NAME"]}``, ``{{contactFlows.NAME.arn}}``) -> NAME, a Connect ARN
    (``arn:aws:connect:...:contact-flow/ID``) -> ID, a plain name -> itself; None for nothing
    (empty, or a dynamic reference such as ``$.Attributes.FlowARN``)."""
    text = text.strip()
    if not text or text.startswith("$."):
        return None
    m = _TEMPLATE.fullmatch(text)
    if m:
        return next(g for g in m.groups() if g)
    m = _ARN.match(text)
    return m.group(1) if m else text


def flow_names(mf: MenuFile) -> set[str]:
    """What other files may call ``mf`` by: a platform flow's ``names``; an ivrmaze file's
    `name:`; and the file stem (name without extension) of either."""
    stem = os.path.splitext(os.path.basename(mf.abspath))[0]
    return {*mf.names, stem, *([mf.name] if mf.name else [])}

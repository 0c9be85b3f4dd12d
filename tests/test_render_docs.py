"""docs/diagrams.md explains every shape, line and mark the style table can draw."""
from conftest import ROOT

from ivrmaze.render import styles


def test_docs_explain_the_style_table():
    text = (ROOT / "docs" / "diagrams.md").read_text(encoding="utf-8")
    for doc in [*styles.KIND_DOCS.values(), *styles.EDGE_DOCS.values(), *styles.MARK_DOCS.values(),
                *styles.EDGE_MARK_DOCS.values()]:
        assert doc in text, doc

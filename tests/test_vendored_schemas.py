"""The vendored schemas are the published files, unchanged (see tests/data/README.md)."""
import hashlib
import json

import jsonschema
import pytest
from conftest import ROOT

DATA = ROOT / "tests" / "data"
HASHES = {
    "sarif-schema-2.1.0.json": "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e",
    "github-workflow.schema.json": "d10c9f4656e1bd5bc6727e9b35080e017dc167154726fca93da33c7a6bd1c4f3",
}


@pytest.mark.parametrize("name", sorted(HASHES))
def test_vendored_schema_is_the_published_file(name):
    raw = (DATA / name).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == HASHES[name]
    schema = json.loads(raw)
    jsonschema.validators.validator_for(schema).check_schema(schema)

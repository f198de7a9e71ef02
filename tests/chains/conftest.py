"""Fixtures for the chain tests: the import fixtures, and a small chain map."""

from __future__ import annotations

import pytest

from tests.ingest import conftest as ingest_fixtures

# The import fixtures (files, importer, roster), shared with tests/ingest.
files = ingest_fixtures.files
importer = ingest_fixtures.importer
roster = ingest_fixtures.roster

MAP_HEADER = ["chain", "node", "parent", "name", "stream", "classes", "strength"]
# 有色金属: 氧化铝 → 电解铝 → {铝加工, 铝材深加工(assessed 弱)}, plus a top segment 热电.
NONFERROUS_MAP = [
    MAP_HEADER,
    ["nonferrous", "N1", "", "氧化铝", "上游", "3216", ""],
    ["nonferrous", "N2", "N1", "电解铝", "中游", "3216", ""],
    ["nonferrous", "N3", "N2", "铝加工", "下游", "3252", ""],
    ["nonferrous", "N4", "N2", "铝材深加工", "下游", "3311;3312", "弱"],
    ["nonferrous", "N0", "", "热电", "上游", "4411", ""],
]


@pytest.fixture
def chain_map(importer, files, roster):
    result = importer("chain-map", files.csv(NONFERROUS_MAP))
    assert result.status == "committed", result.errors
    return result

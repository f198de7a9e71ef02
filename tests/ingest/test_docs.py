"""docs/imports.md lists every column (key and 中文表头) and every reference series."""

from pathlib import Path

import pytest

from gongxin.ingest.schemas import SCHEMAS
from gongxin.ingest.series import SERIES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "imports.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_column_is_documented(kind):
    for column in SCHEMAS[kind].columns:
        assert f"| `{column.key}` | {column.label}" in DOC, column.key


def test_every_series_is_documented():
    for code in SERIES:
        assert f"| `{code}` |" in DOC, code

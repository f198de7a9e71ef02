from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pytest

from gongxin.engine import Engine

from .snapshot_builder import build_snapshot


@pytest.fixture
def engine_for() -> Callable[[dict[str, Any]], Engine]:
    """An engine over a tiny snapshot built from a spec dict."""
    connections: list[duckdb.DuckDBPyConnection] = []

    def make(spec: dict[str, Any]) -> Engine:
        con = build_snapshot(spec)
        connections.append(con)
        return Engine(con)

    yield make
    for con in connections:
        con.close()

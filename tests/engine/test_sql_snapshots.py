"""The SQL the engine emits, kept as reviewed files: a formula change shows as a SQL diff.

Regenerate after an intended change with ``GONGXIN_UPDATE_SNAPSHOTS=1 pytest tests/engine``.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
import sqlglot

from gongxin.engine import Engine
from gongxin.scope import Scope

from .snapshot_builder import build_snapshot

SNAPSHOTS = Path(__file__).with_name("snapshots")
REQUESTS = {
    "va_by_region_with_comparisons": dict(
        indicators=["va_growth_ytd", "va_contribution_ytd", "va_rank_change", "target_va_growth"],
        period="2024-04",
        by="region",
    ),
    "counts_by_industry_as_of": dict(
        indicators=["industries_growth_ge10", "loss_ratio_ytd", "enterprises"],
        period="2024-01",
        by="industry",
        as_of=datetime(2024, 2, 15, 12, 0),
    ),
    "enterprises_in_a_county": dict(
        indicators=["output_growth_ytd", "stalled_firms"],
        period="2024-06",
        by="enterprise",
        scope=Scope.county("371502"),
    ),
    # a county's own divisions: --filter region=371522 --by industry
    "industries_of_a_county": dict(
        indicators=["va_growth_ytd", "va_rank_ytd", "va_share_ytd", "industries_growth_ge10"],
        period="2024-04",
        by="industry",
        filters=["region=371522", "chain=nev"],
    ),
}


# The same request again, on a snapshot with the derived table em_ytd (no as_of: fast path).
DERIVED_REQUESTS = {
    "va_by_region_with_comparisons_em_ytd": REQUESTS["va_by_region_with_comparisons"],
    "industries_of_a_county_em_ytd": REQUESTS["industries_of_a_county"],
}

# Filters name members; the snapshots are otherwise empty.
MEMBERS = {
    "member": [
        {"dim": "region", "code": "371522", "name": "莘县"},
        {"dim": "chain", "code": "nev", "name": "新能源汽车"},
    ]
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_snapshot(MEMBERS))


@pytest.fixture(scope="module")
def derived_engine() -> Engine:
    return Engine(build_snapshot(MEMBERS, derived=True))


@pytest.mark.parametrize("name", sorted(REQUESTS) + sorted(DERIVED_REQUESTS))
def test_generated_sql_matches_the_snapshot(
    engine: Engine, derived_engine: Engine, name: str
) -> None:
    if name in DERIVED_REQUESTS:
        sql = derived_engine.plan(**DERIVED_REQUESTS[name]).text()  # type: ignore[arg-type]
        assert "em_ytd" in sql
    else:
        sql = engine.plan(**REQUESTS[name]).text()  # type: ignore[arg-type]
    path = SNAPSHOTS / f"{name}.sql"
    if os.environ.get("GONGXIN_UPDATE_SNAPSHOTS"):
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"missing snapshot {path.name}; run with GONGXIN_UPDATE_SNAPSHOTS=1"
    assert sql == path.read_text(encoding="utf-8"), (
        f"generated SQL differs from {path.name}; review and regenerate with "
        "GONGXIN_UPDATE_SNAPSHOTS=1"
    )


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_generated_sql_runs_and_transpiles_to_spark(engine: Engine, name: str) -> None:
    plan = engine.plan(**REQUESTS[name])  # type: ignore[arg-type]
    for step in plan.steps:
        sqlglot.transpile(step.sql, read="duckdb", write="spark", unsupported_level="raise")
    engine.query(**REQUESTS[name])  # type: ignore[arg-type]


@pytest.mark.parametrize("fast", [False, True], ids=["general", "em_ytd"])
def test_the_cube_sql_transpiles_to_spark(
    engine: Engine, derived_engine: Engine, fast: bool
) -> None:
    catalog = engine.catalog
    plan = (derived_engine if fast else engine).plan(
        indicators=list(catalog.indicators), period="2024-03", by=list(catalog.dimensions)
    )
    assert ("em_ytd" in plan.text()) == fast
    for step in plan.steps:
        sqlglot.transpile(step.sql, read="duckdb", write="spark", unsupported_level="raise")

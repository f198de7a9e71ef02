"""The engine's public behaviour: errors, scope, ordering, cube, caching, independence."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from gongxin.engine import Engine, EngineError
from gongxin.engine.errors import BAD_PERIOD, UNKNOWN_DIMENSION, UNKNOWN_INDICATOR
from gongxin.scope import Scope

from .snapshot_builder import build_snapshot

SRC = Path(__file__).resolve().parents[2] / "src"

TWO_COUNTIES: dict[str, Any] = {
    "enterprise": [
        {"uscc": "A1", "region": "371502", "name": "甲厂"},
        {"uscc": "A2", "region": "371502", "name": "乙厂"},
        {"uscc": "B1", "region": "371503", "name": "丙厂"},
    ],
    "above_scale": [{"uscc": "A1"}, {"uscc": "A2"}, {"uscc": "B1"}],
    "monthly": [
        {"uscc": "A1", "ym": 202401, "output": 10, "output_py": 8},
        {"uscc": "A2", "ym": 202401, "output": 20, "output_py": 20},
        {"uscc": "B1", "ym": 202401, "output": 30, "output_py": 25},
    ],
}


@pytest.fixture
def engine() -> Engine:
    return Engine(build_snapshot(TWO_COUNTIES))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"indicators": ["va_growht_ytd"], "period": "2024-01"}, UNKNOWN_INDICATOR),
        ({"indicators": ["output_ytd"], "period": "2024-01", "by": "county"}, UNKNOWN_DIMENSION),
        ({"indicators": ["output_ytd"], "period": "2024-13"}, BAD_PERIOD),
        ({"indicators": ["output_ytd"], "period": "202401"}, BAD_PERIOD),
        ({"indicators": [], "period": "2024-01"}, "请至少指定一个指标"),
    ],
)
def test_it_rejects_a_bad_request_in_chinese(
    engine: Engine, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(EngineError) as excinfo:
        engine.query(**kwargs)
    text = str(excinfo.value)
    assert text.startswith(message.split("{")[0])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_unknown_indicator_message_names_the_indicator(engine: Engine) -> None:
    with pytest.raises(EngineError, match="va_growht_ytd"):
        engine.query(indicators=["va_growht_ytd"], period="2024-01")


def test_a_county_scope_restricts_enterprise_rows_only(engine: Engine) -> None:
    county = Scope.county("371502")
    rows = engine.query(indicators=["output_ytd"], period="2024-01", by="enterprise", scope=county)
    assert [(r["member"], r["name"]) for r in rows.rows] == [("A1", "甲厂"), ("A2", "乙厂")]
    regions = engine.query(indicators=["output_ytd"], period="2024-01", by="region", scope=county)
    assert regions.values("output_ytd") == {"371502": 30.0, "371503": 30.0}
    everything = engine.query(indicators=["output_ytd"], period="2024-01", by="enterprise")
    assert list(everything.values("output_ytd")) == ["A1", "A2", "B1"]


def test_rows_have_the_contract_shape(engine: Engine) -> None:
    result = engine.query(indicators=["output_ytd", "enterprises"], period="2024-01", by="region")
    assert result.rows[0] == {
        "indicator": "output_ytd",
        "member": "371502",
        "name": "371502",
        "value": 30.0,
        "unit": "万元",
    }
    assert [r["indicator"] for r in result.rows] == ["output_ytd"] * 2 + ["enterprises"] * 2
    assert all(isinstance(r["value"], int) for r in result.rows if r["indicator"] == "enterprises")
    assert result.data_version == "1"


def test_a_tz_aware_as_of_is_read_as_utc(engine: Engine) -> None:
    spec = {
        **TWO_COUNTIES,
        "monthly": [
            {"uscc": "A1", "ym": 202401, "output": 10, "recorded_at": datetime(2024, 2, 1, 2)}
        ],
    }
    engine = Engine(build_snapshot(spec))
    beijing = timezone(timedelta(hours=8))
    before = engine.query(
        indicators=["output_ytd"], period="2024-01", as_of=datetime(2024, 2, 1, 9, tzinfo=beijing)
    )
    after = engine.query(
        indicators=["output_ytd"], period="2024-01", as_of=datetime(2024, 2, 1, 2, tzinfo=UTC)
    )
    assert before.values("output_ytd") == {"371500": None}  # 01:00 UTC: not yet recorded
    assert after.values("output_ytd") == {"371500": 10.0}


def test_results_are_cached_per_data_version(engine: Engine) -> None:
    first = engine.query(indicators=["output_ytd"], period="2024-01")
    assert engine.query(indicators=["output_ytd"], period="2024-01") is first


def test_the_cube_covers_every_applicable_indicator_and_dimension(engine: Engine) -> None:
    cube = engine.cube(period="2024-01")
    pairs = {(r["dim"], r["indicator"]) for r in cube.rows}
    catalog = engine.catalog
    for indicator in catalog.indicators.values():
        for dim in catalog.dimensions:
            applicable = dim in indicator.dims
            # every dimension has at least one member here except chain (no memberships)
            if dim != "chain":
                assert ((dim, indicator.id) in pairs) == applicable, (dim, indicator.id)
    assert len(cube) == len(cube.rows)


def test_values_are_never_nan_or_infinite(engine: Engine) -> None:
    for row in engine.cube(period="2024-01").rows:
        value = row["value"]
        assert value is None or (value == value and abs(value) != float("inf"))


def test_the_engine_imports_nothing_from_django() -> None:
    code = (
        "import sys, gongxin.engine, gongxin.engine.engine, gongxin.engine.compiler; "
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(SRC)})


def _random_city(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    regions = ["371502", "371503", "371521"]
    divisions = ["13", "26", "34", "38"]
    spec: dict[str, Any] = {"enterprise": [], "above_scale": [], "monthly": [], "reference": []}
    for i in range(40):
        uscc = f"E{i:03d}"
        spec["enterprise"].append(
            {
                "uscc": uscc,
                "region": rng.choice(regions),
                "division": rng.choice(divisions),
                "size": rng.choice(["大型", "中型", "小型", None]),
                "ownership": rng.choice(["国有", "私营", None]),
                "high_tech": rng.random() < 0.3,
            }
        )
        spec["above_scale"].append({"uscc": uscc, "from_ym": rng.choice([None, 202402])})
        for month in range(1, 5):
            if rng.random() < 0.9:
                output = rng.uniform(10, 200)
                py = rng.choice([None, rng.uniform(10, 200)])
                spec["monthly"].append(
                    {"uscc": uscc, "ym": 202400 + month, "output": output, "output_py": py}
                )
            if rng.random() < 0.5:
                spec["monthly"].append(
                    {"uscc": uscc, "ym": 202300 + month, "output": rng.uniform(10, 200)}
                )
    for division in divisions:
        spec["reference"].append(
            {"series": "va_ratio", "scope": division, "period": "2024", "value": rng.random()}
        )
        for month in range(1, 5):
            spec["reference"].append(
                {
                    "series": "ppi",
                    "scope": division,
                    "period": f"2024-{month:02d}",
                    "value": rng.uniform(90, 110),
                }
            )
    return spec


@pytest.mark.parametrize("by", ["region", "industry", "size", "ownership", "high_tech"])
@pytest.mark.parametrize("seed", [1, 2])
def test_over_a_partition_contributions_sum_to_100_and_pulls_to_the_city_growth(
    by: str, seed: int
) -> None:
    engine = Engine(build_snapshot(_random_city(seed)))
    asked = ["va_contribution_ytd", "va_pull_ytd", "va_growth_ytd", "va_share_ytd"]
    parts = engine.query(indicators=asked, period="2024-04", by=by)
    city = engine.query(indicators=["va_growth_ytd"], period="2024-04").value(
        "va_growth_ytd", "371500"
    )
    assert sum(v or 0 for v in parts.values("va_contribution_ytd").values()) == pytest.approx(100)
    assert sum(v or 0 for v in parts.values("va_pull_ytd").values()) == pytest.approx(city)
    assert sum(v or 0 for v in parts.values("va_share_ytd").values()) == pytest.approx(100)


def test_chain_contributions_need_not_sum_to_100() -> None:
    spec = {
        "enterprise": [{"uscc": "A"}, {"uscc": "B"}],
        "above_scale": [{"uscc": "A"}, {"uscc": "B"}],
        "enterprise_chain": [
            {"uscc": "A", "chain": "nonferrous"},
            {"uscc": "A", "chain": "auto"},
            {"uscc": "B", "chain": "auto"},
        ],
        "monthly": [
            {"uscc": "A", "ym": 202401, "output": 120, "output_py": 100},
            {"uscc": "B", "ym": 202401, "output": 110, "output_py": 100},
        ],
    }
    engine = Engine(build_snapshot(spec))
    result = engine.query(indicators=["va_contribution_ytd"], period="2024-01", by="chain")
    # city increase 30 (no PPI, no ratio: both count as 1); A's 20 counts on both of its chains
    assert result.values("va_contribution_ytd") == pytest.approx(
        {"auto": 100.0, "nonferrous": 200 / 3}
    )


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (["region"], "筛选条件有误"),
        (["county=371502"], "筛选条件有误"),
        (["region=999999"], "筛选条件 region=999999 中的代码不存在"),
        (["high_tech=yes"], "筛选条件 high_tech=yes 中的代码不存在"),
    ],
)
def test_a_bad_filter_is_refused_in_chinese(
    engine: Engine, filters: list[str], message: str
) -> None:
    with pytest.raises(EngineError, match=message):
        engine.query(indicators=["output_ytd"], period="2024-01", by="enterprise", filters=filters)


def test_a_filter_keeps_the_scope_on_enterprise_rows(engine: Engine) -> None:
    # carol's county filtered to bob's region: the county user still sees no foreign firm
    county = Scope.county("371502")
    rows = engine.query(
        indicators=["output_ytd"],
        period="2024-01",
        by="enterprise",
        scope=county,
        filters=["region:371503"],
    )
    assert rows.rows == []
    totals = engine.query(
        indicators=["output_ytd"], period="2024-01", scope=county, filters=["region=371503"]
    )
    assert totals.values("output_ytd") == {"371500": 30.0}  # B1 alone

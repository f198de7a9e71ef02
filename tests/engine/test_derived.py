"""em_ytd (engine/derived.py) is the general path's arithmetic, stored: prove it on random data.

The same snapshot is queried through the derived table and through the general path (revisions
chosen, bases joined and sums taken per request). Counts and nulls must agree exactly; money
agrees up to the order of floating-point summation (relative 1e-9), which no path fixes either.
"""

from __future__ import annotations

import math
import random
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from benchmarks.datagen import write_snapshot

from gongxin.engine import Engine, derived

from .snapshot_builder import build_snapshot

PERIODS = ["2024-01", "2024-02", "2024-03", "2024-12"]


def _random_spec(seed: int) -> dict[str, Any]:
    """A small city with every awkward case drawn at random (a different mix per seed)."""
    rng = random.Random(seed)
    spec: dict[str, Any] = {"enterprise": [], "above_scale": [], "monthly": [], "reference": []}
    spec["enterprise_chain"] = []
    if seed % 2 == 0:  # a city that publishes 1—2月 together
        spec["meta"] = {"jan_feb_together": "1"}
    spec["enterprise_history"] = []
    spec["above_scale_history"] = []
    spec["enterprise_chain_history"] = []
    divisions = ["13", "26", "35", "39"]
    for k in range(40):
        uscc = f"E{k:03d}"
        spec["enterprise"].append(
            {
                "uscc": uscc,
                "region": rng.choice(["371502", "371503", "371521"]),
                "division": rng.choice(divisions),
                "high_tech": rng.random() < 0.3,
                "key": rng.random() < 0.2,
                "ownership": rng.choice(["国有", "私营", None]),
                "size": rng.choice(["大型", "小型", None]),
            }
        )
        kind = rng.random()
        if kind < 0.6:
            spells = [(None, None)]
        elif kind < 0.75:
            spells = [(202400 + rng.randint(2, 8), None)]
        elif kind < 0.9:
            spells = [(None, 202400 + rng.randint(1, 9))]
        else:
            spells = [(None, 202306), (202400 + rng.randint(1, 5), None)]
        for from_ym, to_ym in spells:
            spec["above_scale"].append({"uscc": uscc, "from_ym": from_ym, "to_ym": to_ym})
        chains = rng.sample(["nev", "chem", "food"], rng.choice([0, 0, 1, 2]))
        for chain in chains:
            spec["enterprise_chain"].append({"uscc": uscc, "chain": chain})
        if rng.random() < 0.4:
            # versioned registry: moved on 2024-07-01 from elsewhere (and off another chain);
            # as of any later moment the history says what the current tables say
            current = spec["enterprise"][-1]
            moved = datetime(2024, 7, 1)
            for region, division, start, end in (
                (rng.choice(["371521", "371502"]), rng.choice(divisions), None, moved),
                (current["region"], current["division"], moved, None),
            ):
                spec["enterprise_history"].append(
                    {
                        "uscc": uscc,
                        "region": region,
                        "industry": division + "10",
                        "division": division,
                        "high_tech": current["high_tech"],
                        "equipment": False,
                        "energy_intensive": False,
                        "valid_from": start or datetime(2020, 1, 1),
                        "valid_to": end,
                    }
                )
            for from_ym, to_ym in spells:
                spec["above_scale_history"].append(
                    {"uscc": uscc, "from_ym": from_ym, "to_ym": to_ym, "valid_from": moved}
                )
            spec["above_scale_history"].append(
                {"uscc": uscc, "valid_from": datetime(2020, 1, 1), "valid_to": moved}
            )
            for chain in [*chains, "old"]:
                spec["enterprise_chain_history"].append(
                    {
                        "uscc": uscc,
                        "chain": chain,
                        "valid_from": datetime(2020, 1, 1) if chain == "old" else moved,
                        "valid_to": moved if chain == "old" else None,
                    }
                )
        for year in (2023, 2024):
            # 1—2月 reported together (stored as February, combined), mostly without January
            combined_year = rng.random() < 0.2
            for month in range(1, 13):
                if rng.random() < 0.08:
                    continue  # missing report
                if combined_year and month == 1 and rng.random() < 0.7:
                    continue
                ym = year * 100 + month
                for revision in range(1, 1 + rng.choice([1, 1, 1, 1, 2, 3])):
                    row: dict[str, Any] = {
                        "uscc": uscc,
                        "ym": ym,
                        "revision": revision,
                        "recorded_at": datetime(year, month, 1)
                        if month < 12
                        else datetime(year, 12, 20),
                        "output": rng.choice([0.0, *[rng.uniform(50, 500) for _ in range(9)]]),
                        "sales": rng.uniform(40, 400),
                        "export": rng.choice([None, rng.uniform(0, 50)]),
                        "revenue": rng.uniform(50, 500),
                        "profit": rng.uniform(-30, 40),
                        "electricity": rng.choice([None, rng.uniform(1, 9)]),
                        "employees": rng.randint(20, 300),
                    }
                    if year == 2024 and rng.random() < 0.3:
                        row["output_py"] = rng.uniform(50, 500)
                        row["profit_py"] = rng.uniform(-20, 30)
                    if revision > 1:
                        row["recorded_at"] = datetime(2025, 1, revision)
                    row["combined"] = combined_year and month == 2
                    spec["monthly"].append(row)
    for division in divisions:
        for year in (2023, 2024):
            for month in range(1, 13):
                if rng.random() < 0.9:
                    spec["reference"].append(
                        {
                            "series": "ppi",
                            "scope": division,
                            "period": f"{year}-{month:02d}",
                            "value": rng.uniform(95, 105),
                        }
                    )
            if rng.random() < 0.8:
                spec["reference"].append(
                    {"series": "va_ratio", "scope": division, "period": str(year), "value": 0.3}
                )
    return spec


def spec_moves(seed: int) -> bool:
    return bool(_random_spec(seed)["enterprise_history"])


def _cube(engine: Engine, period: str, as_of: datetime | None = None) -> dict[Any, Any]:
    result = engine.cube(period=period, as_of=as_of)
    values = {}
    for block in result.blocks:
        for column in block.columns:
            for member, value in result.values(column.indicator, block.dim).items():
                values[(block.dim, column.indicator, member)] = value
    return {"values": values, "notes": result.notes}


def _assert_same(fast: dict[Any, Any], general: dict[Any, Any]) -> None:
    assert fast["notes"] == general["notes"]
    assert set(fast["values"]) == set(general["values"])
    for key, expected in general["values"].items():
        got = fast["values"][key]
        if expected is None or got is None or isinstance(expected, int):
            assert got == expected, key
        else:
            assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9), (key, got, expected)


def _uses_em_ytd(engine: Engine, period: str, as_of: datetime | None = None) -> bool:
    plan = engine.plan(indicators=["va_growth_ytd"], period=period, as_of=as_of)
    return f"FROM {derived.TABLE}" in plan.text() or f"JOIN {derived.TABLE}" in plan.text()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_em_ytd_equals_the_general_path_on_random_data(seed: int) -> None:
    con = build_snapshot(_random_spec(seed), derived=True)
    fast, general = Engine(con), Engine(con, use_derived=False)
    assert _uses_em_ytd(fast, "2024-06") and not _uses_em_ytd(general, "2024-06")
    for period in PERIODS:
        _assert_same(_cube(fast, period), _cube(general, period))
    # as_of after every import is the latest: the general path must give the same figures.
    latest = datetime(2030, 1, 1)
    assert not _uses_em_ytd(fast, "2024-06", latest)
    _assert_same(_cube(fast, "2024-06"), _cube(fast, "2024-06", latest))
    # An earlier as_of never reads em_ytd (it holds the latest revisions only).
    earlier = datetime(2024, 8, 15)
    _assert_same(_cube(fast, "2024-06", earlier), _cube(general, "2024-06", earlier))
    # Before the registry moves of 2024-07-01 the old regions and divisions apply: figures by
    # region differ from today's wherever an enterprise moved (the spec moves some).
    before = _cube(general, "2024-06", datetime(2024, 6, 30))
    if spec_moves(seed):
        assert before["values"] != _cube(general, "2024-06", earlier)["values"]
    con.close()


def test_em_ytd_equals_the_general_path_on_the_benchmark_data(tmp_path: Path) -> None:
    path = tmp_path / "tiny.duckdb"
    write_snapshot(path, 300)
    con = duckdb.connect(str(path), read_only=True)
    fast, general = Engine(con), Engine(con, use_derived=False)
    for period in ["2024-01", "2024-04", "2024-12"]:
        _assert_same(_cube(fast, period), _cube(general, period))
    con.close()


def test_a_snapshot_changed_after_em_ytd_was_built_falls_back_to_the_general_path() -> None:
    con = build_snapshot(_random_spec(4), derived=True)
    engine = Engine(con)
    assert _uses_em_ytd(engine, "2024-06")
    con.execute(
        "INSERT INTO monthly (uscc, ym, revision, recorded_at, output) "
        "VALUES ('E000', 202406, 9, TIMESTAMP '2025-02-01', 1)"
    )
    assert not _uses_em_ytd(engine, "2024-06")
    con.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_em_ytd_reusing_the_previous_snapshot_equals_a_full_build(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The previous snapshot lacks the latest revision of some enterprise-months in a few
    # months (a monthly import then adds them): copying its em_ytd rows that those months
    # cannot reach, and computing the rest, gives the full build's table, row for row.
    spec = _random_spec(seed)
    rng = random.Random(seed)
    added_months = set(rng.sample(sorted({r["ym"] for r in spec["monthly"]}), 1 + seed % 3))
    latest: dict[tuple[str, int], dict[str, Any]] = {}
    for row in spec["monthly"]:
        key = (row["uscc"], row["ym"])
        if key not in latest or row["revision"] > latest[key]["revision"]:
            latest[key] = row
    added = [id(r) for k, r in latest.items() if k[1] in added_months and rng.random() < 0.6]
    previous = build_snapshot(
        {**spec, "monthly": [r for r in spec["monthly"] if id(r) not in added]}, derived=True
    )
    previous.execute(f"ATTACH '{tmp_path / 'prev.duckdb'}' AS prev_file")
    previous.execute("COPY FROM DATABASE memory TO prev_file")
    previous.close()
    full = build_snapshot(spec, derived=True)
    reused = build_snapshot(spec)
    reused.execute(f"ATTACH '{tmp_path / 'prev.duckdb'}' AS prev (READ_ONLY)")
    computed = []
    month_sql = derived.month_sql

    def counting(ym: int, stored: list[tuple[str, str, str]]) -> str:
        computed.append(ym)
        return month_sql(ym, stored)

    monkeypatch.setattr(derived, "month_sql", counting)
    derived.build(reused, reuse="prev", added=added_months)
    query = f"SELECT * FROM {derived.TABLE}"
    assert reused.execute(query).fetchall() == full.execute(query).fetchall()
    meta = f"SELECT value FROM meta WHERE key = '{derived.META_KEY}'"
    assert reused.execute(meta).fetchall() == full.execute(meta).fetchall()
    assert len(computed) < 24  # some months were copied

"""Hand-computed cases (cases/*.yaml) run through the real engine and DuckDB.

Each file holds a tiny snapshot and queries with the expected values; the arithmetic is in
the file's comments. A query may also pin the member order, their names and the exact notes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from gongxin.engine import Engine

from .snapshot_builder import build_snapshot

CASES = Path(__file__).with_name("cases")


def _queries() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, query in enumerate(case["queries"], start=1):
            params.append(
                pytest.param(case["snapshot"], query, id=f"{path.stem}-{number}-{query['period']}")
            )
    return params


@pytest.mark.parametrize("derived", [False, True], ids=["general", "em_ytd"])
@pytest.mark.parametrize(("snapshot", "query"), _queries())
def test_case(snapshot: dict[str, Any], query: dict[str, Any], derived: bool) -> None:
    # Every case runs on both paths: the general one, and the derived table em_ytd that
    # requests without as_of read when the snapshot has it (engine/derived.py).
    con = build_snapshot(snapshot, derived=derived)
    engine = Engine(con)
    as_of = datetime.fromisoformat(query["as_of"]) if "as_of" in query else None
    indicators = query.get("indicators", list(query["expect"]))
    result = engine.query(
        indicators=indicators,
        period=query["period"],
        by=query.get("by", "city"),
        as_of=as_of,
        filters=[(str(d), str(c)) for d, c in (query.get("filters") or {}).items()],
    )
    for indicator, expected in query["expect"].items():
        got = result.values(indicator)
        assert set(got) == {str(m) for m in expected}, indicator
        for member, value in expected.items():
            actual = got[str(member)]
            if value is None:
                assert actual is None, (indicator, member, actual)
            else:
                assert actual == pytest.approx(value, rel=1e-9, abs=1e-9), (indicator, member)
                if isinstance(value, int) and result_unit(engine, indicator) in {"count", "rank"}:
                    assert isinstance(actual, int)
    if "members" in query:
        assert [r["member"] for r in result.rows if r["indicator"] == indicators[0]] == [
            str(m) for m in query["members"]
        ]
    if "names" in query:
        assert [r["name"] for r in result.rows if r["indicator"] == indicators[0]] == query["names"]
    if "notes" in query:
        assert result.notes == query["notes"]
    con.close()


def result_unit(engine: Engine, indicator: str) -> str:
    return engine.catalog.indicators[indicator].unit


def test_every_contract_indicator_has_a_hand_computed_case() -> None:
    contract = {
        "va_growth_ytd", "va_growth_month", "va_contribution_ytd", "va_pull_ytd", "va_rank_ytd",
        "output_ytd", "output_growth_ytd", "sales_ratio_ytd", "export_ytd", "export_growth_ytd",
        "revenue_ytd", "revenue_growth_ytd", "profit_ytd", "profit_growth_ytd",
        "profit_margin_ytd", "loss_firms_ytd", "loss_ratio_ytd", "electricity_ytd",
        "electricity_growth_ytd", "enterprises", "growth_firm_share_ytd", "stalled_firms",
        "industries_active", "industries_growth_ge10",
    }  # fmt: skip
    covered: set[str] = set()
    for path in CASES.glob("*.yaml"):
        for query in yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]:
            covered |= set(query["expect"])
    assert contract - covered == set()

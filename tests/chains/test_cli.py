"""`gongxin chains` through the CLI: the contract's fields, engine totals equal to `query`."""

from __future__ import annotations

import json

import pytest

from tests.chains.conftest import MAP_HEADER
from tests.ingest.files import ALPHA, BETA, DELTA, GAMMA, ROSTER_HEADER

PROBLEM_HEADER = [
    "code", "chain", "node", "uscc", "category", "description", "owner_unit",
    "opened_on", "deadline", "status", "solved_on",
]  # fmt: skip


@pytest.fixture
def city_data(importer, files):
    roster = [
        ROSTER_HEADER,
        [ALPHA, "阿尔法铝业", "371502", "3216", "2020-01", "nonferrous", "链主"],
        [BETA, "贝塔铝材", "371521", "3252", "2020-01", "nonferrous", "骨干"],
        [GAMMA, "伽马铝业", "371502", "3216", "2024-05", "nonferrous", ""],  # above from May
        [DELTA, "德尔塔面粉", "371503", "1311", "2020-01", "agrifood", ""],
    ]
    monthly = [["period", "uscc", "output", "output_py"]]
    for month in (1, 2, 3, 4):
        monthly.append([f"2024-{month:02d}", ALPHA, 1000 + month, 900])
        monthly.append([f"2024-{month:02d}", BETA, 200, 210])
        monthly.append([f"2024-{month:02d}", DELTA, 50, 40])
    chain_map = [
        MAP_HEADER,
        ["nonferrous", "N1", "", "氧化铝", "上游", "3216", ""],
        ["nonferrous", "N2", "N1", "电解铝", "中游", "3216", ""],
        ["nonferrous", "N3", "N2", "铝加工", "下游", "3252", ""],
        ["nonferrous", "N4", "N2", "铝材深加工", "下游", "3311", ""],
    ]
    problems = [
        PROBLEM_HEADER,
        ["P1", "nonferrous", "N2", ALPHA, "要素保障", "电价", "市发改委", "2024-01-10",
         "2024-03-31", "closed", "2024-03-01"],
        ["P2", "nonferrous", "N3", BETA, "用工", "缺技工", "市人社局", "2024-02-01",
         "2024-04-15", "solved", "2024-05-06"],  # solved after April: open and overdue in April
        ["P3", "nonferrous", "", "", "配套", "缺深加工", "", "2024-03-01", "2024-06-30",
         "open", ""],
    ]  # fmt: skip
    activities = [
        ["date", "chain", "kind", "form", "leader", "enterprises", "summary"],
        ["2024-02-20", "nonferrous", "问链", "调度会", "总链长", "", "调度"],
        ["2024-04-08", "nonferrous", "巡链", "现场调研", "链长", ALPHA, "巡链"],
        ["2023-12-08", "nonferrous", "诊链", "专家诊断", "专家组", "", "诊断"],
    ]
    for kind, rows in (
        ("roster", roster),
        ("monthly", monthly),
        ("chain-map", chain_map),
        ("chain-problems", problems),
        ("chain-activities", activities),
    ):
        result = importer(kind, files.csv(rows))
        assert result.status == "committed", (kind, result.errors)


def test_chains_json_has_the_contract_fields(city_data, run_cli):
    code, out, err = run_cli(
        "chains", "--period", "2024-04", "--chain", "nonferrous", "--format", "json"
    )
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["leaders"] == ["副市长（分管工业）"]
    assert row["chief_leaders"] == ["市委书记", "市长"]
    assert row["chief_firms"] == ["阿尔法铝业"]
    # Above scale in April with a membership: ALPHA, BETA (GAMMA only from May).
    assert row["enterprises"] == 2
    # Output Jan–Apr: ALPHA 1001+1002+1003+1004 = 4010, BETA 4 × 200 = 800 → 4810.
    assert row["output_ytd"] == pytest.approx(4810)
    # Nodes: N1, N2 (ALPHA: 3216) 1 firm each; N3 (BETA) 1; N4 none. Leaves N3, N4 → 1 of 2.
    assert (row["nodes"], row["leaf_nodes"], row["covered_leaves"]) == (4, 2, 1)
    assert row["coverage"] == 50.0
    # Problems by 04-30: P1 closed 03-01 (solved); P2 solved 05-06 (open, deadline 04-15 <
    # 04-30: overdue); P3 open, not yet due. Rate 1 ÷ 3 × 100 = 33.33 %.
    assert (row["problems_open"], row["problems_overdue"]) == (2, 1)
    assert row["resolution_rate"] == pytest.approx(100 / 3)
    # Activities 2024-01-01..04-30: 02-20 and 04-08 (2023-12-08 is last year).
    assert row["activities_ytd"] == 2
    for key in ("chain", "name", "va_growth_ytd", "problems_overdue"):
        assert key in row


def test_engine_totals_equal_the_engine(city_data, run_cli):
    _, out, _ = run_cli("chains", "--period", "2024-04", "--format", "json")
    rows = {r["chain"]: r for r in json.loads(out)}
    assert len(rows) == 12
    _, q, _ = run_cli(
        "query", "--indicator", "output_ytd", "--indicator", "va_growth_ytd", "--by", "chain",
        "--period", "2024-04", "--format", "json",
    )  # fmt: skip
    for r in json.loads(q):
        assert rows[r["member"]][r["indicator"]] == r["value"]
    # A chain without a map: no nodes, no coverage.
    assert (rows["ict"]["nodes"], rows["ict"]["coverage"]) == (0, None)


def test_chains_nodes_json_and_table(city_data, run_cli):
    code, out, _ = run_cli(
        "chains", "--period", "2024-04", "--chain", "nonferrous", "--nodes", "--format", "json"
    )
    assert code == 0
    nodes = json.loads(out)
    assert [(n["node"], n["enterprises"], n["strength"]) for n in nodes] == [
        ("N1", 1, "弱"), ("N2", 1, "弱"), ("N3", 1, "弱"), ("N4", 0, "缺"),
    ]  # fmt: skip
    # In May GAMMA (3216) joins: N1, N2 have 2 firms, still 弱.
    _, out, _ = run_cli(
        "chains", "--period", "2024-05", "--chain", "nonferrous", "--nodes", "--format", "json"
    )
    assert json.loads(out)[0]["enterprises"] == 2
    code, out, _ = run_cli("chains", "--period", "2024-04", "--chain", "nonferrous", "--nodes")
    assert code == 0 and "铝材深加工" in out and "缺" in out
    code, out, _ = run_cli("chains", "--period", "2024-04")
    assert code == 0 and "有色金属" in out and "50.0" in out


def test_bad_requests_are_clear(city_data, run_cli):
    code, _, err = run_cli("chains", "--period", "2024-04", "--chain", "steel")
    assert code != 0 and "steel" in err
    code, _, err = run_cli("chains", "--period", "2024-04", "--nodes")
    assert code != 0 and "--chain" in err


def test_overdue_problems_reach_the_warnings_center(city_data, run_cli):
    # The monthly import evaluated 2024-04 before the problems were imported: re-evaluate.
    code, out, err = run_cli("alerts", "--period", "2024-04", "--reevaluate", "--format", "json")
    assert code == 0, err
    chain_warnings = [w for w in json.loads(out) if w["scope"] == "chain"]
    # P2 (solved only on 05-06, deadline 04-15) is the one overdue problem at 2024-04-30.
    assert [(w["kind"], w["member"], w["level"], w["value"]) for w in chain_warnings] == [
        ("chain_overdue", "nonferrous", "yellow", 1)
    ]
    assert "P2" in chain_warnings[0]["message"]

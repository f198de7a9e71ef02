"""The demo city, loaded as a user would and queried through `gongxin query`, reproduces the
figures Liaocheng published (shared/seeds): the generator writes records only, the engine
computes the figures.
"""

import json

import pytest

from tests.demo.conftest import gongxin

pytestmark = pytest.mark.slow


def query(env, *args: str) -> list[dict]:
    done = gongxin(env, "query", *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("period", "published"),
    [("2024-04", 7.9), ("2023-12", 9.0), ("2023-10", 8.8)],
)
def test_city_value_added_growth_matches_the_published_figure(demo_env, period, published):
    [row] = query(demo_env, "--indicator", "va_growth_ytd", "--period", period)
    assert row["member"] == "371500" and row["unit"] == "%"
    assert row["value"] == pytest.approx(published, abs=0.1)


def test_fourteen_of_thirty_two_divisions_grew_ten_percent_or_more(demo_env):
    rows = query(
        demo_env,
        "--indicator",
        "industries_active",
        "--indicator",
        "industries_growth_ge10",
        "--period",
        "2024-04",
    )
    values = {r["indicator"]: r["value"] for r in rows}
    assert values == {"industries_active": 32, "industries_growth_ge10": 14}
    by_division = query(
        demo_env, "--indicator", "va_growth_ytd", "--period", "2024-04", "--by", "industry"
    )
    growing = [r for r in by_division if r["value"] is not None and r["value"] >= 10]
    assert len(growing) == 14


def test_high_tech_manufacturing_grew_as_published(demo_env):
    rows = query(
        demo_env, "--indicator", "va_growth_ytd", "--period", "2024-04", "--by", "high_tech"
    )
    high_tech = next(r for r in rows if r["member"] == "1")
    assert high_tech["name"] == "高技术制造业"
    assert high_tech["value"] == pytest.approx(18.4, abs=0.1)


def test_the_gaps_to_province_and_nation_are_the_published_ones(demo_env):
    rows = query(
        demo_env,
        "--indicator",
        "va_gap_to_province_ytd",
        "--indicator",
        "va_gap_to_nation_ytd",
        "--period",
        "2023-10",
    )
    gaps = {r["indicator"]: r["value"] for r in rows}
    assert gaps["va_gap_to_province_ytd"] == pytest.approx(1.9, abs=0.1)
    assert gaps["va_gap_to_nation_ytd"] == pytest.approx(4.7, abs=0.1)


def appeal_stats(env, start: str, end: str) -> dict:
    done = gongxin(env, "appeals", "stats", "--from", start, "--to", end, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)[-1]


def test_appeals_2023_619_solved_at_99_0_percent(demo_env):
    # 2023年 "诉求通" 解决企业诉求619件，问题解决率99%.
    city = appeal_stats(demo_env, "2023-01-01", "2023-12-31")
    assert city["solved"] == 619
    assert round(city["solve_rate"], 1) == 99.0


def test_appeals_2024_january_to_april_solve_rate_98_6(demo_env):
    # 2024年1—4月 问题解决率98.6%.
    city = appeal_stats(demo_env, "2024-01-01", "2024-04-30")
    assert round(city["solve_rate"], 1) == 98.6

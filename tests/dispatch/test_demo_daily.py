"""The demo's daily electricity adds up to its monthly reports and has halts and holiday dips."""

import datetime as dt
from collections import defaultdict

import pytest

from gongxin.demo import generate, records
from gongxin.demo.daily import daily_rows
from gongxin.dispatch.detection import HALTED, judge
from gongxin.dispatch.rules import dispatch_rules
from gongxin.dispatch.workdays import holiday_calendar


@pytest.fixture(scope="module")
def demo():
    recs = records(generate(size=300))
    return recs, daily_rows(recs.roster, recs.monthly)


def test_the_days_of_a_month_sum_to_the_monthly_report(demo):
    recs, rows = demo
    months: dict[tuple[str, str], float] = defaultdict(float)
    for r in rows:
        months[(r["uscc"], r["date"][:7])] += float(r["electricity"])
    reported = {
        (m["uscc"], m["period"]): float(m["electricity"])
        for m in recs.monthly
        if "2024-04" <= m["period"] <= "2024-06" and m["electricity"]
    }
    assert months.keys() == reported.keys()
    for key, total in reported.items():
        assert months[key] == pytest.approx(total, abs=0.005), key


def test_it_is_deterministic_and_dips_on_holidays(demo):
    recs, rows = demo
    assert daily_rows(recs.roster, recs.monthly) == rows
    by_day: dict[str, float] = defaultdict(float)
    for r in rows:
        by_day[r["date"]] += float(r["electricity"])
    assert by_day["2024-05-01"] < 0.95 * by_day["2024-05-06"]  # 劳动节 vs the Monday after
    assert by_day["2024-06-10"] < 0.95 * by_day["2024-06-11"]  # 端午节 (metals keep running)


def test_some_firms_halt_and_resume(demo):
    _, rows = demo
    readings: dict[str, dict[dt.date, float]] = defaultdict(dict)
    for r in rows:
        readings[r["uscc"]][dt.date.fromisoformat(r["date"])] = float(r["electricity"])
    days = [dt.date(2024, 5, 1) + dt.timedelta(days=i) for i in range(61)]
    judged = judge(readings, days, holiday_calendar(), dispatch_rules())
    halted = {u for d in days for u, j in judged[d].items() if j.status == HALTED}
    assert 1 <= len(halted) <= 0.1 * len(readings)
    resumed = {u for u in halted if judged[days[-1]][u].status != HALTED}
    assert resumed

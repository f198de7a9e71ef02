"""Baselines and halted detection on tiny hand-made series (week of 2024-05-06 and before)."""

import datetime as dt

import pytest

from gongxin.dispatch.detection import (
    HALTED,
    MISSING,
    NO_BASELINE,
    NORMAL,
    NOT_JUDGED,
    days_between,
    judge,
)
from gongxin.dispatch.rules import DispatchRules, Window, dispatch_rules
from gongxin.dispatch.workdays import RESTDAY, WORKDAY, holiday_calendar

D = dt.date
CAL = holiday_calendar()


def rules(**changes) -> DispatchRules:
    base = dict(
        windows={WORKDAY: Window(14, 3), RESTDAY: Window(28, 2)},
        warmup_days=42,
        min_baseline=0.01,
        halted_share=0.3,
        rest_days="compare",
    )
    return DispatchRules(**{**base, **changes})


def steady(first: D, last: D, work: float, rest: float) -> dict[D, float]:
    """A plant using ``work`` on working days and ``rest`` on rest days."""
    return {d: work if CAL.kind(d) == WORKDAY else rest for d in days_between(first, last)}


def test_the_bundled_rules_are_the_documented_defaults():
    r = dispatch_rules()
    assert (r.windows[WORKDAY], r.windows[RESTDAY]) == (Window(14, 3), Window(28, 2))
    assert (r.halted_share, r.rest_days, r.min_baseline) == (0.3, "compare", 0.01)


def test_the_baseline_is_the_mean_of_the_same_kind_of_days_in_the_window():
    day = D(2024, 6, 3)  # Monday
    series = steady(D(2024, 5, 13), D(2024, 6, 2), 10.0, 2.0)
    series[D(2024, 5, 31)] = 16.0  # Friday: window 5/20 … 6/2 has ten working days
    series[day] = 9.0
    j = judge({"A": series}, [day], CAL, rules())[day]["A"]
    assert j.baseline == pytest.approx((9 * 10 + 16) / 10)
    assert j.status == NORMAL


@pytest.mark.parametrize(("reading", "status"), [(3.0, NORMAL), (2.99, HALTED), (0.0, HALTED)])
def test_halted_means_below_the_share_and_exactly_at_it_is_producing(reading, status):
    day = D(2024, 6, 3)
    series = steady(D(2024, 5, 13), D(2024, 6, 2), 10.0, 10.0)
    series[day] = reading
    assert judge({"A": series}, [day], CAL, rules())[day]["A"].status == status


def test_a_long_halt_stays_a_halt_and_resumption_is_seen():
    series = steady(D(2024, 4, 1), D(2024, 4, 30), 10.0, 10.0)
    for d in days_between(D(2024, 5, 6), D(2024, 5, 31)):
        series[d] = 0.2  # halted for four weeks: its own halted days do not lower the baseline
    series[D(2024, 6, 3)] = 9.5
    days = [D(2024, 5, 31), D(2024, 6, 3)]
    judged = judge({"A": series}, days, CAL, rules())
    assert judged[D(2024, 5, 31)]["A"].status == HALTED
    assert judged[D(2024, 5, 31)]["A"].halted_since == D(2024, 5, 6)
    assert judged[D(2024, 5, 31)]["A"].baseline == pytest.approx(10.0)
    assert judged[D(2024, 6, 3)]["A"].status == NORMAL


def test_a_holiday_is_compared_with_rest_days_not_working_days():
    day = D(2024, 5, 1)  # 劳动节
    series = steady(D(2024, 3, 20), D(2024, 4, 30), 10.0, 2.0)
    series[day] = 1.5  # 15 % of a working day, 75 % of a rest day
    j = judge({"A": series}, [day], CAL, rules())[day]["A"]
    assert (j.kind, j.baseline, j.status) == (RESTDAY, pytest.approx(2.0), NORMAL)


def test_an_adjusted_working_saturday_is_compared_with_working_days():
    day = D(2024, 5, 11)  # Saturday worked for May Day
    series = steady(D(2024, 4, 1), D(2024, 5, 10), 10.0, 2.0)
    series[day] = 2.0  # a rest-day level on a working day: halted
    j = judge({"A": series}, [day], CAL, rules())[day]["A"]
    assert (j.kind, j.status) == (WORKDAY, HALTED)


def test_rest_days_are_not_judged_when_the_rules_say_skip():
    day = D(2024, 5, 12)
    series = steady(D(2024, 4, 1), D(2024, 5, 12), 10.0, 0.0)
    assert judge({"A": series}, [day], CAL, rules(rest_days="skip"))[day]["A"].status == NOT_JUDGED


def test_without_enough_comparable_days_or_a_reading_nothing_is_judged():
    day = D(2024, 6, 5)
    young = {D(2024, 6, 3): 5.0, D(2024, 6, 4): 5.0, day: 0.0}  # two working days of history
    idle = steady(D(2024, 5, 1), day, 0.001, 0.001)  # below min_baseline
    silent = steady(D(2024, 5, 1), D(2024, 6, 4), 10.0, 10.0)  # no reading today
    judged = judge({"Y": young, "I": idle, "S": silent}, [day], CAL, rules())[day]
    assert (judged["Y"].status, judged["I"].status, judged["S"].status) == (
        NO_BASELINE,
        NO_BASELINE,
        MISSING,
    )

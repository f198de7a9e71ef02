"""Working and rest days from city/data/holidays.yaml."""

import datetime as dt

import pytest

from gongxin.dispatch.workdays import RESTDAY, WORKDAY, holiday_calendar, parse_calendar
from gongxin.errors import UserError

D = dt.date


@pytest.mark.parametrize(
    ("day", "kind", "label"),
    [
        (D(2024, 5, 1), RESTDAY, "劳动节"),
        (D(2024, 5, 5), RESTDAY, "劳动节"),
        (D(2024, 5, 6), WORKDAY, "工作日"),
        (D(2024, 5, 11), WORKDAY, "调休上班"),  # a Saturday worked for the May Day holiday
        (D(2024, 5, 12), RESTDAY, "周日"),
        (D(2024, 6, 10), RESTDAY, "端午节"),
        (D(2022, 12, 31), RESTDAY, "元旦"),  # the 2023 New Year holiday began in 2022
        (D(2025, 2, 8), WORKDAY, "调休上班"),
        (D(2023, 10, 6), RESTDAY, "中秋节、国庆节"),
    ],
)
def test_it_knows_holidays_and_adjusted_working_days(day, kind, label):
    calendar = holiday_calendar()
    assert (calendar.kind(day), calendar.label(day)) == (kind, label)


def test_every_adjusted_working_day_is_a_weekend():
    assert all(day.weekday() >= 5 for day in holiday_calendar().workdays)


def test_it_refuses_a_year_it_does_not_know():
    with pytest.raises(UserError, match="节假日安排缺少 2030 年"):
        holiday_calendar().kind(D(2030, 1, 2))


def test_a_day_both_holiday_and_working_day_is_an_error():
    text = """
years:
  2024:
    holidays: [{name: 元旦, from: 2024-01-01, to: 2024-01-01}]
    workdays: [2024-01-01]
"""
    with pytest.raises(UserError, match="既是假日又是调休上班日"):
        parse_calendar(text, "test.yaml")

"""Working-day limits on the holiday calendar: the worked example of docs/appeals.md."""

import datetime as dt
import re
from pathlib import Path

from gongxin.appeals.deadlines import add_working_days, working_days_left

DOC = (Path(__file__).resolve().parents[2] / "docs" / "appeals.md").read_text(encoding="utf-8")


def test_the_day_itself_does_not_count_whatever_the_hour():
    # Tuesday 2024-04-30: the next working day is Monday 6 May (劳动节 1–5 May).
    assert add_working_days(dt.date(2024, 4, 30), 1) == dt.date(2024, 5, 6)


def test_three_and_fifteen_working_days_across_labour_day_and_its_working_saturday():
    start = dt.date(2024, 4, 30)
    assert add_working_days(start, 3) == dt.date(2024, 5, 8)
    # 6–10 May (5), Saturday 11 May is a 调休 working day (6), 13–17 (11), 20–23 (15).
    assert add_working_days(start, 15) == dt.date(2024, 5, 23)


def test_a_submission_on_a_rest_day_counts_from_the_next_working_day():
    # Saturday 2024-05-04 (holiday): 1 working day → Monday 6 May.
    assert add_working_days(dt.date(2024, 5, 4), 1) == dt.date(2024, 5, 6)
    # Friday 2024-02-09, before 春节 (10–17 Feb; Sunday 18 Feb is a working day).
    assert add_working_days(dt.date(2024, 2, 9), 1) == dt.date(2024, 2, 18)


def test_days_left_and_late():
    due = dt.date(2024, 5, 8)
    assert working_days_left(due, dt.date(2024, 5, 6)) == 2
    assert working_days_left(due, due) == 0
    assert working_days_left(due, dt.date(2024, 5, 9)) == -1
    # Only rest days between the limit (Friday) and today (Sunday): still late.
    assert working_days_left(dt.date(2024, 5, 17), dt.date(2024, 5, 19)) == -1


def test_the_documented_example_is_the_computed_one():
    block = DOC.split("## Worked example")[1].split("\n## ")[0]
    found = dict(re.findall(r"\| (sign|answer|solve) \| \d+ \| (\d{4}-\d{2}-\d{2})", block))
    start = dt.date(2024, 4, 30)
    assert found == {
        "sign": add_working_days(start, 1).isoformat(),
        "answer": add_working_days(start, 3).isoformat(),
        "solve": add_working_days(start, 15).isoformat(),
    }

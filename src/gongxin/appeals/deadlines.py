"""Working-day limits on the holiday calendar.

A limit of N working days from a moment on day D ends at the end of the N-th working day after
D; D itself does not count, whatever the hour. A step is on time when it happens on or before
that day (local time). Example (2024): an appeal submitted on Tuesday 30 April at 15:00, before
the 劳动节 holiday of 1–5 May, must be signed by Monday 6 May (1 working day), answered by
Wednesday 8 May (3) and solved by Thursday 23 May (15: 6–10 May, the 调休 Saturday 11 May,
13–17 May, 20–23 May).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongxin.dispatch.workdays import WORKDAY, HolidayCalendar, holiday_calendar


def add_working_days(day: dt.date, days: int, calendar: HolidayCalendar | None = None) -> dt.date:
    """The N-th working day after ``day`` (``day`` itself does not count)."""
    calendar = calendar or holiday_calendar()
    current, counted = day, 0
    while counted < days:
        current += dt.timedelta(days=1)
        if calendar.kind(current) == WORKDAY:
            counted += 1
    return current


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day of ``moment`` in the platform's time zone (Asia/Shanghai)."""
    if timezone.is_naive(moment):
        return moment.date()
    return timezone.localtime(moment).date()


def working_days_left(due: dt.date, today: dt.date, calendar: HolidayCalendar | None = None) -> int:
    """Working days from ``today`` (exclusive) to ``due`` (inclusive); negative when late.

    0 means the limit ends today; a negative number that it has passed (at least -1, even when
    only rest days lie between the limit and today).
    """
    calendar = calendar or holiday_calendar()
    if due >= today:
        count, current = 0, today
        while current < due:
            current += dt.timedelta(days=1)
            if calendar.kind(current) == WORKDAY:
                count += 1
        return count
    count, current = 0, due
    while current < today:
        current += dt.timedelta(days=1)
        if calendar.kind(current) == WORKDAY:
            count += 1
    return min(-1, -count)

"""Baselines and halted-firm detection over daily readings: pure functions, no database.

For each enterprise and day, in date order from ``warmup_days`` before the first day asked:

* the day's kind is a working day or a rest day (``workdays.py``);
* its **baseline** is the mean of the enterprise's readings on days of the same kind in the
  ``window_days`` calendar days before, leaving out days on which it was itself judged halted
  (a halt must not lower the yardstick it is measured with). With fewer than ``min_days`` such
  days the last baseline of that kind is held — so a long halt stays a halt — or, if there is
  none yet, the enterprise is not judged (``no_baseline``);
* its **status**: ``missing`` without a reading; ``no_baseline`` as above or when the baseline
  is below ``min_baseline``; ``halted`` when the reading is below ``share`` × baseline (exactly
  at the share is producing); otherwise ``normal``. With ``rest_days: skip`` every rest day is
  ``not_judged``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from gongxin.dispatch.rules import DispatchRules
from gongxin.dispatch.workdays import RESTDAY, HolidayCalendar

NORMAL = "normal"
HALTED = "halted"
MISSING = "missing"
NO_BASELINE = "no_baseline"
NOT_JUDGED = "not_judged"
STATUS_NAMES = {
    NORMAL: "正常生产",
    HALTED: "疑似停产",
    MISSING: "未报送",
    NO_BASELINE: "无基线",
    NOT_JUDGED: "休息日不判定",
}

# "Exactly at the share" must survive float arithmetic (0.3 × 10 is not always 3.0).
_EPSILON = 1e-9

Readings = Mapping[str, Mapping[dt.date, float]]  # uscc -> day -> 万千瓦时


@dataclass(frozen=True)
class Judgement:
    uscc: str
    day: dt.date
    kind: str
    reading: float | None
    baseline: float | None
    status: str
    # First day of the halt this day belongs to (missing and unjudged days do not break it).
    halted_since: dt.date | None = None

    @property
    def share(self) -> float | None:
        """The reading as a share of the baseline (0.25 = a quarter of normal use)."""
        if self.reading is None or not self.baseline:
            return None
        return self.reading / self.baseline


def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def judge(
    readings: Readings,
    days: Iterable[dt.date],
    calendar: HolidayCalendar,
    rules: DispatchRules,
) -> dict[dt.date, dict[str, Judgement]]:
    """Judgements for every enterprise in ``readings`` on every day asked (and only those)."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    run = days_between(wanted[0] - dt.timedelta(days=rules.warmup_days), wanted[-1])
    first_needed = run[0] - dt.timedelta(days=rules.lookback_days - rules.warmup_days)
    kinds = {d: calendar.kind(d) for d in days_between(first_needed, wanted[-1])}
    out: dict[dt.date, dict[str, Judgement]] = {d: {} for d in wanted}
    for uscc, series in readings.items():
        halted_days: set[dt.date] = set()
        held: dict[str, float] = {}
        since: dt.date | None = None
        for day in run:
            j = _judge_day(uscc, day, series, kinds, halted_days, held, rules)
            if j.status == HALTED:
                halted_days.add(day)
                since = since or day
                j = replace(j, halted_since=since)
            elif j.status in (NORMAL, NO_BASELINE):
                since = None
            if day in out:
                out[day][uscc] = j
    return out


def _judge_day(
    uscc: str,
    day: dt.date,
    series: Mapping[dt.date, float],
    kinds: Mapping[dt.date, str],
    halted_days: set[dt.date],
    held: dict[str, float],
    rules: DispatchRules,
) -> Judgement:
    kind = kinds[day]
    window = rules.windows[kind]
    comparable = [
        series[d]
        for d in (day - dt.timedelta(days=i) for i in range(1, window.window_days + 1))
        if kinds[d] == kind and d in series and d not in halted_days
    ]
    if len(comparable) >= window.min_days:
        baseline: float | None = sum(comparable) / len(comparable)
        held[kind] = baseline
    else:
        baseline = held.get(kind)
    reading = series.get(day)
    if kind == RESTDAY and rules.rest_days == "skip":
        status = NOT_JUDGED
    elif reading is None:
        status = MISSING
    elif baseline is None or baseline < rules.min_baseline:
        status = NO_BASELINE
    elif reading < rules.halted_share * baseline * (1 - _EPSILON):
        status = HALTED
    else:
        status = NORMAL
    return Judgement(uscc, day, kind, reading, baseline, status)

"""Reads for dispatch: readings as of a moment, enterprise facts, and the day's/week's dispatch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Max, Q

from gongxin.city.config import load_city_config
from gongxin.dispatch.detection import days_between, judge
from gongxin.dispatch.models import DailyElectricity
from gongxin.dispatch.rules import DispatchRules, dispatch_rules
from gongxin.dispatch.summary import DayDispatch, Facts, WeekDispatch, summarise_day, summarise_week
from gongxin.dispatch.workdays import holiday_calendar
from gongxin.errors import UserError
from gongxin.registry.models import Enterprise
from gongxin.registry.selectors import chunked

ERR_NO_DATA = "{day} 没有日用电量数据：请先导入（gongxin import daily FILE）"
ERR_NO_DATA_WEEK = (
    "{week}（{first} 至 {last}）没有日用电量数据：请先导入（gongxin import daily FILE）"
)


def daily_readings(
    *, first: dt.date, last: dt.date, as_of: dt.datetime | None = None
) -> dict[str, dict[dt.date, float]]:
    """``uscc → day → 万千瓦时``: per enterprise-day the latest revision recorded by ``as_of``."""
    qs = DailyElectricity.objects.filter(day__gte=first, day__lte=last)
    if as_of is not None:
        # recorded by then, and its import not withdrawn by then
        qs = qs.filter(recorded_at__lte=as_of).filter(
            Q(batch__withdrawn_at__isnull=True) | Q(batch__withdrawn_at__gt=as_of)
        )
    else:
        qs = qs.filter(batch__withdrawn_at__isnull=True)
    out: dict[str, dict[dt.date, float]] = {}
    for uscc, day, value in (
        qs.order_by("revision")
        .values_list("enterprise_id", "day", "electricity")
        .iterator(chunk_size=20000)
    ):
        out.setdefault(uscc, {})[day] = value
    return out


def daily_days_present(*, first: dt.date, last: dt.date) -> set[dt.date]:
    return set(
        DailyElectricity.objects.filter(
            day__gte=first, day__lte=last, batch__withdrawn_at__isnull=True
        )
        .values_list("day", flat=True)
        .distinct()
    )


def daily_last_day() -> dt.date | None:
    return DailyElectricity.objects.aggregate(last=Max("day"))["last"]


def enterprise_facts(*, usccs: Iterable[str]) -> dict[str, Facts]:
    """Name, region and division of each enterprise, for grouping and listing."""
    facts: dict[str, Facts] = {}
    for chunk in chunked(sorted(set(usccs))):
        rows = Enterprise.objects.filter(uscc__in=chunk).values_list(
            "uscc",
            "name",
            "region_id",
            "region__name",
            "industry__division_id",
            "industry__division__name",
        )
        for row in rows:
            facts[row[0]] = Facts(*row)
    return facts


def region_order() -> list[tuple[str, str]]:
    return [(r.code, r.name) for r in load_city_config().regions]


def _judgements(
    days: list[dt.date], as_of: dt.datetime | None, rules: DispatchRules
) -> tuple[dict, dict[str, Facts]]:
    calendar = holiday_calendar()
    readings = daily_readings(
        first=days[0] - dt.timedelta(days=rules.lookback_days), last=days[-1], as_of=as_of
    )
    return judge(readings, days, calendar, rules), enterprise_facts(usccs=readings)


def dispatch_day(
    *, day: dt.date, as_of: dt.datetime | None = None, rules: DispatchRules | None = None
) -> DayDispatch:
    """The day's dispatch: figures by region and division, halted firms, changes since yesterday."""
    rules = rules or dispatch_rules()
    if day not in daily_days_present(first=day, last=day):
        raise UserError(ERR_NO_DATA.format(day=day.isoformat()))
    yesterday = day - dt.timedelta(days=1)
    judged, facts = _judgements([yesterday, day], as_of, rules)
    return summarise_day(
        day=day,
        today=judged[day],
        yesterday=judged[yesterday],
        facts=facts,
        regions=region_order(),
        calendar=holiday_calendar(),
        rules=rules,
    )


def iso_week_days(week: str) -> tuple[str, list[dt.date]]:
    """``2024-W19`` → (label, Monday … Sunday)."""
    from gongxin.dispatch.summary import parse_iso_week

    monday = parse_iso_week(week)
    return week, days_between(monday, monday + dt.timedelta(days=6))


def dispatch_week(
    *, week: str, as_of: dt.datetime | None = None, rules: DispatchRules | None = None
) -> WeekDispatch:
    rules = rules or dispatch_rules()
    label, days = iso_week_days(week)
    present = daily_days_present(first=days[0], last=days[-1])
    if not present:
        raise UserError(
            ERR_NO_DATA_WEEK.format(
                week=label, first=days[0].isoformat(), last=days[-1].isoformat()
            )
        )
    judged, facts = _judgements([days[0] - dt.timedelta(days=1), *days], as_of, rules)
    return summarise_week(
        week=label,
        days=days,
        present=present,
        judged=judged,
        facts=facts,
        regions=region_order(),
        calendar=holiday_calendar(),
        rules=rules,
    )

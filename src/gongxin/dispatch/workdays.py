"""Working days and rest days of mainland China, from ``city/data/holidays.yaml``.

A day is a *working day* when it is Monday–Friday and not an official holiday, or a weekend day
the State Council made a working day (调休上班); every other day — weekends and holidays — is a
*rest day*. Dispatch compares like with like: a rest day is never judged against working days.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from gongxin.errors import UserError

WORKDAY = "workday"
RESTDAY = "restday"
KIND_NAMES = {WORKDAY: "工作日", RESTDAY: "休息日"}

ERR_YEAR_MISSING = (
    "节假日安排缺少 {year} 年（{path}）：请按国务院办公厅当年的节假日安排通知补充后再调度"
)
ERR_FILE = "节假日文件 {path} 有误：{detail}"


@dataclass(frozen=True)
class HolidayCalendar:
    holidays: dict[dt.date, str]  # day -> holiday name
    workdays: frozenset[dt.date]  # adjusted working days on weekends
    years: frozenset[int]
    source: str

    def kind(self, day: dt.date) -> str:
        if day.year not in self.years:
            raise UserError(ERR_YEAR_MISSING.format(year=day.year, path=self.source))
        if day in self.holidays:
            return RESTDAY
        if day in self.workdays:
            return WORKDAY
        return WORKDAY if day.weekday() < 5 else RESTDAY

    def label(self, day: dt.date) -> str:
        """``劳动节`` / ``周六`` / ``调休上班`` / ``工作日`` — for tables and sentences."""
        if day in self.holidays:
            return self.holidays[day]
        if day in self.workdays:
            return "调休上班"
        return "周六" if day.weekday() == 5 else "周日" if day.weekday() == 6 else "工作日"


def default_path() -> Path:
    return Path(str(resources.files("gongxin.city") / "data" / "holidays.yaml"))


def parse_calendar(text: str, source: str) -> HolidayCalendar:
    try:
        data = yaml.safe_load(text) or {}
        holidays: dict[dt.date, str] = {}
        workdays: set[dt.date] = set()
        years = data["years"]
        for spec in years.values():
            for item in spec.get("holidays", []):
                day = item["from"]
                while day <= item["to"]:
                    holidays[day] = str(item["name"])
                    day += dt.timedelta(days=1)
            workdays.update(spec.get("workdays", []))
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(ERR_FILE.format(path=source, detail=exc)) from exc
    overlap = sorted(set(holidays) & workdays)
    if overlap:
        raise UserError(ERR_FILE.format(path=source, detail=f"{overlap[0]} 既是假日又是调休上班日"))
    return HolidayCalendar(holidays, frozenset(workdays), frozenset(int(y) for y in years), source)


@functools.cache
def holiday_calendar(path: str | None = None) -> HolidayCalendar:
    p = Path(path) if path else default_path()
    return parse_calendar(p.read_text(encoding="utf-8"), str(p))

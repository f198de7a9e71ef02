"""The day's and the week's dispatch from judgements: figures by region and division, lists.

Figures of a group (the city, a region, a division) on a day:

* ``electricity`` — Σ readings of the enterprises that reported;
* ``vs_baseline`` — Σ readings ÷ Σ baselines − 1, in %, over the enterprises judged (normal or
  halted), so that an enterprise without a baseline or a reading moves neither side;
* ``resumption_rate`` (复产率) — enterprises producing normally ÷ enterprises judged × 100;
* ``newly_halted`` — halted today and not yesterday; ``resumed`` — normal today, halted yesterday.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

from gongxin.dispatch.detection import (
    HALTED,
    MISSING,
    NO_BASELINE,
    NORMAL,
    NOT_JUDGED,
    Judgement,
)
from gongxin.dispatch.rules import DispatchRules
from gongxin.dispatch.workdays import KIND_NAMES, HolidayCalendar
from gongxin.errors import UserError

ERR_WEEK = "周次 {value!r} 无效：应为 ISO 周 YYYY-Www，如 2024-W19"
_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$")


def parse_iso_week(value: str) -> dt.date:
    """``2024-W19`` → the Monday of that ISO week."""
    match = _WEEK.match(value.strip().upper())
    if not match:
        raise UserError(ERR_WEEK.format(value=value))
    try:
        return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise UserError(ERR_WEEK.format(value=value)) from None


@dataclass(frozen=True)
class Facts:
    uscc: str
    name: str
    region: str
    region_name: str
    division: str
    division_name: str


@dataclass
class GroupFigures:
    code: str
    name: str
    firms: int = 0
    reported: int = 0
    electricity: float = 0.0
    judged_electricity: float = 0.0
    baseline: float = 0.0
    normal: int = 0
    halted: int = 0
    missing: int = 0
    no_baseline: int = 0
    not_judged: int = 0
    newly_halted: int = 0
    resumed: int = 0

    @property
    def judged(self) -> int:
        return self.normal + self.halted

    @property
    def vs_baseline(self) -> float | None:
        if self.baseline <= 0:
            return None
        return (self.judged_electricity / self.baseline - 1) * 100

    @property
    def resumption_rate(self) -> float | None:
        return self.normal / self.judged * 100 if self.judged else None

    def add(self, today: Judgement, yesterday: Judgement | None) -> None:
        self.firms += 1
        if today.reading is not None:
            self.reported += 1
            self.electricity += today.reading
        if today.status in (NORMAL, HALTED):
            self.judged_electricity += today.reading or 0.0
            self.baseline += today.baseline or 0.0
        counter = {
            NORMAL: "normal",
            HALTED: "halted",
            MISSING: "missing",
            NO_BASELINE: "no_baseline",
            NOT_JUDGED: "not_judged",
        }[today.status]
        setattr(self, counter, getattr(self, counter) + 1)
        before = yesterday.status if yesterday else None
        if today.status == HALTED and before != HALTED:
            self.newly_halted += 1
        if today.status == NORMAL and before == HALTED:
            self.resumed += 1

    def as_dict(self) -> dict[str, object]:
        return {
            **asdict(self),
            "judged": self.judged,
            "vs_baseline": self.vs_baseline,
            "resumption_rate": self.resumption_rate,
        }


@dataclass(frozen=True)
class FirmLine:
    uscc: str
    name: str
    region_name: str
    division_name: str
    reading: float | None
    baseline: float | None
    share: float | None  # reading ÷ baseline × 100
    halted_since: dt.date | None

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["halted_since"] = self.halted_since.isoformat() if self.halted_since else None
        return d


def _firm(j: Judgement, f: Facts) -> FirmLine:
    share = j.share
    return FirmLine(
        j.uscc,
        f.name,
        f.region_name,
        f.division_name,
        j.reading,
        j.baseline,
        None if share is None else share * 100,
        j.halted_since,
    )


def _rules_dict(rules: DispatchRules) -> dict[str, object]:
    return {
        "halted_share": rules.halted_share,
        "workday_window_days": rules.windows["workday"].window_days,
        "restday_window_days": rules.windows["restday"].window_days,
        "rest_days": rules.rest_days,
    }


@dataclass
class DayDispatch:
    day: dt.date
    kind: str
    day_label: str  # 工作日 / 周六 / 劳动节 / 调休上班
    rules: DispatchRules
    city: GroupFigures
    regions: list[GroupFigures]
    divisions: list[GroupFigures]
    halted: list[FirmLine] = field(default_factory=list)
    newly_halted: list[FirmLine] = field(default_factory=list)
    resumed: list[FirmLine] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "kind_name": KIND_NAMES[self.kind],
            "day_label": self.day_label,
            "rules": _rules_dict(self.rules),
            "city": self.city.as_dict(),
            "regions": [g.as_dict() for g in self.regions],
            "divisions": [g.as_dict() for g in self.divisions],
            "halted": [f.as_dict() for f in self.halted],
            "newly_halted": [f.as_dict() for f in self.newly_halted],
            "resumed": [f.as_dict() for f in self.resumed],
        }


def _grouped(
    today: Mapping[str, Judgement],
    yesterday: Mapping[str, Judgement],
    facts: Mapping[str, Facts],
    key: Callable[[Facts], tuple[str, str]],
    order: Sequence[tuple[str, str]] | None = None,
) -> list[GroupFigures]:
    groups: dict[str, GroupFigures] = {c: GroupFigures(c, n) for c, n in order or ()}
    for uscc, j in today.items():
        f = facts.get(uscc)
        if f is None:
            continue
        code, name = key(f)
        groups.setdefault(code, GroupFigures(code, name)).add(j, yesterday.get(uscc))
    if order is None:
        return sorted(groups.values(), key=lambda g: g.code)
    return list(groups.values())


def _by_size(lines: Iterable[FirmLine]) -> list[FirmLine]:
    """Largest baseline first: the halts that cost the most output lead the list."""
    return sorted(lines, key=lambda f: (-(f.baseline or 0.0), f.uscc))


def summarise_day(
    *,
    day: dt.date,
    today: Mapping[str, Judgement],
    yesterday: Mapping[str, Judgement],
    facts: Mapping[str, Facts],
    regions: Sequence[tuple[str, str]],
    calendar: HolidayCalendar,
    rules: DispatchRules,
    city_name: str = "全市",
) -> DayDispatch:
    city = GroupFigures("city", city_name)
    halted, newly, resumed = [], [], []
    for uscc, j in today.items():
        f = facts.get(uscc)
        if f is None:
            continue
        before = yesterday.get(uscc)
        city.add(j, before)
        if j.status == HALTED:
            halted.append(_firm(j, f))
            if before is None or before.status != HALTED:
                newly.append(_firm(j, f))
        elif j.status == NORMAL and before is not None and before.status == HALTED:
            resumed.append(_firm(j, f))
    return DayDispatch(
        day=day,
        kind=calendar.kind(day),
        day_label=calendar.label(day),
        rules=rules,
        city=city,
        regions=_grouped(today, yesterday, facts, lambda f: (f.region, f.region_name), regions),
        divisions=_grouped(today, yesterday, facts, lambda f: (f.division, f.division_name)),
        halted=_by_size(halted),
        newly_halted=_by_size(newly),
        resumed=_by_size(resumed),
    )


# --- the week -------------------------------------------------------------------------------


@dataclass
class DayLine:
    day: dt.date
    day_label: str
    has_data: bool
    city: GroupFigures

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "day_label": self.day_label,
            "has_data": self.has_data,
            "city": self.city.as_dict(),
        }


@dataclass
class WeekGroup:
    """A region over the week: sums over the days with data, distinct halted firms."""

    code: str
    name: str
    electricity: float = 0.0
    judged_electricity: float = 0.0
    baseline: float = 0.0
    halted_firms: int = 0
    newly_halted: int = 0
    resumed: int = 0
    last_resumption_rate: float | None = None

    @property
    def vs_baseline(self) -> float | None:
        if self.baseline <= 0:
            return None
        return (self.judged_electricity / self.baseline - 1) * 100

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "vs_baseline": self.vs_baseline}


@dataclass(frozen=True)
class WeekFirm:
    uscc: str
    name: str
    region_name: str
    division_name: str
    halted_days: int
    statuses: tuple[str, ...]  # one status per day of the week ("" without data)
    first_halted: dt.date
    halted_since: dt.date | None  # start of the halt the first halted day belongs to

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["first_halted"] = self.first_halted.isoformat()
        d["halted_since"] = self.halted_since.isoformat() if self.halted_since else None
        d["statuses"] = list(self.statuses)
        return d


@dataclass
class WeekDispatch:
    week: str
    days: list[DayLine]
    regions: list[WeekGroup]
    halted: list[WeekFirm]
    rules: DispatchRules
    total: WeekGroup

    @property
    def first(self) -> dt.date:
        return self.days[0].day

    @property
    def last(self) -> dt.date:
        return self.days[-1].day

    def as_dict(self) -> dict[str, object]:
        return {
            "week": self.week,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "rules": _rules_dict(self.rules),
            "total": self.total.as_dict(),
            "days": [d.as_dict() for d in self.days],
            "regions": [g.as_dict() for g in self.regions],
            "halted": [f.as_dict() for f in self.halted],
        }


def summarise_week(
    *,
    week: str,
    days: Sequence[dt.date],
    present: set[dt.date],
    judged: Mapping[dt.date, Mapping[str, Judgement]],
    facts: Mapping[str, Facts],
    regions: Sequence[tuple[str, str]],
    calendar: HolidayCalendar,
    rules: DispatchRules,
) -> WeekDispatch:
    lines: list[DayLine] = []
    groups = {code: WeekGroup(code, name) for code, name in regions}
    total = WeekGroup("city", "全市")
    halted_by_firm: dict[str, list[Judgement]] = {}
    for day in days:
        has_data = day in present
        today = judged.get(day, {}) if has_data else {}
        yesterday = judged.get(day - dt.timedelta(days=1), {})
        dispatch = summarise_day(
            day=day,
            today=today,
            yesterday=yesterday,
            facts=facts,
            regions=regions,
            calendar=calendar,
            rules=rules,
        )
        lines.append(DayLine(day, calendar.label(day), has_data, dispatch.city))
        if not has_data:
            continue
        for g in [*dispatch.regions, dispatch.city]:
            w = total if g.code == "city" else groups.setdefault(g.code, WeekGroup(g.code, g.name))
            w.electricity += g.electricity
            w.judged_electricity += g.judged_electricity
            w.baseline += g.baseline
            w.newly_halted += g.newly_halted
            w.resumed += g.resumed
            w.last_resumption_rate = g.resumption_rate
        for uscc, j in today.items():
            if j.status == HALTED and uscc in facts:
                halted_by_firm.setdefault(uscc, []).append(j)
    firms: list[WeekFirm] = []
    for uscc, halts in halted_by_firm.items():
        f = facts[uscc]
        statuses = tuple(
            judged[d][uscc].status if d in present and uscc in judged.get(d, {}) else ""
            for d in days
        )
        firms.append(
            WeekFirm(
                uscc,
                f.name,
                f.region_name,
                f.division_name,
                len(halts),
                statuses,
                halts[0].day,
                halts[0].halted_since,
            )
        )
        if f.region in groups:
            groups[f.region].halted_firms += 1
        total.halted_firms += 1
    firms.sort(key=lambda w: (-w.halted_days, w.first_halted, w.uscc))
    return WeekDispatch(week, lines, list(groups.values()), firms, rules, total)

"""Figures of key projects (重点项目) for a period: pure functions, no Django.

The definitions are those of ``shared/docs/programme-contract.md`` §1, written out in
``docs/projects.md``. Inputs are plain dataclasses — a project's baseline plan and its reports
of the year up to the period, already reduced to the latest revision of each month — so the
arithmetic is tested on hand-made cases without a database. Lag levels come from the rules of
``rules.py`` (YAML data); nothing here knows a threshold.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import add, and_, attrgetter
from typing import NamedTuple

from gongxin.projects.rules import LagRules, Reading

STAGES = ("谋划", "签约", "开工", "纳统", "投产")
LEVELS = ("red", "yellow", "green")
POOL_RESERVE = "储备"


@dataclass(frozen=True)
class ProjectPlan:
    """One project of one year, with its baseline (the plan as first imported)."""

    code: str
    year: int
    name: str
    owner: str
    region: str
    chain: str | None
    kind: str
    plan_investment: float  # baseline, 万元
    plan_start: dt.date | None = None  # baseline
    plan_production: dt.date | None = None  # baseline
    pool: str = "实施"
    grade: str | None = None  # 项目级别 (省重点 / 市重点 / 县重点)
    uscc: str | None = None
    total_investment: float = 0.0
    current_plan_investment: float | None = None  # the plan as last revised
    lng: float | None = None
    lat: float | None = None


class Progress(NamedTuple):
    """A project's reports of the year up to the period (latest revision of each month)."""

    investment_ytd: float = 0.0
    started_on: dt.date | None = None
    in_stats_on: dt.date | None = None
    production_on: dt.date | None = None


def year_to_date(reports: Iterable[tuple]) -> list[tuple]:
    """One project's year to date month by month, from its reports of one year.

    ``reports``: ``(ym, investment, started_on, in_stats_on, production_on)`` of the current
    revision of each reported month, in month order. Returns the same shape with the investment
    summed and the dates the earliest reported so far, for every month from the first report to
    December (a month without a report carries the month before forward). Dates compare as
    they come (``date`` objects, or ISO strings from a raw SQLite cursor).
    """
    out: list[tuple] = []
    amounts: list[float] = []
    started = stats = production = None
    reports = list(reports)
    if not reports:
        return out
    year = reports[0][0] // 100
    by_month = {r[0]: r for r in reports}
    for ym in range(reports[0][0], year * 100 + 13):
        r = by_month.get(ym)
        if r is not None:
            amounts.append(r[1])
            started = _earliest(started, r[2])
            stats = _earliest(stats, r[3])
            production = _earliest(production, r[4])
        out.append((ym, math.fsum(amounts), started, stats, production))
    return out


def _earliest(a, b):
    if a is None:
        return b
    return a if b is None or a <= b else b


def period_end(ym: int) -> dt.date:
    year, month = divmod(ym, 100)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_between(day: dt.date, ym: int) -> int:
    """Calendar months from the month of ``day`` to the month ``ym`` (2024-03-15 → 202406: 3)."""
    return (ym // 100 * 12 + ym % 100) - (day.year * 12 + day.month)


def time_progress(ym: int) -> float:
    return (ym % 100) / 12 * 100


def ratio(part: float, whole: float) -> float | None:
    return None if whole == 0 else part / whole * 100


def _on_by(day: dt.date | None, end: dt.date) -> dt.date | None:
    return day if day is not None and day <= end else None


def stage(plan: ProjectPlan, started: bool, in_stats: bool, in_production: bool) -> str:
    """The furthest stage reached: 谋划 (pool 储备) → 签约 → 开工 → 纳统 → 投产."""
    return _stage(plan.pool, started, in_stats, in_production)


def _stage(pool: str, started: bool, in_stats: bool, in_production: bool) -> str:
    if in_production:
        return "投产"
    if in_stats:
        return "纳统"
    if started:
        return "开工"
    return "谋划" if pool == POOL_RESERVE else "签约"


@dataclass(frozen=True)
class ProjectFigures:
    plan: ProjectPlan
    period: int
    investment_ytd: float
    completion: float | None
    time_progress: float
    ahead_pp: float | None
    started_on: dt.date | None  # reported and on or before the period's last day
    in_stats_on: dt.date | None
    production_on: dt.date | None
    due_to_start: bool  # baseline plan_start on or before the period's last day
    stage: str
    level: str
    reasons: tuple[str, ...]

    # The plan's fields groups and filters read, named as on ProjectStatus.
    @property
    def plan_investment(self) -> float:
        return self.plan.plan_investment

    @property
    def region(self) -> str:
        return self.plan.region

    @property
    def chain(self) -> str | None:
        return self.plan.chain

    @property
    def kind(self) -> str:
        return self.plan.kind

    @property
    def started(self) -> bool:
        return self.started_on is not None

    @property
    def in_stats(self) -> bool:
        return self.in_stats_on is not None

    @property
    def in_production(self) -> bool:
        return self.production_on is not None

    def as_dict(self) -> dict[str, object]:
        p = self.plan
        iso = _iso
        return {
            "code": p.code,
            "year": p.year,
            "name": p.name,
            "owner": p.owner,
            "uscc": p.uscc,
            "region": p.region,
            "chain": p.chain,
            "kind": p.kind,
            "grade": p.grade,
            "pool": p.pool,
            "total_investment": p.total_investment,
            "plan_investment": p.plan_investment,
            "current_plan_investment": (
                p.plan_investment
                if p.current_plan_investment is None
                else p.current_plan_investment
            ),
            "plan_start": iso(p.plan_start),
            "plan_production": iso(p.plan_production),
            "investment_ytd": self.investment_ytd,
            "completion": self.completion,
            "time_progress": self.time_progress,
            "ahead_pp": self.ahead_pp,
            "started_on": iso(self.started_on),
            "in_stats_on": iso(self.in_stats_on),
            "production_on": iso(self.production_on),
            "stage": self.stage,
            "level": self.level,
            "reasons": list(self.reasons),
            "lng": p.lng,
            "lat": p.lat,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _measure(
    plan_investment: float,
    plan_start: dt.date | None,
    pool: str,
    investment_ytd: float,
    started_on: dt.date | None,
    in_stats_on: dt.date | None,
    production_on: dt.date | None,
    period: int,
    end: dt.date,
    progress_pct: float,
) -> tuple:
    """Every definition of a project's figures but its level, in one place for every path:
    (completion, ahead_pp, started_on, in_stats_on, production_on, due_to_start, stage,
    reading) — a plain tuple, as this runs for each of a province's 20,000 projects."""
    started_on = _on_by(started_on, end)
    in_stats_on = _on_by(in_stats_on, end)
    production_on = _on_by(production_on, end)
    completion = ratio(investment_ytd, plan_investment)
    ahead = None if completion is None else completion - progress_pct
    return (
        completion,
        ahead,
        started_on,
        in_stats_on,
        production_on,
        plan_start is not None and plan_start <= end,
        _stage(pool, started_on is not None, in_stats_on is not None, production_on is not None),
        Reading(period, ahead, plan_start, started_on, in_stats_on),
    )


def project_figures(
    plan: ProjectPlan, progress: Progress, period: int, rules: LagRules
) -> ProjectFigures:
    progress_pct = time_progress(period)
    completion, ahead, started_on, in_stats_on, production_on, due, stage_, reading = _measure(
        plan.plan_investment, plan.plan_start, plan.pool, *progress, period, period_end(period),
        progress_pct,
    )  # fmt: skip
    level, reasons = rules.classify(reading)
    return ProjectFigures(
        plan=plan,
        period=period,
        investment_ytd=progress.investment_ytd,
        completion=completion,
        time_progress=progress_pct,
        ahead_pp=ahead,
        started_on=started_on,
        in_stats_on=in_stats_on,
        production_on=production_on,
        due_to_start=due,
        stage=stage_,
        level=level,
        reasons=reasons,
    )


class ProjectStatus(NamedTuple):
    """A project's figures without its reasons: what groups, sorting, filters and the map need.

    Built by :func:`project_statuses` for every project of a province (20,000) in a few tens of
    milliseconds; a page asks :func:`project_figures` (with the reasons) only for the rows it
    shows. ``level`` is the rules' level of the same reading (``LagRules.level``).
    """

    code: str
    year: int
    name: str
    region: str
    chain: str | None
    kind: str
    plan_investment: float  # baseline
    lng: float | None
    lat: float | None
    investment_ytd: float
    completion: float | None
    ahead_pp: float | None
    started: bool
    due_to_start: bool
    in_stats: bool
    in_production: bool
    stage: str
    level: str


def project_statuses(inputs: Iterable[tuple], period: int, rules: LagRules) -> list[ProjectStatus]:
    """:class:`ProjectStatus` of every project: the definitions of :func:`project_figures`.

    ``inputs``: per project ``(code, year, name, region, chain, kind, plan_investment,
    plan_start, pool, lng, lat, investment_ytd, started_on, in_stats_on, production_on)``, the
    plan's baseline and the reports of the year up to the period (``investment_ytd`` None or
    0.0 when there is none).
    """
    end, pct = period_end(period), time_progress(period)
    level = rules.level
    out = []
    for (code, year, name, region, chain, kind, plan_investment, plan_start, pool, lng, lat,
         ytd, started_on, in_stats_on, production_on) in inputs:  # fmt: skip
        ytd = ytd or 0.0
        completion, ahead, started_on, in_stats_on, production_on, due, stage_, reading = (
            _measure(plan_investment, plan_start, pool, ytd, started_on, in_stats_on,
                     production_on, period, end, pct)
        )  # fmt: skip
        out.append(
            ProjectStatus(
                code, year, name, region, chain, kind, plan_investment, lng, lat, ytd,
                completion, ahead, started_on is not None, due, in_stats_on is not None,
                production_on is not None, stage_, level(reading),
            )
        )  # fmt: skip
    return out


def project_groups(
    inputs: Iterable[tuple], period: int, rules: LagRules, names: dict[str, str]
) -> list[GroupFigures]:
    """:func:`group_figures` of every project without building their figures one by one.

    ``inputs``: per project ``(member, plan_investment, plan_start, pool, investment_ytd,
    started_on, in_stats_on, production_on)`` (baseline plan; member None: left out). The same
    definitions (``_measure``) and levels (``LagRules.level``) as :func:`project_figures`.
    """
    end, pct = period_end(period), time_progress(period)
    level = rules.level
    groups = {code: GroupFigures(code, name, period) for code, name in names.items()}
    for member, plan_investment, plan_start, pool, ytd, started, stats, production in inputs:
        if member is None:
            continue
        ytd = ytd or 0.0
        _, _, started, stats, production, due, _, reading = _measure(
            plan_investment, plan_start, pool, ytd, started, stats, production, period, end, pct
        )
        group = groups.get(member)
        if group is None:
            group = groups[member] = GroupFigures(member, member, period)
        group.add_values(
            plan_investment, ytd, started is not None, due, stats is not None,
            production is not None, level(reading),
        )  # fmt: skip
    return list(groups.values())


@dataclass
class GroupFigures:
    member: str
    name: str
    period: int
    projects: int = 0
    plan_investment: float = 0.0
    investment_ytd: float = 0.0
    started: int = 0
    due: int = 0
    due_started: int = 0
    in_stats: int = 0
    in_production: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))

    def add(self, f: ProjectFigures | ProjectStatus) -> None:
        self.add_values(
            f.plan_investment, f.investment_ytd, f.started, f.due_to_start, f.in_stats,
            f.in_production, f.level,
        )  # fmt: skip

    def add_many(self, items: Sequence[ProjectFigures | ProjectStatus]) -> None:
        """:meth:`add` of each of ``items``, column by column: the same totals to the last bit
        (money is still added one item after another, not by ``sum``, which may compensate)."""
        self.projects += len(items)
        self.plan_investment = reduce(add, map(_PLAN, items), self.plan_investment)
        self.investment_ytd = reduce(add, map(_YTD, items), self.investment_ytd)
        started, due = list(map(_STARTED, items)), list(map(_DUE, items))
        self.started += sum(started)
        self.due += sum(due)
        self.due_started += sum(map(and_, due, started))
        self.in_stats += sum(map(_IN_STATS, items))
        self.in_production += sum(map(_IN_PRODUCTION, items))
        for level, count in Counter(map(_LEVEL, items)).items():
            self.counts[level] += count

    def add_values(
        self,
        plan_investment: float,
        investment_ytd: float,
        started: bool,
        due: bool,
        in_stats: bool,
        in_production: bool,
        level: str,
    ) -> None:
        self.projects += 1
        self.plan_investment += plan_investment
        self.investment_ytd += investment_ytd
        self.started += started
        self.due += due
        self.due_started += due and started
        self.in_stats += in_stats
        self.in_production += in_production
        self.counts[level] += 1

    @property
    def completion(self) -> float | None:
        return ratio(self.investment_ytd, self.plan_investment)

    def as_dict(self) -> dict[str, object]:
        completion = self.completion
        progress = time_progress(self.period)
        return {
            "member": self.member,
            "name": self.name,
            "projects": self.projects,
            "plan_investment": self.plan_investment,
            "investment_ytd": self.investment_ytd,
            "completion": completion,
            "time_progress": progress,
            "ahead_pp": None if completion is None else completion - progress,
            "started": self.started,
            "due_to_start": self.due,
            "start_rate": ratio(self.due_started, self.due),
            "in_stats": self.in_stats,
            "in_production": self.in_production,
            "green": self.counts["green"],
            "yellow": self.counts["yellow"],
            "red": self.counts["red"],
        }


def group_figures(
    figures: Iterable[ProjectFigures | ProjectStatus],
    period: int,
    member_of: Callable,  # a project's figures or status -> member code (None: left out)
    names: dict[str, str],
) -> list[GroupFigures]:
    """One group per member, in the order of ``names`` (members with no project included)."""
    groups = {code: GroupFigures(code, name, period) for code, name in names.items()}
    members: dict[str, list[ProjectFigures | ProjectStatus]] = {}
    for f in figures:
        code = member_of(f)
        if code is None:
            continue
        if code not in groups:
            groups[code] = GroupFigures(code, code, period)
        members.setdefault(code, []).append(f)
    for code, items in members.items():
        groups[code].add_many(items)
    return list(groups.values())


_PLAN, _YTD = attrgetter("plan_investment"), attrgetter("investment_ytd")
_STARTED, _DUE = attrgetter("started"), attrgetter("due_to_start")
_IN_STATS, _IN_PRODUCTION = attrgetter("in_stats"), attrgetter("in_production")
_LEVEL = attrgetter("level")


# --- 369 checks (三六九节点): March approvals, June 开工纳统, September 投产 -------------------

CHECK_MONTHS = {3: "手续办理", 6: "开工纳统", 9: "竣工投产"}


@dataclass(frozen=True)
class Check369:
    period: int
    name: str
    due: tuple[str, ...]  # codes of the projects the check applies to
    passed: tuple[str, ...]

    @property
    def failing(self) -> tuple[str, ...]:
        done = set(self.passed)
        return tuple(c for c in self.due if c not in done)

    def as_dict(self) -> dict[str, object]:
        return {
            "period": f"{self.period // 100:04d}-{self.period % 100:02d}",
            "check": self.name,
            "due": len(self.due),
            "passed": len(self.passed),
            "rate": ratio(len(self.passed), len(self.due)),
            "failing": list(self.failing),
        }


def check_369(figures: Sequence[ProjectFigures], period: int) -> Check369 | None:
    """The check of the period's month, or None in a month without one.

    March (手续办理): the projects whose baseline plan_start falls on or before June 30 of the
    year, passed when they are in the 实施 pool (approvals done) or already started — the
    contract names the March node but not its data; this is the choice ``docs/projects.md``
    records. June: baseline plan_start ≤ the period's last day, passed when started and 纳统.
    September: baseline plan_production ≤ the period's last day, passed when in production.
    """
    month = period % 100
    if month not in CHECK_MONTHS:
        return None
    end = period_end(period)
    due: list[str] = []
    passed: list[str] = []
    for f in figures:
        p = f.plan
        if month == 3:
            applies = p.plan_start is not None and p.plan_start <= dt.date(end.year, 6, 30)
            ok = p.pool == "实施" or f.started
        elif month == 6:
            applies = p.plan_start is not None and p.plan_start <= end
            ok = f.started and f.in_stats
        else:
            applies = p.plan_production is not None and p.plan_production <= end
            ok = f.in_production
        if applies:
            due.append(p.code)
            if ok:
                passed.append(p.code)
    return Check369(period, CHECK_MONTHS[month], tuple(due), tuple(passed))

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Progress:
    """A project's reports of the year up to the period (latest revision of each month)."""

    investment_ytd: float = 0.0
    started_on: dt.date | None = None
    in_stats_on: dt.date | None = None
    production_on: dt.date | None = None


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
    if in_production:
        return "投产"
    if in_stats:
        return "纳统"
    if started:
        return "开工"
    return "谋划" if plan.pool == POOL_RESERVE else "签约"


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


def project_figures(
    plan: ProjectPlan, progress: Progress, period: int, rules: LagRules
) -> ProjectFigures:
    end = period_end(period)
    started_on = _on_by(progress.started_on, end)
    in_stats_on = _on_by(progress.in_stats_on, end)
    production_on = _on_by(progress.production_on, end)
    completion = ratio(progress.investment_ytd, plan.plan_investment)
    progress_pct = time_progress(period)
    ahead = None if completion is None else completion - progress_pct
    reading = Reading(
        period=period,
        ahead_pp=ahead,
        plan_start=plan.plan_start,
        started_on=started_on,
        in_stats_on=in_stats_on,
    )
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
        due_to_start=plan.plan_start is not None and plan.plan_start <= end,
        stage=stage(
            plan, started_on is not None, in_stats_on is not None, production_on is not None
        ),
        level=level,
        reasons=reasons,
    )


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

    def add(self, f: ProjectFigures) -> None:
        self.projects += 1
        self.plan_investment += f.plan.plan_investment
        self.investment_ytd += f.investment_ytd
        self.started += f.started
        self.due += f.due_to_start
        self.due_started += f.due_to_start and f.started
        self.in_stats += f.in_stats
        self.in_production += f.in_production
        self.counts[f.level] += 1

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
    figures: Iterable[ProjectFigures],
    period: int,
    member_of: callable,  # ProjectFigures -> member code (None: left out)
    names: dict[str, str],
) -> list[GroupFigures]:
    """One group per member, in the order of ``names`` (members with no project included)."""
    groups = {code: GroupFigures(code, name, period) for code, name in names.items()}
    for f in figures:
        code = member_of(f)
        if code is None:
            continue
        if code not in groups:
            groups[code] = GroupFigures(code, code, period)
        groups[code].add(f)
    return list(groups.values())


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

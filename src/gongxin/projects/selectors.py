"""Reads of key projects, always through a :class:`Scope` (county users: their region only).

``projects_figures`` is the one function behind ``gongxin projects``, ``GET /api/v1/projects``,
the battle map, the warnings and the documents: it reads the baseline plans and the latest
revision of every month's report, and hands them to the pure ``figures`` module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, FilteredRelation, Q, Value

from gongxin.city.config import load_city_config
from gongxin.city.models import Chain, Region
from gongxin.errors import UserError
from gongxin.projects.figures import (
    Check369,
    GroupFigures,
    Progress,
    ProjectFigures,
    ProjectPlan,
    ProjectStatus,
    check_369,
    group_figures,
    project_figures,
    project_groups,
    project_statuses,
)
from gongxin.projects.geo import city_shape
from gongxin.projects.models import Project, ProjectPlanRevision, ProjectProgress
from gongxin.projects.rules import LagRules, load_rules
from gongxin.scope import Scope

BY_CHOICES = ("region", "chain", "kind", "city")
KIND_ORDER = ("强链", "延链", "补链", "技改", "新建", "其他")
ERR_BY = "分组维度 by 应为 {choices} 之一，实为“{value}”"
ERR_NOT_VISIBLE = "项目 {code}（{year} 年度）不存在或不在您的查看范围内"


def city_bounds() -> tuple[float, float, float, float] | None:
    shape = city_shape(load_city_config().code)
    return None if shape is None else shape.bounds


def project_codes(*, years: Iterable[int]) -> set[tuple[str, int]]:
    return set(Project.objects.filter(year__in=set(years)).values_list("code", "year"))


def _visible(scope: Scope):
    qs = Project.objects.all()
    if not scope.is_everything:
        qs = qs.filter(region_id__in=scope.regions)
    return qs


PLAN_VALUES = (
    "code",
    "year",
    "name",
    "owner",
    "region_id",
    "chain_id",
    "kind",
    "baseline_plan_investment",
    "baseline_plan_start",
    "baseline_plan_production",
    "pool",
    "grade",
    "uscc",
    "total_investment",
    "plan_investment",
    "lng",
    "lat",
)
STATUS_VALUES = (
    "code",
    "year",
    "name",
    "region_id",
    "chain_id",
    "kind",
    "baseline_plan_investment",
    "baseline_plan_start",
    "pool",
    "lng",
    "lat",
)
GROUP_VALUES = ("baseline_plan_investment", "baseline_plan_start", "pool")
YTD_VALUES = ("m__investment", "m__started_on", "m__in_stats_on", "m__production_on")


def _with_ytd(
    scope: Scope,
    period: int,
    values: tuple[str, ...],
    codes: Iterable[str] | None = None,
    ordered: bool = True,
    **annotations: object,
) -> list[tuple]:
    """The visible projects of the period's year (by code if ``ordered``): ``values``, then the
    year to date at the period (``ProjectYtd``; all None for a project without a report yet).

    The query is built by the ORM (scope, join) and run on a plain cursor: Django's per-row
    converters would cost more than the query for a province's 20,000 projects, and the
    database drivers already return dates (Django registers SQLite's ``date`` converter).
    """
    projects = _visible(scope).filter(year=period // 100)
    if codes is not None:
        projects = projects.filter(code__in=list(codes))
    query = projects.annotate(m=FilteredRelation("ytd", condition=Q(ytd__ym=period)), **annotations)
    query = query.order_by(*(["code"] if ordered else [])).values_list(*values, *YTD_VALUES)
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def project_list_figures(
    *,
    scope: Scope,
    period: int,
    rules: LagRules | None = None,
    code: str | None = None,
    codes: Iterable[str] | None = None,
) -> list[ProjectFigures]:
    """Every visible project of the period's year with its figures, ordered by code.

    ``code`` or ``codes``: those projects only (a page's visible rows).
    """
    rules = rules or load_rules()
    if code is not None:
        codes = [code]
    out = []
    for row in _with_ytd(scope, period, PLAN_VALUES, codes):
        (code_, year, name, owner, region, chain, kind, plan_investment, plan_start,
         plan_production, pool, grade, uscc, total, current_plan, lng, lat,
         ytd, started_on, in_stats_on, production_on) = row  # fmt: skip
        plan = ProjectPlan(
            code=code_, year=year, name=name, owner=owner, region=region, chain=chain, kind=kind,
            plan_investment=plan_investment, plan_start=plan_start,
            plan_production=plan_production, pool=pool, grade=grade or None, uscc=uscc or None,
            total_investment=total, current_plan_investment=current_plan, lng=lng, lat=lat,
        )  # fmt: skip
        progress = Progress(ytd or 0.0, started_on, in_stats_on, production_on)
        out.append(project_figures(plan, progress, period, rules))
    return out


def project_status_list(
    *, scope: Scope, period: int, rules: LagRules | None = None
) -> list[ProjectStatus]:
    """Every visible project of the period's year without its reasons, ordered by code.

    The same figures and levels as :func:`project_list_figures` (``figures.project_statuses``),
    for the battle map's points, filters and sorting of a province's list.
    """
    rows = _with_ytd(scope, period, STATUS_VALUES)
    return project_statuses(rows, period, rules or load_rules())


def _members(by: str, scope: Scope) -> dict[str, str]:
    if by == "region":
        regions = Region.objects.all()
        if not scope.is_everything:
            regions = regions.filter(code__in=scope.regions)
        return dict(regions.values_list("code", "name"))
    if by == "chain":
        return dict(Chain.objects.values_list("code", "name"))
    if by == "kind":
        return {k: k for k in KIND_ORDER}
    config = load_city_config()
    return {config.code: config.name if scope.is_everything else f"{config.name}（{scope.label}）"}


def _member_of(by: str):
    if by == "region":
        return lambda f: f.region
    if by == "chain":
        return lambda f: f.chain
    if by == "kind":
        return lambda f: f.kind
    code = load_city_config().code
    return lambda f: code


def projects_group_figures(
    *,
    scope: Scope,
    period: int,
    by: str,
    figures: Sequence[ProjectFigures | ProjectStatus] | None = None,
) -> list[GroupFigures]:
    """One group per member of ``by``; of ``figures`` if given (already scoped and filtered)."""
    if by not in BY_CHOICES:
        raise UserError(ERR_BY.format(choices=" / ".join(BY_CHOICES), value=by))
    names = _members(by, scope)
    if figures is not None:
        return group_figures(figures, period, _member_of(by), names)
    if by == "city":
        member = Value(load_city_config().code, output_field=CharField())
    else:
        member = F({"region": "region_id", "chain": "chain_id", "kind": "kind"}[by])
    rows = _with_ytd(scope, period, ("member", *GROUP_VALUES), ordered=False, member=member)
    return project_groups(rows, period, load_rules(), names)


def projects_figures(*, scope: Scope, period: int, by: str | None = None) -> list[dict]:
    """The contract's JSON objects: one per project, or one per member with ``by``."""
    if by is None:
        return [f.as_dict() for f in project_list_figures(scope=scope, period=period)]
    return [g.as_dict() for g in projects_group_figures(scope=scope, period=period, by=by)]


def projects_check_369(*, scope: Scope, period: int) -> Check369 | None:
    return check_369(project_list_figures(scope=scope, period=period), period)


# --- one project ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthRow:
    ym: int
    investment: float | None  # None: no report for the month
    investment_ytd: float
    plan_ytd: float  # the baseline plan spread evenly over the year (time progress)
    revisions: int
    problem: str


@dataclass(frozen=True)
class ProblemRow:
    code: str
    year: int
    name: str
    region: str
    owner: str
    ym: int
    problem: str


def project_get(*, scope: Scope, code: str, year: int) -> Project:
    project = _visible(scope).filter(code=code, year=year).select_related("region", "chain").first()
    if project is None:
        raise UserError(ERR_NOT_VISIBLE.format(code=code, year=year))
    return project


def project_months(*, project: Project, period: int) -> list[MonthRow]:
    """Month by month from January to ``period``: reported investment against the plan line."""
    reports = {
        r.ym: r
        for r in ProjectProgress.objects.filter(project=project, current=True, ym__lte=period)
    }
    counts: dict[int, int] = {}
    for ym in ProjectProgress.objects.filter(project=project, ym__lte=period).values_list(
        "ym", flat=True
    ):
        counts[ym] = counts.get(ym, 0) + 1
    out, ytd = [], 0.0
    for month in range(1, period % 100 + 1):
        ym = project.year * 100 + month
        r = reports.get(ym)
        ytd += r.investment if r else 0.0
        out.append(
            MonthRow(
                ym=ym,
                investment=r.investment if r else None,
                investment_ytd=ytd,
                plan_ytd=project.baseline_plan_investment * month / 12,
                revisions=counts.get(ym, 0),
                problem=r.problem if r else "",
            )
        )
    return out


def project_plan_history(*, project: Project) -> list[ProjectPlanRevision]:
    return list(ProjectPlanRevision.objects.filter(project=project).order_by("revision"))


def project_problems(
    *, scope: Scope, period: int, code: str | None = None, year: int | None = None
) -> list[ProblemRow]:
    """Problems reported in progress rows (latest revisions) up to ``period`` of its year.

    For the problem list (问题清单) and for other capabilities (the chain-chief system may open
    a chain problem from a project's reported problem): pass ``code`` for one project.
    """
    year = year or period // 100
    reports = ProjectProgress.objects.filter(
        current=True, project__year=year, ym__lte=period
    ).exclude(problem="")
    if not scope.is_everything:
        reports = reports.filter(project__region_id__in=scope.regions)
    if code is not None:
        reports = reports.filter(project__code=code)
    rows = reports.order_by("project__code", "ym").values_list(
        "project__code",
        "project__year",
        "project__name",
        "project__region_id",
        "project__owner",
        "ym",
        "problem",
    )
    return [ProblemRow(*r) for r in rows]


def latest_period(*, scope: Scope) -> int | None:
    """The latest month with a report among the visible projects."""
    reports = ProjectProgress.objects.all()
    if not scope.is_everything:
        reports = reports.filter(project__region_id__in=scope.regions)
    last = reports.order_by("-ym").values_list("ym", flat=True).first()
    return last


def project_periods(*, scope: Scope) -> list[str]:
    """Months with at least one visible project report, newest first, as ``YYYY-MM``."""
    reports = ProjectProgress.objects.all()
    if not scope.is_everything:
        reports = reports.filter(project__region_id__in=scope.regions)
    yms = reports.values_list("ym", flat=True).distinct().order_by("-ym")
    return [f"{ym // 100}-{ym % 100:02d}" for ym in yms]


def project_years(*, scope: Scope, code: str) -> list[int]:
    """The years a visible project code has a list entry in, newest first."""
    return list(_visible(scope).filter(code=code).order_by("-year").values_list("year", flat=True))

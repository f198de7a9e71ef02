"""GET /api/v1/projects: key projects' figures, the objects `gongxin projects --format json` prints.

Both call ``projects.selectors.projects_figures`` with the caller's scope: a county user gets
its own region's projects (and, with ``by``, aggregates over those only).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongxin.api.schemas import Error
from gongxin.errors import UserError
from gongxin.projects.selectors import projects_figures
from gongxin.registry.periods import PeriodError, ym_parse

router = Router(tags=["重点项目"])


class ProjectRow(Schema):
    """One project (no ``by``): baseline plan, year-to-date progress, stage and lag level."""

    code: str
    year: int
    name: str
    owner: str
    uscc: str | None
    region: str
    chain: str | None
    kind: str
    grade: str | None
    pool: str
    total_investment: float
    plan_investment: float
    current_plan_investment: float
    plan_start: str | None
    plan_production: str | None
    investment_ytd: float
    completion: float | None
    time_progress: float
    ahead_pp: float | None
    started_on: str | None
    in_stats_on: str | None
    production_on: str | None
    stage: str
    level: str
    reasons: list[str]
    lng: float | None
    lat: float | None


class ProjectGroupRow(Schema):
    """One member of ``by`` (region, chain, kind or city)."""

    member: str
    name: str
    projects: int
    plan_investment: float
    investment_ytd: float
    completion: float | None
    time_progress: float
    ahead_pp: float | None
    started: int
    due_to_start: int
    start_rate: float | None
    in_stats: int
    in_production: int
    green: int
    yellow: int
    red: int


@router.get(
    "",
    response={200: list[ProjectRow] | list[ProjectGroupRow], 400: Error},
    summary="重点项目挂图作战",
    description=(
        "period 报告期 YYYY-MM（该年度的项目清单）；"
        "by 为 region / chain / kind / city 时按成员汇总，不填则逐个项目。"
        "与 `gongxin projects --format json` 输出相同。县区用户仅见本区县项目。"
    ),
)
def project_figures(request: HttpRequest, period: str, by: str | None = None):
    try:
        ym = ym_parse(period)
    except PeriodError as exc:
        return Status(400, {"detail": f"period {exc}"})
    try:
        rows = projects_figures(scope=request.scope, period=ym, by=by or None)
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, rows)

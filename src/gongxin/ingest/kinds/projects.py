"""The key-project list (重点项目清单): one row per project and year.

Re-importing updates by (``code``, ``year``): the first version of a project in a year is its
baseline, every later change of its plan a revision (``projects.services``). Coordinates must lie
inside the city's bounds, taken from the city's map (``city/data/geo/<city>.geojson``).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from gongxin.city.models import Chain, Region
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.schemas_projects import PROJECTS
from gongxin.projects.selectors import city_bounds
from gongxin.projects.services import PlanRow, projects_upsert

ERR_DUPLICATE = "项目编号 {code} 在 {year} 年度与第 {other} 行重复"
ERR_UNKNOWN_REGION = "区县代码“{code}”不在城市配置中"
ERR_UNKNOWN_CHAIN = "产业链代码“{code}”不在城市配置中"
ERR_TOTAL_ZERO = "总投资应大于 0"
ERR_PLAN_ABOVE_TOTAL = "年度计划投资 {plan} 大于总投资 {total}"
ERR_COORD_PAIR = "经度和纬度应同时填写或同时为空"
ERR_OUTSIDE = (
    "坐标（{lng}，{lat}）不在本市范围内（经度 {x0}–{x1}，纬度 {y0}–{y1}）："
    "请核对是否填反或小数点错位"
)
ERR_PRODUCTION_BEFORE_START = "计划投产日期 {production} 早于计划开工日期 {start}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# The columns the cross-row checks read, in the order ``check`` unpacks them.
CHECKED_COLUMNS = (
    "code", "year", "region", "chain", "total_investment", "plan_investment", "plan_start",
    "plan_production", "lng", "lat",
)  # fmt: skip


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    regions = set(Region.objects.values_list("code", flat=True))
    chains = set(Chain.objects.values_list("code", flat=True))
    bounds = city_bounds()
    first_row: dict[tuple[str, int], int] = {}
    take = itemgetter(*(PROJECTS.index[key] for key in CHECKED_COLUMNS))
    for rec in records:
        row = rec.row
        (code, year, region, chain, total, plan, start, production, lng, lat) = take(rec.values)
        if code and year:
            key = (code, int(year))
            if key in first_row:
                findings.error(
                    row,
                    "code",
                    ERR_DUPLICATE.format(code=code, year=int(year), other=first_row[key]),
                )
            else:
                first_row[key] = row
        if region and region not in regions:
            findings.error(row, "region", ERR_UNKNOWN_REGION.format(code=region))
        if chain and chain not in chains:
            findings.error(row, "chain", ERR_UNKNOWN_CHAIN.format(code=chain))
        if total is not None and total <= 0:
            findings.error(row, "total_investment", ERR_TOTAL_ZERO)
        elif total is not None and plan is not None and plan > total:
            findings.error(
                row,
                "plan_investment",
                ERR_PLAN_ABOVE_TOTAL.format(plan=_num(plan), total=_num(total)),
            )
        if start and production and production < start:
            findings.error(
                row,
                "plan_production",
                ERR_PRODUCTION_BEFORE_START.format(
                    production=production.isoformat(), start=start.isoformat()
                ),
            )
        if (lng is None) != (lat is None):
            if rec.ok:
                findings.error(row, "lat" if lat is None else "lng", ERR_COORD_PAIR)
        elif lng is not None and bounds is not None:
            x0, y0, x1, y1 = bounds
            if not (x0 <= lng <= x1 and y0 <= lat <= y1):
                findings.error(
                    row,
                    "lng",
                    ERR_OUTSIDE.format(lng=_num(lng), lat=_num(lat), x0=x0, x1=x1, y0=y0, y1=y1),
                )
    return findings


# The file's columns a plan is made of, in the order ``_plan_rows`` unpacks them.
PLAN_COLUMNS = (
    "code", "year", "name", "owner", "uscc", "region", "chain", "kind", "level", "pool",
    "total_investment", "plan_investment", "plan_start", "plan_production", "lng", "lat",
)  # fmt: skip


def _plan_rows(records: Sequence[Record]) -> list[PlanRow]:
    """The records as plans: values by position (``Record[key]`` per cell would cost more than
    the rest of the row for a province's 20,000 projects). Empty optional cells stay None:
    ``projects_upsert`` applies the defaults (no USCC, no grade, pool 实施)."""
    take = itemgetter(*(PROJECTS.index[key] for key in PLAN_COLUMNS))
    out = []
    for rec in records:
        (code, year, name, owner, uscc, region, chain, kind, level, pool, total, plan, start,
         production, lng, lat) = take(rec.values)  # fmt: skip
        values = {
            "name": name,
            "owner": owner,
            "uscc": uscc,
            "region_id": region,
            "chain_id": chain or None,
            "kind": kind,
            "grade": level,
            "pool": pool,
            "total_investment": float(total),
            "plan_investment": float(plan),
            "plan_start": start,
            "plan_production": production,
            "lng": None if lng is None else float(lng),
            "lat": None if lat is None else float(lat),
        }
        out.append(PlanRow(code, int(year), values))
    return out


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    summary = projects_upsert(
        rows=_plan_rows(records), actor=ctx.actor, batch_id=ctx.batch.pk, now=ctx.now
    )
    return {"rows": len(records), "written": summary.created + summary.revised, **summary.as_dict()}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增项目 {s['created']} 个（作为当年基线），"
        f"计划调整 {s['revised']} 个（保留为新版本，基线不变），未变 {s['unchanged']} 个；"
        f"审计记录 {s['audit_entries']} 条"
    )


KIND = ImportKind(
    name="projects",
    schema=PROJECTS,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)

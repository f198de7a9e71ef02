"""The key-project list (重点项目清单): one row per project and year.

Re-importing updates by (``code``, ``year``): the first version of a project in a year is its
baseline, every later change of its plan a revision (``projects.services``). Coordinates must lie
inside the city's bounds, taken from the city's map (``city/data/geo/<city>.geojson``).
"""

from __future__ import annotations

from collections.abc import Sequence

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


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    regions = set(Region.objects.values_list("code", flat=True))
    chains = set(Chain.objects.values_list("code", flat=True))
    bounds = city_bounds()
    first_row: dict[tuple[str, int], int] = {}
    for rec in records:
        row = rec.row
        code, year = rec["code"], rec["year"]
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
        if rec["region"] and rec["region"] not in regions:
            findings.error(row, "region", ERR_UNKNOWN_REGION.format(code=rec["region"]))
        if rec["chain"] and rec["chain"] not in chains:
            findings.error(row, "chain", ERR_UNKNOWN_CHAIN.format(code=rec["chain"]))
        total, plan = rec["total_investment"], rec["plan_investment"]
        if total is not None and total <= 0:
            findings.error(row, "total_investment", ERR_TOTAL_ZERO)
        elif total is not None and plan is not None and plan > total:
            findings.error(
                row,
                "plan_investment",
                ERR_PLAN_ABOVE_TOTAL.format(plan=_num(plan), total=_num(total)),
            )
        start, production = rec["plan_start"], rec["plan_production"]
        if start and production and production < start:
            findings.error(
                row,
                "plan_production",
                ERR_PRODUCTION_BEFORE_START.format(
                    production=production.isoformat(), start=start.isoformat()
                ),
            )
        lng, lat = rec["lng"], rec["lat"]
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


def _row(rec: Record) -> PlanRow:
    return PlanRow(
        code=rec["code"],
        year=int(rec["year"]),
        values={
            "name": rec["name"],
            "owner": rec["owner"],
            "uscc": rec["uscc"] or "",
            "region_id": rec["region"],
            "chain_id": rec["chain"] or None,
            "kind": rec["kind"],
            "grade": rec["level"] or "",
            "pool": rec["pool"] or "实施",
            "total_investment": float(rec["total_investment"]),
            "plan_investment": float(rec["plan_investment"]),
            "plan_start": rec["plan_start"],
            "plan_production": rec["plan_production"],
            "lng": None if rec["lng"] is None else float(rec["lng"]),
            "lat": None if rec["lat"] is None else float(rec["lat"]),
        },
    )


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    summary = projects_upsert(
        rows=[_row(r) for r in records], actor=ctx.actor, batch_id=ctx.batch.pk, now=ctx.now
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

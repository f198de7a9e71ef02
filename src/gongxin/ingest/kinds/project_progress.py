"""Monthly progress of key projects (项目月度进展): one row per project and month.

A month already stored becomes a new revision when any value differs; an equal row writes
nothing. Dates of what happened (开工 / 纳统 / 投产) cannot lie after the period's last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.schemas_projects import PROJECT_PROGRESS
from gongxin.projects.figures import period_end
from gongxin.projects.selectors import project_codes
from gongxin.projects.services import ProgressRow, progress_record
from gongxin.registry.periods import ym_format

ERR_UNKNOWN_PROJECT = "项目编号 {code} 不是 {year} 年度的项目：请先导入该年度的重点项目清单"
ERR_DUPLICATE = "项目 {code} 的 {period} 进展与第 {other} 行重复"
ERR_AFTER_PERIOD = "{label} {day} 晚于报告期 {period} 的最后一天 {end}"
WARN_STATS_BEFORE_START = "纳统日期 {day} 早于实际开工日期 {start}，请核实"

DATE_LABELS = {
    "started_on": "实际开工日期",
    "in_stats_on": "纳统日期",
    "production_on": "实际投产日期",
}


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    years = {r["period"] // 100 for r in records if r["period"]}
    known = project_codes(years=years)
    first_row: dict[tuple[str, int], int] = {}
    ends: dict[int, dt.date] = {}
    for rec in records:
        row, code, ym = rec.row, rec["code"], rec["period"]
        if code is None or ym is None:
            continue
        if (code, ym // 100) not in known:
            findings.error(row, "code", ERR_UNKNOWN_PROJECT.format(code=code, year=ym // 100))
        if (code, ym) in first_row:
            findings.error(
                row,
                "code",
                ERR_DUPLICATE.format(code=code, period=ym_format(ym), other=first_row[(code, ym)]),
            )
        else:
            first_row[(code, ym)] = row
        end = ends.get(ym) or ends.setdefault(ym, period_end(ym))
        for key, label in DATE_LABELS.items():
            day = rec[key]
            if day is not None and day > end:
                findings.error(
                    row,
                    key,
                    ERR_AFTER_PERIOD.format(
                        label=label, day=day.isoformat(), period=ym_format(ym), end=end.isoformat()
                    ),
                )
        start, stats = rec["started_on"], rec["in_stats_on"]
        if start and stats and stats < start:
            findings.warn(
                row,
                "in_stats_on",
                WARN_STATS_BEFORE_START.format(day=stats.isoformat(), start=start.isoformat()),
            )
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    rows = [
        ProgressRow(
            r["code"],
            r["period"],
            float(r["investment"]),
            r["started_on"],
            r["in_stats_on"],
            r["production_on"],
            r["problem"] or "",
        )
        for r in records
    ]
    summary = progress_record(rows=rows, actor=ctx.actor, batch_id=ctx.batch.pk, now=ctx.now)
    return {"rows": len(records), "written": summary.created + summary.revised, **summary.as_dict()}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增项目月度进展 {s['created']} 条，修订 {s['revised']} 条"
        f"（生成新版本），与已有数据相同 {s['unchanged']} 条；审计记录 {s['audit_entries']} 条"
    )


KIND = ImportKind(
    name="project-progress",
    schema=PROJECT_PROGRESS,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)

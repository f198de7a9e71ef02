"""Daily electricity (日用电量) from the power company's feed: one row per enterprise and day.

An enterprise-day already stored becomes a new revision (``dispatch.services``); a reading
equal to the stored one writes nothing. A reading at least ``SCALE_FACTOR`` times the
enterprise's usual daily use — the median of its stored days in the ``HISTORY_DAYS`` before,
given ``HISTORY_MIN_DAYS`` of them — is a warning: usually 千瓦时 typed for 万千瓦时.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence

from gongxin.dispatch.models import DailyElectricity
from gongxin.dispatch.services import DailyReading, daily_readings_record
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.schemas import DAILY
from gongxin.registry.selectors import chunked, enterprise_usccs

ERR_NOT_IN_ROSTER = "统一社会信用代码 {uscc} 不在企业名录中：请先导入该企业的名录信息"
ERR_DUPLICATE_DAY = "该企业 {day} 的日用电量与第 {other} 行重复"
WARN_SCALE = (
    "日用电量 {value} 是该企业此前日用电量中位数 {median} 的 {ratio:.0f} 倍："
    "可能单位有误（应为万千瓦时），请核实"
)

SCALE_FACTOR = 100.0
HISTORY_DAYS = 60
HISTORY_MIN_DAYS = 5


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _history(records: Sequence[Record]) -> dict[str, dict[dt.date, float]]:
    """``uscc → day → reading`` (latest revisions) over the look-back of the file's days."""
    first = min(r["date"] for r in records) - dt.timedelta(days=HISTORY_DAYS)
    last = max(r["date"] for r in records)
    history: dict[str, dict[dt.date, float]] = {}
    for chunk in chunked(sorted({r["uscc"] for r in records})):
        rows = (
            DailyElectricity.objects.filter(enterprise_id__in=chunk, day__range=(first, last))
            .order_by("revision")
            .values_list("enterprise_id", "day", "electricity")
        )
        for uscc, day, value in rows:
            history.setdefault(uscc, {})[day] = value
    return history


def _warn_scale(records: Sequence[Record], findings: Findings) -> None:
    history = _history(records)
    for rec in records:
        day = rec["date"]
        earlier = [
            v
            for d, v in history.get(rec["uscc"], {}).items()
            if day - dt.timedelta(days=HISTORY_DAYS) <= d < day
        ]
        if len(earlier) < HISTORY_MIN_DAYS:
            continue
        median = statistics.median(earlier)
        value = rec["electricity"]
        if median > 0 and value >= SCALE_FACTOR * median:
            findings.warn(
                rec.row,
                "electricity",
                WARN_SCALE.format(value=_num(value), median=_num(median), ratio=value / median),
            )


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    roster = enterprise_usccs()
    first_row: dict[tuple[str, dt.date], int] = {}
    known: list[Record] = []
    for rec in records:
        uscc, day = rec["uscc"], rec["date"]
        if uscc is None:
            continue
        if uscc not in roster:
            findings.error(rec.row, "uscc", ERR_NOT_IN_ROSTER.format(uscc=uscc))
            continue
        if day is None:
            continue
        if (uscc, day) in first_row:
            findings.error(
                rec.row,
                "date",
                ERR_DUPLICATE_DAY.format(day=day.isoformat(), other=first_row[(uscc, day)]),
            )
            continue
        first_row[(uscc, day)] = rec.row
        if rec.ok:
            known.append(rec)
    if findings.errors or not known:
        return findings  # warnings about a file that will not be imported only distract
    _warn_scale(known, findings)
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    readings = [DailyReading(r["uscc"], r["date"], float(r["electricity"])) for r in records]
    summary = daily_readings_record(
        readings=readings, batch=ctx.batch, actor=ctx.actor, now=ctx.now
    )
    return {"rows": len(records), "written": summary.revisions, **summary.as_dict()}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增企业日用电量 {s['created']} 条，修订 {s['revised']} 条"
        f"（生成新版本），与已有数据相同 {s['unchanged']} 条；共写入 {s['revisions']} 个版本"
    )


KIND = ImportKind(
    name="daily",
    schema=DAILY,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)

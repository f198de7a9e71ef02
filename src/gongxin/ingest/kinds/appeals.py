"""Historical enterprise appeals (企业诉求历史数据): one row per appeal.

The columns are ``shared/docs/programme-contract.md`` §3's; ``docs/appeals.md`` lists them.
Rules that need the database or several cells: the enterprise in the roster, the region and
the category and unit in the configuration, timestamps in order (accepted ≥ submitted,
answered ≥ accepted, closed ≥ submitted), a rating or a 是否解决 only on a closed appeal, no
timestamp in the future, one row per code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from gongxin.appeals.history import HistoryRow, appeals_history_record
from gongxin.appeals.models import Rating
from gongxin.city.appeal_categories import appeal_config
from gongxin.city.models import Region
from gongxin.ingest.cells import CellError, Choice, Text, Uscc, YesNo
from gongxin.ingest.columns import Column, Record, Schema
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.registry.selectors import enterprise_usccs

ERR_DATETIME = "应为日期时间（如 2024-05-06 09:30 或 2024-05-06T09:30:00），实为“{value}”"
ERR_DUPLICATE = "诉求编号 {code} 与第 {other} 行重复"
ERR_NOT_IN_ROSTER = "统一社会信用代码 {uscc} 不在企业名录中：请先导入该企业的名录信息"
ERR_UNKNOWN_REGION = "区县代码 {region} 不在城市配置中"
ERR_UNKNOWN_CATEGORY = "诉求类别“{value}”不在配置中，应为：{choices}"
ERR_UNKNOWN_UNIT = "责任单位“{value}”不在配置中，应为：{choices}"
ERR_BEFORE = "{this}（{at}）早于{other}（{earlier}）"
ERR_FUTURE = "时间 {at} 晚于现在"
ERR_NOT_CLOSED = "诉求尚未办结（办结时间为空），不能有{what}"
ERR_CODE = "诉求编号只能含字母、数字和 - _，不超过 32 个字符，实为“{value}”"

_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass(frozen=True)
class LocalDateTime:
    """``YYYY-MM-DD[ HH:MM[:SS]]`` (or ``T``), local time (Asia/Shanghai); Excel date cells too."""

    description: str = "日期时间"

    def parse(self, cell: object) -> dt.datetime:
        if isinstance(cell, dt.datetime):
            naive = cell.replace(tzinfo=None)
        elif isinstance(cell, dt.date):
            naive = dt.datetime.combine(cell, dt.time())
        else:
            text = unicodedata.normalize("NFKC", str(cell)).strip()
            match = _DATETIME.match(text)
            if not match:
                raise CellError(ERR_DATETIME.format(value=text))
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
            try:
                naive = dt.datetime(y, mo, d, h, mi, s)
            except ValueError:
                raise CellError(ERR_DATETIME.format(value=text)) from None
        if not 2000 <= naive.year <= 2100:
            raise CellError(ERR_DATETIME.format(value=naive.isoformat(sep=" ")))
        return timezone.make_aware(naive)


@dataclass(frozen=True)
class AppealCode:
    description: str = "诉求编号"

    def parse(self, cell: object) -> str:
        text = unicodedata.normalize("NFKC", str(cell)).strip()
        if not _CODE.match(text):
            raise CellError(ERR_CODE.format(value=text))
        return text


WHEN = LocalDateTime()
APPEALS = Schema(
    kind="appeals",
    label="企业诉求",
    columns=(
        Column("code", "诉求编号", AppealCode(), True, "必填，文件内唯一"),
        Column("uscc", "统一社会信用代码", Uscc(check=False), True, "须在企业名录中"),
        Column("region", "所属区县代码", Text(max_length=12), True, "城市配置中的区县代码"),
        Column("category", "诉求类别", Text(max_length=32), True, "配置中的诉求类别"),
        Column("unit", "责任单位", Text(max_length=64), True, "配置中的责任单位名称"),
        Column("title", "诉求标题", Text(max_length=200), True, "必填"),
        Column("submitted_at", "提交时间", WHEN, True, "日期时间，本地时间"),
        Column("accepted_at", "签收时间", WHEN, rule="可选，不早于提交时间"),
        Column("answered_at", "答复时间", WHEN, rule="可选，不早于签收时间"),
        Column("closed_at", "办结时间", WHEN, rule="可选，不早于提交时间"),
        Column("rating", "评价", Choice(tuple(Rating.values)), rule="可选，须已办结"),
        Column("solved", "是否解决", YesNo(), rule="可选：是 / 否，须已办结"),
    ),
)

_ORDER = (
    ("accepted_at", "签收时间", "submitted_at", "提交时间"),
    ("answered_at", "答复时间", "accepted_at", "签收时间"),
    ("answered_at", "答复时间", "submitted_at", "提交时间"),
    ("closed_at", "办结时间", "submitted_at", "提交时间"),
    ("closed_at", "办结时间", "answered_at", "答复时间"),
)


def _show(at: dt.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    config = appeal_config()
    roster = enterprise_usccs()
    regions = set(Region.objects.values_list("code", flat=True))
    units = config.units
    seen: dict[str, int] = {}
    now = timezone.now()
    for rec in records:
        code = rec["code"]
        if code is not None:
            if code in seen:
                findings.error(rec.row, "code", ERR_DUPLICATE.format(code=code, other=seen[code]))
            else:
                seen[code] = rec.row
        if rec["uscc"] is not None and rec["uscc"] not in roster:
            findings.error(rec.row, "uscc", ERR_NOT_IN_ROSTER.format(uscc=rec["uscc"]))
        if rec["region"] is not None and rec["region"] not in regions:
            findings.error(rec.row, "region", ERR_UNKNOWN_REGION.format(region=rec["region"]))
        if rec["category"] is not None and rec["category"] not in config.categories:
            findings.error(
                rec.row,
                "category",
                ERR_UNKNOWN_CATEGORY.format(
                    value=rec["category"], choices="、".join(config.categories)
                ),
            )
        if rec["unit"] is not None and rec["unit"] not in units:
            findings.error(
                rec.row,
                "unit",
                ERR_UNKNOWN_UNIT.format(value=rec["unit"], choices="、".join(units)),
            )
        for later, later_name, earlier, earlier_name in _ORDER:
            a, b = rec[later], rec[earlier]
            if a is not None and b is not None and a < b:
                findings.error(
                    rec.row,
                    later,
                    ERR_BEFORE.format(
                        this=later_name, at=_show(a), other=earlier_name, earlier=_show(b)
                    ),
                )
        for key in ("submitted_at", "accepted_at", "answered_at", "closed_at"):
            if rec[key] is not None and rec[key] > now:
                findings.error(rec.row, key, ERR_FUTURE.format(at=_show(rec[key])))
        if rec["closed_at"] is None:
            if rec["rating"] is not None:
                findings.error(rec.row, "rating", ERR_NOT_CLOSED.format(what="评价"))
            if rec["solved"] is not None:
                findings.error(rec.row, "solved", ERR_NOT_CLOSED.format(what="是否解决"))
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    rows = [
        HistoryRow(
            code=r["code"],
            uscc=r["uscc"],
            region=r["region"],
            category=r["category"],
            unit=r["unit"],
            title=r["title"],
            submitted_at=r["submitted_at"],
            accepted_at=r["accepted_at"],
            answered_at=r["answered_at"],
            closed_at=r["closed_at"],
            rating=r["rating"] or "",
            solved=r["solved"],
        )
        for r in records
    ]
    counts = appeals_history_record(rows=rows, batch=ctx.batch, actor=ctx.actor)
    return {"rows": len(rows), "written": counts["created"] + counts["updated"], **counts}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增诉求 {s['created']} 件，更新 {s['updated']} 件，"
        f"与已有数据相同 {s['unchanged']} 件"
    )


KIND = ImportKind(
    name="appeals",
    schema=APPEALS,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)

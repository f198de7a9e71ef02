"""The columns of each import kind, as the data contract's tables list them (key ↔ 中文表头).

Each column names its cell type (``cells.py``) and whether it is required; rules that need the
database or other rows (a region of the city, a USCC in the roster, one row per month) are
checked by the kind's module under ``kinds/``. ``docs/imports.md`` lists the same tables, and a
test keeps the two in step.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from gongxin.ingest import limits as L
from gongxin.ingest.cells import (
    CellError,
    Choice,
    Code,
    CodeList,
    Day,
    Month,
    Number,
    PeriodText,
    Text,
    Uscc,
    YesNo,
)
from gongxin.ingest.columns import Column, Schema
from gongxin.registry.models import CHAIN_ROLE_CHOICES, OWNERSHIP_CHOICES, SIZE_CHOICES
from gongxin.registry.periods import (
    PeriodError,
    report_period_parse,
)

NON_NEGATIVE = Number(minimum=0)
ANY_SIGN = Number()
# Per-field plausibility bounds (limits.py, docs/imports.md "Limits").
MONEY = Number(minimum=0, maximum=L.MONEY_MAX)
MONEY_ANY_SIGN = Number(minimum=-L.MONEY_MAX, maximum=L.MONEY_MAX)
ELECTRICITY = Number(minimum=0, maximum=L.ELECTRICITY_MAX)


def _choices(pairs: list[tuple[str, str]]) -> Choice:
    return Choice(tuple(value for value, _ in pairs))


ROSTER = Schema(
    kind="roster",
    label="企业名录",
    columns=(
        Column(
            "uscc", "统一社会信用代码", Uscc(), True, "18位，校验位符合 GB 32100-2015；文件内唯一"
        ),
        Column("name", "企业名称", Text(max_length=200), True, "必填"),
        Column("region", "所属区县代码", Code(digits=6), True, "城市配置中的区县代码"),
        Column(
            "industry",
            "行业代码",
            Code(digits=4),
            True,
            "GB/T 4754-2017 B、C、D 门类的4位行业小类代码（0610–4690）",
        ),
        Column("above_scale_from", "纳入规上年月", Month(), rule="可选 YYYY-MM；空 = 一直是规上"),
        Column("above_scale_to", "退出规上年月", Month(), rule="可选 YYYY-MM（最后一个规上月份）"),
        Column("chains", "所属产业链", CodeList(), rule="可选，城市配置中的产业链代码，以 ; 分隔"),
        Column(
            "chain_role", "链上角色", _choices(CHAIN_ROLE_CHOICES), rule="可选：链主 / 骨干 / 配套"
        ),
        Column(
            "ownership",
            "登记注册类型",
            _choices(OWNERSHIP_CHOICES),
            rule="可选：国有 / 集体 / 私营 / 外商投资 / 港澳台投资 / 其他",
        ),
        Column("size", "企业规模", _choices(SIZE_CHOICES), rule="可选：大型 / 中型 / 小型 / 微型"),
        Column(
            "land_mu",
            "用地面积(亩)",
            Number(minimum=0, maximum=L.LAND_MU_MAX),
            rule="可选，数值 ≥ 0",
            aliases=("用地面积",),
        ),
        Column("key", "重点企业", YesNo(), rule="可选：是 / 否"),
    ),
)


@dataclass(frozen=True)
class ReportMonth(Month):
    """A report's period: ``YYYY-MM``, or 1—2月 combined (``2024-01~02``, ``2024年1—2月``),
    which is February's month as a ``JanFeb`` (stored as February's row, ``combined``)."""

    description: str = "YYYY-MM 或 YYYY-01~02"
    recent: bool = True  # a period of data: from 2000 to next month

    def _parse(self, cell: object) -> int:
        if isinstance(cell, str):
            try:
                return report_period_parse(unicodedata.normalize("NFKC", cell).strip())
            except PeriodError as exc:
                raise CellError(str(exc)) from None
        return super()._parse(cell)


# The monthly figures of one enterprise-month, in the order of stats.models.MonthlyReport.
MONTHLY = Schema(
    kind="monthly",
    label="月度运行数据",
    columns=(
        Column("period", "报告期", ReportMonth(), True, "YYYY-MM；1—2月合并报送写 YYYY-01~02"),
        Column("uscc", "统一社会信用代码", Uscc(check=False), True, "须在企业名录中"),
        Column(
            "output",
            "工业总产值(当年价格)",
            MONEY,
            True,
            "必填，≥ 0，万元",
            aliases=("工业总产值",),
        ),
        Column("sales", "工业销售产值", MONEY, rule="≥ 0，万元"),
        Column("export", "出口交货值", MONEY, rule="≥ 0，万元"),
        Column("revenue", "营业收入", MONEY, rule="≥ 0，万元"),
        Column("profit", "利润总额", MONEY_ANY_SIGN, rule="可为负，万元"),
        Column("electricity", "用电量", ELECTRICITY, rule="≥ 0，万千瓦时"),
        Column(
            "employees",
            "从业人员",
            Number(minimum=0, maximum=L.EMPLOYEES_MAX, integer=True),
            rule="整数 ≥ 0",
        ),
        Column("output_py", "上年同期工业总产值", MONEY, rule="可选，上年同月，万元"),
        Column("sales_py", "上年同期工业销售产值", MONEY, rule="可选，上年同月，万元"),
        Column("export_py", "上年同期出口交货值", MONEY, rule="可选，上年同月，万元"),
        Column("revenue_py", "上年同期营业收入", MONEY, rule="可选，上年同月，万元"),
        Column(
            "profit_py", "上年同期利润总额", MONEY_ANY_SIGN, rule="可选，上年同月，可为负，万元"
        ),
        Column("electricity_py", "上年同期用电量", ELECTRICITY, rule="可选，上年同月，万千瓦时"),
    ),
)

REFERENCE = Schema(
    kind="reference",
    label="参考数据",
    columns=(
        Column("series", "序列", Code(), True, "已登记的序列（见 docs/imports.md）"),
        Column(
            "scope", "范围", Code(), True, "随序列而定：行业大类、province/nation、city/区县代码"
        ),
        Column("period", "期", PeriodText(), True, "月度序列 YYYY-MM，年度序列 YYYY"),
        Column(
            "value",
            "值",
            Number(minimum=-L.REFERENCE_MAX, maximum=L.REFERENCE_MAX),
            True,
            "数值（范围随序列而定）",
        ),
    ),
)


# Daily electricity from the power company's feed (日用电量), one row per enterprise and day.
DAILY = Schema(
    kind="daily",
    label="日用电量",
    columns=(
        Column("date", "日期", Day(), True, "YYYY-MM-DD"),
        Column("uscc", "统一社会信用代码", Uscc(check=False), True, "须在企业名录中"),
        Column(
            "electricity",
            "日用电量",
            Number(minimum=0, maximum=L.DAILY_ELECTRICITY_MAX),
            True,
            "必填，≥ 0，万千瓦时",
        ),
    ),
)

SCHEMAS: dict[str, Schema] = {s.kind: s for s in (ROSTER, MONTHLY, REFERENCE, DAILY)}

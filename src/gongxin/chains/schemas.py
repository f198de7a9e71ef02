"""The columns of the chain files (programme contract §2), key ↔ 中文表头.

Kept in the chains app, which owns the records; the import kinds ``ingest/kinds/chain_*.py``
read them. Rules that need the database or other rows are checked by those kinds.
"""

from __future__ import annotations

from gongxin.chains.models import (
    ACTIVITY_FORM_CHOICES,
    ACTIVITY_KIND_CHOICES,
    CATEGORY_CHOICES,
    STREAM_CHOICES,
    STRENGTH_CHOICES,
    TARGET_STAGE_CHOICES,
    ProblemStatus,
)
from gongxin.ingest.cells import Choice, Code, CodeList, Day, Text, Uscc
from gongxin.ingest.columns import Column, Schema


def _choices(pairs: list[tuple[str, str]]) -> Choice:
    return Choice(tuple(value for value, _ in pairs))


# A problem's status as the contract's key (open …) or its Chinese label (待交办 …).
STATUS_BY_TEXT = {s.value: s.value for s in ProblemStatus} | {
    s.label: s.value for s in ProblemStatus
}

CHAIN_MAP = Schema(
    kind="chain-map",
    label="产业链图谱",
    columns=(
        Column("chain", "产业链", Code(), True, "城市配置中的产业链代码"),
        Column("node", "环节编号", Code(), True, "产业链内唯一"),
        Column("parent", "上级环节编号", Code(), rule="可选；空 = 顶层环节"),
        Column("name", "环节名称", Text(max_length=100), True, "必填"),
        Column("stream", "链段", _choices(STREAM_CHOICES), True, "上游 / 中游 / 下游"),
        Column("classes", "行业代码", CodeList(), rule="可选，GB/T 4754 4位行业小类，以 ; 分隔"),
        Column(
            "strength", "环节评估", _choices(STRENGTH_CHOICES), rule="可选：强 / 弱 / 缺 / 风险"
        ),
    ),
)

CHAIN_ACTIVITIES = Schema(
    kind="chain-activities",
    label="链长活动",
    columns=(
        Column("date", "日期", Day(), True, "YYYY-MM-DD"),
        Column("chain", "产业链", Code(), True, "城市配置中的产业链代码"),
        Column("kind", "类型", _choices(ACTIVITY_KIND_CHOICES), True, "问链 / 巡链 / 诊链"),
        Column(
            "form",
            "形式",
            _choices(ACTIVITY_FORM_CHOICES),
            True,
            "调度会 / 座谈会 / 现场调研 / 现场办公 / 专题活动 / 专家诊断",
        ),
        Column("leader", "带队", Text(max_length=100), True, "职务（如 链长）或姓名"),
        Column("enterprises", "企业", CodeList(), rule="可选，统一社会信用代码，以 ; 分隔"),
        Column("summary", "内容摘要", Text(max_length=2000), True, "必填"),
    ),
)

CHAIN_PROBLEMS = Schema(
    kind="chain-problems",
    label="断点堵点问题",
    columns=(
        Column("code", "问题编号", Code(), True, "文件内唯一；已有编号则更新"),
        Column("chain", "产业链", Code(), True, "城市配置中的产业链代码"),
        Column("node", "环节编号", Code(), rule="可选，该产业链图谱中的环节"),
        Column("uscc", "统一社会信用代码", Uscc(check=False), rule="可选，须在企业名录中"),
        Column(
            "category",
            "类别",
            _choices(CATEGORY_CHOICES),
            True,
            "要素保障 / 融资 / 用工 / 技术 / 市场 / 审批 / 配套 / 其他",
        ),
        Column("description", "问题描述", Text(max_length=2000), True, "必填"),
        Column("owner_unit", "责任单位", Text(max_length=100), rule="可选"),
        Column("opened_on", "提出日期", Day(), True, "YYYY-MM-DD"),
        Column("deadline", "办结时限", Day(), True, "YYYY-MM-DD，不早于提出日期"),
        Column(
            "status",
            "状态",
            Choice(tuple(STATUS_BY_TEXT)),
            True,
            "open / assigned / in_progress / solved / closed"
            "（或 待交办 / 已交办 / 推进中 / 已解决 / 已销号）",
        ),
        Column("solved_on", "解决日期", Day(), rule="solved、closed 必填，不早于提出日期"),
    ),
)

CHAIN_TARGETS = Schema(
    kind="chain-targets",
    label="招商目标",
    columns=(
        Column("chain", "产业链", Code(), True, "城市配置中的产业链代码"),
        Column("node", "环节编号", Code(), True, "该产业链图谱中的环节"),
        Column("company", "目标企业", Text(max_length=200), True, "必填"),
        Column("location", "所在地", Text(max_length=100), rule="可选"),
        Column("stage", "阶段", _choices(TARGET_STAGE_CHOICES), True, "线索 / 洽谈 / 签约 / 落地"),
        Column("project_code", "项目编号", Code(), rule="可选，关联的重点项目编号"),
    ),
)

CHAIN_SCHEMAS: dict[str, Schema] = {
    s.kind: s for s in (CHAIN_MAP, CHAIN_ACTIVITIES, CHAIN_PROBLEMS, CHAIN_TARGETS)
}

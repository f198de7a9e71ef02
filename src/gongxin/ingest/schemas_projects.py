"""Columns of the key-project files (programme contract §1), kept apart from ``schemas.py`` so
the programme's kinds do not edit one shared table; ``docs/projects.md`` lists the same columns
and ``tests/projects/test_docs.py`` keeps the two in step.
"""

from __future__ import annotations

from gongxin.ingest.cells import Choice, Code, Day, Month, Number, Text, Uscc
from gongxin.ingest.columns import Column, Schema

PROJECT_KINDS = ("强链", "延链", "补链", "技改", "新建", "其他")
PROJECT_GRADES = ("省重点", "市重点", "县重点")
PROJECT_POOLS = ("储备", "计划", "实施")

PROJECTS = Schema(
    kind="projects",
    label="重点项目清单",
    columns=(
        Column("code", "项目编号", Code(), True, "必填，同一年度内唯一"),
        Column(
            "year", "年度", Number(minimum=1949, maximum=2100, integer=True), True, "YYYY，计划年度"
        ),
        Column("name", "项目名称", Text(max_length=200), True, "必填"),
        Column("owner", "项目单位", Text(max_length=200), True, "必填"),
        Column(
            "uscc",
            "项目单位统一社会信用代码",
            Uscc(),
            rule="可选，符合 GB 32100-2015（新投资主体可不在企业名录中）",
        ),
        Column("region", "所属区县代码", Code(digits=6), True, "城市配置中的区县代码"),
        Column("chain", "所属产业链", Code(), rule="可选，城市配置中的产业链代码"),
        Column(
            "kind",
            "项目类型",
            Choice(PROJECT_KINDS),
            True,
            "强链 / 延链 / 补链 / 技改 / 新建 / 其他",
        ),
        Column("level", "项目级别", Choice(PROJECT_GRADES), rule="可选：省重点 / 市重点 / 县重点"),
        Column(
            "pool", "项目库", Choice(PROJECT_POOLS), rule="可选：储备 / 计划 / 实施（默认实施）"
        ),
        Column("total_investment", "总投资", Number(minimum=0), True, "> 0，万元"),
        Column("plan_investment", "年度计划投资", Number(minimum=0), True, "≥ 0，万元"),
        Column("plan_start", "计划开工日期", Day(), rule="可选 YYYY-MM-DD"),
        Column("plan_production", "计划投产日期", Day(), rule="可选 YYYY-MM-DD"),
        Column("lng", "经度", Number(), rule="可选，WGS 84，须在本市范围内"),
        Column("lat", "纬度", Number(), rule="可选，WGS 84，须在本市范围内"),
    ),
)

PROJECT_PROGRESS = Schema(
    kind="project-progress",
    label="项目月度进展",
    columns=(
        Column("period", "报告期", Month(), True, "YYYY-MM"),
        Column("code", "项目编号", Code(), True, "该年度已导入的项目"),
        Column("investment", "本月完成投资", Number(minimum=0), True, "≥ 0，万元，当月数"),
        Column("started_on", "实际开工日期", Day(), rule="可选，不晚于报告期最后一天"),
        Column("in_stats_on", "纳统日期", Day(), rule="可选，不晚于报告期最后一天"),
        Column("production_on", "实际投产日期", Day(), rule="可选，不晚于报告期最后一天"),
        Column("problem", "存在问题", Text(max_length=1000), rule="可选，文本（进入问题清单）"),
    ),
)

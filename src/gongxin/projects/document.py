"""The monthly key-project lists (重点项目进度清单、问题清单、责任清单) as one document.

Written into the platform's document model (``reports/model.py``) and rendered by its
renderers to DOCX (公文 layout) and XLSX, like the bulletin. Every number of the text is a
``Figure`` traced to the projects' figures (``source="projects"``, term indicator = the JSON key
of ``gongxin projects --by city``, member = the city code), so a test checks each against the
figures; the tables are the figures of ``gongxin projects`` rounded for print.
"""

from __future__ import annotations

import datetime as dt

from gongxin.city.config import load_city_config
from gongxin.city.models import Chain, Region
from gongxin.projects.figures import LEVELS, ProjectFigures
from gongxin.projects.selectors import (
    project_list_figures,
    project_problems,
    projects_group_figures,
)
from gongxin.reports.model import Document, Figure, Paragraph, Section, Sentence, Table, Term
from gongxin.scope import Scope
from gongxin.wording import number, rounded, ytd_label

LEVEL_NAMES = {"red": "红色", "yellow": "黄色", "green": "绿色"}
# What the responsibility list asks of a lagging project, by level (docs/projects.md).
DEMANDS = {
    "red": "属地政府（管委会）牵头，项目单位一月内提交整改方案，市级专班挂牌督办",
    "yellow": "属地工业和信息化部门跟踪调度，项目单位按月报告进展",
}


def _fig(total: dict, key: str, member: str, decimals: int = 1, unit: str = "") -> Figure:
    value = total[key]
    text = number(value, decimals, grouping=decimals == 0) + unit
    return Figure(
        text, rounded(value, decimals), (Term(key, "city", member),), decimals, source="projects"
    )


def _say(template: str, *parts: Figure | str) -> Sentence:
    texts = [p.text if isinstance(p, Figure) else p for p in parts]
    return Sentence(template.format(*texts), tuple(p for p in parts if isinstance(p, Figure)))


def _pct(value: float | None) -> str:
    return "—" if value is None else number(value, 1)


def _money(value: float) -> str:
    return number(value, 1)


def overview(total: dict, member: str, period: int, label: str) -> list[Sentence]:
    """The opening paragraph: the figures of ``gongxin projects --by city``."""
    out = [
        _say(
            "{}，{}纳入调度的重点项目{}个，年度计划投资{}万元，累计完成投资{}万元",
            ytd_label(period),
            label,
            _fig(total, "projects", member, 0),
            _fig(total, "plan_investment", member, 0),
            _fig(total, "investment_ytd", member, 0),
        )
    ]
    if total["completion"] is not None:
        ahead = rounded(total["ahead_pp"], 1)
        completion = _fig(total, "completion", member, 1, "%")
        if ahead == 0:
            out.append(_say("，完成年度计划的{}，与时间进度持平", completion))
        else:
            out.append(
                _say(
                    "，完成年度计划的{}，{}时间进度{}个百分点",
                    completion,
                    "超过" if ahead > 0 else "落后",
                    # The gap as printed (unsigned) with its signed value for the trace check.
                    Figure(
                        number(abs(ahead), 1),
                        ahead,
                        (Term("ahead_pp", "city", member),),
                        1,
                        source="projects",
                    ),
                )
            )
    out.append(
        _say(
            "。已开工{}个，纳统{}个，投产{}个",
            _fig(total, "started", member, 0),
            _fig(total, "in_stats", member, 0),
            _fig(total, "in_production", member, 0),
        )
    )
    if total["start_rate"] is not None:
        out.append(_say("，计划开工项目开工率{}", _fig(total, "start_rate", member, 1, "%")))
    out.append(
        _say(
            "。红色预警项目{}个，黄色预警项目{}个。",
            _fig(total, "red", member, 0),
            _fig(total, "yellow", member, 0),
        )
    )
    return out


def _progress_rows(figures: list[ProjectFigures], regions: dict, chains: dict) -> list[list[str]]:
    order = sorted(figures, key=lambda f: (LEVELS.index(f.level), f.plan.region, f.plan.code))
    return [
        [
            f.plan.code,
            f.plan.name,
            regions.get(f.plan.region, f.plan.region),
            chains.get(f.plan.chain, "—") if f.plan.chain else "—",
            _money(f.plan.plan_investment),
            _money(f.investment_ytd),
            _pct(f.completion),
            f.stage,
            LEVEL_NAMES[f.level],
        ]
        for f in order
    ]


def projects_document(*, scope: Scope, period: int, date: dt.date | None = None) -> Document:
    config = load_city_config()
    regions = dict(Region.objects.values_list("code", "name"))
    chains = dict(Chain.objects.values_list("code", "name"))
    figures = project_list_figures(scope=scope, period=period)
    [city] = projects_group_figures(scope=scope, period=period, by="city", figures=figures)
    total = city.as_dict()
    by_region = [
        g.as_dict()
        for g in projects_group_figures(scope=scope, period=period, by="region", figures=figures)
        if g.projects
    ]
    label = "全市" if scope.is_everything else regions.get(next(iter(scope.regions)), "本区县")
    year, month = divmod(period, 100)

    region_table = Table(
        title=f"分县（市、区）重点项目推进情况（{ytd_label(period)}）",
        headers=[
            "县（市、区）",
            "项目数",
            "年度计划投资（万元）",
            "累计完成投资（万元）",
            "完成率（%）",
            "开工",
            "纳统",
            "投产",
            "红色",
            "黄色",
        ],
        rows=[
            [
                g["name"],
                str(g["projects"]),
                _money(g["plan_investment"]),
                _money(g["investment_ytd"]),
                _pct(g["completion"]),
                str(g["started"]),
                str(g["in_stats"]),
                str(g["in_production"]),
                str(g["red"]),
                str(g["yellow"]),
            ]
            for g in by_region
        ],
        numeric=[False] + [True] * 9,
        sheet="分县区",
    )
    progress = Table(
        title=f"重点项目进度清单（{ytd_label(period)}）",
        headers=[
            "项目编号",
            "项目名称",
            "县（市、区）",
            "产业链",
            "年度计划投资（万元）",
            "累计完成投资（万元）",
            "完成率（%）",
            "阶段",
            "预警",
        ],
        rows=_progress_rows(figures, regions, chains),
        numeric=[False, False, False, False, True, True, True, False, False],
        note="完成率按年度计划投资基线计算；预警级别见《重点项目滞后规则》。",
        sheet="进度清单",
    )
    problems = {}
    for p in project_problems(scope=scope, period=period):
        problems[p.code] = p  # the latest month's problem of each project
    visible = {f.plan.code: f for f in figures}
    problem_table = Table(
        title=f"重点项目问题清单（截至{year}年{month}月）",
        headers=["项目编号", "项目名称", "县（市、区）", "报告期", "存在问题"],
        rows=[
            [
                p.code,
                p.name,
                regions.get(p.region, p.region),
                f"{p.ym // 100}-{p.ym % 100:02d}",
                p.problem,
            ]
            for p in sorted(problems.values(), key=lambda p: (p.region, p.code))
            if p.code in visible
        ],
        numeric=[False] * 5,
        sheet="问题清单",
    )
    lagging = [f for f in figures if f.level in ("red", "yellow")]
    lagging.sort(key=lambda f: (LEVELS.index(f.level), f.plan.region, f.plan.code))
    duty_table = Table(
        title=f"重点项目责任清单（{year}年{month}月）",
        headers=[
            "项目编号",
            "项目名称",
            "预警",
            "滞后原因",
            "责任单位（项目单位）",
            "属地",
            "督办要求",
        ],
        rows=[
            [
                f.plan.code,
                f.plan.name,
                LEVEL_NAMES[f.level],
                "；".join(f.reasons),
                f.plan.owner,
                regions.get(f.plan.region, f.plan.region),
                DEMANDS[f.level],
            ]
            for f in lagging
        ],
        numeric=[False] * 7,
        sheet="责任清单",
    )
    sections = [
        Section("总体进展", [Paragraph(overview(total, config.code, period, label)), region_table]),
        Section("进度清单", [progress]),
        Section(
            "问题清单",
            [problem_table]
            if problem_table.rows
            else [Paragraph([Sentence("本期项目单位未报送存在问题。")])],
        ),
        Section(
            "责任清单",
            [duty_table]
            if duty_table.rows
            else [Paragraph([Sentence("本期无红色、黄色预警项目。")])],
        ),
    ]
    closing = [
        Paragraph(
            [
                Sentence(
                    "请各县（市、区）对照问题清单和责任清单，逐项明确整改措施和完成时限，"
                    "于下月5日前将整改情况报市工业和信息化局。"
                )
            ]
        )
    ]
    date = date or dt.date.today()
    return Document(
        kind="projects",
        issuer_mark=config.bureau,
        number=f"{config.doc_abbrev}项〔{year}〕{month}号",
        title=f"{config.name}重点项目推进情况通报（{ytd_label(period)}）",
        addressee="各县（市、区）人民政府，市属开发区管委会，市直有关部门：",
        lead=[],
        sections=sections,
        closing=closing,
        attachments=[],
        signature=config.bureau,
        date=date,
    )

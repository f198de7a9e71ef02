"""The chain leader's monthly work brief (链长工作简报) of one chain, as a document.

Figures come from ``gongxin.chains.selectors`` (the engine ``--by chain`` for firms, output and
VA growth; the records for coverage, problems, activities) — the same objects as
``gongxin chains --format json`` — so the brief and the CLI agree by construction. The brief
names enterprises of every region, so like the other documents it is for the city roles.
"""

from __future__ import annotations

import datetime as dt

from gongxin.chains import selectors as sel
from gongxin.chains.models import TARGET_STAGE_CHOICES, ChainProblem, ProblemStatus
from gongxin.city.config import load_city_config
from gongxin.reports.model import Document, Figure, Paragraph, Section, Sentence, Table, Term
from gongxin.scope import Scope
from gongxin.wording import chinese_date, number, signed_word, ytd_label

STATUS_NAMES = dict(ProblemStatus.choices)
LISTED = 40


def chain_fig(value: float | None, decimals: int = 1, unit: str = "") -> Figure:
    """A chain-chief figure from the records (coverage, problems, activities)."""
    if value is None:
        return Figure("—", 0.0, (), decimals, source="chains")
    text = (str(round(value)) if decimals == 0 else number(value, decimals)) + unit
    return Figure(text, round(value, decimals), (), decimals, source="chains")


def _engine_fig(value: float | None, indicator: str, code: str, decimals: int = 1) -> Figure:
    if value is None:
        return Figure("—", 0.0, (), decimals)
    shown = abs(value) if indicator == "va_growth_ytd" else value
    return Figure(
        number(shown, decimals), round(value, decimals), (Term(indicator, "chain", code),), decimals
    )


def _say(template: str, *parts: Figure | str) -> Sentence:
    texts = [p.text if isinstance(p, Figure) else p for p in parts]
    return Sentence(template.format(*texts), tuple(p for p in parts if isinstance(p, Figure)))


def _month_label(day: dt.date) -> str:
    return f"{day.year}年{day.month}月"


def chain_brief_document(*, chain: str, period: str) -> Document:
    config = load_city_config()
    scope = Scope.everything()
    (c,) = sel.chains_figures(period=period, chain=chain, scope=scope)
    nodes = sel.chain_nodes(chain=chain, period=period, scope=scope)
    p = sel.period_parse(period)
    day = sel.last_day(p)
    first = dt.date(p.year, p.month, 1)

    growth = c["va_growth_ytd"]
    overview = [
        _say(
            "{}，{}产业链规上工业企业{}家，完成工业总产值{}万元",
            ytd_label(p.ym), c["name"], chain_fig(c["enterprises"], 0),
            _engine_fig(c["output_ytd"],
                        "output_ytd", chain),
        ),
    ]  # fmt: skip
    if growth is not None:
        overview.append(
            _say(
                "，规上工业增加值同比{}{}%",
                signed_word(growth),
                _engine_fig(growth, "va_growth_ytd", chain),
            )
        )
    overview.append(Sentence("。"))
    if c["nodes"]:
        overview.append(
            _say(
                "产业链图谱共{}个环节，其中末端环节{}个、有本地规上企业配套的{}个，"
                "本地配套覆盖率{}%；弱环节{}个，缺失环节{}个，风险环节{}个。",
                chain_fig(c["nodes"], 0), chain_fig(c["leaf_nodes"], 0),
                chain_fig(c["covered_leaves"], 0), chain_fig(c["coverage"]),
                chain_fig(c["weak_nodes"], 0), chain_fig(c["missing_nodes"], 0),
                chain_fig(c["risk_nodes"], 0),
            )
        )  # fmt: skip
    node_table = Table(
        f"{c['name']}产业链环节情况",
        ["环节", "链段", "行业代码", "规上企业", "评估"],
        [
            [
                n["name"],
                n["stream"],
                "、".join(n["classes"]) or "—",
                str(n["enterprises"]),
                n["strength"] + ("（评估）" if n["assessed"] else ""),
            ]
            for n in nodes
        ],
        [False, False, False, True, False],
        note="评估：强 ≥ 3 家、弱 1–2 家、缺 0 家规上企业，有评估的以评估为准。",
        sheet="环节",
    )

    month_activities = list(
        sel.chain_activities(chain=chain).filter(date__gte=first, date__lte=day).order_by("date")
    )
    work = [
        _say(
            "本月开展问链、巡链、诊链活动{}次，{}累计{}次。",
            chain_fig(len(month_activities), 0), ytd_label(p.ym), chain_fig(c["activities_ytd"], 0),
        )
    ]  # fmt: skip
    activity_blocks: list = [Paragraph(work)]
    if month_activities:
        activity_blocks.append(
            Table(
                "本月链长工作开展情况",
                ["日期", "类型", "形式", "带队", "内容"],
                [
                    [a.date.isoformat(), a.kind, a.form, a.leader, a.summary]
                    for a in month_activities
                ],
                [False] * 5,
                sheet="活动",
            )
        )

    problems = ChainProblem.objects.filter(chain_id=chain).select_related("enterprise")
    solved_month = [
        pr for pr in problems.filter(solved_on__gte=first, solved_on__lte=day)
        if pr.status in (ProblemStatus.SOLVED, ProblemStatus.CLOSED)
    ]  # fmt: skip
    open_rows = [sel.problem_dict(pr, day) for pr in problems.filter(opened_on__lte=day)]
    open_rows = [r for r in open_rows if r["solved_on"] is None or r["solved_on"] > day.isoformat()]
    problem_text = [
        _say(
            "截至{}，累计梳理断点堵点问题{}个，已解决（含销号）{}个，问题化解率{}%；"
            "尚未解决{}个，其中超过办结时限{}个。本月解决问题{}个。",
            chinese_date(day), chain_fig(c["problems"], 0), chain_fig(c["problems_solved"], 0),
            chain_fig(c["resolution_rate"]), chain_fig(c["problems_open"], 0),
            chain_fig(c["problems_overdue"], 0), chain_fig(len(solved_month), 0),
        )
    ]  # fmt: skip
    problem_blocks: list = [Paragraph(problem_text)]
    if solved_month:
        problem_blocks.append(
            Table(
                "本月解决的问题",
                ["编号", "类别", "问题", "责任单位", "解决日期"],
                [
                    [
                        pr.code,
                        pr.category,
                        pr.description,
                        pr.owner_unit or "—",
                        pr.solved_on.isoformat(),
                    ]
                    for pr in solved_month[:LISTED]
                ],
                [False] * 5,
                sheet="已解决",
            )
        )
    if open_rows:
        problem_blocks.append(
            Table(
                "尚未解决的问题",
                ["编号", "类别", "问题", "责任单位", "办结时限", "状态"],
                [[r["code"], r["category"], r["description"], r["owner_unit"] or "—",
                  r["deadline"] + ("（超期）" if r["overdue"] else ""),
                  STATUS_NAMES.get(r["status"], r["status"])] for r in open_rows[:LISTED]],
                [False] * 6,
                sheet="未解决",
            )
        )  # fmt: skip

    targets = list(sel.chain_targets(chain=chain))
    names = {n["node"]: n["name"] for n in nodes}
    counts = "，".join(
        f"{stage}{sum(1 for t in targets if t.stage == stage)}个"
        for stage, _ in TARGET_STAGE_CHOICES
    )
    target_blocks: list = [
        Paragraph(
            [_say("围绕弱环节和缺失环节梳理招商目标{}个：{}。", chain_fig(len(targets), 0), counts)]
        )
    ]
    if targets:
        target_blocks.append(
            Table(
                "招商目标",
                ["环节", "目标企业", "所在地", "阶段", "项目编号"],
                [
                    [
                        names.get(t.node, t.node),
                        t.company,
                        t.location or "—",
                        t.stage,
                        t.project_code or "—",
                    ]
                    for t in targets
                ],
                [False] * 5,
                sheet="招商",
            )
        )

    leaders = "、".join(c["leaders"]) or "链长"
    return Document(
        kind="chain_brief",
        issuer_mark=f"{c['name']}产业链工作专班",
        number=f"第{p.month}期",
        title=f"{c['name']}产业链链长工作简报（{_month_label(day)}）",
        addressee=f"总链长、{leaders}：",
        lead=[],
        sections=[
            Section("产业链运行情况", [Paragraph(overview), node_table]),
            Section("链长工作开展情况", activity_blocks),
            Section("断点堵点问题解决情况", problem_blocks),
            Section("补链强链招商情况", target_blocks),
        ],
        closing=[],
        attachments=[],
        signature=c["team"] or config.bureau,
        date=day,
        cc="",
        printer="",
    )

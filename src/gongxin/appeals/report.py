"""The monthly appeals bulletin (企业诉求办理情况通报): figures of the month and the year so far,
the units ranked, the appeals past their limit as an attachment — in the bureau's 公文 layout
through the shared document model and renderers.
"""

from __future__ import annotations

import calendar
import datetime as dt

from gongxin.appeals.deadlines import add_working_days
from gongxin.appeals.models import Appeal
from gongxin.appeals.selectors import stats_rows
from gongxin.appeals.stats import StatsRow, ranking, rates
from gongxin.appeals.workflow import OPEN_STATES
from gongxin.city.config import load_city_config
from gongxin.engine.period import Period
from gongxin.reports.model import Attachment, Document, Figure, Paragraph, Section, Sentence, Table
from gongxin.wording import number, ytd_label

RANK_BY = "on_time_rate"  # units are ranked by 按时办结率, then 解决率 breaks no ties: shown
RATE_NAMES = {
    "response_rate": "响应率",
    "on_time_rate": "按时办结率",
    "solve_rate": "解决率",
    "satisfaction_rate": "满意率",
}


def default_date(period: Period) -> dt.date:
    """The third working day after the month's end: the month's figures are then complete."""
    last = dt.date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])
    return add_working_days(last, 3)


def _figure(value: float | int | None, decimals: int) -> Figure:
    if value is None:
        return Figure("—", 0.0, decimals=decimals, source="appeals")
    text = str(int(value)) if decimals == 0 else number(float(value), decimals)
    return Figure(text, float(text), decimals=decimals, source="appeals")


def _summary(label: str, city: StatsRow, end: dt.date) -> Paragraph:
    c, r = city.counts, rates(city.counts)
    figs = [
        _figure(c["appeals"], 0),
        _figure(c["closed"], 0),
        _figure(c["solved"], 0),
        _figure(r["solve_rate"], 1),
        _figure(r["on_time_rate"], 1),
        _figure(r["satisfaction_rate"], 1),
    ]
    text = (
        f"{label}，全市通过“诉求通”平台受理企业诉求{figs[0].text}件，办结{figs[1].text}件，"
        f"其中解决{figs[2].text}件，解决率{figs[3].text}%，按时办结率{figs[4].text}%，"
        f"满意率{figs[5].text}%。"
    )
    if c["overdue_open"]:
        overdue = _figure(c["overdue_open"], 0)
        figs.append(overdue)
        text += f"截至{end.month}月{end.day}日，其中超期未办结{overdue.text}件。"
    return Paragraph([Sentence(text, tuple(figs))])


def _rate_text(value: float | None) -> str:
    return "—" if value is None else number(value, 1)


def _ranking_table(rows: list[StatsRow]) -> Table:
    body = []
    for place, row in ranking(rows, RANK_BY):
        r = rates(row.counts)
        body.append(
            [
                str(place),
                row.name,
                str(row.counts["appeals"]),
                str(row.counts["closed"]),
                *(_rate_text(r[k]) for k in RATE_NAMES),
                str(row.counts["overdue_open"]),
            ]
        )
    return Table(
        title="责任单位诉求办理情况排名",
        headers=["名次", "责任单位", "诉求", "办结", *RATE_NAMES.values(), "超期未办结"],
        rows=body,
        numeric=[True, False, True, True, True, True, True, True, True],
        note=f"按{RATE_NAMES[RANK_BY]}排名，数值相同者并列。",
        sheet="单位排名",
    )


def _overdue(end: dt.date) -> list[Appeal]:
    return list(
        Appeal.objects.filter(status__in=OPEN_STATES, solve_due__lt=end)
        .select_related("enterprise")
        .order_by("solve_due", "code")
    )


def appeals_report_document(
    *, period: Period, number: str | None = None, date: dt.date | None = None
) -> Document:
    config = load_city_config()
    start = dt.date(period.year, period.month, 1)
    end = dt.date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])
    all_appeals = Appeal.objects.all()
    month_rows = stats_rows(all_appeals, start=start, end=end, by="unit")
    ytd_rows = stats_rows(all_appeals, start=dt.date(period.year, 1, 1), end=end, by="unit")
    month_label = f"{period.year}年{period.month}月份"
    ytd = f"{period.year}年{ytd_label(period.ym)}"
    worst = [
        row.name for place, row in ranking(ytd_rows, RANK_BY) if row.counts["overdue_open"] > 0
    ][:3]
    sections = [
        Section(
            "总体情况",
            [_summary(month_label, month_rows[-1], end), _summary(ytd, ytd_rows[-1], end)],
        ),
        Section(
            "责任单位办理情况",
            [
                Paragraph(
                    [Sentence(f"按{RATE_NAMES[RANK_BY]}对{ytd}各责任单位诉求办理情况排名如下。")]
                ),
                _ranking_table(ytd_rows),
            ],
        ),
    ]
    overdue = _overdue(end)
    problems = (
        f"{'、'.join(worst)}等单位存在超期未办结诉求，请于5个工作日内办结并反馈。"
        if worst
        else "各责任单位均无超期未办结诉求。"
    )
    sections.append(Section("存在的问题", [Paragraph([Sentence(problems)])]))
    sections.append(
        Section(
            "下一步工作要求",
            [
                Paragraph(
                    [
                        Sentence(
                            "各责任单位要严格落实签收、答复、办结时限，对企业不满意的诉求认真重办；"
                            "服务专员要加强跟踪，确保企业诉求件件有回音、事事有着落。"
                        )
                    ]
                )
            ],
        )
    )
    attachments = []
    if overdue:
        attachments.append(
            Attachment(
                "超期未办结诉求清单",
                [
                    Table(
                        title="超期未办结诉求清单",
                        headers=["诉求编号", "企业", "责任单位", "诉求标题", "办结时限"],
                        rows=[
                            [a.code, a.enterprise.name, a.unit, a.title, a.solve_due.isoformat()]
                            for a in overdue
                        ],
                        numeric=[False] * 5,
                        sheet="超期清单",
                    )
                ],
            )
        )
    when = date or default_date(period)
    return Document(
        kind="appeals",
        issuer_mark=f"{config.bureau}文件",
        number=number or f"{config.doc_abbrev}〔{when.year}〕{period.month}号",
        title=f"关于{month_label}企业诉求办理情况的通报",
        addressee="市直有关部门，各县（市、区）工业和信息化主管部门：",
        lead=[
            Paragraph(
                [
                    Sentence(
                        "为持续优化营商环境，压实企业诉求办理责任，"
                        f"现将{month_label}全市企业诉求办理情况通报如下。"
                    )
                ]
            )
        ],
        sections=sections,
        closing=[Paragraph([Sentence("特此通报。")])],
        attachments=attachments,
        signature=config.bureau,
        date=when,
        cc="",
        printer=config.bureau,
    )

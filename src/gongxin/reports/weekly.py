"""The weekly analysis (周分析): the week's dispatch summed up, with the warnings still open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from gongxin.city.config import load_city_config
from gongxin.dispatch.detection import HALTED, MISSING, NO_BASELINE, NORMAL, NOT_JUDGED
from gongxin.dispatch.selectors import dispatch_week
from gongxin.dispatch.summary import WeekDispatch, WeekGroup
from gongxin.errors import UserError
from gongxin.reports import charts
from gongxin.reports.alerts_view import (
    ALERTS_DISABLED,
    LEVEL_NAMES,
    STATUS_NAMES,
    WarningsView,
    warnings_for_period,
)
from gongxin.reports.dispatch_doc import _say, dispatch_fig
from gongxin.reports.model import (
    Attachment,
    Chart,
    Document,
    Paragraph,
    Section,
    Sentence,
    Table,
)
from gongxin.wording import chinese_date, is_flat, number, short_date, signed_word

OPEN_STATUSES = ("open", "assigned", "acknowledged", "reopened")
STATUS_MARKS = {
    NORMAL: "正",
    HALTED: "停",
    MISSING: "缺",
    NO_BASELINE: "无",
    NOT_JUDGED: "休",
    "": "·",
}
WEEKDAYS = "一二三四五六日"
LISTED = 50
ERR_DATE_EARLY = "成文日期 {date} 早于该周最后一天 {last}：周分析在该周结束后才能成文"
MSG_NO_MONTHLY = "尚无月度运行数据，无预警可列。"


@dataclass
class WeeklyAnalysis:
    dispatch: WeekDispatch
    period: str | None  # the month whose warnings are listed
    warnings: WarningsView
    date: dt.date  # 成文日期: the warnings are those known by then

    @property
    def open_warnings(self) -> list[dict]:
        return [w for w in self.warnings.items if w["status"] in OPEN_STATUSES]

    def as_dict(self) -> dict[str, object]:
        return {
            **self.dispatch.as_dict(),
            "warnings_period": self.period,
            "warnings_enabled": self.warnings.enabled,
            "open_warnings": self.open_warnings,
        }


def last_closed_month(date: dt.date) -> int:
    """The last month that had ended by ``date`` (``yyyymm``): a month's reports can exist only
    after it ends, so a document dated 12 May 2024 can know April's data at most."""
    first = date.replace(day=1) - dt.timedelta(days=1)
    return first.year * 100 + first.month


def _warnings_period(date: dt.date) -> str | None:
    """The latest month with monthly reports that had ended by the document's date."""
    from gongxin.stats.models import MonthlyReport

    ym = MonthlyReport.objects.filter(ym__lte=last_closed_month(date)).aggregate(last=Max("ym"))[
        "last"
    ]
    return None if ym is None else f"{ym // 100:04d}-{ym % 100:02d}"


def default_weekly_date(last: dt.date) -> dt.date:
    """成文日期 of a week's analysis by default: the day after its Sunday (the Monday)."""
    return last + dt.timedelta(days=1)


def weekly_analysis(
    *,
    week: str,
    as_of: dt.datetime | None = None,
    actor: str | None = None,
    date: dt.date | None = None,
) -> WeeklyAnalysis:
    """The week's analysis as of its document ``date`` (default: the Monday after the week):
    the warnings listed are those of the last month that had ended by that date."""
    from gongxin.registry.permissions import operator_name

    dispatch = dispatch_week(week=week, as_of=as_of)
    date = date or default_weekly_date(dispatch.last)
    if date < dispatch.last:
        raise UserError(
            ERR_DATE_EARLY.format(date=date.isoformat(), last=dispatch.last.isoformat())
        )
    period = _warnings_period(date)
    if period is None:
        view = WarningsView(False)
    else:
        view = warnings_for_period(period=period, actor=actor or operator_name())
    return WeeklyAnalysis(dispatch, period, view, date)


def _num(value: float | None, decimals: int = 1) -> str:
    return "—" if value is None else number(value, decimals)


DAY_HEADERS = [
    "日期",
    "类型",
    "用电量（万千瓦时）",
    "基线（万千瓦时）",
    "较基线（%）",
    "疑似停产",
    "复产率（%）",
    "新增停产",
    "复产",
]
REGION_HEADERS = [
    "县（市、区）",
    "用电量（万千瓦时）",
    "较基线（%）",
    "停产企业（家）",
    "新增停产",
    "复产",
    "周末复产率（%）",
]
FIRM_HEADERS = ["企业名称", "县（市、区）", "行业", "停产天数", "逐日状态", "停产起始"]


def day_rows(w: WeekDispatch) -> list[list[str]]:
    rows = []
    for line in w.days:
        c = line.city
        label = f"{short_date(line.day)}（周{WEEKDAYS[line.day.weekday()]}）"
        if not line.has_data:
            rows.append([label, line.day_label, "无数据", "", "", "", "", "", ""])
            continue
        rows.append(
            [
                label,
                line.day_label,
                _num(c.electricity),
                _num(c.baseline),
                _num(c.vs_baseline),
                str(c.halted),
                _num(c.resumption_rate),
                str(c.newly_halted),
                str(c.resumed),
            ]
        )
    return rows


def region_rows(groups: list[WeekGroup]) -> list[list[str]]:
    return [
        [
            g.name,
            _num(g.electricity),
            _num(g.vs_baseline),
            str(g.halted_firms),
            str(g.newly_halted),
            str(g.resumed),
            _num(g.last_resumption_rate),
        ]
        for g in groups
    ]


def firm_rows(w: WeekDispatch) -> list[list[str]]:
    return [
        [
            f.name,
            f.region_name,
            f.division_name,
            str(f.halted_days),
            "".join(STATUS_MARKS.get(s, "·") for s in f.statuses),
            f.halted_since.isoformat() if f.halted_since else "—",
        ]
        for f in w.halted[:LISTED]
    ]


def _summary(w: WeekDispatch) -> list[Sentence]:
    t = w.total
    days = sum(1 for d in w.days if d.has_data)
    out = [
        _say(
            "本周（{}至{}）有日用电量数据{}天，全市监测工业企业合计用电{}万千瓦时",
            short_date(w.first),
            short_date(w.last),
            dispatch_fig(days, 0),
            dispatch_fig(t.electricity),
        )
    ]
    if t.vs_baseline is not None and is_flat(t.vs_baseline):
        out.append(Sentence("，与基线持平"))
    elif t.vs_baseline is not None:
        word = signed_word(t.vs_baseline, "高于", "低于")
        out.append(_say("，{}基线{}", word, dispatch_fig(t.vs_baseline, 1, "%")))
    out.append(
        _say(
            "。本周疑似停产企业{}家，累计新增停产{}家次、复产{}家次",
            dispatch_fig(t.halted_firms, 0),
            dispatch_fig(t.newly_halted, 0),
            dispatch_fig(t.resumed, 0),
        )
    )
    if t.last_resumption_rate is not None:
        out.append(_say("，周末复产率{}", dispatch_fig(t.last_resumption_rate, 1, "%")))
    out.append(Sentence("。"))
    return out


def _warnings_blocks(a: WeeklyAnalysis) -> list:
    if a.period is None:
        return [Paragraph([Sentence(MSG_NO_MONTHLY)])]
    if not a.warnings.enabled:
        return [Paragraph([Sentence(ALERTS_DISABLED)])]
    items = a.open_warnings
    month = f"{int(a.period[:4])}年{int(a.period[5:])}月"
    if not items:
        return [Paragraph([Sentence(f"{month}预警均已办结。")])]
    count = dispatch_fig(len(items), 0)
    sentence = _say("截至本周，{}预警中尚未办结{}条，请各责任单位加快处置。", month, count)
    return [Paragraph([sentence])]


def warning_table(a: WeeklyAnalysis) -> Table | None:
    items = a.open_warnings
    if a.period is None or not a.warnings.enabled or not items:
        return None
    month = f"{int(a.period[:4])}年{int(a.period[5:])}月"
    return Table(
        f"未办结预警（{month}）",
        ["级别", "对象", "预警内容", "处置状态"],
        [
            [LEVEL_NAMES[w["level"]], w["name"], w["message"], STATUS_NAMES.get(w["status"], "")]
            for w in items[:LISTED]
        ],
        [False, False, False, False],
        sheet="未办结预警",
    )


def weekly_document(a: WeeklyAnalysis, *, number: int | None = None) -> Document:
    """The week's analysis: the body (summary, days, regions, warnings in words) stays short;
    the halted firms and the open warnings are the attachments."""
    config = load_city_config()
    w = a.dispatch
    chart = Chart(
        "本周每日用电量与基线（万千瓦时）",
        charts.daily_bars(
            [f"{short_date(d.day)}" for d in w.days],
            [d.city.electricity for d in w.days],
            [d.city.baseline if d.has_data and d.city.baseline else None for d in w.days],
        ),
        width_mm=120,
    )
    days_table = Table(
        "本周逐日用电及停产情况",
        DAY_HEADERS,
        day_rows(w),
        [False, False] + [True] * 7,
        sheet="逐日",
    )
    attachments = []
    if w.halted:
        attachments.append(
            Attachment(
                "本周疑似停产企业",
                [
                    Table(
                        "本周疑似停产企业",
                        FIRM_HEADERS,
                        firm_rows(w),
                        [False, False, False, True, False, False],
                        note="逐日状态：正 = 正常生产，停 = 疑似停产，休 = 休息日不判定，"
                        "无 = 无可比基线，缺 = 未报送，· = 无数据。",
                        sheet="停产企业",
                    )
                ],
            )
        )
        halted = [
            Paragraph(
                [
                    _say(
                        "本周疑似停产企业{}家，名单见附件。",
                        dispatch_fig(len(w.halted), 0),
                    )
                ]
            )
        ]
    else:
        halted = [Paragraph([Sentence("本周无疑似停产企业。")])]
    table = warning_table(a)
    if table is not None:
        attachments.append(Attachment(table.title, [table]))
    year, week_no = w.first.isocalendar()[:2]
    date = a.date
    return Document(
        kind="weekly",
        issuer_mark=config.bureau,
        number=f"{config.doc_abbrev}〔{date.year}〕{number or week_no}号",
        title=f"{config.name}工业经济运行周分析（{year}年第{week_no}周）",
        addressee="各县（市、区）工业和信息化主管部门：",
        lead=[],
        sections=[
            Section("本周用电总体情况", [Paragraph(_summary(w)), days_table, chart]),
            Section("疑似停产企业", halted),
            Section(
                "分县（市、区）情况",
                [
                    Table(
                        "分县（市、区）本周用电及停产情况",
                        REGION_HEADERS,
                        region_rows(w.regions),
                        [False] + [True] * 6,
                        sheet="县市区",
                    )
                ],
            ),
            Section("未办结预警", _warnings_blocks(a)),
        ],
        closing=[],
        attachments=attachments,
        signature=config.bureau,
        date=date,
    )


def weekly_table_text(a: WeeklyAnalysis) -> str:
    from gongxin.text_tables import render_table

    w = a.dispatch
    parts = ["".join(s.text for s in _summary(w)), ""]
    parts.append(render_table(DAY_HEADERS, day_rows(w), [False, False] + [True] * 7))
    parts += ["", f"疑似停产企业（{len(w.halted)} 家）"]
    if w.halted:
        parts.append(
            render_table(FIRM_HEADERS, firm_rows(w), [False, False, False, True, False, False])
        )
    parts += ["", render_table(REGION_HEADERS, region_rows(w.regions), [False] + [True] * 6)]
    words = (s.text for b in _warnings_blocks(a) if isinstance(b, Paragraph) for s in b.sentences)
    parts += ["", "".join(words)]
    return "\n".join(parts)


__all__ = ["WeeklyAnalysis", "chinese_date", "weekly_analysis", "weekly_document"]

"""The daily dispatch (日调度) as a document and as a plain-text table for the terminal."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from gongxin.city.config import load_city_config
from gongxin.dispatch.detection import STATUS_NAMES
from gongxin.dispatch.summary import DayDispatch, FirmLine, GroupFigures
from gongxin.dispatch.workdays import KIND_NAMES
from gongxin.errors import UserError
from gongxin.reports.figures import join_sentences
from gongxin.reports.model import (
    Attachment,
    Document,
    Figure,
    Paragraph,
    Section,
    Sentence,
    Table,
)
from gongxin.wording import chinese_date, is_flat, number, rounded, short_date, signed_word

LISTED = 50
ERR_REGION = "县（市、区）代码 {region} 不在本市的区划中，无法生成区县版"
ERR_DATE_EARLY = "成文日期 {date} 早于调度日期 {day}：日调度不能在当日数据产生之前成文"
MSG_REST_SKIPPED = "休息日不判定停产（日调度规则 rest_days: skip）。"
MSG_NONE_HALTED = "当日无疑似停产企业。"


def _num(value: float | None, decimals: int = 1) -> str:
    return "—" if value is None else number(value, decimals)


def dispatch_fig(value: float, decimals: int = 1, unit: str = "") -> Figure:
    """A dispatch figure (not an engine indicator): traced as ``source="dispatch"``."""
    text = (number(value, 0) if decimals == 0 else number(abs(value), decimals)) + unit
    return Figure(text, rounded(value, decimals), (), decimals, source="dispatch")


def _say(template: str, *figures: Figure | str) -> Sentence:
    texts = [f.text if isinstance(f, Figure) else f for f in figures]
    return Sentence(template.format(*texts), tuple(f for f in figures if isinstance(f, Figure)))


def day_sentences(d: DayDispatch, whom: str = "全市") -> list[Sentence]:
    c = d.city
    label = d.day_label if d.day_label != "工作日" else KIND_NAMES[d.kind]
    out = [
        _say(
            "{}（{}），{}监测工业企业{}家，报送日用电量{}家，合计用电{}万千瓦时",
            short_date(d.day),
            label,
            whom,
            dispatch_fig(c.firms, 0),
            dispatch_fig(c.reported, 0),
            dispatch_fig(c.electricity),
        )
    ]
    if c.vs_baseline is not None and is_flat(c.vs_baseline):
        out.append(Sentence("，与基线持平"))
    elif c.vs_baseline is not None:
        word = signed_word(c.vs_baseline, "高于", "低于")
        out.append(_say("，{}基线{}", word, dispatch_fig(c.vs_baseline, 1, "%")))
    out.append(Sentence("。"))
    if d.kind == "restday" and d.rules.rest_days == "skip":
        out.append(Sentence(MSG_REST_SKIPPED))
        return out
    share = dispatch_fig(d.rules.halted_share * 100, 0, "%")
    out.append(_say("按日用电量低于基线{}判定，疑似停产企业{}家", share, dispatch_fig(c.halted, 0)))
    if c.resumption_rate is not None:
        out.append(_say("，复产率{}", dispatch_fig(c.resumption_rate, 1, "%")))
    # A count of zero is left out rather than stated ("0家未报送").
    changes = [
        _say(template, dispatch_fig(value, 0))
        for template, value in (("新增停产{}家", c.newly_halted), ("复产{}家", c.resumed))
        if value
    ]
    if changes:
        out.append(join_sentences([Sentence("；较前一日"), join_sentences(changes, "，")], ""))
        out.append(Sentence("。"))
    else:
        out.append(Sentence("；较前一日无新增停产和复产企业。"))
    unjudged = [
        _say(template, dispatch_fig(value, 0))
        for template, value in (("{}家无可比基线", c.no_baseline), ("{}家未报送", c.missing))
        if value
    ]
    if unjudged:
        out.append(
            join_sentences(
                [Sentence("另有"), join_sentences(unjudged, "、"), Sentence("，未作判定。")], ""
            )
        )
    return out


GROUP_HEADERS = [
    "企业数",
    "用电量（万千瓦时）",
    "较基线（%）",
    "疑似停产",
    "复产率（%）",
    "新增停产",
    "复产",
]


def group_row(g: GroupFigures) -> list[str]:
    return [
        str(g.firms),
        _num(g.electricity),
        _num(g.vs_baseline),
        str(g.halted),
        _num(g.resumption_rate),
        str(g.newly_halted),
        str(g.resumed),
    ]


def group_table(title: str, first: str, groups: list[GroupFigures], sheet: str) -> Table:
    rows = [[g.name, *group_row(g)] for g in groups if g.firms]
    return Table(title, [first, *GROUP_HEADERS], rows, [False] + [True] * 7, sheet=sheet)


FIRM_HEADERS = ["企业名称", "县（市、区）", "行业", "当日用电", "基线", "占基线（%）", "停产起始"]


def firm_rows(lines: list[FirmLine]) -> list[list[str]]:
    return [
        [
            f.name,
            f.region_name,
            f.division_name,
            _num(f.reading, 2),
            _num(f.baseline, 2),
            _num(f.share),
            f.halted_since.isoformat() if f.halted_since else "—",
        ]
        for f in lines[:LISTED]
    ]


def firm_table(title: str, lines: list[FirmLine], sheet: str) -> Table:
    return Table(
        title,
        FIRM_HEADERS,
        firm_rows(lines),
        [False, False, False, True, True, True, False],
        note=f"用电量单位：万千瓦时；按基线由大到小排列，最多列 {LISTED} 家。",
        sheet=sheet,
    )


def _names(lines: list[FirmLine]) -> str:
    shown = "、".join(f"{f.name}（{f.region_name}）" for f in lines[:10])
    return shown + ("等" if len(lines) > 10 else "")


def default_dispatch_date(day: dt.date) -> dt.date:
    """成文日期 of a day's dispatch by default: the next day (a day's electricity is complete
    only once the day is over; the power company's feed arrives the next morning)."""
    return day + dt.timedelta(days=1)


def county_view(d: DayDispatch, region: str) -> tuple[DayDispatch, GroupFigures]:
    """The county edition's dispatch: the county's group as its "city", its firms only (the
    firm lists carry region names, unique in the city); returns it with the city's figures."""
    group = next((g for g in d.regions if g.code == region), None)
    if group is None:
        raise UserError(ERR_REGION.format(region=region))

    def own(lines: list[FirmLine]) -> list[FirmLine]:
        return [f for f in lines if f.region_name == group.name]

    county = replace(
        d,
        city=group,
        regions=[group],
        divisions=[],
        halted=own(d.halted),
        newly_halted=own(d.newly_halted),
        resumed=own(d.resumed),
    )
    return county, d.city


def _city_context(city: GroupFigures) -> Paragraph:
    parts = [
        _say(
            "全市监测工业企业{}家，疑似停产{}家",
            dispatch_fig(city.firms, 0),
            dispatch_fig(city.halted, 0),
        )
    ]
    if city.resumption_rate is not None:
        parts.append(_say("，复产率{}", dispatch_fig(city.resumption_rate, 1, "%")))
    if city.vs_baseline is not None:
        word = "低于" if round(city.vs_baseline, 1) < 0 else "高于"
        parts.append(_say("；用电量{}基线{}", word, dispatch_fig(city.vs_baseline, 1, "%")))
    return Paragraph([Sentence("作为参照，"), *parts, Sentence("。")])


def dispatch_document(
    d: DayDispatch,
    *,
    number_in_year: int | None = None,
    date: dt.date | None = None,
    region: str | None = None,
) -> Document:
    """The day's dispatch: the body (summary, regions, changes) fits two pages on a normal day;
    the division table and the list of halted firms are the attachments. With ``region`` the
    county edition: the county's figures and firms, the city's figures as context."""
    config = load_city_config()
    city: GroupFigures | None = None
    if region is not None:
        d, city = county_view(d, region)
    whom = "全市" if city is None else d.city.name
    place = config.name if city is None else whom
    date = date or default_dispatch_date(d.day)
    if date < d.day:
        raise UserError(ERR_DATE_EARLY.format(date=date.isoformat(), day=d.day.isoformat()))
    serial = number_in_year or d.day.timetuple().tm_yday
    changes: list[Sentence] = []
    if d.newly_halted:
        changes.append(Sentence(f"新增疑似停产企业：{_names(d.newly_halted)}。"))
    if d.resumed:
        changes.append(Sentence(f"恢复生产企业：{_names(d.resumed)}。"))
    if not changes:
        changes.append(Sentence("较前一日无新增停产和复产企业。"))
    attachments = []
    divisions = [g for g in d.divisions if g.firms]
    if divisions:
        attachments.append(
            Attachment(
                "分行业大类日用电量及停产情况",
                [group_table("分行业大类日用电量及停产情况", "行业大类", divisions, "行业")],
            )
        )
    if d.halted:
        attachments.append(
            Attachment(
                "疑似停产企业名单",
                [firm_table(f"疑似停产企业名单（{short_date(d.day)}）", d.halted, "疑似停产")],
            )
        )
    summary = [Paragraph(day_sentences(d, whom))]
    if not d.halted:
        summary.append(Paragraph([Sentence(MSG_NONE_HALTED)]))
    if city is not None:
        summary.append(_city_context(city))
    sections = [Section("总体情况", summary)]
    if city is None:
        sections.append(
            Section(
                "分县（市、区）情况",
                [
                    group_table(
                        "分县（市、区）日用电量及停产情况", "县（市、区）", d.regions, "县市区"
                    )
                ],
            )
        )
    sections.append(Section("新增停产和复产企业", [Paragraph(changes)]))
    rules = d.rules
    method = Paragraph(
        [
            Sentence(
                f"说明：基线为企业前{rules.windows['workday'].window_days}天同类工作日"
                f"（休息日为前{rules.windows['restday'].window_days}天同类休息日）"
                "正常生产日的日均用电量；日用电量低于基线"
                f"{number(rules.halted_share * 100, 0)}%判定为疑似停产；"
                "复产率为正常生产企业占参与判定企业的比重。"
            )
        ]
    )
    return Document(
        kind="dispatch",
        issuer_mark=f"{config.bureau}",
        number=f"{config.doc_abbrev}〔{date.year}〕{serial}号",
        title=f"{place}工业企业用电日调度情况（{chinese_date(d.day)}）",
        addressee="各县（市、区）工业和信息化主管部门："
        if city is None
        else f"{whom}工业和信息化主管部门：",
        lead=[],
        sections=sections,
        closing=[method],
        attachments=attachments,
        signature=config.bureau,
        date=date,
        cc="",
        printer="",
    )


def dispatch_table_text(d: DayDispatch) -> str:
    from gongxin.text_tables import render_table

    parts = ["".join(s.text for s in day_sentences(d)), ""]
    right = [False] + [True] * 7
    parts.append(
        render_table(
            ["县（市、区）", *GROUP_HEADERS], [[g.name, *group_row(g)] for g in d.regions], right
        )
    )
    parts.append("")
    parts.append(
        render_table(
            ["行业大类", *GROUP_HEADERS],
            [[g.name, *group_row(g)] for g in d.divisions if g.firms],
            right,
        )
    )
    for title, lines in (
        ("疑似停产企业", d.halted),
        ("新增停产", d.newly_halted),
        ("复产", d.resumed),
    ):
        parts.append("")
        parts.append(f"{title}（{len(lines)} 家）")
        if lines:
            parts.append(
                render_table(
                    FIRM_HEADERS, firm_rows(lines), [False, False, False, True, True, True, False]
                )
            )
    parts.append("")
    parts.append("状态：" + "、".join(f"{k} = {v}" for k, v in STATUS_NAMES.items()))
    return "\n".join(parts)

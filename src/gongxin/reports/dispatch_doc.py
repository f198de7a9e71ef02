"""The daily dispatch (日调度) as a document and as a plain-text table for the terminal."""

from __future__ import annotations

from gongxin.city.config import load_city_config
from gongxin.dispatch.detection import STATUS_NAMES
from gongxin.dispatch.summary import DayDispatch, FirmLine, GroupFigures
from gongxin.dispatch.workdays import KIND_NAMES
from gongxin.reports.model import Document, Figure, Paragraph, Section, Sentence, Table
from gongxin.wording import chinese_date, is_flat, number, rounded, short_date, signed_word

LISTED = 50
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


def day_sentences(d: DayDispatch) -> list[Sentence]:
    c = d.city
    label = d.day_label if d.day_label != "工作日" else KIND_NAMES[d.kind]
    out = [
        _say(
            "{}（{}），全市监测工业企业{}家，报送日用电量{}家，合计用电{}万千瓦时",
            short_date(d.day),
            label,
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
    out.append(
        _say(
            "；较前一日新增停产{}家，复产{}家。",
            dispatch_fig(c.newly_halted, 0),
            dispatch_fig(c.resumed, 0),
        )
    )
    if c.no_baseline or c.missing:
        out.append(
            _say(
                "另有{}家无可比基线、{}家未报送，未作判定。",
                dispatch_fig(c.no_baseline, 0),
                dispatch_fig(c.missing, 0),
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


def dispatch_document(d: DayDispatch, *, number_in_year: int | None = None) -> Document:
    config = load_city_config()
    serial = number_in_year or d.day.timetuple().tm_yday
    changes: list[Sentence] = []
    if d.newly_halted:
        changes.append(Sentence(f"新增疑似停产企业：{_names(d.newly_halted)}。"))
    if d.resumed:
        changes.append(Sentence(f"恢复生产企业：{_names(d.resumed)}。"))
    if not changes:
        changes.append(Sentence("较前一日无新增停产和复产企业。"))
    halted_blocks = (
        [firm_table(f"疑似停产企业名单（{short_date(d.day)}）", d.halted, "疑似停产")]
        if d.halted
        else [Paragraph([Sentence(MSG_NONE_HALTED)])]
    )
    sections = [
        Section("总体情况", [Paragraph(day_sentences(d))]),
        Section(
            "分县（市、区）情况",
            [group_table("分县（市、区）日用电量及停产情况", "县（市、区）", d.regions, "县市区")],
        ),
        Section(
            "分行业情况",
            [group_table("分行业大类日用电量及停产情况", "行业大类", d.divisions, "行业")],
        ),
        Section("疑似停产企业", halted_blocks),
        Section("新增停产和复产企业", [Paragraph(changes)]),
    ]
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
        number=f"{config.doc_abbrev}〔{d.day.year}〕{serial}号",
        title=f"{config.name}工业企业用电日调度情况（{chinese_date(d.day)}）",
        addressee="各县（市、区）工业和信息化主管部门：",
        lead=[],
        sections=sections,
        closing=[method],
        attachments=[],
        signature=config.bureau,
        date=d.day,
        cc="",
        printer="",
    )


def dispatch_table_text(d: DayDispatch) -> str:
    from gongxin.cli.tables import render_table

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

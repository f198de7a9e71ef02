"""The bulletin's sections, one builder each: figures from the engine written as the bureau does.

Every builder takes the :class:`~gongxin.reports.bulletin.BulletinContext` and returns blocks.
Numbers enter sentences only through ``Numbers.fig``/``Numbers.diff`` (traced to the engine),
``constant`` (a definition such as 10%) or counts of the warnings listed (traced to alerts).
"""

from __future__ import annotations

from collections.abc import Callable

from gongxin.reports import charts
from gongxin.reports.alerts_view import (
    ALERTS_DISABLED,
    LEVEL_CARDS,
    LEVEL_NAMES,
    LEVELS,
    STATUS_NAMES,
)
from gongxin.reports.bulletin import BulletinContext
from gongxin.reports.coverage_text import city_coverage, regions_low_coverage
from gongxin.reports.figures import change, constant, gap, join_sentences, say
from gongxin.reports.model import Block, Chart, Figure, Paragraph, Sentence, Table
from gongxin.reports.reconciliation_text import city_reconciliation, regions_reconciliation
from gongxin.wording import month_label, number, previous_ym, rounded, ytd_label

TOP = 5
REGION_EXTREMES = 3
LISTED_FIRMS = 10
MSG_NO_TARGET = "年度目标未设定（参考数据 target_va_growth），本期不作目标对比。"
MSG_RANKS_SAME = "各县（市、区）增速位次与{prev}相同。"
MSG_TARGETS_MET = "各县（市、区）增加值增速均达到年度目标。"
MSG_NO_REGION_CARDS = "本期各县（市、区）未触发红黄蓝预警。"
MSG_NO_WARNINGS = "本期未触发预警。"
MSG_NO_STALLED = "本月无停产企业。"


def _fmt(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    return number(value, decimals)


def _prev_label(ym: int) -> str:
    return ytd_label(previous_ym(ym))


# --- 一、总体情况 --------------------------------------------------------------------------


def overview(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    growth = n.fig("va_growth_ytd")
    if growth is None:
        return [Paragraph([Sentence("本期规上工业增加值增速无法计算（缺少上年同期数据）。")])]
    first = [say("{}，全市规模以上工业增加值同比{}", ctx.ytd, change(growth))]
    moved = n.fig("va_growth_ytd_change", unit="pp") if ctx.ym % 100 > 1 else None
    if moved is not None:
        if moved.value == 0:
            first.append(say("，增速与{}持平", _prev_label(ctx.ym)))
        else:
            word = "回落" if moved.value < 0 else "提高"
            first.append(say("，较{}{}{}", _prev_label(ctx.ym), word, moved))
    sentences = [join_sentences(first, ""), Sentence("。")]
    sentences += city_coverage(n)
    sentences += city_reconciliation(n)
    target = n.fig("target_va_growth")
    # Gaps are differences of the rounded figures quoted (7.2 % vs 7.9 % is 0.7, never 0.6).
    growth_of = ("va_growth_ytd", "city", None)
    to_target = n.diff(growth_of, ("target_va_growth", "city", None))
    if target is not None and to_target is not None:
        if to_target.value == 0:
            sentences.append(say("与年度目标（{}）持平。", change(target)))
        else:
            word = "高出" if to_target.value > 0 else "低于"
            sentences.append(say("与年度目标（{}）相比，{}{}。", change(target), word, to_target))
    else:
        sentences.append(Sentence(MSG_NO_TARGET))
    province = n.diff(growth_of, ("benchmark_province_va_growth_ytd", "city", None), unit="num")
    nation = n.diff(growth_of, ("benchmark_nation_va_growth_ytd", "city", None), unit="num")
    if province is not None and nation is not None and province.value > 0 and nation.value > 0:
        sentences.append(say("增速分别高于全省、全国平均{}和{}个百分点。", province, nation))
    else:
        parts = []
        for fig, whom in ((province, "全省"), (nation, "全国")):
            if fig is not None:
                parts.append(
                    gap(fig, f"{whom}平均")
                    if fig.value == 0
                    else say("{}{}平均{}个百分点", "高于" if fig.value > 0 else "低于", whom, fig)
                )
        if parts:
            sentences.append(join_sentences([Sentence("增速"), join_sentences(parts, "，")], ""))
            sentences.append(Sentence("。"))
    month = n.fig("va_growth_month")
    if month is not None and ctx.ym % 100 > 1:
        sentences.append(say("其中，{}同比{}。", month_label(ctx.ym), change(month)))
    blocks: list[Block] = [Paragraph(sentences)]

    clauses = []
    for indicator, label in (
        ("output_growth_ytd", "规上工业总产值"),
        ("revenue_growth_ytd", "营业收入"),
        ("profit_growth_ytd", "利润总额"),
    ):
        fig = n.fig(indicator)
        if fig is not None:
            clauses.append(say("{}同比{}", label, change(fig)))
    ratio = n.fig("sales_ratio_ytd")
    if ratio is not None:
        clauses.append(say("产品销售率{}", ratio))
    power = n.fig("electricity_growth_ytd")
    tail = [say("；工业用电量同比{}", change(power))] if power else []
    if clauses:
        blocks.append(
            Paragraph(
                [
                    join_sentences(
                        [
                            Sentence("从主要指标看，"),
                            join_sentences(clauses, "，"),
                            *tail,
                            Sentence("。"),
                        ],
                        "",
                    )
                ]
            )
        )
    blocks.append(_trend_chart(ctx))
    return blocks


def _trend_chart(ctx: BulletinContext) -> Chart:
    n = ctx.numbers
    year = ctx.ym // 100
    months = [f"{year}-{m:02d}" for m in range(1, ctx.ym % 100 + 1)]
    labels = [ytd_label(year * 100 + m) for m in range(1, ctx.ym % 100 + 1)]
    city = [n.value("va_growth_ytd", period=p) for p in months]
    province = [n.value("benchmark_province_va_growth_ytd", period=p) for p in months]
    series = [(ctx.config.name, city)]
    if any(v is not None for v in province):
        series.append((f"全省（{ctx.config.province or '省'}）", province))
    target = n.value("target_va_growth")
    png = charts.trend_lines(
        [label.replace("月份", "月") for label in labels],
        series,
        target=target,
        target_label="年度目标",
    )
    return Chart(f"{year}年全市规上工业增加值累计增速走势（%）", png)


# --- 二、县（市、区） --------------------------------------------------------------------------


def _region_order(ctx: BulletinContext) -> list[tuple[str, str, float, int]]:
    """(code, name, growth, rank) of the ranked regions, fastest first."""
    n = ctx.numbers
    growth = n.values("va_growth_ytd", "region")
    ranks = n.values("va_rank_ytd", "region")
    names = n.names("va_growth_ytd", "region")
    ranked = [(m, names[m], growth[m], int(ranks[m])) for m in growth if m in ranks]
    return sorted(ranked, key=lambda r: (r[3], r[0]))


def _region_list(ctx: BulletinContext, members: list[str]) -> Sentence:
    n = ctx.numbers
    names = n.names("va_growth_ytd", "region")
    parts = []
    for m in members:
        fig = n.fig("va_growth_ytd", "region", m)
        assert fig is not None
        parts.append(say("{}（{}）", names[m], change(fig)))
    return join_sentences(parts)


def regions(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    ranked = _region_order(ctx)
    if not ranked:
        return [Paragraph([Sentence("本期各县（市、区）增速无法计算。")])]
    k = min(REGION_EXTREMES, len(ranked) // 2)
    sentences = (
        [
            join_sentences(
                [
                    Sentence("从各县（市、区）看，增速居前的是"),
                    _region_list(ctx, [r[0] for r in ranked[:k]]),
                    Sentence("；居后的是"),
                    _region_list(ctx, [r[0] for r in ranked[-k:]]),
                    Sentence("。"),
                ],
                "",
            )
        ]
        if k
        else []
    )
    names = n.names("va_growth_ytd", "region")
    if ctx.ym % 100 > 1:
        changes = n.values("va_rank_change", "region")
        up = [m for m, v in changes.items() if v > 0]
        down = [m for m, v in changes.items() if v < 0]
        prev = _prev_label(ctx.ym)
        if not up and not down:
            sentences.append(Sentence(MSG_RANKS_SAME.format(prev=prev)))
        else:
            parts = [Sentence(f"位次较{prev}")]
            for members, word in ((up, "前移"), (down, "后移")):
                if not members:
                    continue
                items = []
                for m in sorted(members, key=lambda m: -abs(changes[m])):
                    fig = n.fig("va_rank_change", "region", m, unit="rank")
                    assert fig is not None
                    items.append(say("{}（{}{}位）", names[m], word, fig))
                if len(parts) > 1:
                    parts.append(Sentence("；"))
                parts.append(say("{}的有", word))
                parts.append(join_sentences(items))
            parts.append(Sentence("。"))
            sentences.append(join_sentences(parts, ""))
    gaps = n.values("va_gap_to_target_ytd", "region")
    if gaps:
        behind = sorted((m for m, v in gaps.items() if rounded(v) < 0), key=lambda m: gaps[m])
        if behind:
            items = []
            for m in behind:
                fig = n.fig("va_gap_to_target_ytd", "region", m, unit="pp")
                assert fig is not None
                items.append(say("{}（低于目标{}）", names[m], fig))
            sentences.append(
                join_sentences(
                    [Sentence("增速低于年度目标的有"), join_sentences(items), Sentence("。")], ""
                )
            )
        else:
            sentences.append(Sentence(MSG_TARGETS_MET))
    sentences += regions_reconciliation(n)
    sentences += regions_low_coverage(n)
    sentences.append(_cards_sentence(ctx, [r[0] for r in ranked]))
    blocks: list[Block] = [Paragraph(sentences)]
    target = n.value("target_va_growth")
    blocks.append(
        Chart(
            "各县（市、区）规上工业增加值累计增速（%）",
            charts.ranked_bars(
                [r[1] for r in ranked],
                [r[2] for r in ranked],
                target=target,
                target_label=f"全市年度目标 {_fmt(target)}%" if target is not None else "",
            ),
        )
    )
    return blocks


def _cards_sentence(ctx: BulletinContext, members: list[str]) -> Sentence:
    if not ctx.warnings.enabled:
        return Sentence(ALERTS_DISABLED)
    names = ctx.numbers.names("va_growth_ytd", "region")
    by_level: dict[str, list[str]] = {}
    for m in members:
        level = ctx.warnings.region_card(m)
        if level:
            by_level.setdefault(level, []).append(names[m])
    if not by_level:
        return Sentence(MSG_NO_REGION_CARDS)
    parts = [f"{LEVEL_NAMES[lv]}：{'、'.join(by_level[lv])}" for lv in LEVELS if lv in by_level]
    return Sentence("按“红黄蓝”通报制度，" + "；".join(parts) + "。")


def _card(ctx: BulletinContext, member: str) -> str:
    if not ctx.warnings.enabled:
        return "未启用"
    level = ctx.warnings.region_card(member)
    return LEVEL_CARDS[level] if level else "—"


def _rank_change(value: float | None) -> str:
    if value is None:
        return "—"
    v = int(rounded(value, 0))
    return f"↑{v}" if v > 0 else f"↓{-v}" if v < 0 else "—"


# --- 三、行业 ------------------------------------------------------------------------------


def industries(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    sentences = []
    active = n.fig("industries_active", unit="count")
    ge10 = n.fig("industries_growth_ge10", unit="count")
    if active is not None and ge10 is not None:
        sentences.append(
            say("全市{}个行业大类中，{}个行业增加值增长{}以上。", active, ge10, constant("10%", 10))
        )
    pulls = n.values("va_pull_ytd", "industry")
    names = n.names("va_pull_ytd", "industry")
    ordered = sorted(pulls, key=lambda m: (-pulls[m], m))
    positive = [m for m in ordered if rounded(pulls[m]) > 0][:TOP]
    negative = [m for m in reversed(ordered) if rounded(pulls[m]) < 0][:TOP]
    if positive:
        items = [_pull_item(ctx, m, names[m], "拉动全市增长") for m in positive]
        sentences.append(
            join_sentences(
                [Sentence("从拉动作用看，"), join_sentences(items, "；"), Sentence("。")], ""
            )
        )
    if negative:
        items = [_pull_item(ctx, m, names[m], "下拉全市增长") for m in negative]
        sentences.append(
            join_sentences(
                [Sentence("拖累增长的行业主要有："), join_sentences(items, "；"), Sentence("。")],
                "",
            )
        )
    elif pulls:
        # No pull rounds below 0.0, yet an industry whose value added fell still drags the city
        # a little: "各行业均正向拉动" would be false, and "拉动0.0个百分点" says nothing.
        falling = [m for m in reversed(ordered) if pulls[m] < 0][:TOP]
        if falling:
            items = [_growth_item(ctx, m, names[m]) for m in falling]
            sentences.append(
                join_sentences(
                    [
                        Sentence("增加值下降的行业有"),
                        join_sentences(items),
                        say("，对全市增长的下拉均不足{}。", constant("0.1个百分点", 0.1)),
                    ],
                    "",
                )
            )
        else:
            weakest = [m for m in reversed(ordered)][:TOP]
            items = [_pull_item(ctx, m, names[m], "拉动全市增长") for m in weakest]
            sentences.append(
                join_sentences(
                    [
                        Sentence("各行业均对全市增长形成正向拉动，拉动作用较小的是"),
                        join_sentences(items, "；"),
                        Sentence("。"),
                    ],
                    "",
                )
            )
    return [Paragraph(sentences)] if sentences else []


def _growth_item(ctx: BulletinContext, member: str, name: str) -> Sentence:
    """``非金属矿物制品业（下降2.1%）``."""
    growth = ctx.numbers.fig("va_growth_ytd", "industry", member)
    return Sentence(name) if growth is None else say("{}（{}）", name, change(growth))


def _pull_item(ctx: BulletinContext, member: str, name: str, words: str) -> Sentence:
    n = ctx.numbers
    growth = n.fig("va_growth_ytd", "industry", member)
    pull = n.fig("va_pull_ytd", "industry", member, unit="pp")
    contribution = n.fig("va_contribution_ytd", "industry", member)
    assert pull is not None
    parts = [Sentence(name)]
    if growth is not None:
        parts.append(say("增加值{}", change(growth)))
    parts.append(say("{}{}", words, pull))
    text = join_sentences(parts, "，")
    if contribution is not None:
        word = "贡献率" if contribution.value >= 0 else "贡献率为负"
        if contribution.value >= 0:
            text = join_sentences([text, say("（{}{}）", word, contribution)], "")
    return text


# --- 四、高技术 / 装备 --------------------------------------------------------------------------


def structure(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    sentences = []
    tech = n.fig("va_growth_high_tech_ytd")
    if tech is not None:
        parts = [say("高技术制造业增加值同比{}", change(tech))]
        ahead = n.diff(("va_growth_high_tech_ytd", "city", None), ("va_growth_ytd", "city", None))
        if ahead is not None and ahead.value != 0:
            word = "高于" if ahead.value > 0 else "低于"
            parts.append(say("{}全部规上工业平均{}", word, ahead))
        share = n.fig("va_share_high_tech_ytd")
        if share is not None:
            parts.append(say("占规上工业增加值的比重为{}", share))
        sentences.append(join_sentences([join_sentences(parts, "，"), Sentence("。")], ""))
    equipment = n.fig("va_growth_ytd", "equipment", "1")
    if equipment is not None:
        parts = [say("装备制造业增加值同比{}", change(equipment))]
        share = n.fig("va_share_equipment_ytd")
        if share is not None:
            parts.append(say("占比{}", share))
        sentences.append(join_sentences([join_sentences(parts, "，"), Sentence("。")], ""))
    return [Paragraph(sentences)] if sentences else []


# --- 五、产业链 ------------------------------------------------------------------------------


def chains(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    growth = n.values("va_growth_ytd", "chain")
    names = n.names("va_growth_ytd", "chain")
    if not growth:
        return [Paragraph([Sentence("本期产业链增速无法计算。")])]
    ordered = sorted(growth, key=lambda m: (-growth[m], m))
    k = min(REGION_EXTREMES, len(ordered) // 2)

    def listed(members: list[str]) -> Sentence:
        items = []
        for m in members:
            fig = n.fig("va_growth_ytd", "chain", m)
            assert fig is not None
            items.append(say("{}（{}）", names[m], change(fig)))
        return join_sentences(items)

    sentences = []
    if k:
        sentences.append(
            join_sentences(
                [
                    Sentence("重点产业链中，增加值增速居前的是"),
                    listed(ordered[:k]),
                    Sentence("；增速居后的是"),
                    listed(ordered[-k:]),
                    Sentence("。"),
                ],
                "",
            )
        )
    flagship = [c.code for c in ctx.config.chains if c.flagship and c.code in growth]
    if flagship:
        sentences.append(
            join_sentences([Sentence("标志性产业链中，"), listed(flagship), Sentence("。")], "")
        )
    return [Paragraph(sentences)]


def chain_table(ctx: BulletinContext) -> list[Block]:
    """附件: the chains' growth, rank and contribution, fastest first."""
    n = ctx.numbers
    growth = n.values("va_growth_ytd", "chain")
    names = n.names("va_growth_ytd", "chain")
    if not growth:
        return []
    ordered = sorted(growth, key=lambda m: (-growth[m], m))
    contribution = n.values("va_contribution_ytd", "chain")
    ranks = n.values("va_rank_ytd", "chain")
    table = Table(
        f"重点产业链规上工业增加值增速（{ctx.ytd}）",
        ["产业链", "增速（%）", "位次", "贡献率（%）"],
        [
            [names[m], _fmt(growth[m]), _fmt(ranks.get(m), 0), _fmt(contribution.get(m))]
            for m in ordered
        ],
        [False, True, True, True],
        note="产业链之间企业可交叉，贡献率合计不等于100%。",
        sheet="产业链",
    )
    return [table]


# --- 六、企业 --------------------------------------------------------------------------------


def enterprises(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    firms = n.fig("enterprises", unit="count")
    stalled = n.fig("stalled_firms", unit="count")
    share = n.fig("growth_firm_share_ytd")
    loss = n.fig("loss_firms_ytd", unit="count")
    loss_ratio = n.fig("loss_ratio_ytd")
    sentences = []
    first = []
    if firms is not None:
        first.append(say("{}，全市规上工业企业{}家", month_label(ctx.ym), firms))
    if stalled is not None and stalled.value > 0:  # none: MSG_NO_STALLED below, not "0家"
        first.append(say("其中停产企业{}家", stalled))
    if first:
        sentences.append(join_sentences([join_sentences(first, "，"), Sentence("。")], ""))
    second = []
    if share is not None:
        second.append(say("{}，企业增长面为{}", ctx.ytd, share))
    if loss is not None and loss_ratio is not None:
        second.append(say("亏损企业{}家，亏损面{}", loss, loss_ratio))
    if second:
        sentences.append(join_sentences([join_sentences(second, "；"), Sentence("。")], ""))
    stalled_firms = n.values("stalled_firms", "enterprise")
    names = n.names("stalled_firms", "enterprise")
    output = n.values("output_ytd", "enterprise")
    listed = sorted((m for m, v in stalled_firms.items() if v), key=lambda m: -output.get(m, 0))
    if listed:
        shown = "、".join(names[m] for m in listed[:LISTED_FIRMS])
        more = "等" if len(listed) > LISTED_FIRMS else ""
        sentences.append(Sentence(f"停产企业主要有：{shown}{more}，请属地抓紧摸排原因、帮助复产。"))
    elif stalled is not None:
        sentences.append(Sentence(MSG_NO_STALLED))
    return [Paragraph(sentences)]


def falling_table(ctx: BulletinContext) -> list[Block]:
    """附件: the enterprises whose output fell most."""
    table = _falling_table(ctx)
    return [table] if table is not None else []


def _falling_table(ctx: BulletinContext) -> Table | None:
    """The enterprises whose output fell most (万元 lost against the same period)."""
    n = ctx.numbers
    growth = n.values("output_growth_ytd", "enterprise")
    output = n.values("output_ytd", "enterprise")
    names = n.names("output_growth_ytd", "enterprise")

    def lost(m: str) -> float:
        g = growth[m]
        return output.get(m, 0.0) * (1 - 1 / (1 + g / 100)) if g > -100 else output.get(m, 0.0)

    falling = sorted((m for m in growth if growth[m] < 0 and m in output), key=lost)
    if not falling:
        return None
    rows = [[names[m], _fmt(output[m]), _fmt(growth[m])] for m in falling[:LISTED_FIRMS]]
    return Table(
        f"工业总产值降幅较大的企业（{ctx.ytd}）",
        ["企业名称", "工业总产值（万元）", "增速（%）"],
        rows,
        [False, True, True],
        note="按产值减少额排序。",
        sheet="产值下降企业",
    )


# --- 七、预警 --------------------------------------------------------------------------------


def alert_count(text: str, value: int, level: str | None, statuses: tuple[str, ...]) -> Figure:
    """A count of the period's warnings, traced to the alerts app (not the engine)."""
    from gongxin.reports.model import Term

    member = f"{level or '*'}:{','.join(statuses) or '*'}"
    return Figure(text, value, (Term("alerts", "alerts", member),), 0, source="alerts")


def warnings(ctx: BulletinContext) -> list[Block]:
    view = ctx.warnings
    if not view.enabled:
        return [Paragraph([Sentence(ALERTS_DISABLED)])]
    total = view.count()
    if not total:
        return [Paragraph([Sentence(MSG_NO_WARNINGS)])]
    parts = [say("本期共触发预警{}条", alert_count(str(total), total, None, ()))]
    levels = [
        say("{}{}条", LEVEL_NAMES[lv], alert_count(str(c), c, lv, ()))
        for lv in LEVELS
        if (c := view.count(level=lv))
    ]
    first = join_sentences(
        [parts[0], Sentence("，其中"), join_sentences(levels), Sentence("。")], ""
    )
    groups = (
        ("已办结", ("closed",)),
        ("已交办或已签收", ("assigned", "acknowledged")),
        ("待处置", ("open", "reopened")),
    )
    disposed = [
        say("{}{}条", label, alert_count(str(c), c, None, statuses))
        for label, statuses in groups
        if (c := view.count(statuses=statuses))
    ]
    second = join_sentences(
        [Sentence("从处置情况看，"), join_sentences(disposed, "，"), Sentence("。")], ""
    )
    return [Paragraph([first, second])]


def warning_table(ctx: BulletinContext) -> list[Block]:
    """附件: the red and yellow warnings with their dispositions, most severe first."""
    view = ctx.warnings
    if not view.enabled:
        return []
    severe = [w for w in view.items if w["level"] in ("red", "yellow")]
    blocks: list[Block] = []
    if severe:
        blocks.append(
            Table(
                "红色、黄色预警及处置情况",
                ["级别", "对象", "预警内容", "处置状态"],
                [
                    [
                        LEVEL_NAMES[w["level"]],
                        w["name"],
                        w["message"],
                        STATUS_NAMES.get(w["status"], w["status"]),
                    ]
                    for w in severe
                ],
                [False, False, False, False],
                sheet="预警",
            )
        )
    return blocks


# --- 附件 ----------------------------------------------------------------------------------


def region_table(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    ranked = _region_order(ctx)
    change = n.values("va_rank_change", "region")
    contribution = n.values("va_contribution_ytd", "region")
    pull = n.values("va_pull_ytd", "region")
    target = n.values("target_va_growth", "region")
    gaps = n.values("va_gap_to_target_ytd", "region")
    rows = [
        [
            name,
            _fmt(growth),
            str(rank),
            _rank_change(change.get(m)),
            _fmt(contribution.get(m)),
            _fmt(pull.get(m), 2),
            _fmt(target.get(m)),
            _fmt(gaps.get(m)),
            _card(ctx, m),
        ]
        for m, name, growth, rank in ranked
    ]
    city = [
        ctx.config.name,
        _fmt(n.value("va_growth_ytd")),
        "",
        "",
        "100.0",
        _fmt(n.value("va_growth_ytd"), 2),
        _fmt(n.value("target_va_growth")),
        _fmt(n.value("va_gap_to_target_ytd")),
        "",
    ]
    return [
        Table(
            f"各县（市、区）规模以上工业增加值主要指标（{ctx.ytd}）",
            [
                "县（市、区）",
                "增速（%）",
                "位次",
                "较上月",
                "贡献率（%）",
                "拉动（百分点）",
                "年度目标（%）",
                "目标差距（百分点）",
                "预警",
            ],
            [city, *rows],
            [False, True, True, True, True, True, True, True, False],
            sheet="附件1 县市区",
        )
    ]


def industry_table(ctx: BulletinContext) -> list[Block]:
    n = ctx.numbers
    growth = n.values("va_growth_ytd", "industry")
    names = n.names("va_share_ytd", "industry")
    share = n.values("va_share_ytd", "industry")
    contribution = n.values("va_contribution_ytd", "industry")
    pull = n.values("va_pull_ytd", "industry")
    members = sorted(share, key=lambda m: -share[m])
    rows = [
        [
            f"{m} {names[m]}",
            _fmt(growth.get(m)),
            _fmt(share.get(m)),
            _fmt(contribution.get(m)),
            _fmt(pull.get(m), 2),
        ]
        for m in members
    ]
    return [
        Table(
            f"行业大类规模以上工业增加值增速及贡献（{ctx.ytd}）",
            ["行业大类", "增速（%）", "占全市比重（%）", "贡献率（%）", "拉动（百分点）"],
            rows,
            [False, True, True, True, True],
            note="按增加值占全市比重排序；拉动合计等于全市增速。",
            sheet="附件2 行业",
        )
    ]


SectionBuilder = Callable[[BulletinContext], list[Block]]
SECTION_BUILDERS: dict[str, SectionBuilder] = {
    "overview": overview,
    "regions": regions,
    "industries": industries,
    "structure": structure,
    "chains": chains,
    "enterprises": enterprises,
    "warnings": warnings,
}
ATTACHMENT_BUILDERS: dict[str, SectionBuilder] = {
    "region_table": region_table,
    "industry_table": industry_table,
    "chain_table": chain_table,
    "falling_table": falling_table,
    "warning_table": warning_table,
}

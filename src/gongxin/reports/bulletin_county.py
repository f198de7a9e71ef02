"""The county edition of the monthly bulletin: one county's figures, firms and warnings, with the
city's figures as context (``layouts/bulletin_county.yaml``).

Its ``BulletinContext`` carries ``region``: ``ctx.numbers`` reads enterprise-level figures in
the county's scope only (its own firms) and ``ctx.warnings`` holds the warnings of the county
and its firms. The county's figures are not broken down into members here (no division
table), so no figure of fewer than three enterprises is shown beyond the firms' own lists.
"""

from __future__ import annotations

from gongxin.reports.alerts_view import ALERTS_DISABLED, LEVEL_NAMES
from gongxin.reports.bulletin import BulletinContext
from gongxin.reports.bulletin_sections import LISTED_FIRMS, SectionBuilder, warnings
from gongxin.reports.figures import join_sentences, say, verb
from gongxin.reports.model import Block, Paragraph, Sentence
from gongxin.wording import month_label, previous_ym, rounded, ytd_label

MSG_NO_GROWTH = "本期{region}规上工业增加值增速无法计算（缺少上年同期数据）。"
MSG_NO_CARD = "本期{region}未触发红黄蓝预警。"


def county_overview(ctx: BulletinContext) -> list[Block]:
    n, region = ctx.numbers, ctx.region
    assert region is not None
    name = ctx.region_name
    growth = n.fig("va_growth_ytd", "region", region)
    if growth is None:
        return [Paragraph([Sentence(MSG_NO_GROWTH.format(region=name))])]
    city = n.fig("va_growth_ytd")
    parts = [say("{}，{}规模以上工业增加值同比{}{}", ctx.ytd, name, verb(growth.value), growth)]
    if city is not None:
        parts.append(say("（全市{}{}）", verb(city.value), city))
    first = [join_sentences(parts, "")]
    gap = n.diff(("va_growth_ytd", "region", region), ("va_growth_ytd", "city", None))
    if gap is not None:
        if rounded(gap.value) == 0:
            first.append(Sentence("与全市持平"))
        else:
            first.append(say("{}全市{}", "高于" if gap.value > 0 else "低于", gap))
    rank = n.fig("va_rank_ytd", "region", region, unit="rank")
    if rank is not None:
        first.append(say("增速在各县（市、区）中居第{}位", rank))
    sentences = [join_sentences(first, "，"), Sentence("。")]
    change = n.fig("va_rank_change", "region", region, unit="rank")
    if change is not None and ctx.ym % 100 > 1:
        prev = ytd_label(previous_ym(ctx.ym))
        if rounded(change.value, 0) == 0:
            sentences.append(Sentence(f"位次与{prev}相同。"))
        else:
            word = "前移" if change.value > 0 else "后移"
            sentences.append(say("位次较{}{}{}位。", prev, word, change))
    target = n.fig("target_va_growth", "region", region)
    target_gap = n.fig("va_gap_to_target_ytd", "region", region, unit="pp")
    if target is not None and target_gap is not None:
        if rounded(target_gap.value) == 0:
            sentences.append(say("与年度目标（增长{}）持平。", target))
        else:
            word = "高出" if target_gap.value > 0 else "低于"
            sentences.append(say("与年度目标（增长{}）相比，{}{}。", target, word, target_gap))
    blocks: list[Block] = [Paragraph(sentences)]
    clauses = []
    for indicator, label in (
        ("output_growth_ytd", "规上工业总产值"),
        ("revenue_growth_ytd", "营业收入"),
        ("profit_growth_ytd", "利润总额"),
        ("electricity_growth_ytd", "工业用电量"),
    ):
        fig = n.fig(indicator, "region", region)
        if fig is not None:
            clauses.append(say("{}同比{}{}", label, verb(fig.value), fig))
    if clauses:
        blocks.append(
            Paragraph(
                [
                    join_sentences(
                        [Sentence("从主要指标看，"), join_sentences(clauses, "，"), Sentence("。")],
                        "",
                    )
                ]
            )
        )
    blocks.append(Paragraph([_card_sentence(ctx)]))
    return blocks


def _card_sentence(ctx: BulletinContext) -> Sentence:
    if not ctx.warnings.enabled:
        return Sentence(ALERTS_DISABLED)
    assert ctx.region is not None
    level = ctx.warnings.region_card(ctx.region)
    if level is None:
        return Sentence(MSG_NO_CARD.format(region=ctx.region_name))
    return Sentence(f"按“红黄蓝”通报制度，{ctx.region_name}本期为{LEVEL_NAMES[level]}。")


def county_enterprises(ctx: BulletinContext) -> list[Block]:
    """The county's firms: count, stalled firms (named: the county's own), loss-makers."""
    n, region = ctx.numbers, ctx.region
    assert region is not None
    sentences = []
    firms = n.fig("enterprises", "region", region, unit="count")
    stalled = n.fig("stalled_firms", "region", region, unit="count")
    first = []
    if firms is not None:
        first.append(say("{}，{}规上工业企业{}家", month_label(ctx.ym), ctx.region_name, firms))
    if stalled is not None and stalled.value:
        first.append(say("其中停产企业{}家", stalled))
    if first:
        sentences.append(join_sentences([join_sentences(first, "，"), Sentence("。")], ""))
    loss = n.fig("loss_firms_ytd", "region", region, unit="count")
    if loss is not None and loss.value:
        sentences.append(say("{}，亏损企业{}家。", ctx.ytd, loss))
    # The named stalled firms: ctx.numbers is scoped to the county, so only its own firms.
    stalled_firms = n.values("stalled_firms", "enterprise")
    names = n.names("stalled_firms", "enterprise")
    output = n.values("output_ytd", "enterprise")
    listed = sorted((m for m, v in stalled_firms.items() if v), key=lambda m: -output.get(m, 0))
    if listed:
        shown = "、".join(names[m] for m in listed[:LISTED_FIRMS])
        more = "等" if len(listed) > LISTED_FIRMS else ""
        sentences.append(Sentence(f"停产企业有：{shown}{more}，请抓紧摸排原因、帮助复产。"))
    return [Paragraph(sentences)] if sentences else []


COUNTY_SECTION_BUILDERS: dict[str, SectionBuilder] = {
    "county_overview": county_overview,
    "county_enterprises": county_enterprises,
    "warnings": warnings,
}

"""below_province: value-added growth below the province's (the benchmark reference series)."""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule
from gongxin.alerts.rules.params import Bands, Number, Param

KIND = "below_province"
TITLE = "增加值增速低于全省"
SCOPES = ("city", "region", "industry", "chain")
INDICATOR = "va_gap_to_province_ytd"
BANDS = Bands("below")
PARAMS = {
    "bands": Param(
        BANDS,
        default={"red": -5.0, "yellow": -3.0, "blue": -1.0},
        help="低于全省的差距（百分点）低于该值进入该级别",
    ),
    "min_share": Param(
        Number(minimum=0), default=0, help="增加值占全市比重（%）低于该值的成员不预警"
    ),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [
        (
            rule.scope,
            ctx.period,
            (INDICATOR, "va_growth_ytd", "benchmark_province_va_growth_ytd", "va_share_ytd"),
        )
    ]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    findings = []
    for member in ctx.members(rule.scope).values():
        if rule.scope != "city" and (member["va_share_ytd"] or 0) < rule["min_share"]:
            continue
        # The difference of the figures the message quotes (the indicator's exact gap may round
        # 0.1 away from it).
        gap = wording.shown_gap(member["va_growth_ytd"], member["benchmark_province_va_growth_ytd"])
        fired = BANDS.level(rule["bands"], gap)
        if fired is None or gap is None:
            continue
        level, bound = fired
        growth = ctx.figure("va_growth_ytd", member["va_growth_ytd"]) or 0
        province = (
            ctx.figure(
                "benchmark_province_va_growth_ytd", member["benchmark_province_va_growth_ytd"]
            )
            or 0
        )
        message = (
            f"{member.name} {wording.ytd(ctx.period)}规上工业增加值{wording.growth(growth)}，"
            f"低于全省（{wording.number(province)}%）{wording.number(-gap)}个百分点，"
            "请对标分析差距。"
        )
        findings.append(
            Finding(
                kind=KIND, scope=rule.scope, member=member.code, name=member.name,
                region=member.code if rule.scope == "region" else "", level=level,
                indicator=INDICATOR, value=gap, threshold=bound, message=message,
            )
        )  # fmt: skip
    return findings

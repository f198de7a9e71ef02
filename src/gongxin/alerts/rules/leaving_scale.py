"""leaving_scale: year-to-date output below the above-scale threshold pro rata.

The threshold (city configuration, 万元 a year) is pro-rated over the months of the year the
enterprise has been above scale: ``threshold × months / 12``, months = M for an enterprise above
scale since January, fewer for one that entered this year. Bands are percentages of that
figure. Only enterprises that reported for the period month are judged: a missing report would
make any year-to-date sum look small (``missing_report`` covers it).
"""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule, escalate, watched
from gongxin.alerts.rules.params import Bands, Choice, Param, Watch

KIND = "leaving_scale"
TITLE = "可能退出规上"
SCOPES = ("enterprise",)
BANDS = Bands("below")
PARAMS = {
    "bands": Param(
        BANDS,
        default={"yellow": 75.0, "blue": 90.0},
        help="累计值占规上标准按月折算值的百分比低于该值进入该级别",
    ),
    "indicator": Param(Choice(("output_ytd", "revenue_ytd")), default="output_ytd"),
    "watch": Param(Watch(), default=["all"], help="监测哪些企业"),
    "escalate": Param(Watch(), default=[], help="这些企业提高一级"),
}
WORDS = {"output_ytd": "工业总产值", "revenue_ytd": "营业收入"}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [("enterprise", ctx.period, (rule["indicator"], "output_month"))]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    indicator = rule["indicator"]
    annual = ctx.above_scale_threshold
    findings = []
    for member in ctx.members("enterprise").values():
        facts = ctx.enterprises.get(member.code)
        if facts is None or not watched(facts, rule["watch"]) or member["output_month"] is None:
            continue
        value = ctx.figure(indicator, member[indicator])
        months = ctx.period.month - facts.first_month + 1
        if value is None or months < 1:
            continue
        pro_rata = annual * months / 12
        share = ctx.figure(indicator, value / pro_rata * 100)
        fired = BANDS.level(rule["bands"], share)
        if fired is None:
            continue
        level, bound = fired
        window = (
            wording.ytd(ctx.period)
            if facts.first_month == 1
            else (
                f"{facts.first_month}—{ctx.period.month}月"
                if months > 1
                else wording.month(ctx.period)
            )
        )
        label = f"，{facts.label()}" if facts.label() else ""
        message = (
            f"{member.name}（{facts.region_name}{label}）{window}{WORDS[indicator]}"
            f"{wording.number(value)}万元，为规上标准按月折算值{wording.number(pro_rata)}万元"
            f"（年{wording.number(annual, 0)}万元×{months}/12）的{wording.number(share or 0)}%，"
            "有退出规上的风险，请关注企业经营情况。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="enterprise", member=member.code, name=member.name,
                region=facts.region, level=escalate(level, facts, rule["escalate"]),
                indicator=indicator, value=value,
                threshold=ctx.figure(indicator, pro_rata * bound / 100), message=message,
            )
        )  # fmt: skip
    return findings

"""rank_bottom: value-added growth among the slowest members of a dimension.

The position from the bottom counts members with strictly slower growth, so members tied for
last place are all 倒数第1 (the 'min' method of ``va_rank_ytd``, seen from the other end).
"""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule
from gongxin.alerts.rules.params import Bands, Number, Param

KIND = "rank_bottom"
TITLE = "增加值增速位次靠后"
SCOPES = ("region", "industry", "chain")
INDICATOR = "va_rank_ytd"
BANDS = Bands("at_most", integer=True)
PARAMS = {
    "bands": Param(BANDS, default={"yellow": 1, "blue": 3}, help="倒数第N位及以内进入该级别"),
    "min_share": Param(
        Number(minimum=0), default=0, help="增加值占全市比重（%）低于该值的成员不预警"
    ),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [(rule.scope, ctx.period, (INDICATOR, "va_growth_ytd", "va_share_ytd"))]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    members = ctx.members(rule.scope)
    ranks = [m[INDICATOR] for m in members.values() if m[INDICATOR] is not None]
    findings = []
    for member in members.values():
        rank = member[INDICATOR]
        if rank is None or (member["va_share_ytd"] or 0) < rule["min_share"]:
            continue
        from_bottom = 1 + sum(1 for other in ranks if other > rank)
        fired = BANDS.level(rule["bands"], from_bottom)
        if fired is None:
            continue
        level, bound = fired
        growth = ctx.figure("va_growth_ytd", member["va_growth_ytd"])
        message = (
            f"{member.name} {wording.ytd(ctx.period)}规上工业增加值{wording.growth(growth or 0)}，"
            f"在全市{len(ranks)}个{wording.DIM_WORDS[rule.scope]}中列第{rank}位"
            f"（倒数第{from_bottom}位），请分析拖累因素、提出改进措施。"
        )
        findings.append(
            Finding(
                kind=KIND, scope=rule.scope, member=member.code, name=member.name,
                region=member.code if rule.scope == "region" else "", level=level,
                indicator=INDICATOR, value=int(rank),
                # The rank from which members are in this band.
                threshold=len(ranks) - int(bound) + 1, message=message,
            )
        )  # fmt: skip
    return findings

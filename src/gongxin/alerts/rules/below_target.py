"""below_target: value-added growth behind the annual target (city and regions).

Industry divisions have no annual targets (the city's work report sets them for the city and
its regions), so the kind applies to ``city`` and ``region`` only; slow divisions are caught
by ``rank_bottom`` and ``below_province``.
"""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule
from gongxin.alerts.rules.params import Bands, Param

KIND = "below_target"
TITLE = "增加值增速低于年度目标"
SCOPES = ("city", "region")
INDICATOR = "va_gap_to_target_ytd"
BANDS = Bands("below")
PARAMS = {
    "bands": Param(
        BANDS,
        default={"red": -5.0, "yellow": -2.0, "blue": 0.0},
        help="差距（百分点）低于该值进入该级别",
    ),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [
        (rule.scope, ctx.period, (INDICATOR, "va_growth_ytd", "target_va_growth", "va_rank_ytd"))
    ]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    findings = []
    for member in ctx.members(rule.scope).values():
        # The difference of the figures the message quotes (see below_province).
        gap = wording.shown_gap(member["va_growth_ytd"], member["target_va_growth"])
        fired = BANDS.level(rule["bands"], gap)
        if fired is None or gap is None:
            continue
        level, bound = fired
        growth = ctx.figure("va_growth_ytd", member["va_growth_ytd"])
        target = ctx.figure("target_va_growth", member["target_va_growth"])
        rank = member["va_rank_ytd"]
        where = f"，列全市第{rank}位" if rule.scope == "region" and rank is not None else ""
        message = (
            f"{member.name} {wording.ytd(ctx.period)}规上工业增加值{wording.growth(growth or 0)}，"
            f"低于年度目标{wording.number(target or 0)}%共{wording.number(-gap)}个百分点{where}，"
            "请分析原因、落实追赶措施。"
        )
        findings.append(
            Finding(
                kind=KIND, scope=rule.scope, member=member.code, name=member.name,
                region=member.code if rule.scope == "region" else "", level=level,
                indicator=INDICATOR, value=gap, threshold=bound, message=message,
            )
        )  # fmt: skip
    return findings

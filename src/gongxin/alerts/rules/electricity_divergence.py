"""electricity_divergence: the month's electricity and output growth far apart.

Electricity is the leading indicator the bureau trusts most: electricity falling while output
holds suggests a hidden halt or overstated output; electricity rising while output falls
suggests understated output. Both are worth a call. The warning names electricity growth as
its figure and, as threshold, the output growth ± the allowed gap it went beyond.
"""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule, escalate, watched
from gongxin.alerts.rules.params import Bands, Param, Watch

KIND = "electricity_divergence"
TITLE = "用电与产值背离"
SCOPES = ("enterprise",)
INDICATOR = "electricity_growth_month"
BANDS = Bands("above")
PARAMS = {
    "bands": Param(
        BANDS,
        default={"yellow": 40.0, "blue": 20.0},
        help="用电量与产值当月增速之差的绝对值（百分点）超过该值进入该级别",
    ),
    "watch": Param(Watch(), default=["all"], help="监测哪些企业"),
    "escalate": Param(Watch(), default=[], help="这些企业提高一级"),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [("enterprise", ctx.period, (INDICATOR, "output_growth_month"))]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    findings = []
    for member in ctx.members("enterprise").values():
        facts = ctx.enterprises.get(member.code)
        if facts is None or not watched(facts, rule["watch"]):
            continue
        power = ctx.figure(INDICATOR, member[INDICATOR])
        output = ctx.figure("output_growth_month", member["output_growth_month"])
        if power is None or output is None:
            continue
        gap = ctx.figure(INDICATOR, power - output)
        fired = BANDS.level(rule["bands"], abs(gap or 0))
        if fired is None or gap is None:
            continue
        level, bound = fired
        if gap < 0:
            hint = "疑似隐性停产减产或产值多报"
            threshold = output - bound
        else:
            hint = "疑似产值少报"
            threshold = output + bound
        label = f"，{facts.label()}" if facts.label() else ""
        message = (
            f"{member.name}（{facts.region_name}{label}）{wording.month(ctx.period)}用电量同比"
            f"{wording.growth(power)}，工业总产值同比{wording.growth(output)}，两者相差"
            f"{wording.number(abs(gap))}个百分点，{hint}，请核实生产情况和报表数据。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="enterprise", member=member.code, name=member.name,
                region=facts.region, level=escalate(level, facts, rule["escalate"]),
                indicator=INDICATOR, value=power,
                threshold=ctx.figure(INDICATOR, threshold), message=message,
            )
        )  # fmt: skip
    return findings

"""output_drop: the month's output fell sharply on the same month a year earlier."""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule, escalate, watched
from gongxin.alerts.rules.params import Bands, Param, Watch
from gongxin.alerts.rules.stalled import is_halted

KIND = "output_drop"
TITLE = "企业产值大幅下降"
SCOPES = ("enterprise",)
INDICATOR = "output_growth_month"
BANDS = Bands("below")
PARAMS = {
    "bands": Param(
        BANDS,
        default={"red": -50.0, "yellow": -30.0},
        help="当月产值同比增速（%）低于该值进入该级别",
    ),
    "watch": Param(Watch(), default=["all"], help="监测哪些企业"),
    "escalate": Param(Watch(), default=["key", "chain_leader"], help="这些企业提高一级"),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [("enterprise", ctx.period, (INDICATOR, "output_month"))]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    findings = []
    for member in ctx.members("enterprise").values():
        facts = ctx.enterprises.get(member.code)
        if facts is None or not watched(facts, rule["watch"]):
            continue
        if is_halted(ctx, member["output_month"]):
            continue  # zero output is 停产 (the stalled rule), never a −100 % drop
        growth = ctx.figure(INDICATOR, member[INDICATOR])
        fired = BANDS.level(rule["bands"], growth)
        if fired is None or growth is None:
            continue
        level, bound = fired
        label = f"，{facts.label()}" if facts.label() else ""
        output = ctx.figure("output_month", member["output_month"]) or 0
        message = (
            f"{member.name}（{facts.region_name}{label}）{wording.month(ctx.period)}工业总产值"
            f"{wording.number(output)}万元，同比{wording.growth(growth)}，"
            f"降幅超过{wording.number(-bound)}%，请了解原因并跟进帮扶。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="enterprise", member=member.code, name=member.name,
                region=facts.region, level=escalate(level, facts, rule["escalate"]),
                indicator=INDICATOR, value=growth, threshold=bound, message=message,
            )
        )  # fmt: skip
    return findings

"""stalled: an above-scale enterprise reported output 0 in the month after producing.

"Producing" means a report with output > 0 for the calendar month before (December of last
year for January). Without that report (first month of data, or not reported) the rule stays
silent: a halt needs a month that was running. An enterprise still at 0 fires only in the
month it stopped; that warning stays open until someone closes it.
"""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule, escalate, watched
from gongxin.alerts.rules.params import Level, Param, Watch

KIND = "stalled"
TITLE = "企业停产"
SCOPES = ("enterprise",)
INDICATOR = "output_month"
# A halt is also a −100 % drop; the halt says more, so output_drop stays silent for it.
SUPERSEDES = ("output_drop",)
PARAMS = {
    "level": Param(Level(), default="yellow"),
    "watch": Param(Watch(), default=["all"], help="监测哪些企业"),
    "escalate": Param(Watch(), default=["key", "chain_leader"], help="这些企业提高一级"),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [
        ("enterprise", ctx.period, (INDICATOR,)),
        ("enterprise", ctx.previous_month, (INDICATOR,)),
    ]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    before = ctx.members("enterprise", ctx.previous_month)
    findings = []
    for member in ctx.members("enterprise").values():
        facts = ctx.enterprises.get(member.code)
        if facts is None or not watched(facts, rule["watch"]) or member[INDICATOR] != 0:
            continue
        previous = before.get(member.code)
        last = None if previous is None else previous[INDICATOR]
        if last is None or last <= 0:
            continue
        level = escalate(rule["level"], facts, rule["escalate"])
        label = f"，{facts.label()}" if facts.label() else ""
        message = (
            f"{member.name}（{facts.region_name}{label}）{wording.month(ctx.period)}工业总产值为0，"
            f"上月为{wording.number(ctx.figure(INDICATOR, last) or 0)}万元，疑似停产，"
            "请核实原因并跟进服务。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="enterprise", member=member.code, name=member.name,
                region=facts.region, level=level, indicator=INDICATOR, value=0.0,
                threshold=None, message=message,
            )
        )  # fmt: skip
    return findings

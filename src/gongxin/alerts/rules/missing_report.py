"""missing_report: a watched above-scale enterprise did not report for the period month."""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule, escalate, watched
from gongxin.alerts.rules.params import Level, Param, Watch

KIND = "missing_report"
TITLE = "重点企业未报数"
SCOPES = ("enterprise",)
INDICATOR = "missing_reports"
PARAMS = {
    "level": Param(Level(), default="yellow"),
    "watch": Param(Watch(), default=["key", "chain_leader"], help="监测哪些企业"),
    "escalate": Param(Watch(), default=[], help="这些企业提高一级"),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [("enterprise", ctx.period, (INDICATOR,))]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    findings = []
    for member in ctx.members("enterprise").values():
        facts = ctx.enterprises.get(member.code)
        if facts is None or not watched(facts, rule["watch"]) or not member[INDICATOR]:
            continue
        label = f"，{facts.label()}" if facts.label() else ""
        message = (
            f"{member.name}（{facts.region_name}{label}）未报送{wording.month(ctx.period)}"
            "月度运行数据，请督促企业尽快报送。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="enterprise", member=member.code, name=member.name,
                region=facts.region, level=escalate(rule["level"], facts, rule["escalate"]),
                indicator=INDICATOR, value=int(member[INDICATOR] or 0), threshold=None,
                message=message,
            )
        )  # fmt: skip
    return findings

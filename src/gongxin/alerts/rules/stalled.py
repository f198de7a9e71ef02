"""stalled: an above-scale enterprise reported output 0 for the month — 停产, one wording.

Zero output is 停产 whatever came before (the engine's ``stalled_firms`` counts the same
firms); the message says whether the firm produced the month before (上月为300.0万元), was
already at 0 (上月亦为0，持续停产) or has no report for it. ``output_drop`` never fires on a
zero-output month (it would read 同比下降100.0%): one fact, one warning.
"""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule, escalate, watched
from gongxin.alerts.rules.params import Level, Param, Watch

KIND = "stalled"
TITLE = "企业停产"
SCOPES = ("enterprise",)
INDICATOR = "output_month"
# A halt is also a −100 % drop; the halt says more, so output_drop stays silent for it (it
# also skips zero-output months itself: ``is_halted``).
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


def is_halted(ctx: Context, output: float | int | None) -> bool:
    """Output reported and 0 as published (0.0 万元): 停产."""
    return output is not None and ctx.figure(INDICATOR, output) == 0


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    before = ctx.members("enterprise", ctx.previous_month)
    findings = []
    for member in ctx.members("enterprise").values():
        facts = ctx.enterprises.get(member.code)
        if (
            facts is None
            or not watched(facts, rule["watch"])
            or not is_halted(ctx, member[INDICATOR])
        ):
            continue
        previous = before.get(member.code)
        last = None if previous is None else previous[INDICATOR]
        if last is None:
            history = ""
        elif is_halted(ctx, last):
            history = "上月亦为0，持续"
        else:
            history = f"上月为{wording.number(ctx.figure(INDICATOR, last) or 0)}万元，"
        level = escalate(rule["level"], facts, rule["escalate"])
        label = f"，{facts.label()}" if facts.label() else ""
        message = (
            f"{member.name}（{facts.region_name}{label}）{wording.month(ctx.period)}工业总产值为0，"
            f"{history}停产，请核实原因并跟进服务。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="enterprise", member=member.code, name=member.name,
                region=facts.region, level=level, indicator=INDICATOR, value=0.0,
                threshold=None, message=message,
            )
        )  # fmt: skip
    return findings

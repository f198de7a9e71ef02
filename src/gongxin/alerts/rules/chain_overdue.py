"""chain_overdue: a chain has break points or blockages (断点堵点) past their deadline.

A problem is overdue at a period when it is still open at the period's last day and its
deadline is before that day (programme contract §2). One warning per chain; the level by the
number of overdue problems.
"""

from __future__ import annotations

from gongxin.alerts.rules.base import Context, Finding, Need, Rule
from gongxin.alerts.rules.params import Bands, Param
from gongxin.chains.selectors import overdue_problems_by_chain
from gongxin.city.models import Chain

KIND = "chain_overdue"
TITLE = "产业链问题超期"
SCOPES = ("chain",)
INDICATOR = "problems_overdue"
BANDS = Bands("at_least", integer=True)
PARAMS = {
    "bands": Param(BANDS, default={"red": 5, "yellow": 1}, help="超期问题数（个）"),
}
# Codes named in a message; the rest are counted.
SHOWN = 5


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return []  # the problems are records, not engine figures


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    names = dict(Chain.objects.values_list("code", "name"))
    findings = []
    for chain, codes in sorted(overdue_problems_by_chain(period=ctx.period).items()):
        hit = BANDS.level(rule["bands"], len(codes))
        if hit is None:
            continue
        level, bound = hit
        shown = "、".join(codes[:SHOWN]) + ("等" if len(codes) > SHOWN else "")
        message = (
            f"{names.get(chain, chain)}产业链有 {len(codes)} 个断点堵点问题超过办结时限仍未解决"
            f"（{shown}），请督促责任单位加快办理。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="chain", member=chain, name=names.get(chain, chain), region="",
                level=level, indicator=INDICATOR, value=len(codes), threshold=bound,
                message=message,
            )
        )  # fmt: skip
    return findings

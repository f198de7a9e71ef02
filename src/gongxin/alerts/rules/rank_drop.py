"""rank_drop: the growth rank fell by at least K places since last month.

``va_rank_change`` is null in January (a new year-to-date has no previous month), so January
never fires.
"""

from __future__ import annotations

from gongxin.alerts import wording
from gongxin.alerts.rules.base import Context, Finding, Need, Rule
from gongxin.alerts.rules.params import Bands, Number, Param

KIND = "rank_drop"
TITLE = "增加值增速位次下滑"
SCOPES = ("region", "industry", "chain")
INDICATOR = "va_rank_change"
BANDS = Bands("at_least", integer=True)
PARAMS = {
    "bands": Param(
        BANDS, default={"yellow": 3, "blue": 2}, help="位次较上月下降N位及以上进入该级别"
    ),
    "min_share": Param(
        Number(minimum=0), default=0, help="增加值占全市比重（%）低于该值的成员不预警"
    ),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return [(rule.scope, ctx.period, (INDICATOR, "va_rank_ytd", "va_share_ytd"))]


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    findings = []
    for member in ctx.members(rule.scope).values():
        change, rank = member[INDICATOR], member["va_rank_ytd"]
        if change is None or rank is None or (member["va_share_ytd"] or 0) < rule["min_share"]:
            continue
        fall = -int(change)
        fired = BANDS.level(rule["bands"], fall)
        if fired is None:
            continue
        level, bound = fired
        message = (
            f"{member.name} {wording.ytd(ctx.period)}规上工业增加值增速列全市"
            f"{wording.DIM_WORDS[rule.scope]}第{rank}位，较{wording.previous_ytd(ctx.period)}"
            f"下降{fall}位，请分析原因。"
        )
        findings.append(
            Finding(
                kind=KIND, scope=rule.scope, member=member.code, name=member.name,
                region=member.code if rule.scope == "region" else "", level=level,
                indicator=INDICATOR, value=int(change), threshold=-int(bound), message=message,
            )
        )  # fmt: skip
    return findings

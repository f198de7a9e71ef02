"""appeal_overdue: an enterprise appeal (诉求) about to pass, or past, its solve limit.

Judged at the end of the period's month, or today for the current month: an appeal not yet
closed whose solve limit (办结时限) ended before that day is red (超期); one whose limit ends
within ``soon`` working days is yellow (即将超期). Limits are working days of the holiday
calendar (docs/appeals.md).
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone

from gongxin.alerts.rules.base import Context, Finding, Need, Rule
from gongxin.alerts.rules.params import Number, Param
from gongxin.appeals.deadlines import working_days_left
from gongxin.appeals.selectors import appeals_open_on

KIND = "appeal_overdue"
TITLE = "企业诉求超期"
SCOPES = ("appeal",)
INDICATOR = "appeal_days_left"
PARAMS = {
    "soon": Param(Number(minimum=0, integer=True), default=1, help="剩余工作日不超过此数为黄色"),
}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return []


def judgement_day(ctx: Context) -> dt.date:
    """The period's last day, or today while the period is the current month."""
    last = dt.date(
        ctx.period.year, ctx.period.month, calendar.monthrange(ctx.period.year, ctx.period.month)[1]
    )
    return min(last, timezone.localdate())


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    day = judgement_day(ctx)
    findings = []
    for appeal in appeals_open_on(day):
        left = working_days_left(appeal.solve_due, day)
        if left < 0:
            level, what = "red", f"已超过办结时限（{appeal.solve_due:%Y-%m-%d}）"
        elif left <= rule["soon"]:
            level, what = "yellow", f"距办结时限（{appeal.solve_due:%Y-%m-%d}）仅剩{left}个工作日"
        else:
            continue
        message = (
            f"{appeal.enterprise.name}的诉求“{appeal.title}”（{appeal.code}，{appeal.unit}办理）"
            f"{what}，请督促责任单位尽快办结。"
        )
        findings.append(
            Finding(
                kind=KIND, scope="appeal", member=appeal.code, name=appeal.title,
                region=appeal.region_id, level=level, indicator=INDICATOR, value=left,
                threshold=rule["soon"], message=message,
            )
        )  # fmt: skip
    return findings

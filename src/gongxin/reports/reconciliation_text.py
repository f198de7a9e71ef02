"""The bulletin's words for the estimate beside the official figure (``gongxin.reconciliation``).

Every number is a traced :class:`~gongxin.reports.model.Figure`: the official figure and the
estimate from the engine, the difference as ``Numbers.diff`` (of the rounded figures), the
0.5 pp flag bound as a definition.
"""

from __future__ import annotations

from gongxin import wording
from gongxin.reconciliation import ESTIMATE, FLAG_PP, OFFICIAL, reconcile
from gongxin.reports.figures import Numbers, change, constant, join_sentences, say
from gongxin.reports.model import Sentence


def city_reconciliation(n: Numbers) -> list[Sentence]:
    """``统计局公布全市规上工业增加值增长7.6%，本通报测算增长7.9%，差0.3个百分点。``"""
    found = reconcile(n.value(ESTIMATE), n.value(OFFICIAL))
    official, estimate = n.fig(OFFICIAL), n.fig(ESTIMATE)
    if found is None or official is None or estimate is None:
        return []
    parts = [
        say("统计局公布全市规上工业增加值同比{}，本通报测算{}", change(official), change(estimate))
    ]
    diff = n.diff((ESTIMATE, "city", None), (OFFICIAL, "city", None))
    if diff is not None and diff.value != 0:
        parts.append(say("，差{}", diff))
    elif diff is not None:
        parts.append(Sentence("，两者一致"))
    if found.flagged:
        bound = constant(wording.number(FLAG_PP) + "个百分点", float(FLAG_PP))
        parts.append(say("，偏差超过{}，以统计局公布数为准", bound))
    parts.append(Sentence("。"))
    return [join_sentences(parts, "")]


def regions_reconciliation(n: Numbers) -> list[Sentence]:
    """The regions whose estimate is more than 0.5 pp from the official figure, both shown."""
    estimates = n.values(ESTIMATE, "region")
    officials = n.values(OFFICIAL, "region")
    names = n.names(ESTIMATE, "region")
    flagged = [
        m
        for m in estimates
        if m in officials and (found := reconcile(estimates[m], officials[m])) and found.flagged
    ]
    if not flagged:
        return []
    items = []
    for m in flagged:
        estimate, official = n.fig(ESTIMATE, "region", m), n.fig(OFFICIAL, "region", m)
        assert estimate is not None and official is not None
        items.append(
            say("{}（测算{}，统计局公布{}）", names[m], change(estimate), change(official))
        )
    bound = constant(wording.number(FLAG_PP) + "个百分点", float(FLAG_PP))
    return [
        join_sentences(
            [
                say("测算增速与统计局公布数相差超过{}的有", bound),
                join_sentences(items),
                Sentence("，请核实。"),
            ],
            "",
        )
    ]

"""Run the rules over the engine: enterprise facts from the registry, figures from the engine.

Nothing here writes; ``services.alerts_evaluate`` stores what this returns.
"""

from __future__ import annotations

from datetime import datetime

from gongxin.alerts.config import RuleSet
from gongxin.alerts.rules import RULE_KINDS
from gongxin.alerts.rules.base import Context, EnterpriseFacts, Finding
from gongxin.city.config import load_city_config
from gongxin.city.models import Region
from gongxin.engine import Engine
from gongxin.engine.period import Period
from gongxin.registry.models import AboveScaleSpell, ChainMembership, Enterprise


def enterprise_facts(*, period: Period) -> dict[str, EnterpriseFacts]:
    """What the enterprise rules need to know about every enterprise in the roster."""
    region_names = dict(Region.objects.values_list("code", "name"))
    leaders = set(
        ChainMembership.objects.filter(role="链主").values_list("enterprise_id", flat=True)
    )
    # The first month of the period's year inside the spell covering the period month.
    first_month: dict[str, int] = {}
    spells = AboveScaleSpell.objects.values_list("enterprise_id", "from_ym", "to_ym")
    for uscc, from_ym, to_ym in spells:
        covers = (from_ym is None or from_ym <= period.ym) and (to_ym is None or to_ym >= period.ym)
        if covers:
            start = max(from_ym or 0, period.first_ym)
            first_month[uscc] = start - period.year * 100
    facts = {}
    rows = Enterprise.objects.values_list("uscc", "region_id", "key", "size")
    for uscc, region, key, size in rows:
        facts[uscc] = EnterpriseFacts(
            uscc=uscc,
            region=region,
            region_name=region_names.get(region, region),
            key=bool(key),
            large=size == "大型",
            chain_leader=uscc in leaders,
            first_month=first_month.get(uscc, 1),
        )
    return facts


def rules_evaluate(
    *, engine: Engine, rules: RuleSet, period: Period, as_of: datetime | None = None
) -> list[Finding]:
    """Every finding of every rule for ``period``, in the order of the rules file."""
    ctx = Context(
        engine=engine,
        period=period,
        as_of=as_of,
        enterprises=enterprise_facts(period=period),
        above_scale_threshold=load_city_config().above_scale_threshold,
    )
    for rule in rules.rules:
        for dim, at, indicators in RULE_KINDS[rule.kind].needs(rule, ctx):
            ctx.needs.setdefault((dim, at.label()), set()).update(indicators)
    findings: list[Finding] = []
    for rule in rules.rules:
        findings.extend(RULE_KINDS[rule.kind].evaluate(rule, ctx))
    # One fact, one warning: a kind that supersedes another silences it on the same member.
    superseded = {
        (other, f.scope, f.member)
        for f in findings
        for other in getattr(RULE_KINDS[f.kind], "SUPERSEDES", ())
    }
    return [f for f in findings if f.key not in superseded]

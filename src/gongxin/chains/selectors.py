"""Reads of the chain-chief system, through a user's ``Scope``.

Chain totals (firms, output, VA growth) come from the engine ``--by chain`` — never recomputed
here; node firms, coverage, problems and activities from the records, through the pure
functions of ``figures.py``. Aggregates (node firm counts, coverage, activities) are visible to
every user, as chain figures are published; enterprise-level lists (链主 names, a node's firms,
problems) are limited to the scope: a county user sees its own region's firms and problems,
and the problem figures it gets count its own problems only.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Q, QuerySet

from gongxin.chains import figures as F
from gongxin.chains.models import ChainActivity, ChainNode, ChainProblem, ChainTarget
from gongxin.city.config import load_city_config
from gongxin.city.models import Chain
from gongxin.engine import EngineError
from gongxin.engine.period import Period
from gongxin.errors import UserError
from gongxin.registry.access import enterprises_visible
from gongxin.registry.models import ChainMembership
from gongxin.scope import Scope
from gongxin.stats.selectors import engine_current

ERR_UNKNOWN_CHAIN = "产业链“{chain}”不在城市配置中：可用 {known}"
# The engine's chain totals: above-scale firms of the period month, output and VA growth YTD.
ENGINE_INDICATORS = ("expected_reports", "output_ytd", "va_growth_ytd")


def period_parse(period: str) -> Period:
    try:
        return Period.parse(period)
    except EngineError as exc:
        raise UserError(str(exc)) from exc


def last_day(period: Period) -> dt.date:
    return dt.date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])


def chain_get(code: str) -> Chain:
    chain = Chain.objects.filter(code=code).first()
    if chain is None:
        known = "、".join(f"{c}（{n}）" for c, n in Chain.objects.values_list("code", "name"))
        raise UserError(ERR_UNKNOWN_CHAIN.format(chain=code, known=known))
    return chain


def problems_visible(scope: Scope) -> QuerySet[ChainProblem]:
    """Problems ``scope`` sees: all for the city; a county its own region's firms' problems."""
    qs = ChainProblem.objects.select_related("enterprise", "chain")
    if scope.regions is None:
        return qs
    return qs.filter(region__in=sorted(scope.regions))


def problem_access(scope: Scope, code: str) -> ChainProblem:
    """The problem, if visible; ``ChainProblem.DoesNotExist`` otherwise."""
    return problems_visible(scope).get(code=code)


def _member_firms(chain: str, ym: int) -> list[F.Firm]:
    """Above-scale firms in month ``ym`` that are members of ``chain`` (the engine's population)."""
    spell = Q(enterprise__spells__from_ym__isnull=True) | Q(enterprise__spells__from_ym__lte=ym)
    spell_end = Q(enterprise__spells__to_ym__isnull=True) | Q(enterprise__spells__to_ym__gte=ym)
    rows = (
        ChainMembership.objects.filter(chain_id=chain)
        .filter(spell & spell_end)
        .values_list("enterprise_id", "enterprise__industry_id")
        .distinct()
    )
    return [F.Firm(uscc, industry) for uscc, industry in rows]


def _nodes(chain: str) -> list[F.Node]:
    return [
        F.Node(n.code, n.parent or None, n.name, n.stream, tuple(n.classes), n.strength)
        for n in ChainNode.objects.filter(chain_id=chain).order_by("order")
    ]


def chain_node_figures(*, chain: str, period: Period) -> list[F.NodeFigure]:
    return F.node_figures(_nodes(chain), _member_firms(chain, period.ym))


def _problem_facts(qs: QuerySet[ChainProblem]) -> list[F.ProblemFact]:
    return [
        F.ProblemFact(status, opened, deadline, solved)
        for status, opened, deadline, solved in qs.values_list(
            "status", "opened_on", "deadline", "solved_on"
        )
    ]


def _engine_rows(period: Period, scope: Scope) -> dict[str, dict[str, object]]:
    try:
        result = engine_current().query(
            indicators=list(ENGINE_INDICATORS), period=period.label(), by="chain", scope=scope
        )
    except EngineError as exc:
        raise UserError(str(exc)) from exc
    out: dict[str, dict[str, object]] = {}
    for row in result.rows:
        out.setdefault(str(row["member"]), {})[row["indicator"]] = row["value"]
    return out


def chains_figures(*, period: str, scope: Scope, chain: str | None = None) -> list[dict]:
    """One object per chain (programme contract §2), as of the period's last day."""
    p = period_parse(period)
    day = last_day(p)
    chains = [chain_get(chain)] if chain else list(Chain.objects.all())
    config = load_city_config()
    engine = _engine_rows(p, scope)
    visible = enterprises_visible(scope)
    out = []
    for c in chains:
        conf = config.chain(c.code)
        nodes = chain_node_figures(chain=c.code, period=p)
        cov = F.coverage(nodes)
        probs = F.problem_figures(
            _problem_facts(problems_visible(scope).filter(chain_id=c.code)), day
        )
        dates = ChainActivity.objects.filter(chain_id=c.code).values_list("date", flat=True)
        chiefs = visible.filter(
            chainmembership__chain_id=c.code, chainmembership__role="链主"
        ).order_by("name")
        figures = engine.get(c.code, {})
        enterprises = figures.get("expected_reports")
        out.append(
            {
                "chain": c.code,
                "name": c.name,
                "flagship": c.flagship,
                "period": p.label(),
                "as_of": day.isoformat(),
                "chief_leaders": list(config.chief_leaders),
                "leaders": list(conf.leaders) if conf else [],
                "team": conf.team if conf else "",
                "chief_firms": [e.name for e in chiefs],
                "enterprises": int(enterprises) if enterprises is not None else 0,
                "output_ytd": figures.get("output_ytd"),
                "va_growth_ytd": figures.get("va_growth_ytd"),
                "nodes": cov.nodes,
                "leaf_nodes": cov.leaf_nodes,
                "covered_leaves": cov.covered_leaves,
                "coverage": cov.coverage,
                "weak_nodes": sum(1 for n in nodes if n.strength == F.WEAK),
                "missing_nodes": sum(1 for n in nodes if n.strength == F.MISSING),
                "risk_nodes": sum(1 for n in nodes if n.strength == F.RISK),
                "problems": probs.opened,
                "problems_open": probs.open,
                "problems_overdue": probs.overdue,
                "problems_solved": probs.solved,
                "resolution_rate": probs.resolution_rate,
                "activities_ytd": F.activities_ytd(dates, day),
                "targets": ChainTarget.objects.filter(chain_id=c.code).count(),
            }
        )
    return out


def node_dict(n: F.NodeFigure) -> dict:
    return {
        "node": n.node,
        "parent": n.parent,
        "name": n.name,
        "stream": n.stream,
        "classes": list(n.classes),
        "enterprises": n.enterprises,
        "strength": n.strength,
        "computed_strength": n.computed,
        "assessed": n.assessed,
        "leaf": n.leaf,
    }


def chain_nodes(*, chain: str, period: str, scope: Scope) -> list[dict]:
    """One object per node of ``chain`` (contract: ``gongxin chains --chain C --nodes``).

    Firm counts are aggregates, the same for every scope; the firms themselves are listed by
    :func:`node_firms` within the scope.
    """
    chain_get(chain)
    return [node_dict(n) for n in chain_node_figures(chain=chain, period=period_parse(period))]


def node_firms(*, chain: str, node: str, period: str, scope: Scope) -> list[dict]:
    """The firms behind a node's count that ``scope`` may see, by name."""
    chain_get(chain)
    figures = {n.node: n for n in chain_node_figures(chain=chain, period=period_parse(period))}
    if node not in figures:
        return []
    firms = (
        enterprises_visible(scope)
        .filter(uscc__in=figures[node].firms)
        .select_related("region", "industry")
        .order_by("name")
    )
    roles = dict(
        ChainMembership.objects.filter(chain_id=chain, enterprise__in=firms).values_list(
            "enterprise_id", "role"
        )
    )
    return [
        {
            "uscc": e.uscc,
            "name": e.name,
            "region": e.region_id,
            "region_name": e.region.name,
            "industry": e.industry_id,
            "industry_name": e.industry.name,
            "role": roles.get(e.uscc) or "",
        }
        for e in firms
    ]


def problem_dict(p: ChainProblem, day: dt.date | None = None) -> dict:
    fact = F.ProblemFact(p.status, p.opened_on, p.deadline, p.solved_on)
    overdue = None
    if day is not None:
        overdue = not F.solved_by(fact, day) and p.opened_on <= day and p.deadline < day
    return {
        "code": p.code,
        "chain": p.chain_id,
        "node": p.node or None,
        "uscc": p.enterprise_id,
        "enterprise": p.enterprise.name if p.enterprise_id else None,
        "region": p.region or None,
        "category": p.category,
        "description": p.description,
        "owner_unit": p.owner_unit,
        "opened_on": p.opened_on.isoformat(),
        "deadline": p.deadline.isoformat(),
        "status": p.status,
        "solved_on": p.solved_on.isoformat() if p.solved_on else None,
        "overdue": overdue,
    }


def chain_problems(*, chain: str, scope: Scope, period: str | None = None) -> list[dict]:
    """The chain's problems ``scope`` may see; ``overdue`` as of the period's last day."""
    chain_get(chain)
    day = last_day(period_parse(period)) if period else None
    qs = problems_visible(scope).filter(chain_id=chain).order_by("-opened_on", "code")
    return [problem_dict(p, day) for p in qs]


def chain_activities(*, chain: str, year: int | None = None) -> QuerySet[ChainActivity]:
    qs = ChainActivity.objects.filter(chain_id=chain)
    return qs.filter(date__year=year) if year else qs


def chain_targets(*, chain: str) -> QuerySet[ChainTarget]:
    return ChainTarget.objects.filter(chain_id=chain)


def overdue_problems_by_chain(*, period: Period) -> dict[str, list[str]]:
    """Chain → codes of its problems overdue at the period's last day (the whole city)."""
    day = last_day(period)
    out: dict[str, list[str]] = {}
    qs = ChainProblem.objects.filter(opened_on__lte=day, deadline__lt=day).order_by("code")
    for p in qs:
        fact = F.ProblemFact(p.status, p.opened_on, p.deadline, p.solved_on)
        if not F.solved_by(fact, day):
            out.setdefault(p.chain_id, []).append(p.code)
    return out


def chain_choices() -> QuerySet[Chain]:
    return Chain.objects.all()

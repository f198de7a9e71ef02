"""Which measures and indicators a request needs, for which month, in which order.

An indicator is computed for the period (variant ``cur``) and, when a requested formula uses
``previous(x)``, ``x`` is also computed for the previous month of the same year (variant
``prev``). In January there is no previous month within the year, so ``previous(x)`` is null
and no ``prev`` variant is planned.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongxin.engine import formula
from gongxin.engine.catalog import Catalog, Indicator, dependencies
from gongxin.engine.period import Period

CUR = "cur"
PREV = "prev"
VARIANTS = (CUR, PREV)


def suffix(variant: str) -> str:
    return "" if variant == CUR else "__prev"


@dataclass(frozen=True)
class Node:
    indicator: str
    variant: str


@dataclass(frozen=True)
class Needs:
    """Everything one request computes."""

    levels: tuple[tuple[Node, ...], ...]  # indicator nodes, level 1 first
    measures: dict[str, frozenset[str]]  # variant -> measures aggregated per member
    enterprise_sums: dict[str, frozenset[str]]  # variant -> sum measures per enterprise
    sub_dims: frozenset[str]  # `over` dimensions of count_groups indicators
    sub_measures: dict[str, frozenset[str]]  # variant -> measures count_groups conditions use

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(v for v in VARIANTS if self.measures.get(v))


def _names(text: str | None) -> formula.References:
    if text is None:
        return formula.References(frozenset(), frozenset(), frozenset())
    return formula.references(formula.parse(text))


def plan_needs(catalog: Catalog, indicator_ids: tuple[str, ...], period: Period) -> Needs:
    looks_back = period.previous is not None
    nodes: dict[Node, int] = {}  # node -> level

    def level_of(node: Node) -> int:
        if node in nodes:
            return nodes[node]
        indicator = catalog.indicators[node.indicator]
        now, before = dependencies(catalog, indicator)
        deps = [Node(d, node.variant) for d in now]
        if node.variant == CUR and looks_back:
            deps += [Node(d, PREV) for d in before]
        level = 1 + max((level_of(d) for d in deps), default=0)
        nodes[node] = level
        return level

    for indicator_id in indicator_ids:
        level_of(Node(indicator_id, CUR))

    def direct_measures(indicator: Indicator) -> set[str]:
        found: set[str] = set()
        for text in (indicator.formula, indicator.where):
            refs = _names(text)
            found |= {n for n in refs.names if n in catalog.measures} | set(refs.city)
        return found

    measures: dict[str, set[str]] = {v: set() for v in VARIANTS}
    sub_measures: dict[str, set[str]] = {v: set() for v in VARIANTS}
    sub_dims: set[str] = set()
    for node in nodes:
        indicator = catalog.indicators[node.indicator]
        measures[node.variant] |= direct_measures(indicator)
        if indicator.kind == "count_groups" and indicator.over:
            sub_dims.add(indicator.over)
            # the condition's indicators, transitively, are evaluated on member x division rows
            pending, seen = [indicator.id], set()
            while pending:
                current = catalog.indicators[pending.pop()]
                if current.id in seen:
                    continue
                seen.add(current.id)
                sub_measures[node.variant] |= direct_measures(current)
                pending.extend(dependencies(catalog, current)[0])

    # Per-enterprise sums: every sum measure aggregated, and those named in `where` clauses.
    enterprise_sums: dict[str, set[str]] = {v: set() for v in VARIANTS}
    for variant, names in measures.items():
        for name in names:
            measure = catalog.measures[name]
            if measure.agg == "sum":
                enterprise_sums[variant].add(name)
            refs = _names(measure.where)
            enterprise_sums[variant] |= {n for n in refs.names if n in catalog.measures}

    depth = max(nodes.values(), default=0)
    levels = tuple(
        tuple(sorted((n for n, lv in nodes.items() if lv == k), key=_node_order))
        for k in range(1, depth + 1)
    )
    return Needs(
        levels=levels,
        measures={v: frozenset(m) for v, m in measures.items()},
        enterprise_sums={v: frozenset(m) for v, m in enterprise_sums.items()},
        sub_dims=frozenset(sub_dims),
        sub_measures={v: frozenset(m) for v, m in sub_measures.items()},
    )


def _node_order(node: Node) -> tuple[str, int]:
    return node.indicator, VARIANTS.index(node.variant)

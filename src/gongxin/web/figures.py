"""Every figure a page shows, read from the indicator engine (never computed here).

Pages ask for one wide indicator set per (period, dimension), so the cockpit and the drill-down
pages share the engine's cached results (the cache is keyed by data version and request).
Aggregates are the same for every user (a county user sees every region's aggregates), so they
are requested without a scope; only ``by=enterprise`` carries the user's scope. Passing the
user's ``scope`` to :func:`members` / :func:`member` / :func:`series` withholds small cells
(fewer than 3 enterprises, ``gongxin.confidentiality``) the user may not see: their values are
None (shown "—") and ``Member.suppressed`` is set, so the page prints the note.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.signals import request_finished, request_started
from django.dispatch import receiver

from gongxin.confidentiality import PUBLIC_INDICATORS, withheld_members
from gongxin.engine import Engine
from gongxin.engine.result import Result
from gongxin.scope import Scope
from gongxin.stats.selectors import engine_current

# What the aggregate pages show (cockpit cards, section tables, member series).
DIM_INDICATORS: tuple[str, ...] = (
    "va_growth_ytd",
    "base_coverage_ytd",  # non-response: shown beside every VA growth figure
    "va_growth_month",
    "va_growth_ytd_change",
    "va_rank_ytd",
    "va_rank_change",
    "va_contribution_ytd",
    "va_pull_ytd",
    "target_va_growth",
    "va_gap_to_target_ytd",
    "benchmark_province_va_growth_ytd",
    "benchmark_nation_va_growth_ytd",
    "official_va_growth_ytd",
    "va_gap_to_province_ytd",
    "va_gap_to_nation_ytd",
    "output_ytd",
    "output_growth_ytd",
    "output_month",
    "profit_ytd",
    "profit_growth_ytd",
    "electricity_ytd",
    "electricity_growth_ytd",
    "enterprises",
    "stalled_firms",
    "loss_ratio_ytd",
    "growth_firm_share_ytd",
    "industries_growth_ge10",
)

# What enterprise tables and profiles show.
ENTERPRISE_INDICATORS: tuple[str, ...] = (
    "va_growth_ytd",
    "output_ytd",
    "output_growth_ytd",
    "output_month",
    "output_growth_month",
    "sales_ytd",
    "sales_growth_ytd",
    "profit_ytd",
    "profit_growth_ytd",
    "electricity_ytd",
    "electricity_growth_ytd",
    "electricity_month",
    "electricity_growth_month",
)

Values = dict[str, float | int | None]


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    values: Values = field(default_factory=dict)
    suppressed: bool = False  # 不足3家，按统计法不公开 (for this user)


# One engine per request: engine_current() checks the snapshot against the records' version (a
# database query); a page makes a dozen engine calls and they should all see the same version.
_request = threading.local()


def engine() -> Engine:
    current = getattr(_request, "engine", None)
    if current is None:
        current = _request.engine = engine_current()
    return current


@receiver(request_started)
@receiver(request_finished)
def _forget_engine(**kwargs: object) -> None:
    _request.engine = None


# Results reshaped per member, keyed by the engine's (cached) result object: reshaping 3,000
# enterprises × 13 indicators on every request would cost more than the cached query itself.
_SHAPED: OrderedDict[int, tuple[Result, dict[str, Member]]] = OrderedDict()
_SHAPED_SIZE = 64
_LOCK = threading.Lock()


def _by_member(result: Result) -> dict[str, Member]:
    with _LOCK:
        hit = _SHAPED.get(id(result))
        if hit is not None and hit[0] is result:
            _SHAPED.move_to_end(id(result))
            return hit[1]
    shaped: dict[str, Member] = {}
    for row in result.rows:
        code = str(row["member"])
        if code not in shaped:
            shaped[code] = Member(code, row["name"], {})
        shaped[code].values[row["indicator"]] = row["value"]
    with _LOCK:
        _SHAPED[id(result)] = (result, shaped)  # holding the result keeps its id unique
        while len(_SHAPED) > _SHAPED_SIZE:
            _SHAPED.popitem(last=False)
    return shaped


def _protected(shaped: dict[str, Member], dim: str, scope: Scope | None) -> dict[str, Member]:
    """``shaped`` as ``scope`` may see it: small cells of others withheld (a copy; the cache
    keeps the full figures, which city users see)."""
    if scope is None or scope.is_everything:
        return shaped
    counts = {code: m.values.get("enterprises") for code, m in shaped.items()}
    hidden = withheld_members(counts, scope, dim)
    if not hidden:
        return shaped
    out = {}
    for code, m in shaped.items():
        if code in hidden:
            values = {k: (v if k in PUBLIC_INDICATORS else None) for k, v in m.values.items()}
            m = Member(code, m.name, values, suppressed=True)
        out[code] = m
    return out


def members(*, period: str, dim: str, scope: Scope | None = None) -> list[Member]:
    """Every member of ``dim`` in the engine's display order, with the page indicators."""
    result = engine().query(indicators=DIM_INDICATORS, period=period, by=dim)
    return list(_protected(_by_member(result), dim, scope).values())


def member(*, period: str, dim: str, code: str, scope: Scope | None = None) -> Member | None:
    result = engine().query(indicators=DIM_INDICATORS, period=period, by=dim)
    found = _by_member(result).get(code)
    if found is None:
        return None
    return _protected({code: found}, dim, scope)[code]


# A member's own breakdown (a county's divisions and chains): shares are of the member's total.
WITHIN_INDICATORS: tuple[str, ...] = (
    "va_growth_ytd",
    "base_coverage_ytd",  # non-response: how much of the output the growth covers
    "va_rank_ytd",
    "va_share_ytd",
    "va_contribution_ytd",
    "output_ytd",
    "enterprises",
)


def within(*, period: str, dim: str, code: str, by: str) -> list[Member]:
    """The members of ``by`` among the enterprises of one member (engine ``filters``)."""
    result = engine().query(
        indicators=WITHIN_INDICATORS, period=period, by=by, filters=[(dim, code)]
    )
    return list(_by_member(result).values())


def high_tech_share(*, period: str, region: str) -> float | None:
    """va_share_high_tech_ytd of one region: its high-tech VA as a share of its VA."""
    result = engine().query(indicators=["va_share_high_tech_ytd"], period=period, by="region")
    found = _by_member(result).get(region)
    value = found.values.get("va_share_high_tech_ytd") if found else None
    return None if value is None else float(value)


def series(
    *, periods: list[str], dim: str, code: str, scope: Scope | None = None
) -> list[tuple[str, Values]]:
    """``[(period, values)]`` of one member over ``periods`` (empty values where absent)."""
    out = []
    for period in periods:
        found = member(period=period, dim=dim, code=code, scope=scope)
        out.append((period, found.values if found else {}))
    return out


def enterprise_values(*, period: str, scope: Scope) -> dict[str, Values]:
    """``uscc → values`` for the enterprises above scale in ``period`` that ``scope`` sees."""
    result = engine().query(
        indicators=ENTERPRISE_INDICATORS, period=period, by="enterprise", scope=scope
    )
    return {code: m.values for code, m in _by_member(result).items()}


def enterprise_series(*, periods: list[str], scope: Scope, uscc: str) -> list[tuple[str, Values]]:
    return [(p, enterprise_values(period=p, scope=scope).get(uscc, {})) for p in periods]


@dataclass(frozen=True)
class IndicatorMeta:
    id: str
    name: str
    unit: str
    decimals: int


def meta(indicator: str) -> IndicatorMeta:
    ind = engine().catalog.indicators[indicator]
    return IndicatorMeta(ind.id, ind.name, ind.unit, ind.decimals)

"""Small cells (统计法): figures of fewer than 3 enterprises are not shown to those who may not
see the enterprises behind them.

The Statistics Law (《统计法》 art. 25, and the bureau's practice of 不足3家不公开) forbids
publishing data from which a single unit's figures can be read off. A member (a region, an
industry division, a chain …) with fewer than :data:`MIN_ENTERPRISES` enterprises reveals
its one or two firms' data, so:

* a user whose :class:`~gongxin.scope.Scope` covers every region (city users) sees everything;
* a county user sees every figure of its **own region** (``by=region`` member = its region, or
  any breakdown filtered to its region, e.g. ``--filter region=371521 --by industry``), and
  enterprise rows (the engine already keeps those to its own region);
* for every other member — another region, a city-wide division or chain, the city itself —
  a county user gets ``value: None`` with ``suppressed: True`` and :data:`NOTE` when the member
  had fewer than 3 enterprises (the engine's ``enterprises`` indicator for the same period and
  member; a member with no count counts as 0).

The count itself (``enterprises``) stays visible: it says why the figures are withheld and
reveals nothing about any firm. No complementary (secondary) suppression is done: a county
user who subtracts the other regions from the city total can still derive one withheld
region; ``docs/methodology.md`` ("Confidentiality") says so.

Pure functions on the engine's rows; no Django. Web pages, the API, ``gongxin query --user``
and county editions of documents call :func:`protect_rows` (or :func:`protected_query`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from gongxin.scope import Scope

MIN_ENTERPRISES = 3
NOTE = "不足3家，按统计法不公开"
# Shown under a table or page that withholds at least one member.
FOOTNOTE = f"注：{NOTE}"
COUNT_INDICATOR = "enterprises"
# Indicators a withheld member still shows.
PUBLIC_INDICATORS = frozenset({COUNT_INDICATOR})

Row = dict[str, Any]


Filters = Mapping[str, Any] | Iterable[tuple[str, Any]] | None


def sees_member(scope: Scope, dim: str, member: str, filters: Filters = None) -> bool:
    """Whether ``scope`` may see every enterprise behind ``member`` of dimension ``dim``.

    ``filters`` are the query's ``--filter DIM=CODE`` restrictions (a breakdown filtered to the
    user's own region only holds the user's own enterprises).
    """
    if scope.is_everything:
        return True
    if dim == "enterprise":
        return True  # the engine returns only the scope's own enterprises
    if dim == "region" and scope.sees_region(member):
        return True
    regions = _filtered_regions(filters)
    return bool(regions) and all(scope.sees_region(r) for r in regions)


def _filtered_regions(filters: Mapping[str, Any] | Iterable[tuple[str, Any]] | None) -> set[str]:
    """The regions a query is restricted to (``{"region": "371521"}`` or ``[("region", …)]``)."""
    if not filters:
        return set()
    pairs = filters.items() if isinstance(filters, Mapping) else filters
    found: set[str] = set()
    for key, value in pairs:
        if key == "region":
            found.update([value] if isinstance(value, str) else value)
    return found


def is_small(count: int | float | None) -> bool:
    """Fewer than 3 enterprises (no count: none)."""
    return (count or 0) < MIN_ENTERPRISES


def withheld_members(
    counts: Mapping[str, int | float | None],
    scope: Scope,
    dim: str,
    filters: Filters = None,
) -> frozenset[str]:
    """The members of ``dim`` whose figures ``scope`` may not see, from their enterprise counts."""
    return frozenset(
        member
        for member, count in counts.items()
        if is_small(count) and not sees_member(scope, dim, member, filters)
    )


def counts_of(rows: Iterable[Row], dim: str | None = None) -> dict[tuple[str, str], Any]:
    """``(dim, member) → enterprises`` from engine rows that include the count indicator."""
    return {
        (str(row.get("dim", dim)), str(row["member"])): row["value"]
        for row in rows
        if row["indicator"] == COUNT_INDICATOR
    }


def protect_rows(
    rows: Sequence[Row],
    counts: Mapping[tuple[str, str], int | float | None],
    scope: Scope,
    *,
    dim: str,
    filters: Filters = None,
) -> list[Row]:
    """Engine rows as ``scope`` may see them.

    ``counts`` maps ``(dim, member)`` to the member's ``enterprises`` (see :func:`counts_of`);
    ``dim`` is the query's dimension (a cube's rows carry their own ``"dim"``). A withheld row
    is a copy with ``value: None``, ``suppressed: True`` and ``note`` :data:`NOTE`; other rows
    are returned as they are (no extra keys, so a city user's JSON is unchanged).
    """
    if scope.is_everything:
        return list(rows)
    out: list[Row] = []
    for row in rows:
        row_dim = str(row.get("dim", dim))
        member = str(row["member"])
        if (
            row["indicator"] not in PUBLIC_INDICATORS
            and is_small(counts.get((row_dim, member)))
            and not sees_member(scope, row_dim, member, filters)
        ):
            row = {**row, "value": None, "suppressed": True, "note": NOTE}
        out.append(row)
    return out


def protected_query(engine: Any, *, indicators: Sequence[str], scope: Scope, **query: Any) -> Any:
    """``engine.query`` with small cells withheld for ``scope``: ``(result, rows)``.

    The count indicator is fetched alongside when it was not asked for, and left out of the
    returned rows again. ``query`` passes through (``period``, ``by``, ``as_of``, ``filters`` …).
    """
    asked = list(indicators)
    if scope.is_everything:  # nothing to withhold: the query as asked, no extra count
        result = engine.query(indicators=asked, scope=scope, **query)
        return result, result.rows
    wanted = asked if COUNT_INDICATOR in asked else [*asked, COUNT_INDICATOR]
    result = engine.query(indicators=wanted, scope=scope, **query)
    by = query.get("by", "city")
    dim = by if isinstance(by, str) else ""
    rows = result.rows
    counts = counts_of(rows, dim)
    filters = query.get("filters")
    protected = protect_rows(rows, counts, scope, dim=dim, filters=filters)
    if COUNT_INDICATOR not in asked:
        protected = [r for r in protected if r["indicator"] != COUNT_INDICATOR]
    return result, protected


def any_withheld(rows: Iterable[Row]) -> bool:
    return any(row.get("suppressed") for row in rows)

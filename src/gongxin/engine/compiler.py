"""Compile a request over the catalog into DuckDB SQL: a few steps, each one pass.

1. ``ctx``/``ref``  – the city code and name; reference series as of the request.
2. ``ent``          – one row per enterprise of the population with its year-to-date and
                      period-month sums (revisions picked, base joined, output deflated).
3. ``cells``/``agg`` – per dimension member (and per member × division where a count of
                      divisions is asked for), the measures summed over ``ent``.
4. final SELECTs    – indicators evaluated level by level over ``agg``; one wide row per
                      member, ordered for display. The enterprise dimension (one member per
                      enterprise, half a million at nation scale) is not copied into ``agg``:
                      its own SELECT evaluates its indicators on ``ent`` directly, each
                      formula inlined, ranks among enterprises in narrow subqueries.

The SQL sticks to standard constructs (CASE, NULLIF, window RANK, EXISTS, UNION ALL) so that it
transpiles to other engines; the tests check it against the Spark dialect with sqlglot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from gongxin.engine import derived, formula
from gongxin.engine.catalog import Catalog, Dimension, Indicator, Measure
from gongxin.engine.fields import ATTRIBUTES, FIELDS
from gongxin.engine.period import Period
from gongxin.engine.planner import CUR, PREV, Needs, plan_needs, suffix
from gongxin.engine.schema import VERSIONED

FOREVER = 999999  # an open-ended above-scale spell: to_ym NULL
UNKNOWN_MEMBER = "未填报"


@dataclass(frozen=True)
class Request:
    indicators: tuple[str, ...]
    period: Period
    dims: tuple[str, ...]
    as_of: datetime | None = None  # naive UTC; None = latest
    regions: frozenset[str] | None = None  # enterprise rows visible; None = all
    # (dim, member code) pairs: only enterprises that are members of every one count
    filters: tuple[tuple[str, str], ...] = ()
    # as_of also applies to the registry (the snapshot has its history tables)
    versioned: bool = False


def table(request: Request, name: str) -> str:
    """The registry table a request reads: as it stood at as_of, or as it is now."""
    if request.as_of is not None and request.versioned and name in VERSIONED:
        return f"{name}_asof"
    return name


@dataclass(frozen=True)
class Step:
    name: str
    comment: str
    sql: str
    # A result SELECT of one dimension only: its rows carry no ``dim`` column.
    dim: str | None = None
    # Rows come unordered: the caller orders them by this integer column (not a result).
    order: str | None = None


@dataclass(frozen=True)
class Plan:
    request: Request
    # temp tables in order, then the ``results`` SELECTs (fetched one after the other)
    steps: tuple[Step, ...]
    needs_ppi: bool  # deflated output enters the result: months without PPI are noted
    needs_ratio: bool  # value added enters the result: missing ratios are noted
    results: int = 1

    @property
    def selects(self) -> tuple[Step, ...]:
        """The result SELECTs: rows of the aggregate dimensions, then of the enterprises."""
        return self.steps[len(self.steps) - self.results :]

    def text(self) -> str:
        """All steps as one reviewable SQL script (the form kept in SQL snapshots)."""
        parts = []
        for step in self.steps:
            comment = "\n".join(f"-- {line}" for line in step.comment.splitlines())
            parts.append(f"-- step: {step.name}\n{comment}\n{step.sql.strip()};\n")
        return "\n".join(parts)


def _lit(value: str) -> str:
    return formula.quote_literal(value)


def _ts(value: datetime) -> str:
    return f"TIMESTAMP '{value.isoformat(sep=' ')}'"


def compile_request(
    catalog: Catalog, request: Request, derived_columns: frozenset[str] = frozenset()
) -> Plan:
    """The request's SQL; ``derived_columns`` are those of a current em_ytd table, if any."""
    needs = plan_needs(catalog, request.indicators, request.period)
    fields = {
        f
        for variant in needs.variants
        for m in needs.enterprise_sums[variant]
        for f in _fields_of(catalog.measures[m])
    }
    needs_ppi = any(FIELDS[f].needs_ppi for f in fields)
    needs_ratio = any(FIELDS[f].needs_ratio for f in fields)
    fast = _fast_columns(catalog, request, needs, derived_columns)
    apart = _enterprise_apart(catalog, request, needs)
    keyed = bool(apart)
    steps = [
        Step("ctx", "The city's code and name, from meta (or the member table).", CTX_SQL),
        _context_step(request),
        *_registry_steps(request),
        *(
            [_fast_enterprise_step(catalog, request, needs, fast, keyed=keyed)]
            if fast is not None
            else [
                _revision_step(request, needs_base=_needs_base(catalog, needs)),
                _enterprise_step(catalog, request, needs, keyed=keyed),
            ]
        ),
        _cells_step(catalog, needs),
    ]
    grouped = tuple(d for d in request.dims if d not in apart)
    steps.append(_aggregate_step(catalog, request, needs, grouped))
    selects = []
    if grouped or not apart:
        selects.append(_indicator_step(catalog, request, needs, grouped))
    selects += [_enterprise_select(catalog, request, needs, d) for d in apart]
    return Plan(
        request=request,
        steps=tuple(steps + selects),
        needs_ppi=needs_ppi,
        needs_ratio=needs_ratio,
        results=len(selects),
    )


# --- step 1: context -----------------------------------------------------------------------


def _visible(request: Request, alias: str) -> str:
    """Revisions that count at the request's moment: recorded by then, and not taken back
    (their import withdrawn) by then. Without as_of, the moment is now."""
    if request.as_of is None:
        return f"{alias}.withdrawn_at IS NULL"
    at = _ts(request.as_of)
    return (
        f"{alias}.recorded_at <= {at} "
        f"AND ({alias}.withdrawn_at IS NULL OR {alias}.withdrawn_at > {at})"
    )


def _context_step(request: Request) -> Step:
    sql = f"""
CREATE TEMP TABLE ref AS
SELECT series, scope, period, value
FROM (
  SELECT r.series, r.scope, r.period, r.value,
         ROW_NUMBER() OVER (PARTITION BY r.series, r.scope, r.period ORDER BY r.revision DESC) AS rn
  FROM reference r
  WHERE {_visible(request, "r")}
) t
WHERE rn = 1
"""
    return Step(
        "ref",
        "Reference series as of the request: per (series, scope, period) the highest revision\n"
        "recorded no later than as_of.",
        sql,
    )


def _registry_steps(request: Request) -> list[Step]:
    """The registry as it stood at as_of: region, industry, spells and chains (versioned)."""
    if request.as_of is None or not request.versioned:
        return []
    at = _ts(request.as_of)
    valid = f"h.valid_from <= {at} AND (h.valid_to IS NULL OR h.valid_to > {at})"
    enterprise = f"""
CREATE TEMP TABLE enterprise_asof AS
SELECT e.uscc, e.name,
       CASE WHEN h.uscc IS NULL THEN e.region ELSE h.region END AS region,
       CASE WHEN h.uscc IS NULL THEN e.industry ELSE h.industry END AS industry,
       CASE WHEN h.uscc IS NULL THEN e.division ELSE h.division END AS division,
       CASE WHEN h.uscc IS NULL THEN e.high_tech ELSE h.high_tech END AS high_tech,
       CASE WHEN h.uscc IS NULL THEN e.equipment ELSE h.equipment END AS equipment,
       CASE WHEN h.uscc IS NULL THEN e.energy_intensive ELSE h.energy_intensive END
         AS energy_intensive,
       e.ownership, e.size, e.key, e.land_mu
FROM enterprise e
LEFT JOIN enterprise_history h ON h.uscc = e.uscc AND {valid}
"""
    spells = f"""
CREATE TEMP TABLE above_scale_asof AS
SELECT h.uscc, h.from_ym, h.to_ym FROM above_scale_history h WHERE {valid}
UNION ALL
SELECT s.uscc, s.from_ym, s.to_ym FROM above_scale s
WHERE s.uscc NOT IN (SELECT uscc FROM above_scale_history)
"""
    chains = f"""
CREATE TEMP TABLE enterprise_chain_asof AS
SELECT h.uscc, h.chain, h.role FROM enterprise_chain_history h WHERE {valid}
UNION ALL
SELECT c.uscc, c.chain, c.role FROM enterprise_chain c
WHERE c.uscc NOT IN (SELECT uscc FROM enterprise_chain_history)
"""
    note = (
        "\nAn enterprise without history rows (data older than the history) is read as it is\n"
        "now; one with history rows only by the rows valid at as_of."
    )
    return [
        Step(
            "enterprise_asof",
            "Region and industry (and the flags of the industry) as they stood at as_of." + note,
            enterprise,
        ),
        Step("above_scale_asof", "Above-scale spells as they stood at as_of." + note, spells),
        Step("enterprise_chain_asof", "Chain memberships as they stood at as_of." + note, chains),
    ]


CTX_SQL = """
CREATE TEMP TABLE ctx AS
SELECT COALESCE((SELECT MAX(value) FROM meta WHERE key = 'city_code'),
                (SELECT MAX(code) FROM member WHERE dim = 'city'), 'city') AS city_code,
       COALESCE((SELECT MAX(value) FROM meta WHERE key = 'city_name'),
                (SELECT MAX(name) FROM member WHERE dim = 'city'), '全市') AS city_name
"""


# --- step 2: enterprises -------------------------------------------------------------------


def _filter_condition(catalog: Catalog, request: Request, alias: str = "en") -> str:
    """`` AND …`` restricting enterprises to the members of every ``--filter DIM=CODE``."""
    parts = []
    for dim_id, code in request.filters:
        dim = catalog.dimensions[dim_id]
        value = _lit(code)
        if dim.kind == "city":
            continue  # every enterprise is in the city (the code is checked by the engine)
        if dim.kind == "flag":
            parts.append(f"(CASE WHEN {alias}.{dim.column} THEN '1' ELSE '0' END) = {value}")
        elif dim.kind == "chain":
            parts.append(
                f"{alias}.uscc IN (SELECT uscc FROM {table(request, 'enterprise_chain')} "
                f"WHERE chain = {value})"
            )
        elif dim.kind == "enterprise":
            parts.append(f"{alias}.uscc = {value}")
        else:
            missing = _lit(dim.missing or UNKNOWN_MEMBER)
            parts.append(f"COALESCE({alias}.{dim.column}, {missing}) = {value}")
    return "".join(f"\n  AND {p}" for p in parts)


def _fields_of(measure: Measure) -> list[str]:
    if measure.expr is None:
        return []
    names = set(formula.references(formula.parse(measure.expr)).names)
    if measure.matched is not None:
        names.add(measure.matched)
    return sorted(names)


def _spell_covers(ym: str, alias: str = "s") -> str:
    return f"COALESCE({alias}.from_ym, 0) <= {ym} AND COALESCE({alias}.to_ym, {FOREVER}) >= {ym}"


def _needs_base(catalog: Catalog, needs: Needs) -> bool:
    return any(
        catalog.measures[m].caliber != "all"
        for variant in needs.variants
        for m in needs.enterprise_sums[variant]
    )


def _report_window(period: Period, *, needs_base: bool) -> tuple[str, str, str]:
    """SQL conditions on m.ym: this year's months, last year's, and either."""
    p, first = period.ym, period.first_ym
    cur_window = f"m.ym BETWEEN {first} AND {p}"
    prev_window = f"m.ym BETWEEN {first - 100} AND {p - 100}"
    window = f"({cur_window} OR {prev_window})" if needs_base else cur_window
    return cur_window, prev_window, window


def _revision_step(request: Request, *, needs_base: bool) -> Step:
    _, _, window = _report_window(request.period, needs_base=needs_base)
    sql = f"""
CREATE TEMP TABLE best AS
SELECT m.uscc, m.ym, MAX(m.revision) AS revision
FROM monthly m
JOIN (
  SELECT DISTINCT m.uscc, m.ym FROM monthly m
  WHERE {window} AND m.revision > (SELECT MIN(revision) FROM monthly)
) k ON k.uscc = m.uscc AND k.ym = m.ym
WHERE {_visible(request, "m")}
GROUP BY m.uscc, m.ym
"""
    comment = (
        "As-of: per (uscc, ym) the highest revision recorded no later than as_of. Only the few\n"
        "enterprise-months stored more than once need a choice; kept as a small table so that\n"
        "the bulk of single-revision reports passes a cheap join."
    )
    return Step("best", comment, sql)


def _key_column(keyed: bool) -> str:
    """The enterprise's position in USCC order (the display order of the enterprise
    dimension): an integer to join and sort on instead of the USCC itself."""
    return ",\n         ROW_NUMBER() OVER (ORDER BY s.uscc) AS k" if keyed else ""


def _keyed_columns(keyed: bool) -> str:
    return "\n       pop.k, en.name," if keyed else ""


def _enterprise_step(
    catalog: Catalog, request: Request, needs: Needs, *, keyed: bool = False
) -> Step:
    period = request.period
    prev = period.previous
    p, first = period.ym, period.first_ym
    with_prev = PREV in needs.variants and prev is not None

    # Each distinct (expression, window, caliber) is summed once per enterprise, whichever
    # measures share it (va_ytd and va_high_tech_ytd differ only in their enterprise filter).
    sum_cols: list[tuple[str, str]] = []  # (sum expression, alias), one per signature
    out_cols: list[str] = []  # ent columns: every needed measure, shared sums aliased
    signatures: dict[tuple[str, str, str, str, str], str] = {}
    fields: set[str] = set()
    based: set[str] = set()
    for variant in needs.variants:
        end = p if variant == CUR else (prev.ym if prev else p)
        for name in sorted(needs.enterprise_sums[variant]):
            measure = catalog.measures[name]
            fields |= set(_fields_of(measure))
            if measure.caliber != "all":
                based |= set(_fields_of(measure))
            signature = (
                measure.expr or "",
                measure.window or "",
                measure.caliber,
                measure.matched or "",
                variant,
            )
            alias = f"e_{name}{suffix(variant)}"
            if signature in signatures:
                out_cols.append(f"sums.{signatures[signature]} AS {alias}")
            else:
                signatures[signature] = alias
                sum_cols.append(
                    (_enterprise_sum(measure, end, full_ytd=end == p, period=period), alias)
                )
                out_cols.append(f"sums.{alias}")
    needs_ppi = any(FIELDS[f].needs_ppi for f in fields)
    needs_ratio = any(FIELDS[f].needs_ratio for f in fields)
    needs_base = bool(based)

    em_cols = ["c.uscc", "c.ym", "c.superseded"]
    for name in sorted(fields):
        field = FIELDS[name]
        em_cols.append(f"{field.current} AS {name}")
        if name in based:
            # Same caliber, decided once per enterprise-month: both values present, else null.
            assert field.base is not None
            both = f"{field.current} IS NOT NULL AND {field.base} IS NOT NULL"
            em_cols.append(f"CASE WHEN {both} THEN {field.current} END AS {name}__sc")
            em_cols.append(f"CASE WHEN {both} THEN {field.base} END AS {name}__base")
    if needs_ppi:
        # Months whose division has no PPI, as a bitmask per enterprise, for the result notes.
        em_cols.append(
            f"CASE WHEN pp.value IS NULL THEN CAST(POWER(2, c.ym - {first - 1}) AS BIGINT) "
            "ELSE 0 END AS ppi_gap"
        )
    joins = []
    if needs_base:
        joins.append(
            "LEFT JOIN prev_year p ON p.uscc = c.uscc AND p.ym = c.ym - 100"
            " AND p.span = CASE WHEN c.combined THEN 2 ELSE 1 END"
        )
    if needs_ppi:
        joins.append("LEFT JOIN ppi pp ON pp.division = c.division AND pp.ym = c.ym")

    if needs_ppi:
        sum_cols.append(("SUM(ppi_gap) FILTER (WHERE NOT superseded)", "ppi_gaps"))
        out_cols.append("sums.ppi_gaps")
    if not sum_cols:
        sum_cols.append(("COUNT(*)", "e_rows"))
    sum_cols_sql = ",\n    ".join(f"{expr} AS {alias}" for expr, alias in sum_cols)

    in_prev = (
        f"MAX(CASE WHEN {_spell_covers(str(prev.ym))} THEN 1 ELSE 0 END)"
        if (with_prev and prev)
        else "0"
    )
    visible = _visible(request, "m")
    cur_window, prev_window, _ = _report_window(period, needs_base=needs_base)
    # Only the report columns the fields use travel through the joins.
    sources = " ".join(FIELDS[f].current + " " + (FIELDS[f].base or "") for f in fields)
    cur_cols = sorted(set(re.findall(r"\bc\.(\w+)", sources)) - {"division", "ratio"})
    prev_cols = sorted(set(re.findall(r"\bp\.(\w+)", sources)))
    cur_select = "".join(f", m.{col}" for col in cur_cols)
    prev_select = "".join(f", m.{col}" for col in prev_cols)
    ratio_join = "\n  LEFT JOIN ratio r ON r.division = en.division" if needs_ratio else ""
    ratio_col = ", r.value AS ratio" if needs_ratio else ""
    ratio_cur = ", x.ratio" if needs_ratio else ""
    ctes: list[str] = []
    # 1—2月: a combined report (stored as February's row) covers January too, so that
    # enterprise's own January row, if any, is superseded: it counts in January's figures and
    # no longer in any window that ends in February or later.
    feb = period.year * 100 + 2
    superseded = "FALSE"
    if period.month >= 2:
        superseded = f"(m.ym = {first} AND m.uscc IN (SELECT uscc FROM combined_feb))"
        ctes.append(
            f"""-- enterprises whose February report is a combined 1—2月 report
combined_feb AS (
  SELECT m.uscc FROM monthly m
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym = {feb} AND m.combined IS TRUE AND {visible}
    AND (b.revision IS NULL OR b.revision = m.revision)
)"""
        )
    if needs_ppi:
        ctes.append(
            f"""-- comparable prices: PPI of each division and month of the window
ppi AS (
  SELECT scope AS division, CAST(REPLACE(period, '-', '') AS INTEGER) AS ym, value
  FROM ref
  WHERE series = 'ppi' AND LENGTH(period) = 7
    AND period BETWEEN {_lit(f"{period.year}-01")} AND {_lit(period.label())}
)"""
        )
    if needs_ratio:
        ctes.append(
            "-- value-added ratio: the period's year, else the latest earlier year\n"
            f"ratio AS ({ratio_sql(period)})"
        )
    ctes += [
        f"""-- population: enterprises above scale in the period month (and in the previous month,
-- for indicators compared with last month)
pop AS (
  SELECT s.uscc,
         MAX(CASE WHEN {_spell_covers(str(p))} THEN 1 ELSE 0 END) AS in_cur,
         {in_prev} AS in_prev{_key_column(keyed)}
  FROM {table(request, "above_scale")} s
  GROUP BY s.uscc
),
popx AS (
  SELECT pop.*, en.division{ratio_col}
  FROM pop
  JOIN {table(request, "enterprise")} en ON en.uscc = pop.uscc{ratio_join}
  WHERE (pop.in_cur = 1 OR pop.in_prev = 1){_filter_condition(catalog, request)}
)""",
        f"""-- reports of months 1..M of the period's year: every month a population enterprise
-- reported this year counts, months before it entered the population included (NBS 1—M月累计)
cur_year AS (
  SELECT m.uscc, m.ym, m.combined, {superseded} AS superseded{cur_select},
         x.division{ratio_cur}
  FROM monthly m
  JOIN popx x ON x.uscc = m.uscc
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE {cur_window} AND {visible} AND (b.revision IS NULL OR b.revision = m.revision)
)""",
    ]
    if needs_base:
        two_months = ""
        if period.month >= 2:
            py_feb = feb - 100
            # The base of a combined 1—2月 report: last year's combined report, else last
            # year's January plus February (both reported), column by column.
            sums = "".join(
                f",\n         CASE WHEN BOOL_OR(m.combined) THEN MAX(m.{col}) FILTER (WHERE "
                f"m.combined)\n              WHEN COUNT(m.{col}) = 2 THEN SUM(m.{col}) END "
                f"AS {col}"
                for col in prev_cols
            )
            two_months = f"""
  UNION ALL
  SELECT m.uscc, {py_feb} AS ym, 2 AS span{sums}
  FROM monthly m
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym BETWEEN {py_feb - 1} AND {py_feb} AND {visible}
    AND (b.revision IS NULL OR b.revision = m.revision)
  GROUP BY m.uscc"""
        ctes.append(
            f"""-- same caliber: the enterprise's own stored reports a year earlier (span 1: one
-- month; span 2: January–February, the base of a combined 1—2月 report)
prev_year AS (
  SELECT m.uscc, m.ym, 1 AS span{prev_select} FROM monthly m
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE {prev_window} AND {visible} AND (b.revision IS NULL OR b.revision = m.revision)
    AND m.combined IS NOT TRUE{two_months}
)"""
        )
    ctes.append(
        "-- enterprise-months with their base and comparable-price value added\nem AS (\n"
        "  SELECT "
        + ",\n         ".join(em_cols)
        + "\n  FROM cur_year c"
        + "".join("\n  " + j for j in joins)
        + "\n)"
    )
    ctes.append(
        "-- per-enterprise sums: each measure's window and caliber\nsums AS (\n"
        f"  SELECT uscc,\n    {sum_cols_sql}\n  FROM em\n  GROUP BY uscc\n)"
    )
    attrs = ", ".join(f"en.{a}" for a in sorted(ATTRIBUTES))
    sql = (
        "CREATE TEMP TABLE ent AS\nWITH\n"
        + ",\n".join(ctes)
        + f"""
SELECT pop.uscc, pop.in_cur, pop.in_prev, {attrs},{_keyed_columns(keyed)}
       {", ".join(out_cols)}
FROM pop
JOIN {table(request, "enterprise")} en ON en.uscc = pop.uscc
LEFT JOIN sums ON sums.uscc = pop.uscc
WHERE (pop.in_cur = 1 OR pop.in_prev = 1){_filter_condition(catalog, request)}
"""
    )
    comment = (
        f"One row per enterprise above scale in {period.label()}"
        + (f" or {prev.label()}" if with_prev and prev else "")
        + ", with its sums over\nevery report of "
        + f"{period.ytd_label()} (months before it entered included)."
    )
    return Step("ent", comment, sql)


def _fast_columns(
    catalog: Catalog, request: Request, needs: Needs, available: frozenset[str]
) -> dict[str, str] | None:
    """Measure -> em_ytd column, if the derived table can serve the whole request."""
    if request.as_of is not None or not available:
        return None  # as-of requests choose revisions themselves: the general path
    found: dict[str, str] = {}
    period = request.period
    for variant in needs.variants:
        end = period.ym if variant == CUR else period.ym - 1
        for name in needs.enterprise_sums[variant]:
            triple = derived.measure_column(catalog.measures[name])
            if triple is None:
                return None
            if triple[2] == derived.MONTH and period.month_start(end) != end:
                # 1—2月 published together: February's month is its year to date
                triple = (triple[0], triple[1], derived.YTD)
            if derived.column(*triple) not in available:
                return None
            found[_variant_key(name, variant)] = derived.column(*triple)
    return found


def _variant_key(name: str, variant: str) -> str:
    return f"{name}{suffix(variant)}"


def _fast_enterprise_step(
    catalog: Catalog, request: Request, needs: Needs, columns: dict[str, str], *, keyed: bool
) -> Step:
    period = request.period
    prev = period.previous
    p = period.ym
    with_prev = PREV in needs.variants and prev is not None
    fields = {
        f
        for variant in needs.variants
        for m in needs.enterprise_sums[variant]
        for f in _fields_of(catalog.measures[m])
    }
    needs_ppi = any(FIELDS[f].needs_ppi for f in fields)
    # The planner adds a previous-month variant only when there is a previous month.
    out_cols = [
        f"{'cur' if variant == CUR else 'prv'}.{columns[_variant_key(name, variant)]}"
        f" AS e_{name}{suffix(variant)}"
        for variant in needs.variants
        for name in sorted(needs.enterprise_sums[variant])
    ]
    if needs_ppi:
        out_cols.append("cur.ppi_gaps AS ppi_gaps")
    in_prev = (
        f"MAX(CASE WHEN {_spell_covers(str(prev.ym))} THEN 1 ELSE 0 END)"
        if (with_prev and prev)
        else "0"
    )
    prv_join = (
        f"\nLEFT JOIN {derived.TABLE} prv ON prv.uscc = pop.uscc AND prv.ym = {prev.ym}"
        if with_prev and prev
        else ""
    )
    attrs = ", ".join(f"en.{a}" for a in sorted(ATTRIBUTES))
    sql = f"""
CREATE TEMP TABLE ent AS
WITH
-- population: enterprises above scale in the period month (and in the previous month,
-- for indicators compared with last month)
pop AS (
  SELECT s.uscc,
         MAX(CASE WHEN {_spell_covers(str(p))} THEN 1 ELSE 0 END) AS in_cur,
         {in_prev} AS in_prev{_key_column(keyed)}
  FROM above_scale s
  GROUP BY s.uscc
)
SELECT pop.uscc, pop.in_cur, pop.in_prev, {attrs},{_keyed_columns(keyed)}
       {", ".join(out_cols) if out_cols else "0 AS e_rows"}
FROM pop
JOIN enterprise en ON en.uscc = pop.uscc
LEFT JOIN {derived.TABLE} cur ON cur.uscc = pop.uscc AND cur.ym = {p}{prv_join}
WHERE (pop.in_cur = 1 OR pop.in_prev = 1){_filter_condition(catalog, request)}
"""
    comment = (
        f"One row per enterprise above scale in {period.label()}"
        + (f" or {prev.label()}" if with_prev and prev else "")
        + f", with its sums over\nthe reports of {period.ytd_label()} read from {derived.TABLE}: "
        "latest revisions, bases and\nyear-to-date sums stored when the snapshot was built."
    )
    return Step("ent", comment, sql)


def ratio_sql(period: Period) -> str:
    """Per division, the value-added ratio of the period's year, else the latest earlier year."""
    return f"""
  SELECT division, value, period FROM (
    SELECT scope AS division, value, period,
           ROW_NUMBER() OVER (PARTITION BY scope ORDER BY period DESC) AS rn
    FROM ref
    WHERE series = 'va_ratio' AND LENGTH(period) = 4 AND period <= {_lit(str(period.year))}
  ) t WHERE rn = 1
"""


def _enterprise_sum(measure: Measure, end_ym: int, *, full_ytd: bool, period: Period) -> str:
    assert measure.expr is not None and measure.window is not None
    # A same-caliber value (name__sc / name__base) is null outside the same caliber, so an
    # expression over several fields is same-caliber only where all of them are.
    column = {"all": "{}", "same": "{}__sc", "base": "{}__base"}[measure.caliber]
    value = formula.to_sql(formula.parse(measure.expr), formula.Resolver(name=column.format))
    if measure.matched is not None:
        # One side of a ratio: only enterprise-months that report the other side as well.
        value = f"CASE WHEN {column.format(measure.matched)} IS NOT NULL THEN {value} END"
    conditions = []
    if measure.window == "month":
        start = period.month_start(end_ym)
        if start != end_ym:  # 1—2月 published together: February's month is January–February
            conditions.append(f"ym BETWEEN {start} AND {end_ym}")
        else:
            conditions.append(f"ym = {end_ym}")
    elif not full_ytd:
        conditions.append(f"ym <= {end_ym}")  # the previous month's YTD
    if end_ym % 100 >= 2 and (measure.window == "ytd" or period.month_start(end_ym) != end_ym):
        # from February on, a January row covered by a combined 1—2月 report counts no more
        conditions.append("NOT superseded")
    if not conditions:
        return f"SUM({value})"
    return f"SUM({value}) FILTER (WHERE {' AND '.join(conditions)})"


# --- step 3: aggregate per member ----------------------------------------------------------


def _member_expr(dim: Dimension) -> str:
    if dim.kind == "city":
        return "x.city_code"
    if dim.kind == "flag":
        return f"CASE WHEN e.{dim.column} THEN '1' ELSE '0' END"
    if dim.kind == "chain":
        return "ch.chain"
    if dim.kind == "enterprise":
        return "e.uscc"
    return f"COALESCE(e.{dim.column}, {_lit(dim.missing or UNKNOWN_MEMBER)})"


def _measure_agg(measure: Measure, variant: str, *, grouped: bool = True) -> str:
    """The member-level aggregate of a measure; ``grouped=False`` for one enterprise per row."""
    s = suffix(variant)
    condition = f"e.in_{variant} = 1"
    if measure.where is not None:

        def name(n: str) -> str:
            return f"e.{n}" if n in ATTRIBUTES else f"e.e_{n}{s}"

        where = formula.to_sql(formula.parse(measure.where), formula.Resolver(name=name))
        condition += f" AND {where}"
    value = "1" if measure.agg == "count" else f"e.e_{measure.name}{s}"
    if not grouped:
        otherwise = " ELSE 0" if measure.agg == "count" else ""
        return f"CASE WHEN {condition} THEN {value}{otherwise} END AS m_{measure.name}{s}"
    if measure.agg == "count":
        return f"COUNT(CASE WHEN {condition} THEN 1 END) AS m_{measure.name}{s}"
    return f"SUM(CASE WHEN {condition} THEN {value} END) AS m_{measure.name}{s}"


def _null_measure(measure: Measure, variant: str) -> str:
    kind = "BIGINT" if measure.agg == "count" else "DOUBLE"
    return f"CAST(NULL AS {kind}) AS m_{measure.name}{suffix(variant)}"


# Attribute dimensions roll up from cells: ent grouped by every attribute at once. A cell is
# the set of enterprises that share all attributes, so each attribute dimension (and each
# attribute × division) is a sum of cells, and twenty group-bys read a few thousand cells
# instead of every enterprise. Chains (many-to-many) and enterprises read ent itself.
_CELL_KINDS = frozenset({"city", "flag", "attribute"})
_CELL_KEYS = tuple(sorted(ATTRIBUTES))


def _aggregates(
    catalog: Catalog, needs: Needs, *, source: str, only: dict[str, frozenset[str]] | None
) -> str:
    """n_cur and every member-level measure, from ent rows, cells, or one enterprise per row.

    Member-by-division rows (for counts of divisions) carry only the measures their
    conditions use: a third of the work of the full set, twenty times over in a cube.
    """
    if source == "ent":
        cols = ["COUNT(CASE WHEN e.in_cur = 1 THEN 1 END) AS n_cur"]
    elif source == "cells":
        cols = ["CAST(SUM(e.n_cur) AS BIGINT) AS n_cur"]
    else:
        cols = ["CASE WHEN e.in_cur = 1 THEN 1 ELSE 0 END AS n_cur"]
    for variant in needs.variants:
        for name in sorted(needs.measures[variant]):
            measure = catalog.measures[name]
            alias = f"m_{name}{suffix(variant)}"
            if only is not None and name not in only.get(variant, frozenset()):
                cols.append(_null_measure(measure, variant))
            elif source == "cells":
                total = f"SUM(e.{alias})"
                cols.append(
                    f"CAST({total} AS BIGINT) AS {alias}"
                    if measure.agg == "count"
                    else f"{total} AS {alias}"
                )
            else:
                cols.append(_measure_agg(measure, variant, grouped=source == "ent"))
    return ",\n       ".join(cols)


def _cells_step(catalog: Catalog, needs: Needs) -> Step:
    keys = ", ".join(f"e.{k}" for k in _CELL_KEYS)
    sql = (
        f"CREATE TEMP TABLE cells AS\nSELECT {keys},\n       "
        + _aggregates(catalog, needs, source="ent", only=None)
        + f"\nFROM ent e\nGROUP BY {keys}"
    )
    comment = (
        "Measures per cell: enterprises sharing every attribute (region, division, flags,\n"
        "ownership, size). Attribute dimensions are sums of cells."
    )
    return Step("cells", comment, sql)


def _aggregate_step(
    catalog: Catalog, request: Request, needs: Needs, grouped: tuple[str, ...]
) -> Step:
    groupings: list[tuple[Dimension, Dimension | None]] = []
    dims = ["city", *[d for d in grouped if d != "city"]]
    for dim_id in dims:
        dim = catalog.dimensions[dim_id]
        groupings.append((dim, None))
        for sub_id in sorted(needs.sub_dims):
            if any(
                catalog.indicators[n.indicator].kind == "count_groups"
                and catalog.indicators[n.indicator].over == sub_id
                and dim_id in catalog.indicators[n.indicator].dims
                for level in needs.levels
                for n in level
            ):
                groupings.append((dim, catalog.dimensions[sub_id]))

    selects = []
    for dim, sub in groupings:
        member = _member_expr(dim)
        keys = [member]
        sub_expr = "CAST(NULL AS VARCHAR)"
        if sub is not None:
            sub_expr = _member_expr(sub)
            keys.append(sub_expr)
        region = "CAST(NULL AS VARCHAR)"
        if dim.kind == "enterprise":
            region = "e.region"
            keys.append(region)
        joins = ""
        if dim.kind == "city":
            joins = "\nCROSS JOIN ctx x"
        elif dim.kind == "chain":
            joins = (
                f"\nJOIN (SELECT DISTINCT uscc, chain FROM {table(request, 'enterprise_chain')}) ch"
                " ON ch.uscc = e.uscc"
            )
        sub_dim = _lit(sub.id) if sub is not None else "CAST(NULL AS VARCHAR)"
        from_cells = dim.kind in _CELL_KINDS and (sub is None or sub.kind in _CELL_KINDS)
        # ent already holds one row per enterprise: the enterprise dimension needs no grouping.
        grouped = dim.kind != "enterprise"
        source = "cells" if from_cells else ("ent" if grouped else "row")
        aggs_sql = _aggregates(
            catalog, needs, source=source, only=needs.sub_measures if sub else None
        )
        group_by = f"\nGROUP BY {', '.join(keys)}" if grouped else ""
        selects.append(
            f"-- {dim.id}" + (f" x {sub.id}" if sub else "") + "\n"
            f"SELECT {_lit(dim.id)} AS dim, {member} AS member, {sub_dim} AS sub_dim, "
            f"{sub_expr} AS sub, {region} AS region,\n       {aggs_sql}\n"
            f"FROM {'cells' if from_cells else 'ent'} e{joins}{group_by}"
        )
    sql = (
        "CREATE TEMP TABLE agg AS\nSELECT ROW_NUMBER() OVER () AS rid, u.*\nFROM (\n"
        + "\nUNION ALL\n".join(selects)
        + "\n) u"
    )
    comment = (
        "Measures per member of each dimension asked for (the city always: city.<measure>\n"
        "refers to it). A chain counts each of its enterprises; an enterprise on several\n"
        "chains counts on each."
    )
    return Step("agg", comment, sql)


# --- step 4: indicators --------------------------------------------------------------------


def _indicator_expr(
    catalog: Catalog, indicator: Indicator, variant: str, period: Period, joins: list[str]
) -> str:
    s = suffix(variant)
    months = period.month if variant == CUR else period.month - 1

    def name(n: str) -> str:
        return f"l.m_{n}{s}" if n in catalog.measures else f"l.i_{n}{s}"

    def previous(n: str) -> str:
        if variant == PREV or period.previous is None:
            return "CAST(NULL AS DOUBLE)"  # January: a new year-to-date has no last month
        return f"l.i_{n}__prev"

    resolver = formula.Resolver(
        name=name, city=lambda n: f"cm.m_{n}{s}", previous=previous, months=months
    )
    alias = f"{indicator.id}{s}"
    if indicator.kind == "formula":
        assert indicator.formula is not None
        return formula.to_sql(formula.parse(indicator.formula), resolver)
    if indicator.kind == "rank":
        of = f"i_{indicator.of}{s}"
        # RANK() is the 'min' method: equal growth shares the better rank; members without a
        # value are left out and get none. Ranked in a narrow subquery: a window over the wide
        # rows would carry every column through the sort.
        joins.append(
            f"LEFT JOIN (\n  SELECT g.rid AS k_rid,\n"
            f"         RANK() OVER (PARTITION BY g.dim, g.sub_dim, g.sub "
            # snapped: two members with the same true growth share a rank, whatever the noise
            f"ORDER BY {formula.snap(f'g.{of}')} DESC)"
            f" AS k_rank\n"
            f"  FROM {{prev}} g\n  WHERE g.{of} IS NOT NULL\n"
            # rid: one integer per agg row, a cheaper join key than (dim, member, sub_dim, sub)
            f") rk_{alias} ON rk_{alias}.k_rid = l.rid"
        )
        return f"rk_{alias}.k_rank"
    if indicator.kind == "reference":
        target = period if variant == CUR else period.previous
        assert target is not None
        ref_period = target.label() if indicator.period == "month" else str(target.year)
        scope = indicator.scope or ""
        if scope == "member":
            on = "CASE WHEN l.dim = 'city' THEN 'city' WHEN l.dim = 'region' THEN l.member END"
        else:
            on = _lit(scope)
        joins.append(
            f"LEFT JOIN (\n  SELECT CASE WHEN r.scope = x.city_code THEN 'city' ELSE r.scope END"
            f" AS scope,\n"
            # Where a target is stored both under the city code and as 'city', the code wins.
            f"         COALESCE(MAX(CASE WHEN r.scope <> 'city' THEN r.value END), MAX(r.value))"
            f" AS value\n"
            f"  FROM ref r CROSS JOIN ctx x\n"
            f"  WHERE r.series = {_lit(indicator.series or '')} AND r.period = {_lit(ref_period)}\n"
            f"  GROUP BY CASE WHEN r.scope = x.city_code THEN 'city' ELSE r.scope END\n"
            f") rv_{alias} ON rv_{alias}.scope = {on}"
        )
        return f"rv_{alias}.value"
    # count_groups: members of `over` within this member satisfying `where`
    assert indicator.where is not None
    sub_resolver = formula.Resolver(
        name=lambda n: name(n).replace("l.", "g.", 1),
        city=resolver.city,
        previous=lambda n: previous(n).replace("l.", "g.", 1),
        months=months,
    )
    condition = formula.to_sql(formula.parse(indicator.where), sub_resolver)
    joins.append(
        f"LEFT JOIN (\n  SELECT g.dim AS g_dim, g.member AS g_member,\n"
        f"         COUNT(CASE WHEN {condition} THEN 1 END) AS g_n\n"
        f"  FROM {{prev}} g CROSS JOIN agg_city cm\n"
        f"  WHERE g.sub_dim = {_lit(indicator.over or '')}\n"
        f"  GROUP BY g.dim, g.member\n"
        f") gc_{alias} ON gc_{alias}.g_dim = l.dim AND gc_{alias}.g_member = l.member"
    )
    return f"COALESCE(gc_{alias}.g_n, 0)"


def _indicator_step(
    catalog: Catalog, request: Request, needs: Needs, dims: tuple[str, ...]
) -> Step:
    """The SELECT of the dimensions ``dims`` (grouped in ``agg``): rows carry ``dim``."""
    period = request.period
    ctes = [
        "agg_city AS (SELECT * FROM agg WHERE dim = 'city' AND sub_dim IS NULL)",
        "l0 AS (SELECT * FROM agg)",
    ]
    for k, level in enumerate(needs.levels, start=1):
        joins: list[str] = []
        cols = []
        for node in level:
            indicator = catalog.indicators[node.indicator]
            expr = _indicator_expr(catalog, indicator, node.variant, period, joins)
            cols.append(f"{expr} AS i_{node.indicator}{suffix(node.variant)}")
        join_sql = "".join("\n  " + j.replace("{prev}", f"l{k - 1}") for j in joins)
        ctes.append(
            f"l{k} AS (\n  SELECT l.*,\n    "
            + ",\n    ".join(cols)
            + f"\n  FROM l{k - 1} l\n  CROSS JOIN agg_city cm{join_sql}\n)"
        )
    last = f"l{len(needs.levels)}"

    outputs = []
    for indicator_id in request.indicators:
        indicator = catalog.indicators[indicator_id]
        applicable = [d for d in dims if d in indicator.dims]
        if len(applicable) == len(dims):
            outputs.append(f"l.i_{indicator_id}")
        elif applicable:
            listed = ", ".join(_lit(d) for d in applicable)
            outputs.append(f"CASE WHEN l.dim IN ({listed}) THEN l.i_{indicator_id} END")
        else:
            outputs.append("CAST(NULL AS DOUBLE)")
    value_cols = ",\n       ".join(
        f"{expr} AS i_{indicator_id}"
        for expr, indicator_id in zip(outputs, request.indicators, strict=True)
    )

    dim_rank = " ".join(f"WHEN {_lit(d)} THEN {i}" for i, d in enumerate(dims))
    member_rank = []
    for dim_id in dims:
        dim = catalog.dimensions[dim_id]
        if dim.kind == "flag":
            member_rank.append(f"WHEN l.dim = {_lit(dim_id)} AND l.member = '1' THEN 0")
        for i, code in enumerate(dim.order):
            member_rank.append(f"WHEN l.dim = {_lit(dim_id)} AND l.member = {_lit(code)} THEN {i}")
    order = [f"CASE l.dim {dim_rank} END"]
    if member_rank:
        order.append("CASE " + " ".join(member_rank) + " ELSE 1000 END")
    order.append("l.member")
    scope = ""
    with_enterprises = ENTERPRISE in dims
    if request.regions is not None and with_enterprises:
        # Scope: enterprise-level rows of the user's regions only; aggregates stay visible.
        scope = f"\n  AND (l.dim <> {_lit(ENTERPRISE)} OR l.region IN ({_regions(request)}))"
    enterprise_name = (
        f"\n            WHEN l.dim = {_lit(ENTERPRISE)} THEN COALESCE(en.name, l.member)"
        if with_enterprises
        else ""
    )
    enterprise_join = (
        f"\nLEFT JOIN enterprise en ON l.dim = {_lit(ENTERPRISE)} AND en.uscc = l.member"
        if with_enterprises
        else ""
    )
    dims_in = ", ".join(_lit(d) for d in dims)
    sql = (
        "WITH\n"
        + ",\n".join(ctes)
        + f"""
SELECT l.dim, l.member,
       CASE WHEN l.dim = 'city' THEN x.city_name{enterprise_name}
            ELSE COALESCE(nm.name, l.member) END AS name,
       {value_cols}
FROM {last} l
CROSS JOIN ctx x
LEFT JOIN (SELECT dim, code, MAX(name) AS name FROM member GROUP BY dim, code) nm
  ON nm.dim = l.dim AND nm.code = l.member{enterprise_join}
WHERE l.sub_dim IS NULL AND l.n_cur > 0 AND l.dim IN ({dims_in}){scope}
ORDER BY {", ".join(order)}
"""
    )
    comment = (
        "Indicators level by level (a level uses only measures and earlier levels), then one\n"
        "row per member with at least one enterprise above scale, in display order."
    )
    return Step("indicators", comment, sql)


def _regions(request: Request) -> str:
    assert request.regions is not None
    return ", ".join(_lit(r) for r in sorted(request.regions)) or "NULL"


# --- step 4b: the enterprise dimension, apart ----------------------------------------------

ENTERPRISE = "enterprise"  # the dimension whose members are the enterprises themselves


def _enterprise_apart(catalog: Catalog, request: Request, needs: Needs) -> tuple[str, ...]:
    """The enterprise dimension, if it is evaluated in its own SELECT rather than in ``agg``.

    Its members are the rows of ``ent`` (one per enterprise): copying half a million rows
    into ``agg``, through every level and one shared sort costs more than all the other
    dimensions together. Its indicators need of other members only the city's totals and
    the ranks among enterprises, which the SELECT computes itself; a count of divisions
    (member × division rows in ``agg``) applying to enterprises would keep it in ``agg``.
    """
    if ENTERPRISE not in request.dims or catalog.dimensions[ENTERPRISE].kind != "enterprise":
        return ()
    for level in needs.levels:
        for node in level:
            indicator = catalog.indicators[node.indicator]
            if indicator.kind == "count_groups" and ENTERPRISE in indicator.dims:
                return ()
    return (ENTERPRISE,)


class _Inliner:
    """Indicators of one enterprise as SQL expressions over the columns of its row.

    The levels of the aggregate SELECT are CTEs that DuckDB materialises (wide copies of every
    row); here every formula is written out in terms of measures instead, and the ranks come
    from one narrow subquery that evaluates the ranked indicators over all enterprises.
    """

    def __init__(
        self, catalog: Catalog, request: Request, needs: Needs, dim: Dimension, alias: str
    ) -> None:
        self.catalog = catalog
        self.request = request
        self.needs = needs
        self.dim = dim
        self.alias = alias  # of the rows the expressions read
        self.joins: list[str] = []  # references (each evaluated once)
        self._aliases: dict[tuple[str, str], str] = {}
        self._ranks: list[tuple[str, str]] = []  # (column, ranked expression over g)
        self._ranked: _Inliner | None = None  # the ranks' subquery

    def expr(self, indicator_id: str, variant: str) -> str:
        catalog, period, alias = self.catalog, self.request.period, self.alias
        indicator = catalog.indicators[indicator_id]
        s = suffix(variant)
        months = period.month if variant == CUR else period.month - 1

        def name(n: str) -> str:
            if n in catalog.measures:
                return f"{alias}.m_{n}{s}"
            return f"({self.expr(n, variant)})"

        def previous(n: str) -> str:
            if variant == PREV or period.previous is None:
                return "CAST(NULL AS DOUBLE)"  # January: a new year-to-date has no last month
            return f"({self.expr(n, PREV)})"

        resolver = formula.Resolver(
            name=name, city=lambda n: f"cm.m_{n}{s}", previous=previous, months=months
        )
        if indicator.kind == "formula":
            assert indicator.formula is not None
            return formula.to_sql(formula.parse(indicator.formula), resolver)
        if indicator.kind == "count_groups":
            # No member x division rows exist for a dimension the count does not apply to
            # (see _enterprise_apart): no division qualifies.
            return "CAST(0 AS BIGINT)"
        key = (indicator_id, variant)
        if key not in self._aliases:
            self._aliases[key] = self._join(indicator, variant)
        return self._aliases[key]

    def _join(self, indicator: Indicator, variant: str) -> str:
        if indicator.kind == "rank":
            assert indicator.of is not None
            if self._ranked is None:
                self._ranked = _Inliner(self.catalog, self.request, self.needs, self.dim, "g")
            column = f"r_{indicator.id}{suffix(variant)}"
            self._ranks.append((column, self._ranked.expr(indicator.of, variant)))
            return f"rk.{column}"
        # reference: the same join as for an aggregate member (targets name cities and regions)
        joins: list[str] = []
        value = _indicator_expr(self.catalog, indicator, variant, self.request.period, joins)
        self.joins += [j.replace("l.", f"{self.alias}.") for j in joins]
        return value

    def all_joins(self) -> list[str]:
        """The references' joins, and the ranks' subquery if any indicator is a rank."""
        if not self._ranks:
            return self.joins
        ranked = self._ranked
        assert ranked is not None
        values = " ".join(of for _, of in self._ranks)
        # Only the measures the ranked values use: a narrow sort.
        source = _enterprise_rows(self.catalog, self.needs, self.dim, _used(values, "g"), 2)
        city = "\n  CROSS JOIN agg_city cm" if "cm." in values else ""
        # RANK() is the 'min' method. Enterprises without a value sort last, so that each
        # ranked enterprise's rank counts those with a greater value only, and get none.
        ranks = "".join(
            f",\n         CASE WHEN {of} IS NOT NULL\n"
            f"              THEN RANK() OVER (ORDER BY {formula.snap(of)} DESC NULLS LAST)"
            f" END AS {column}"
            for column, of in self._ranks
        )
        return [
            *self.joins,
            f"LEFT JOIN (\n  SELECT g.k AS k_key{ranks}\n  FROM {source} g{city}"
            + "".join("\n  " + j for j in ranked.all_joins())
            + f"\n) rk ON rk.k_key = {self.alias}.k",
        ]


def _enterprise_select(catalog: Catalog, request: Request, needs: Needs, dim_id: str) -> Step:
    """One row per enterprise of the period's population, read from ``ent``: the rows of
    ``agg`` it would have had, with its indicators written out, in USCC order."""
    dim = catalog.dimensions[dim_id]
    inliner = _Inliner(catalog, request, needs, dim, "l")
    outputs = []
    for indicator_id in request.indicators:
        indicator = catalog.indicators[indicator_id]
        value = (
            inliner.expr(indicator_id, CUR)
            if dim.id in indicator.dims
            else "CAST(NULL AS DOUBLE)"  # shown as null (and noted); a cube leaves it out
        )
        outputs.append(f"{value} AS i_{indicator_id}")
    scope = ""
    if request.regions is not None:
        # Scope: enterprise rows of the user's regions only (ranked among all enterprises).
        scope = f"\n  AND l.region IN ({_regions(request)})"
    source = _enterprise_rows(catalog, needs, dim, None, 0)
    sql = (
        "WITH\nagg_city AS (SELECT * FROM agg WHERE dim = 'city' AND sub_dim IS NULL)\n"
        "SELECT l.k, l.member, COALESCE(l.name, l.member) AS name,\n       "
        + ",\n       ".join(outputs)
        + f"\nFROM {source} l\nCROSS JOIN agg_city cm"
        + "".join("\n" + j for j in inliner.all_joins())
        + f"\nWHERE l.n_cur > 0{scope}\n"
    )
    comment = (
        "Enterprises, apart from the aggregate dimensions: every indicator written out over\n"
        "the enterprise's own measures and the city's totals, ranks among all enterprises;\n"
        "one row per enterprise above scale. Fetched unordered and put in USCC order by k (a\n"
        "sort in SQL would move every wide row)."
    )
    return Step("enterprises", comment, sql, dim=dim.id, order="k")


def _used(sql: str, alias: str) -> set[str]:
    """The ``m_…`` columns of ``alias`` an expression reads."""
    return set(re.findall(rf"\b{alias}\.(m_\w+)", sql))


def _enterprise_rows(
    catalog: Catalog, needs: Needs, dim: Dimension, columns: set[str] | None, indent: int
) -> str:
    """``ent`` as the enterprise dimension's members: one row per enterprise with the
    measures ``agg`` would hold for it (``columns`` of them; None = all)."""
    cols = [
        f"{_lit(dim.id)} AS dim",
        f"{_member_expr(dim)} AS member",
        "e.k",
        "e.name",
        "e.region",
        "CASE WHEN e.in_cur = 1 THEN 1 ELSE 0 END AS n_cur",
    ]
    for variant in needs.variants:
        for name in sorted(needs.measures[variant]):
            if columns is None or f"m_{name}{suffix(variant)}" in columns:
                cols.append(_measure_agg(catalog.measures[name], variant, grouped=False))
    pad = " " * indent
    return f"(\n{pad}  SELECT " + f",\n{pad}         ".join(cols) + f"\n{pad}  FROM ent e\n{pad})"

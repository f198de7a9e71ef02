"""A derived snapshot table for the common request: latest revisions, no ``as_of``.

``em_ytd`` holds, per enterprise and month, what the general path of the compiler recomputes on
every request: the latest revision of the report, its same-caliber base (``*_py`` else last
year's stored report), output deflated by the division's PPI, value added with the year's ratio,
and the year-to-date sums up to that month. A request for period P then reads the rows of P
(and P − 1) instead of joining 6M reports to 6M reports of last year and summing them per
enterprise.

The table is written once, when the snapshot is built, from the snapshot's own tables with the
field expressions of :mod:`gongxin.engine.fields`, so it is the general path's arithmetic,
stored. It is exact under the following reading of the methodology, which the general path
follows too:

* every reported month of an enterprise on the roster counts, inside an above-scale spell or
  not (the *population* is a query-time decision, and a population enterprise's year to date
  includes the months before it entered, as NBS 1—M月累计 does);
* the base of a month is the latest revision of the same month a year earlier, spells aside;
* PPI is that of the month, the value-added ratio that of the month's year, else the latest
  earlier year's (the year to date never leaves the year, so this is the period's year).

Rows: for every enterprise and year with at least one report, every month from the first
reported one to December (a month without a report carries its year-to-date sums, so that "the
row of P" always exists). Month columns are NULL there, as the general path's
``SUM(...) FILTER (WHERE ym = P)`` over no row is.

A fingerprint of the source tables is stored in ``meta`` (key ``em_ytd_source``); the engine
uses the table only while the fingerprint still matches, so a snapshot altered after it was
built falls back to the general path instead of returning stale figures.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from gongxin.engine.catalog import Catalog, Measure, default_catalog
from gongxin.engine.fields import FIELDS
from gongxin.engine.schema import TABLES

TABLE = "em_ytd"
META_KEY = "em_ytd_source"
SOURCES = ("monthly", "above_scale", "enterprise", "reference")

MONTH = "month"
YTD = "ytd"


class _Connection(Protocol):
    def execute(self, query: str, /) -> _Connection: ...
    def fetchone(self) -> tuple[object, ...] | None: ...
    def fetchall(self) -> list[tuple[object, ...]]: ...


MATCHED = "__w_"  # sales__w_output: sales of the enterprise-months that also report output


def column(field: str, caliber: str, window: str) -> str:
    """The em_ytd column of a field's value: caliber all/same/base, window month/ytd.

    ``field`` may be ``<field>__w_<other>``: the field where ``other`` is reported too.
    """
    name = field + {"all": "", "same": "__sc", "base": "__base"}[caliber]
    return name if window == MONTH else f"{name}__ytd"


def fingerprint_sql() -> str:
    """Row counts of the source tables: cheap in DuckDB, and any import changes them."""
    counts = " || ',' || ".join(f"'{t}:' || (SELECT COUNT(*) FROM {t})" for t in SOURCES)
    return f"SELECT {counts}"


def _setup_sql() -> list[str]:
    """Small helper tables: reference as of now, PPI, ratios per year, revision choices."""
    return [
        """CREATE TEMP TABLE _ref AS
SELECT series, scope, period, value FROM (
  SELECT r.series, r.scope, r.period, r.value,
         ROW_NUMBER() OVER (PARTITION BY r.series, r.scope, r.period
                            ORDER BY r.revision DESC) AS rn
  FROM reference r
  WHERE r.withdrawn_at IS NULL
) t WHERE rn = 1""",
        """CREATE TEMP TABLE _ppi AS
SELECT scope AS division, TRY_CAST(REPLACE(period, '-', '') AS INTEGER) AS ym, value
FROM _ref WHERE series = 'ppi' AND LENGTH(period) = 7""",
        # per year, the ratio of that year, else the latest earlier one (as ratio_sql)
        """CREATE TEMP TABLE _ratio AS
SELECT yr, division, value FROM (
  SELECT y.yr, r.scope AS division, r.value,
         ROW_NUMBER() OVER (PARTITION BY y.yr, r.scope ORDER BY r.period DESC) AS rn
  FROM (SELECT DISTINCT ym // 100 AS yr FROM monthly) y
  JOIN _ref r ON r.series = 'va_ratio' AND LENGTH(r.period) = 4
            AND r.period <= CAST(y.yr AS VARCHAR)
) t WHERE rn = 1""",
        """CREATE TEMP TABLE _multi AS
SELECT uscc, ym, MAX(revision) AS revision FROM monthly
WHERE withdrawn_at IS NULL
GROUP BY uscc, ym HAVING COUNT(*) > 1""",
    ]


def _latest(ym: int) -> str:
    return f"""SELECT m.* FROM monthly m
    LEFT JOIN _multi b ON b.uscc = m.uscc AND b.ym = m.ym
    WHERE m.ym = {ym} AND m.withdrawn_at IS NULL
      AND (b.revision IS NULL OR b.revision = m.revision)"""


_FIGURES = [
    part.strip().split()[0]
    for part in TABLES["monthly"].split(",")
    if part.strip().split()[0]
    not in {"uscc", "ym", "revision", "recorded_at", "combined", "withdrawn_at"}
]


def _two_month_bases(feb: int) -> str:
    """Last year's February rows as bases: span 1 (that month alone, not a combined report)
    and span 2 (January–February: a combined report, else both months' sum, per column)."""
    single = ", ".join(f"m.{c}" for c in _FIGURES)
    sums = ", ".join(
        f"CASE WHEN BOOL_OR(m.combined) THEN MAX(m.{c}) FILTER (WHERE m.combined) "
        f"WHEN COUNT(m.{c}) = 2 THEN SUM(m.{c}) END AS {c}"
        for c in _FIGURES
    )
    return f"""SELECT m.uscc, 1 AS span, {single} FROM ({_latest(feb)}) m
    WHERE m.combined IS NOT TRUE
    UNION ALL
    SELECT m.uscc, 2 AS span, {sums}
    FROM (SELECT * FROM ({_latest(feb - 1)}) j UNION ALL SELECT * FROM ({_latest(feb)}) f) m
    GROUP BY m.uscc"""


def month_sql(ym: int, stored: list[tuple[str, str, str]]) -> str:
    """INSERT the rows of month ``ym``: its counted report and the running year-to-date."""
    month_cols = []
    for name in sorted({f for f, _, _ in stored}):
        if MATCHED in name:
            own, other = name.split(MATCHED)
            month_cols.append(
                f"CASE WHEN {FIELDS[other].current} IS NOT NULL THEN {FIELDS[own].current} END"
                f" AS {name}"
            )
            continue
        field = FIELDS[name]
        month_cols.append(f"{field.current} AS {name}")
        if field.base is not None:
            both = f"{field.current} IS NOT NULL AND {field.base} IS NOT NULL"
            month_cols.append(f"CASE WHEN {both} THEN {field.current} END AS {name}__sc")
            month_cols.append(f"CASE WHEN {both} THEN {field.base} END AS {name}__base")
    month_cols.append(
        f"CASE WHEN pp.value IS NULL THEN CAST(POWER(2, {ym % 100}) AS BIGINT) ELSE 0 END"
        " AS ppi_gap"
    )
    out = []
    for f, caliber, window in stored:
        value = f"c.{column(f, caliber, MONTH)}"
        if window == MONTH:
            out.append(f"{value} AS {column(f, caliber, MONTH)}")
            continue
        total = f"y.{column(f, caliber, YTD)}"
        # SUM semantics: NULLs are skipped, all-NULL stays NULL; added month after month.
        out.append(
            f"CASE WHEN {total} IS NULL THEN {value} WHEN {value} IS NULL THEN {total} "
            f"ELSE {total} + {value} END AS {column(f, caliber, YTD)}"
        )
    out.append(
        "CASE WHEN y.ppi_gaps IS NULL THEN c.ppi_gap WHEN c.ppi_gap IS NULL THEN y.ppi_gaps "
        "ELSE y.ppi_gaps + c.ppi_gap END AS ppi_gaps"
    )
    month_sql = ",\n         ".join(month_cols)
    out_sql = ",\n       ".join(out)
    if ym % 100 == 1:
        before = f"SELECT * FROM {TABLE} WHERE 1 = 0"  # a new year to date
    elif ym % 100 == 2:
        # a combined 1—2月 report covers January: that enterprise's January row drops out
        before = (
            f"SELECT * FROM {TABLE} WHERE ym = {ym - 1} AND uscc NOT IN "
            f"(SELECT uscc FROM ({_latest(ym)}) f WHERE f.combined IS TRUE)"
        )
    else:
        before = f"SELECT * FROM {TABLE} WHERE ym = {ym - 1}"
    if ym % 100 == 2:
        base_join = (
            f"LEFT JOIN ({_two_month_bases(ym - 100)}) p ON p.uscc = c.uscc"
            " AND p.span = CASE WHEN c.combined THEN 2 ELSE 1 END"
        )
    else:
        base_join = f"LEFT JOIN ({_latest(ym - 100)}) p ON p.uscc = c.uscc"
    return f"""
INSERT INTO {TABLE}
WITH
-- counted: the latest revision of an enterprise on the roster; every month counts (whether
-- the month falls inside an above-scale spell does not matter: the population is decided per
-- request, and a population enterprise's year to date includes months before it entered)
c AS (
  SELECT m.*, en.division, ra.value AS ratio
  FROM ({_latest(ym)}) m
  JOIN enterprise en ON en.uscc = m.uscc
  LEFT JOIN _ratio ra ON ra.division = en.division AND ra.yr = {ym // 100}
),
em AS (
  SELECT c.uscc,
         {month_sql}
  FROM c
  {base_join}
  LEFT JOIN _ppi pp ON pp.division = c.division AND pp.ym = {ym}
),
y AS ({before})
SELECT COALESCE(c.uscc, y.uscc) AS uscc, {ym} AS ym,
       {out_sql}
FROM em c
FULL OUTER JOIN y ON y.uscc = c.uscc
"""


def _type(field: str) -> str:
    return "BIGINT" if field.split(MATCHED)[0] in {"reported", "employees"} else "DOUBLE"


def build(
    con: _Connection,
    needed: list[tuple[str, str, str]] | None = None,
    *,
    reuse: str | None = None,
    added: Collection[int] = (),
) -> None:
    """Write em_ytd into a snapshot whose other tables are complete (the last build step).

    ``needed`` is the (field, caliber, window) triples to store, by default those the default
    catalog's measures use; a request needing another falls back to the general path.

    ``reuse`` names an attached database holding the same tables except for monthly reports
    added in the months ``added`` (nothing else changed: no reference value, enterprise,
    spell or withdrawal). Its em_ytd rows of the months no added report can reach are copied
    instead of recomputed (see :func:`_first_changed`) — the same rows, as every input of them
    is the same — when that em_ytd was built by this function from its tables as they are
    (fingerprint) with the same columns; otherwise every month is computed.
    """
    stored = sorted(set(needed if needed is not None else catalog_columns()))
    con.execute(f"DROP TABLE IF EXISTS {TABLE}")
    con.execute(f"DELETE FROM meta WHERE key = '{META_KEY}'")
    cols = ", ".join(f"{column(f, c, w)} {_type(f)}" for f, c, w in stored)
    con.execute(f"CREATE TABLE {TABLE} (uscc VARCHAR, ym INTEGER, {cols}, ppi_gaps BIGINT)")
    first_changed = (
        _first_changed(added) if reuse is not None and _reusable(con, reuse, stored) else None
    )
    for statement in _setup_sql():
        con.execute(statement)
    # Withdrawn revisions do not count now (and a withdrawn far-future month must not make
    # the build walk to it).
    row = con.execute(
        "SELECT MIN(ym) // 100, MAX(ym) // 100 FROM monthly WHERE withdrawn_at IS NULL"
    ).fetchone()
    if row is not None and row[0] is not None:
        first, last = int(str(row[0])), int(str(row[1]))
        # Month after month, so that rows lie in ym order (a period's rows are a range).
        for year in range(first, last + 1):
            start = 1
            if first_changed is not None:
                start = first_changed.get(year, 13)
                if start > 1:  # the months before: as they were, in their stored order
                    con.execute(
                        f"INSERT INTO {TABLE} SELECT * FROM {reuse}.{TABLE} "
                        f"WHERE ym BETWEEN {year * 100 + 1} AND {year * 100 + start - 1}"
                    )
            for month in range(start, 13):
                con.execute(month_sql(year * 100 + month, stored))
    for helper in ("_ref", "_ppi", "_ratio", "_multi"):
        con.execute(f"DROP TABLE {helper}")
    con.execute(f"INSERT INTO meta SELECT '{META_KEY}', ({fingerprint_sql()})")


def _first_changed(added: Collection[int]) -> dict[int, int]:
    """Per year, the first month whose em_ytd rows reports added in the months ``added`` can
    change (a year not listed: none).

    A row of month M of year Y is computed from the reports of Y's months up to M (its own
    figures, and its year to date through the previous month's row; a combined 1—2月 report
    in February also drops January's row) and from those of Y − 1's months up to M (its base:
    the same month, and for February January too), plus reference values and the roster,
    which a monthly import leaves alone. So a report added in month M of year Y changes rows
    from M to December of Y and of Y + 1, and nothing before M in either year.
    """
    first: dict[int, int] = {}
    for ym in added:
        year, month = divmod(ym, 100)
        for affected in (year, year + 1):
            first[affected] = min(first.get(affected, 13), month)
    return first


def _reusable(con: _Connection, reuse: str, stored: list[tuple[str, str, str]]) -> bool:
    """Whether ``reuse``'s em_ytd has today's columns and was built from its tables as they are."""
    query = (
        "SELECT column_name, data_type FROM duckdb_columns() "
        f"WHERE database_name = '{{db}}' AND schema_name = 'main' AND table_name = '{TABLE}' "
        "ORDER BY column_index"
    )
    here = con.execute("SELECT current_database()").fetchone()
    if here is None:
        return False
    theirs = con.execute(query.format(db=reuse)).fetchall()
    if not theirs or theirs != con.execute(query.format(db=here[0])).fetchall():
        return False
    counts = " || ',' || ".join(f"'{t}:' || (SELECT COUNT(*) FROM {reuse}.{t})" for t in SOURCES)
    row = con.execute(
        f"SELECT (SELECT MAX(value) FROM {reuse}.meta WHERE key = '{META_KEY}') = ({counts})"
    ).fetchone()
    return bool(row and row[0])


def catalog_columns(catalog: Catalog | None = None) -> list[tuple[str, str, str]]:
    """The (field, caliber, window) triples the catalog's single-field sum measures use."""
    catalog = catalog or default_catalog()
    found = []
    for measure in catalog.measures.values():
        triple = measure_column(measure)
        if triple is not None:
            found.append(triple)
    return sorted(set(found))


def measure_column(measure: Measure) -> tuple[str, str, str] | None:
    """The stored value a sum measure reads, or None if it is not a single field."""
    if measure.agg != "sum" or measure.expr is None or measure.window is None:
        return None
    expr = measure.expr.strip()
    if expr not in FIELDS:
        return None
    if measure.caliber != "all" and FIELDS[expr].base is None:
        return None
    if measure.matched is not None:
        return f"{expr}{MATCHED}{measure.matched}", measure.caliber, measure.window
    return expr, measure.caliber, measure.window


def available(con: _Connection) -> frozenset[str]:
    """The columns of em_ytd if it exists and was built from the tables as they are now."""
    row = con.execute(
        "SELECT LIST(column_name) FROM information_schema.columns "
        f"WHERE table_name = '{TABLE}' AND table_schema = 'main'"
    ).fetchone()
    names = row[0] if row else None
    if not isinstance(names, list) or not names:
        return frozenset()
    row = con.execute(
        f"SELECT (SELECT MAX(value) FROM meta WHERE key = '{META_KEY}') = ({fingerprint_sql()})"
    ).fetchone()
    return frozenset(str(n) for n in names) if row and row[0] else frozenset()

"""DDL of the analytic snapshot, exactly as ``docs/architecture.md`` ("The analytic snapshot").

The snapshot writer calls :func:`create_schema` on a fresh DuckDB file; engine tests call it to
build tiny snapshots. Keeping the DDL here, next to the SQL that reads it, means a column
rename breaks the engine's tests rather than a production night.
"""

from __future__ import annotations

from typing import Protocol

# Periods are integers ym = year * 100 + month; money in 万元, electricity in 万千瓦时.
TABLES: dict[str, str] = {
    "meta": "key VARCHAR, value VARCHAR",
    "enterprise": (
        "uscc VARCHAR, name VARCHAR, region VARCHAR, industry VARCHAR, division VARCHAR, "
        "high_tech BOOLEAN, equipment BOOLEAN, energy_intensive BOOLEAN, ownership VARCHAR, "
        "size VARCHAR, key BOOLEAN, land_mu DOUBLE"
    ),
    "above_scale": "uscc VARCHAR, from_ym INTEGER, to_ym INTEGER",
    "enterprise_chain": "uscc VARCHAR, chain VARCHAR, role VARCHAR",
    "monthly": (
        "uscc VARCHAR, ym INTEGER, revision INTEGER, recorded_at TIMESTAMP, output DOUBLE, "
        "sales DOUBLE, export DOUBLE, revenue DOUBLE, profit DOUBLE, electricity DOUBLE, "
        "employees INTEGER, output_py DOUBLE, sales_py DOUBLE, export_py DOUBLE, "
        "revenue_py DOUBLE, profit_py DOUBLE, electricity_py DOUBLE, combined BOOLEAN, "
        "withdrawn_at TIMESTAMP"
    ),
    "reference": (
        "series VARCHAR, scope VARCHAR, period VARCHAR, revision INTEGER, "
        "recorded_at TIMESTAMP, value DOUBLE, withdrawn_at TIMESTAMP"
    ),
    "member": "dim VARCHAR, code VARCHAR, name VARCHAR, parent VARCHAR",
    # The versioned registry: what the tables above said between valid_from (inclusive) and
    # valid_to (exclusive, NULL = still), in recorded time (naive UTC, like recorded_at). An
    # enterprise without history rows of a kind is read from the current table (data older
    # than the history); with rows, only those valid at as_of count.
    "enterprise_history": (
        "uscc VARCHAR, region VARCHAR, industry VARCHAR, division VARCHAR, high_tech BOOLEAN, "
        "equipment BOOLEAN, energy_intensive BOOLEAN, valid_from TIMESTAMP, valid_to TIMESTAMP"
    ),
    "above_scale_history": (
        "uscc VARCHAR, from_ym INTEGER, to_ym INTEGER, valid_from TIMESTAMP, valid_to TIMESTAMP"
    ),
    "enterprise_chain_history": (
        "uscc VARCHAR, chain VARCHAR, role VARCHAR, valid_from TIMESTAMP, valid_to TIMESTAMP"
    ),
}

# The registry tables an as-of request reads in their versioned form, and the history of each.
VERSIONED: dict[str, str] = {
    "enterprise": "enterprise_history",
    "above_scale": "above_scale_history",
    "enterprise_chain": "enterprise_chain_history",
}


# Derived from the tables above when a snapshot is built (gongxin.engine.derived.build), never
# imported: per enterprise and month, the latest revision with its same-caliber base, deflated
# output, value added and year-to-date sums. Columns: uscc, ym, one per (field, caliber, window)
# the catalog's measures read (derived.column), ppi_gaps; its fingerprint is meta em_ytd_source.
DERIVED_TABLES: dict[str, str] = {
    "em_ytd": (
        "uscc VARCHAR, ym INTEGER, <field>[__sc|__base][__ytd] DOUBLE|BIGINT, ppi_gaps BIGINT"
    ),
}


class _Executes(Protocol):
    def execute(self, query: str, /) -> object: ...


def schema_ddl() -> list[str]:
    """The CREATE TABLE statements, in dependency-free order."""
    return [f"CREATE TABLE {name} ({columns})" for name, columns in TABLES.items()]


def create_schema(con: _Executes) -> None:
    """Create the (empty) snapshot tables on ``con``, a DuckDB connection."""
    for statement in schema_ddl():
        con.execute(statement)

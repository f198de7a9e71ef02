"""Build a tiny analytic snapshot in memory from a YAML-friendly dict (see cases/*.yaml).

Only what a case cares about needs writing; everything else takes a plain default:
an enterprise is in region 371502, not high-tech, not key; a report is revision 1, recorded
2024-01-01; the city is 371500 聊城市.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from gongxin.engine import derived as em_ytd
from gongxin.engine.schema import TABLES, create_schema

DEFAULTS: dict[str, dict[str, Any]] = {
    "enterprise": {
        "region": "371502",
        "division": "13",
        "high_tech": False,
        "equipment": False,
        "energy_intensive": False,
        "key": False,
    },
    "monthly": {"revision": 1, "recorded_at": datetime(2024, 1, 1), "combined": False},
    "reference": {"revision": 1, "recorded_at": datetime(2024, 1, 1)},
}
META = {"data_version": "1", "city_code": "371500", "city_name": "聊城市"}


def _columns(table: str) -> list[str]:
    return [part.strip().split()[0] for part in TABLES[table].split(",")]


def build_snapshot(spec: dict[str, Any], *, derived: bool = False) -> duckdb.DuckDBPyConnection:
    """The snapshot of ``spec``; ``derived`` also builds em_ytd, as the snapshot writer does."""
    con = duckdb.connect()
    create_schema(con)
    meta = {**META, **spec.get("meta", {})}
    con.executemany("INSERT INTO meta VALUES (?, ?)", [[k, v] for k, v in meta.items()])
    for table in [t for t in TABLES if t != "meta"]:
        columns = _columns(table)
        for row in spec.get(table, []) or []:
            row = {**DEFAULTS.get(table, {}), **row}
            if table == "enterprise":
                row.setdefault("name", row["uscc"])
                row.setdefault("industry", row["division"] + "10")
            if "ym" in row and isinstance(row["ym"], str):
                row["ym"] = int(row["ym"].replace("-", ""))
            unknown = set(row) - set(columns)
            if unknown:
                raise ValueError(f"{table}: unknown columns {sorted(unknown)}")
            con.execute(
                f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                [str(v) if k == "period" else v for k, v in row.items()],
            )
    if derived:
        em_ytd.build(con)
    return con

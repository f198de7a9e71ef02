"""A synthetic snapshot at province scale, written with SQL so it takes seconds, not minutes.

Used by the performance test (marked ``slow``) and handy for timing by hand::

    PYTHONPATH=src:tests python -m engine.scale /tmp/scale.duckdb 500000
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from gongxin.engine.schema import create_schema

DIVISIONS = [f"{d:02d}" for d in [*range(6, 12), *range(13, 44), 44, 45, 46]]


def write_scale_snapshot(
    path: str | Path, enterprises: int, years: tuple[int, int] = (2023, 2024)
) -> None:
    con = duckdb.connect(str(path))
    create_schema(con)
    n = enterprises
    divs = ", ".join(f"'{d}'" for d in DIVISIONS)
    con.execute(
        "INSERT INTO meta VALUES ('data_version', '1'), ('city_code', '370000'), "
        "('city_name', '山东省'), ('built_at', '2024-05-01T00:00:00')"
    )
    con.execute(
        f"""
        INSERT INTO enterprise
        SELECT printf('91%016d', i), 'E' || i, '3715' || lpad(CAST(i % 11 AS VARCHAR), 2, '0'),
               d || '10', d, i % 7 = 0, d BETWEEN '33' AND '40',
               d IN ('25', '26', '30', '31', '32', '44'),
               CASE i % 3 WHEN 0 THEN '国有' WHEN 1 THEN '私营' ELSE '外商投资' END,
               CASE i % 4 WHEN 0 THEN '大型' WHEN 1 THEN '中型' WHEN 2 THEN '小型' ELSE '微型' END,
               i % 50 = 0, 30.0
        FROM (SELECT i, list_extract([{divs}], 1 + (i * 7919) % {len(DIVISIONS)}) AS d
              FROM range({n}) t(i))
        """
    )
    # Most enterprises are above scale throughout; a few enter or leave during the year.
    con.execute(
        f"""
        INSERT INTO above_scale
        SELECT printf('91%016d', i),
               CASE WHEN i % 97 = 0 THEN {years[1]}03 END,
               CASE WHEN i % 89 = 0 THEN {years[1]}02 END
        FROM range({n}) t(i)
        """
    )
    con.execute(
        f"""
        INSERT INTO enterprise_chain
        SELECT printf('91%016d', i), c, NULL FROM range({n}) t(i),
               (VALUES ('nonferrous'), ('chemical')) v(c) WHERE i % 5 = 0
        """
    )
    y0, y1 = years
    con.execute(
        f"""
        INSERT INTO monthly
        SELECT printf('91%016d', i), ym, 1, TIMESTAMP '2024-01-01' + INTERVAL (ym % 100) DAY,
               o, o * 0.97, o * 0.1, o * 1.05, o * 0.06 - 1, o * 0.02, 50 + i % 300,
               CASE WHEN i % 10 = 0 AND ym > {y1}00 THEN o * 0.9 END, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT i, y * 100 + m AS ym, 100 + (i % 1000) + m * 3 + (y - {y0}) * 8 AS o
              FROM range({y0}, {y1} + 1) y(y), range(1, 13) mm(m), range({n}) t(i))
        """
    )
    # A second revision for about 1% of enterprise-months.
    con.execute(
        """
        INSERT INTO monthly
        SELECT uscc, ym, 2, recorded_at + INTERVAL 20 DAY, output * 1.01, sales, export, revenue,
               profit, electricity, employees, output_py, sales_py, export_py, revenue_py,
               profit_py, electricity_py
        FROM monthly WHERE hash(uscc, ym) % 100 = 0
        """
    )
    con.execute(
        f"""
        INSERT INTO reference
        SELECT 'ppi', d, printf('%d-%02d', y, m), 1, TIMESTAMP '2024-01-01', 98 + (m % 5)
        FROM (SELECT unnest([{divs}]) AS d), range({y0}, {y1} + 1) y(y), range(1, 13) mm(m)
        UNION ALL
        SELECT 'va_ratio', d, CAST(y AS VARCHAR), 1, TIMESTAMP '2024-01-01', 0.28
        FROM (SELECT unnest([{divs}]) AS d), range({y0}, {y1} + 1) y(y)
        """
    )
    con.close()


if __name__ == "__main__":
    write_scale_snapshot(sys.argv[1], int(sys.argv[2]))

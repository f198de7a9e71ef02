"""Deterministic synthetic snapshots at city, province and nation scale, written with SQL.

The tables are those of docs/architecture.md ("The analytic snapshot"), filled the way the
snapshot writer would, then the derived table ``em_ytd`` is built exactly as the writer builds it
(:func:`gongxin.engine.derived.build`). Everything is a function of the enterprise number and the
month (no random generator), so two runs write the same figures.

What makes the data realistic enough to exercise every path of the engine:

* 11 regions, 41 industry divisions with a skewed mix, high-tech ~9 %, key enterprises ~2 %,
  ownership and size with a few blanks (未填报);
* entrants (from 2024-02…2024-11, a third without any 2023 report) and exits (to 2024-01…2024-10)
  on a few per cent of enterprises, and some enterprises with two spells;
* a report missing for ~1 % of enterprise-months, some zero output (停产), loss makers;
* ``*_py`` columns on ~15 % of the 2024 enterprise-months (a revised base, not last year's
  report); revisions 2 and 3 on ~1 % and ~0.1 % of enterprise-months, recorded later;
* PPI per division and month (a few division-months missing → noted as 100), value-added ratio
  per division and year (some divisions only for 2023 → fallback, one for neither → 1);
* chains many-to-many (~30 % of enterprises on a chain, ~5 % on two).

Usage: ``python benchmarks/datagen.py OUT.duckdb --scale nation`` (or ``--enterprises N``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from gongxin.engine import derived
from gongxin.engine.schema import create_schema

SCALES = {"tiny": 300, "city": 3_000, "province": 50_000, "nation": 500_000}
YEARS = (2023, 2024)
VERSION = "5"  # bump when the generated data changes: cached files are named after it

DIVISIONS = [f"{d:02d}" for d in [*range(6, 12), *range(13, 44), 44, 45, 46]]
REGIONS = [f"3715{k:02d}" for k in range(1, 12)]
CHAINS = ["nev", "chem", "nonferrous", "textile", "food", "equipment", "newmat", "bio"]
OWNERSHIP = ["国有", "集体", "私营", "外商投资", "港澳台投资", "其他"]
SIZE = ["大型", "中型", "小型", "微型"]
ENERGY = ("25", "26", "30", "31", "32", "44")


def _u(expr: str, salt: int) -> str:
    """A uniform number in [0, 1) from an integer expression and a salt (DuckDB's hash: the
    same figures on every run of one DuckDB version)."""
    return f"(hash(({expr}), {salt}) % 1000003) / 1000003.0"


def _list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def write_snapshot(path: str | Path, enterprises: int, *, build_derived: bool = True) -> None:
    """Write a snapshot of ``enterprises`` firms × 24 months (2023–2024) to ``path``."""
    path = Path(path)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    try:
        _write(con, enterprises)
        if build_derived:
            derived.build(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _write(con: duckdb.DuckDBPyConnection, n: int) -> None:
    create_schema(con)
    con.execute(
        "INSERT INTO meta VALUES ('data_version', '1'), ('city_code', '371500'), "
        "('city_name', '聊城市'), ('built_at', '2025-01-20T00:00:00')"
    )
    members = [("city", "371500", "聊城市", None)]
    members += [("region", r, f"区县{r[-2:]}", "371500") for r in REGIONS]
    members += [("industry", d, f"行业{d}", None) for d in DIVISIONS]
    members += [("chain", c, f"{c}产业链", None) for c in CHAINS]
    for dim in ("high_tech", "equipment", "energy_intensive", "key"):
        members += [(dim, "1", f"{dim}是", None), (dim, "0", f"{dim}否", None)]
    members += [("ownership", v, v, None) for v in OWNERSHIP]
    members += [("size", v, v, None) for v in SIZE]
    con.executemany("INSERT INTO member VALUES (?, ?, ?, ?)", members)

    # Divisions skewed: the square of a uniform number favours the first ones.
    con.execute(
        f"""
        CREATE TEMP TABLE firm AS
        SELECT i, printf('91371500%010d', i) AS uscc,
               list_extract({_list(DIVISIONS)},
                            1 + CAST(FLOOR(POW({_u("i", 1)}, 1.6) * {len(DIVISIONS)}) AS INTEGER))
                   AS division,
               {_u("i", 2)} AS u_spell, {_u("i", 3)} AS u_size, {_u("i", 4)} AS u_growth,
               50 + 5000 * POW({_u("i", 5)}, 3) AS level
        FROM range({n}) t(i)
        """
    )
    con.execute(
        f"""
        INSERT INTO enterprise
        SELECT uscc, '企业' || i, list_extract({_list(REGIONS)}, 1 + i % {len(REGIONS)}),
               division || lpad(CAST(i % 4 + 1 AS VARCHAR), 2, '0'), division,
               {_u("i", 6)} < 0.09, division BETWEEN '33' AND '40',
               division IN {ENERGY},
               CASE WHEN {_u("i", 7)} < 0.03 THEN NULL
                    ELSE list_extract({_list(OWNERSHIP)}, 1 + i % {len(OWNERSHIP)}) END,
               CASE WHEN u_size < 0.02 THEN NULL
                    ELSE list_extract({_list(SIZE)}, 1 + CAST(FLOOR(u_size * 4) AS INTEGER)) END,
               {_u("i", 8)} < 0.02, 10 + i % 90
        FROM firm
        """
    )
    # Spells: 93 % always above scale; entrants, exits, and some with two spells.
    con.execute(
        """
        INSERT INTO above_scale
        SELECT uscc,
               CASE WHEN u_spell >= 0.93 AND u_spell < 0.96
                    THEN 202402 + CAST(FLOOR((u_spell - 0.93) * 333) AS INTEGER) END,
               CASE WHEN u_spell >= 0.96 AND u_spell < 0.98
                    THEN 202401 + CAST(FLOOR((u_spell - 0.96) * 500) AS INTEGER) END
        FROM firm WHERE u_spell < 0.98 OR u_spell >= 0.99
        UNION ALL
        SELECT uscc, NULL, 202306 FROM firm WHERE u_spell >= 0.98 AND u_spell < 0.99
        UNION ALL
        SELECT uscc, 202310, NULL FROM firm WHERE u_spell >= 0.98 AND u_spell < 0.99
        """
    )
    con.execute(
        f"""
        INSERT INTO enterprise_chain
        SELECT uscc, list_extract({_list(CHAINS)}, 1 + i % {len(CHAINS)}),
               list_extract(['链主', '骨干', '配套', NULL], 1 + i % 4)
        FROM firm WHERE {_u("i", 9)} < 0.30
        UNION ALL
        SELECT uscc, list_extract({_list(CHAINS)}, 1 + (i + 3) % {len(CHAINS)}), NULL
        FROM firm WHERE {_u("i", 9)} < 0.05
        """
    )
    # Reports: every month of both years, except missing ones and entrants' early 2023.
    y0 = YEARS[0]
    con.execute(
        f"""
        INSERT INTO monthly
        SELECT uscc, ym, 1,
               make_timestamp(ym // 100 + (ym % 100) // 12, (ym % 100) % 12 + 1, 10, 0, 0, 0),
               o, o * 0.96, CASE WHEN u_growth < 0.6 THEN o * 0.12 END, o * 1.04,
               o * (0.07 - 0.12 * {_u("i * 31 + ym", 10)}), o * 0.018 + 1, 20 + i % 400,
               CASE WHEN ym > {YEARS[1]}00 AND {_u("i + ym", 11)} < 0.15
                    THEN o / (1.05 + 0.1 * u_growth) * (0.98 + 0.04 * {_u("i + ym", 12)}) END,
               CASE WHEN ym > {YEARS[1]}00 AND {_u("i + ym", 11)} < 0.15 THEN o * 0.9 END,
               NULL, NULL, NULL, NULL, FALSE, NULL
        FROM (
          SELECT f.*, y * 100 + m AS ym,
                 CASE WHEN {_u("i * 13 + m", 13)} < 0.005 THEN 0.0
                      ELSE level * (1 + 0.08 * SIN(m)) * POW(0.95 + 0.18 * u_growth, y - {y0})
                           * (0.97 + 0.06 * {_u("i * 7 + y * 12 + m", 14)}) END AS o
          FROM firm f, range({y0}, {YEARS[1]} + 1) yy(y), range(1, 13) mm(m)
        ) t
        WHERE {_u("i * 17 + ym", 15)} >= 0.01
          AND NOT (u_spell >= 0.93 AND u_spell < 0.94 AND ym < {YEARS[1]}00)
        """
    )
    # Revisions: a later import corrects ~1 % of enterprise-months, ~0.1 % twice.
    con.execute(
        f"""
        INSERT INTO monthly
        SELECT uscc, ym, r.rev, recorded_at + INTERVAL (20 * (r.rev - 1)) DAY,
               output * (1 + 0.02 * (r.rev - 1)), sales, export, revenue, profit, electricity,
               employees, output_py, sales_py, export_py, revenue_py, profit_py, electricity_py,
               combined, NULL
        FROM monthly m, (VALUES (2), (3)) r(rev)
        WHERE m.revision = 1
          AND {_u("CAST(substr(m.uscc, 9) AS BIGINT) * 5 + m.ym", 16)} < (
                CASE r.rev WHEN 2 THEN 0.01 ELSE 0.001 END)
        """
    )
    # PPI per division and month; a few division-months missing. Ratios per division and
    # year; divisions 45/46 only for 2023 (fallback), 06 for neither (ratio 1).
    con.execute(
        f"""
        INSERT INTO reference
        SELECT 'ppi', d, printf('%d-%02d', y, m), 1, TIMESTAMP '2023-01-01',
               96 + 8 * {_u("CAST(d AS INTEGER) * 100 + y * 12 + m", 17)}, NULL
        FROM unnest({_list(DIVISIONS)}) t(d), range({y0}, {YEARS[1]} + 1) yy(y),
             range(1, 13) mm(m)
        WHERE NOT (d = '41' AND m IN (3, 7))
        UNION ALL
        SELECT 'va_ratio', d, CAST(y AS VARCHAR), 1, TIMESTAMP '2023-01-01',
               0.22 + 0.12 * {_u("CAST(d AS INTEGER) + y", 18)}, NULL
        FROM unnest({_list(DIVISIONS)}) t(d), range({y0}, {YEARS[1]} + 1) yy(y)
        WHERE d <> '06' AND NOT (d IN ('45', '46') AND y = {YEARS[1]})
        UNION ALL
        SELECT 'target_va_growth', s, '{YEARS[1]}', 1, TIMESTAMP '2024-01-15', 5.5, NULL
        FROM unnest(['371500', {", ".join(f"'{r}'" for r in REGIONS)}]) t(s)
        UNION ALL
        SELECT 'benchmark_va_growth_ytd', s, printf('{YEARS[1]}-%02d', m), 1,
               TIMESTAMP '2024-01-01' + INTERVAL (m * 30) DAY, 5.0 + m / 10, NULL
        FROM unnest(['province', 'nation']) t(s), range(1, 13) mm(m)
        """
    )
    con.execute("DROP TABLE firm")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--scale", choices=sorted(SCALES), default="city")
    group.add_argument("--enterprises", type=int)
    args = parser.parse_args(argv)
    write_snapshot(args.out, args.enterprises or SCALES[args.scale])
    return 0


if __name__ == "__main__":
    sys.exit(main())

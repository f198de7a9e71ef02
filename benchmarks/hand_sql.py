"""VA growth year to date by region, written by hand in DuckDB SQL over the snapshot's tables.

What an analyst would write for this one question, with the methodology's definitions: latest
revision, population above scale in the period month (every month it reported this year counts,
months before it entered included — one join on the population, no per-row EXISTS), base =
output_py else last year's report, PPI deflation (missing = 100), the year's value-added ratio
(else the latest earlier, else 1). It reads the base tables only, not the derived em_ytd. The
benchmark data has no combined 1—2月 reports, so their two-month base is left out.
"""

from __future__ import annotations


def va_growth_by_region(period: str) -> str:
    year, month = int(period[:4]), int(period[5:])
    p, first = year * 100 + month, year * 100 + 1
    return f"""
WITH
latest AS (
  SELECT uscc, ym, arg_max(output, revision) AS output, arg_max(output_py, revision) AS output_py
  FROM monthly
  WHERE ym BETWEEN {first - 100} AND {p}
  GROUP BY uscc, ym
),
ref AS (
  SELECT series, scope, period, arg_max(value, revision) AS value
  FROM reference WHERE series IN ('ppi', 'va_ratio') GROUP BY ALL
),
ratio AS (
  SELECT scope AS division, arg_max(value, period) AS ratio
  FROM ref WHERE series = 'va_ratio' AND period <= '{year}' GROUP BY scope
),
ppi AS (
  SELECT scope AS division, CAST(REPLACE(period, '-', '') AS INTEGER) AS ym, value AS ppi
  FROM ref WHERE series = 'ppi' AND period BETWEEN '{year}-01' AND '{period}'
),
pop AS (
  SELECT DISTINCT uscc FROM above_scale
  WHERE COALESCE(from_ym, 0) <= {p} AND COALESCE(to_ym, 999999) >= {p}
),
months AS (
  SELECT c.uscc, e.region,
         COALESCE(r.ratio, 1) * c.output / (COALESCE(pp.ppi, 100) / 100) AS va,
         COALESCE(r.ratio, 1) * COALESCE(c.output_py, b.output) AS va_base
  FROM latest c
  JOIN pop USING (uscc)
  JOIN enterprise e USING (uscc)
  LEFT JOIN latest b ON b.uscc = c.uscc AND b.ym = c.ym - 100
  LEFT JOIN ppi pp ON pp.division = e.division AND pp.ym = c.ym
  LEFT JOIN ratio r ON r.division = e.division
  WHERE c.ym >= {first}
)
SELECT region,
       CASE WHEN SUM(va_base) FILTER (WHERE va IS NOT NULL AND va_base IS NOT NULL) > 0
            THEN (SUM(va) FILTER (WHERE va IS NOT NULL AND va_base IS NOT NULL)
                  / SUM(va_base) FILTER (WHERE va IS NOT NULL AND va_base IS NOT NULL) - 1) * 100
       END AS va_growth_ytd
FROM months
GROUP BY region
ORDER BY region
"""

-- step: ctx
-- The city's code and name, from meta (or the member table).
CREATE TEMP TABLE ctx AS
SELECT COALESCE((SELECT MAX(value) FROM meta WHERE key = 'city_code'),
                (SELECT MAX(code) FROM member WHERE dim = 'city'), 'city') AS city_code,
       COALESCE((SELECT MAX(value) FROM meta WHERE key = 'city_name'),
                (SELECT MAX(name) FROM member WHERE dim = 'city'), '全市') AS city_name;

-- step: ref
-- Reference series as of the request: per (series, scope, period) the highest revision
-- recorded no later than as_of.
CREATE TEMP TABLE ref AS
SELECT series, scope, period, value
FROM (
  SELECT r.series, r.scope, r.period, r.value,
         ROW_NUMBER() OVER (PARTITION BY r.series, r.scope, r.period ORDER BY r.revision DESC) AS rn
  FROM reference r
  WHERE r.withdrawn_at IS NULL
) t
WHERE rn = 1;

-- step: best
-- As-of: per (uscc, ym) the highest revision recorded no later than as_of. Only the few
-- enterprise-months stored more than once need a choice; kept as a small table so that
-- the bulk of single-revision reports passes a cheap join.
CREATE TEMP TABLE best AS
SELECT m.uscc, m.ym, MAX(m.revision) AS revision
FROM monthly m
JOIN (
  SELECT DISTINCT m.uscc, m.ym FROM monthly m
  WHERE (m.ym BETWEEN 202401 AND 202406 OR m.ym BETWEEN 202301 AND 202306) AND m.revision > (SELECT MIN(revision) FROM monthly)
) k ON k.uscc = m.uscc AND k.ym = m.ym
WHERE m.withdrawn_at IS NULL
GROUP BY m.uscc, m.ym;

-- step: ent
-- One row per enterprise above scale in 2024-06, with its sums over
-- every report of 2024年1—6月 (months before it entered included).
CREATE TEMP TABLE ent AS
WITH
-- enterprises whose February report is a combined 1—2月 report
combined_feb AS (
  SELECT m.uscc FROM monthly m
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym = 202402 AND m.combined IS TRUE AND m.withdrawn_at IS NULL
    AND (b.revision IS NULL OR b.revision = m.revision)
),
-- population: enterprises above scale in the period month (and in the previous month,
-- for indicators compared with last month)
pop AS (
  SELECT s.uscc,
         MAX(CASE WHEN COALESCE(s.from_ym, 0) <= 202406 AND COALESCE(s.to_ym, 999999) >= 202406 THEN 1 ELSE 0 END) AS in_cur,
         0 AS in_prev,
         ROW_NUMBER() OVER (ORDER BY s.uscc) AS k
  FROM above_scale s
  GROUP BY s.uscc
),
popx AS (
  SELECT pop.*, en.division
  FROM pop
  JOIN enterprise en ON en.uscc = pop.uscc
  WHERE (pop.in_cur = 1 OR pop.in_prev = 1)
),
-- reports of months 1..M of the period's year: every month a population enterprise
-- reported this year counts, months before it entered the population included (NBS 1—M月累计)
cur_year AS (
  SELECT m.uscc, m.ym, m.combined, (m.ym = 202401 AND m.uscc IN (SELECT uscc FROM combined_feb)) AS superseded, m.output, m.output_py,
         x.division
  FROM monthly m
  JOIN popx x ON x.uscc = m.uscc
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym BETWEEN 202401 AND 202406 AND m.withdrawn_at IS NULL AND (b.revision IS NULL OR b.revision = m.revision)
),
-- same caliber: the enterprise's own stored reports a year earlier (span 1: one
-- month; span 2: January–February, the base of a combined 1—2月 report)
prev_year AS (
  SELECT m.uscc, m.ym, 1 AS span, m.output FROM monthly m
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym BETWEEN 202301 AND 202306 AND m.withdrawn_at IS NULL AND (b.revision IS NULL OR b.revision = m.revision)
    AND m.combined IS NOT TRUE
  UNION ALL
  SELECT m.uscc, 202302 AS ym, 2 AS span,
         CASE WHEN BOOL_OR(m.combined) THEN MAX(m.output) FILTER (WHERE m.combined)
              WHEN COUNT(m.output) = 2 THEN SUM(m.output) END AS output
  FROM monthly m
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym BETWEEN 202301 AND 202302 AND m.withdrawn_at IS NULL
    AND (b.revision IS NULL OR b.revision = m.revision)
  GROUP BY m.uscc
),
-- enterprise-months with their base and comparable-price value added
em AS (
  SELECT c.uscc,
         c.ym,
         c.superseded,
         c.output AS output,
         CASE WHEN c.output IS NOT NULL AND COALESCE(c.output_py, p.output) IS NOT NULL THEN c.output END AS output__sc,
         CASE WHEN c.output IS NOT NULL AND COALESCE(c.output_py, p.output) IS NOT NULL THEN COALESCE(c.output_py, p.output) END AS output__base
  FROM cur_year c
  LEFT JOIN prev_year p ON p.uscc = c.uscc AND p.ym = c.ym - 100 AND p.span = CASE WHEN c.combined THEN 2 ELSE 1 END
),
-- per-enterprise sums: each measure's window and caliber
sums AS (
  SELECT uscc,
    SUM(output) FILTER (WHERE ym = 202406) AS e_output_month,
    SUM(output__base) FILTER (WHERE NOT superseded) AS e_output_py_ytd,
    SUM(output__sc) FILTER (WHERE NOT superseded) AS e_output_sc_ytd
  FROM em
  GROUP BY uscc
)
SELECT pop.uscc, pop.in_cur, pop.in_prev, en.division, en.energy_intensive, en.equipment, en.high_tech, en.key, en.ownership, en.region, en.size,
       pop.k, en.name,
       sums.e_output_month, sums.e_output_py_ytd, sums.e_output_sc_ytd
FROM pop
JOIN enterprise en ON en.uscc = pop.uscc
LEFT JOIN sums ON sums.uscc = pop.uscc
WHERE (pop.in_cur = 1 OR pop.in_prev = 1);

-- step: cells
-- Measures per cell: enterprises sharing every attribute (region, division, flags,
-- ownership, size). Attribute dimensions are sums of cells.
CREATE TEMP TABLE cells AS
SELECT e.division, e.energy_intensive, e.equipment, e.high_tech, e.key, e.ownership, e.region, e.size,
       COUNT(CASE WHEN e.in_cur = 1 THEN 1 END) AS n_cur,
       SUM(CASE WHEN e.in_cur = 1 THEN e.e_output_py_ytd END) AS m_output_py_ytd,
       SUM(CASE WHEN e.in_cur = 1 THEN e.e_output_sc_ytd END) AS m_output_sc_ytd,
       COUNT(CASE WHEN e.in_cur = 1 AND (e.e_output_month > (0.0 - 5e-10) AND e.e_output_month < (0.0 + 5e-10)) THEN 1 END) AS m_stalled_firms_month
FROM ent e
GROUP BY e.division, e.energy_intensive, e.equipment, e.high_tech, e.key, e.ownership, e.region, e.size;

-- step: agg
-- Measures per member of each dimension asked for (the city always: city.<measure>
-- refers to it). A chain counts each of its enterprises; an enterprise on several
-- chains counts on each.
CREATE TEMP TABLE agg AS
SELECT ROW_NUMBER() OVER () AS rid, u.*
FROM (
-- city
SELECT 'city' AS dim, x.city_code AS member, CAST(NULL AS VARCHAR) AS sub_dim, CAST(NULL AS VARCHAR) AS sub, CAST(NULL AS VARCHAR) AS region,
       CAST(SUM(e.n_cur) AS BIGINT) AS n_cur,
       SUM(e.m_output_py_ytd) AS m_output_py_ytd,
       SUM(e.m_output_sc_ytd) AS m_output_sc_ytd,
       CAST(SUM(e.m_stalled_firms_month) AS BIGINT) AS m_stalled_firms_month
FROM cells e
CROSS JOIN ctx x
GROUP BY x.city_code
) u;

-- step: enterprises
-- Enterprises, apart from the aggregate dimensions: every indicator written out over
-- the enterprise's own measures and the city's totals, ranks among all enterprises;
-- one row per enterprise above scale. Fetched unordered and put in USCC order by k (a
-- sort in SQL would move every wide row).
WITH
agg_city AS (SELECT * FROM agg WHERE dim = 'city' AND sub_dim IS NULL)
SELECT l.k, l.member, COALESCE(l.name, l.member) AS name,
       (CASE WHEN (l.m_output_py_ytd > (0.0 + 5e-10)) THEN (CAST(l.m_output_sc_ytd AS DOUBLE) / l.m_output_py_ytd - 1) * 100 END) AS i_output_growth_ytd,
       l.m_stalled_firms_month AS i_stalled_firms
FROM (
  SELECT 'enterprise' AS dim,
         e.uscc AS member,
         e.k,
         e.name,
         e.region,
         CASE WHEN e.in_cur = 1 THEN 1 ELSE 0 END AS n_cur,
         CASE WHEN e.in_cur = 1 THEN e.e_output_py_ytd END AS m_output_py_ytd,
         CASE WHEN e.in_cur = 1 THEN e.e_output_sc_ytd END AS m_output_sc_ytd,
         CASE WHEN e.in_cur = 1 AND (e.e_output_month > (0.0 - 5e-10) AND e.e_output_month < (0.0 + 5e-10)) THEN 1 ELSE 0 END AS m_stalled_firms_month
  FROM ent e
) l
CROSS JOIN agg_city cm
WHERE l.n_cur > 0
  AND l.region IN ('371502');

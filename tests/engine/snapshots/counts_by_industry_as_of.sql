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
  WHERE r.recorded_at <= TIMESTAMP '2024-02-15 12:00:00' AND (r.withdrawn_at IS NULL OR r.withdrawn_at > TIMESTAMP '2024-02-15 12:00:00')
) t
WHERE rn = 1;

-- step: enterprise_asof
-- Region and industry (and the flags of the industry) as they stood at as_of.
-- An enterprise without history rows (data older than the history) is read as it is
-- now; one with history rows only by the rows valid at as_of.
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
LEFT JOIN enterprise_history h ON h.uscc = e.uscc AND h.valid_from <= TIMESTAMP '2024-02-15 12:00:00' AND (h.valid_to IS NULL OR h.valid_to > TIMESTAMP '2024-02-15 12:00:00');

-- step: above_scale_asof
-- Above-scale spells as they stood at as_of.
-- An enterprise without history rows (data older than the history) is read as it is
-- now; one with history rows only by the rows valid at as_of.
CREATE TEMP TABLE above_scale_asof AS
SELECT h.uscc, h.from_ym, h.to_ym FROM above_scale_history h WHERE h.valid_from <= TIMESTAMP '2024-02-15 12:00:00' AND (h.valid_to IS NULL OR h.valid_to > TIMESTAMP '2024-02-15 12:00:00')
UNION ALL
SELECT s.uscc, s.from_ym, s.to_ym FROM above_scale s
WHERE s.uscc NOT IN (SELECT uscc FROM above_scale_history);

-- step: enterprise_chain_asof
-- Chain memberships as they stood at as_of.
-- An enterprise without history rows (data older than the history) is read as it is
-- now; one with history rows only by the rows valid at as_of.
CREATE TEMP TABLE enterprise_chain_asof AS
SELECT h.uscc, h.chain, h.role FROM enterprise_chain_history h WHERE h.valid_from <= TIMESTAMP '2024-02-15 12:00:00' AND (h.valid_to IS NULL OR h.valid_to > TIMESTAMP '2024-02-15 12:00:00')
UNION ALL
SELECT c.uscc, c.chain, c.role FROM enterprise_chain c
WHERE c.uscc NOT IN (SELECT uscc FROM enterprise_chain_history);

-- step: best
-- As-of: per (uscc, ym) the highest revision recorded no later than as_of. Only the few
-- enterprise-months stored more than once need a choice; kept as a small table so that
-- the bulk of single-revision reports passes a cheap join.
CREATE TEMP TABLE best AS
SELECT m.uscc, m.ym, MAX(m.revision) AS revision
FROM monthly m
JOIN (
  SELECT DISTINCT m.uscc, m.ym FROM monthly m
  WHERE (m.ym BETWEEN 202401 AND 202401 OR m.ym BETWEEN 202301 AND 202301) AND m.revision > (SELECT MIN(revision) FROM monthly)
) k ON k.uscc = m.uscc AND k.ym = m.ym
WHERE m.recorded_at <= TIMESTAMP '2024-02-15 12:00:00' AND (m.withdrawn_at IS NULL OR m.withdrawn_at > TIMESTAMP '2024-02-15 12:00:00')
GROUP BY m.uscc, m.ym;

-- step: ent
-- One row per enterprise above scale in 2024-01, with its sums over
-- every report of 2024年1月 (months before it entered included).
CREATE TEMP TABLE ent AS
WITH
-- comparable prices: PPI of each division and month of the window
ppi AS (
  SELECT scope AS division, CAST(REPLACE(period, '-', '') AS INTEGER) AS ym, value
  FROM ref
  WHERE series = 'ppi' AND LENGTH(period) = 7
    AND period BETWEEN '2024-01' AND '2024-01'
),
-- value-added ratio: the period's year, else the latest earlier year
ratio AS (
  SELECT division, value, period FROM (
    SELECT scope AS division, value, period,
           ROW_NUMBER() OVER (PARTITION BY scope ORDER BY period DESC) AS rn
    FROM ref
    WHERE series = 'va_ratio' AND LENGTH(period) = 4 AND period <= '2024'
  ) t WHERE rn = 1
),
-- population: enterprises above scale in the period month (and in the previous month,
-- for indicators compared with last month)
pop AS (
  SELECT s.uscc,
         MAX(CASE WHEN COALESCE(s.from_ym, 0) <= 202401 AND COALESCE(s.to_ym, 999999) >= 202401 THEN 1 ELSE 0 END) AS in_cur,
         0 AS in_prev
  FROM above_scale_asof s
  GROUP BY s.uscc
),
popx AS (
  SELECT pop.*, en.division, r.value AS ratio
  FROM pop
  JOIN enterprise_asof en ON en.uscc = pop.uscc
  LEFT JOIN ratio r ON r.division = en.division
  WHERE (pop.in_cur = 1 OR pop.in_prev = 1)
),
-- reports of months 1..M of the period's year: every month a population enterprise
-- reported this year counts, months before it entered the population included (NBS 1—M月累计)
cur_year AS (
  SELECT m.uscc, m.ym, m.combined, FALSE AS superseded, m.output, m.output_py, m.profit, m.profit_py,
         x.division, x.ratio
  FROM monthly m
  JOIN popx x ON x.uscc = m.uscc
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym BETWEEN 202401 AND 202401 AND m.recorded_at <= TIMESTAMP '2024-02-15 12:00:00' AND (m.withdrawn_at IS NULL OR m.withdrawn_at > TIMESTAMP '2024-02-15 12:00:00') AND (b.revision IS NULL OR b.revision = m.revision)
),
-- same caliber: the enterprise's own stored reports a year earlier (span 1: one
-- month; span 2: January–February, the base of a combined 1—2月 report)
prev_year AS (
  SELECT m.uscc, m.ym, 1 AS span, m.output, m.profit FROM monthly m
  LEFT JOIN best b ON b.uscc = m.uscc AND b.ym = m.ym
  WHERE m.ym BETWEEN 202301 AND 202301 AND m.recorded_at <= TIMESTAMP '2024-02-15 12:00:00' AND (m.withdrawn_at IS NULL OR m.withdrawn_at > TIMESTAMP '2024-02-15 12:00:00') AND (b.revision IS NULL OR b.revision = m.revision)
    AND m.combined IS NOT TRUE
),
-- enterprise-months with their base and comparable-price value added
em AS (
  SELECT c.uscc,
         c.ym,
         c.superseded,
         c.profit AS profit,
         1 AS reported,
         (COALESCE(c.ratio, 1) * (c.output / (COALESCE(pp.value, 100) / 100))) AS va,
         CASE WHEN (COALESCE(c.ratio, 1) * (c.output / (COALESCE(pp.value, 100) / 100))) IS NOT NULL AND (COALESCE(c.ratio, 1) * COALESCE(c.output_py, p.output)) IS NOT NULL THEN (COALESCE(c.ratio, 1) * (c.output / (COALESCE(pp.value, 100) / 100))) END AS va__sc,
         CASE WHEN (COALESCE(c.ratio, 1) * (c.output / (COALESCE(pp.value, 100) / 100))) IS NOT NULL AND (COALESCE(c.ratio, 1) * COALESCE(c.output_py, p.output)) IS NOT NULL THEN (COALESCE(c.ratio, 1) * COALESCE(c.output_py, p.output)) END AS va__base,
         CASE WHEN pp.value IS NULL THEN CAST(POWER(2, c.ym - 202400) AS BIGINT) ELSE 0 END AS ppi_gap
  FROM cur_year c
  LEFT JOIN prev_year p ON p.uscc = c.uscc AND p.ym = c.ym - 100 AND p.span = CASE WHEN c.combined THEN 2 ELSE 1 END
  LEFT JOIN ppi pp ON pp.division = c.division AND pp.ym = c.ym
),
-- per-enterprise sums: each measure's window and caliber
sums AS (
  SELECT uscc,
    SUM(profit) AS e_profit_ytd,
    SUM(reported) FILTER (WHERE ym = 202401) AS e_reports_month,
    SUM(va__base) AS e_va_py_ytd,
    SUM(va__sc) AS e_va_sc_ytd,
    SUM(ppi_gap) FILTER (WHERE NOT superseded) AS ppi_gaps
  FROM em
  GROUP BY uscc
)
SELECT pop.uscc, pop.in_cur, pop.in_prev, en.division, en.energy_intensive, en.equipment, en.high_tech, en.key, en.ownership, en.region, en.size,
       sums.e_profit_ytd, sums.e_reports_month, sums.e_va_py_ytd, sums.e_va_sc_ytd, sums.ppi_gaps
FROM pop
JOIN enterprise_asof en ON en.uscc = pop.uscc
LEFT JOIN sums ON sums.uscc = pop.uscc
WHERE (pop.in_cur = 1 OR pop.in_prev = 1);

-- step: cells
-- Measures per cell: enterprises sharing every attribute (region, division, flags,
-- ownership, size). Attribute dimensions are sums of cells.
CREATE TEMP TABLE cells AS
SELECT e.division, e.energy_intensive, e.equipment, e.high_tech, e.key, e.ownership, e.region, e.size,
       COUNT(CASE WHEN e.in_cur = 1 THEN 1 END) AS n_cur,
       COUNT(CASE WHEN e.in_cur = 1 AND (e.e_profit_ytd < (0.0 - 5e-10)) THEN 1 END) AS m_loss_firms_ytd,
       COUNT(CASE WHEN e.in_cur = 1 AND (e.e_profit_ytd IS NOT NULL) THEN 1 END) AS m_profit_firms_ytd,
       COUNT(CASE WHEN e.in_cur = 1 AND (e.e_reports_month > (0.0 + 5e-10)) THEN 1 END) AS m_reporting_firms_month,
       SUM(CASE WHEN e.in_cur = 1 THEN e.e_va_py_ytd END) AS m_va_py_ytd,
       SUM(CASE WHEN e.in_cur = 1 THEN e.e_va_sc_ytd END) AS m_va_sc_ytd
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
       CAST(SUM(e.m_loss_firms_ytd) AS BIGINT) AS m_loss_firms_ytd,
       CAST(SUM(e.m_profit_firms_ytd) AS BIGINT) AS m_profit_firms_ytd,
       CAST(SUM(e.m_reporting_firms_month) AS BIGINT) AS m_reporting_firms_month,
       SUM(e.m_va_py_ytd) AS m_va_py_ytd,
       SUM(e.m_va_sc_ytd) AS m_va_sc_ytd
FROM cells e
CROSS JOIN ctx x
GROUP BY x.city_code
UNION ALL
-- city x industry
SELECT 'city' AS dim, x.city_code AS member, 'industry' AS sub_dim, COALESCE(e.division, '未填报') AS sub, CAST(NULL AS VARCHAR) AS region,
       CAST(SUM(e.n_cur) AS BIGINT) AS n_cur,
       CAST(NULL AS BIGINT) AS m_loss_firms_ytd,
       CAST(NULL AS BIGINT) AS m_profit_firms_ytd,
       CAST(NULL AS BIGINT) AS m_reporting_firms_month,
       SUM(e.m_va_py_ytd) AS m_va_py_ytd,
       SUM(e.m_va_sc_ytd) AS m_va_sc_ytd
FROM cells e
CROSS JOIN ctx x
GROUP BY x.city_code, COALESCE(e.division, '未填报')
UNION ALL
-- industry
SELECT 'industry' AS dim, COALESCE(e.division, '未填报') AS member, CAST(NULL AS VARCHAR) AS sub_dim, CAST(NULL AS VARCHAR) AS sub, CAST(NULL AS VARCHAR) AS region,
       CAST(SUM(e.n_cur) AS BIGINT) AS n_cur,
       CAST(SUM(e.m_loss_firms_ytd) AS BIGINT) AS m_loss_firms_ytd,
       CAST(SUM(e.m_profit_firms_ytd) AS BIGINT) AS m_profit_firms_ytd,
       CAST(SUM(e.m_reporting_firms_month) AS BIGINT) AS m_reporting_firms_month,
       SUM(e.m_va_py_ytd) AS m_va_py_ytd,
       SUM(e.m_va_sc_ytd) AS m_va_sc_ytd
FROM cells e
GROUP BY COALESCE(e.division, '未填报')
) u;

-- step: indicators
-- Indicators level by level (a level uses only measures and earlier levels), then one
-- row per member with at least one enterprise above scale, in display order.
WITH
agg_city AS (SELECT * FROM agg WHERE dim = 'city' AND sub_dim IS NULL),
l0 AS (SELECT * FROM agg),
l1 AS (
  SELECT l.*,
    l.m_reporting_firms_month AS i_enterprises,
    ((CAST(l.m_loss_firms_ytd AS DOUBLE) / NULLIF(l.m_profit_firms_ytd, 0)) * 100) AS i_loss_ratio_ytd,
    (CASE WHEN (l.m_va_py_ytd > (0.0 + 5e-10)) THEN (CAST(l.m_va_sc_ytd AS DOUBLE) / l.m_va_py_ytd - 1) * 100 END) AS i_va_growth_ytd
  FROM l0 l
  CROSS JOIN agg_city cm
),
l2 AS (
  SELECT l.*,
    COALESCE(gc_industries_growth_ge10.g_n, 0) AS i_industries_growth_ge10
  FROM l1 l
  CROSS JOIN agg_city cm
  LEFT JOIN (
  SELECT g.dim AS g_dim, g.member AS g_member,
         COUNT(CASE WHEN (g.i_va_growth_ytd > (10.0 - 5e-10)) THEN 1 END) AS g_n
  FROM l1 g CROSS JOIN agg_city cm
  WHERE g.sub_dim = 'industry'
  GROUP BY g.dim, g.member
) gc_industries_growth_ge10 ON gc_industries_growth_ge10.g_dim = l.dim AND gc_industries_growth_ge10.g_member = l.member
)
SELECT l.dim, l.member,
       CASE WHEN l.dim = 'city' THEN x.city_name
            ELSE COALESCE(nm.name, l.member) END AS name,
       CAST(NULL AS DOUBLE) AS i_industries_growth_ge10,
       l.i_loss_ratio_ytd AS i_loss_ratio_ytd,
       l.i_enterprises AS i_enterprises
FROM l2 l
CROSS JOIN ctx x
LEFT JOIN (SELECT dim, code, MAX(name) AS name FROM member GROUP BY dim, code) nm
  ON nm.dim = l.dim AND nm.code = l.member
WHERE l.sub_dim IS NULL AND l.n_cur > 0 AND l.dim IN ('industry')
ORDER BY CASE l.dim WHEN 'industry' THEN 0 END, l.member;

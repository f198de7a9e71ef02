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

-- step: ent
-- One row per enterprise above scale in 2024-04 or 2024-03, with its sums over
-- the reports of 2024年1—4月 read from em_ytd: latest revisions, bases and
-- year-to-date sums stored when the snapshot was built.
CREATE TEMP TABLE ent AS
WITH
-- population: enterprises above scale in the period month (and in the previous month,
-- for indicators compared with last month)
pop AS (
  SELECT s.uscc,
         MAX(CASE WHEN COALESCE(s.from_ym, 0) <= 202404 AND COALESCE(s.to_ym, 999999) >= 202404 THEN 1 ELSE 0 END) AS in_cur,
         MAX(CASE WHEN COALESCE(s.from_ym, 0) <= 202403 AND COALESCE(s.to_ym, 999999) >= 202403 THEN 1 ELSE 0 END) AS in_prev
  FROM above_scale s
  GROUP BY s.uscc
)
SELECT pop.uscc, pop.in_cur, pop.in_prev, en.division, en.energy_intensive, en.equipment, en.high_tech, en.key, en.ownership, en.region, en.size,
       cur.va__base__ytd AS e_va_py_ytd, cur.va__sc__ytd AS e_va_sc_ytd, prv.va__base__ytd AS e_va_py_ytd__prev, prv.va__sc__ytd AS e_va_sc_ytd__prev, cur.ppi_gaps AS ppi_gaps
FROM pop
JOIN enterprise en ON en.uscc = pop.uscc
LEFT JOIN em_ytd cur ON cur.uscc = pop.uscc AND cur.ym = 202404
LEFT JOIN em_ytd prv ON prv.uscc = pop.uscc AND prv.ym = 202403
WHERE (pop.in_cur = 1 OR pop.in_prev = 1);

-- step: cells
-- Measures per cell: enterprises sharing every attribute (region, division, flags,
-- ownership, size). Attribute dimensions are sums of cells.
CREATE TEMP TABLE cells AS
SELECT e.division, e.energy_intensive, e.equipment, e.high_tech, e.key, e.ownership, e.region, e.size,
       COUNT(CASE WHEN e.in_cur = 1 THEN 1 END) AS n_cur,
       SUM(CASE WHEN e.in_cur = 1 THEN e.e_va_py_ytd END) AS m_va_py_ytd,
       SUM(CASE WHEN e.in_cur = 1 THEN e.e_va_sc_ytd END) AS m_va_sc_ytd,
       SUM(CASE WHEN e.in_prev = 1 THEN e.e_va_py_ytd__prev END) AS m_va_py_ytd__prev,
       SUM(CASE WHEN e.in_prev = 1 THEN e.e_va_sc_ytd__prev END) AS m_va_sc_ytd__prev
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
       SUM(e.m_va_py_ytd) AS m_va_py_ytd,
       SUM(e.m_va_sc_ytd) AS m_va_sc_ytd,
       SUM(e.m_va_py_ytd__prev) AS m_va_py_ytd__prev,
       SUM(e.m_va_sc_ytd__prev) AS m_va_sc_ytd__prev
FROM cells e
CROSS JOIN ctx x
GROUP BY x.city_code
UNION ALL
-- region
SELECT 'region' AS dim, COALESCE(e.region, '未填报') AS member, CAST(NULL AS VARCHAR) AS sub_dim, CAST(NULL AS VARCHAR) AS sub, CAST(NULL AS VARCHAR) AS region,
       CAST(SUM(e.n_cur) AS BIGINT) AS n_cur,
       SUM(e.m_va_py_ytd) AS m_va_py_ytd,
       SUM(e.m_va_sc_ytd) AS m_va_sc_ytd,
       SUM(e.m_va_py_ytd__prev) AS m_va_py_ytd__prev,
       SUM(e.m_va_sc_ytd__prev) AS m_va_sc_ytd__prev
FROM cells e
GROUP BY COALESCE(e.region, '未填报')
) u;

-- step: indicators
-- Indicators level by level (a level uses only measures and earlier levels), then one
-- row per member with at least one enterprise above scale, in display order.
WITH
agg_city AS (SELECT * FROM agg WHERE dim = 'city' AND sub_dim IS NULL),
l0 AS (SELECT * FROM agg),
l1 AS (
  SELECT l.*,
    rv_target_va_growth.value AS i_target_va_growth,
    ((CAST((l.m_va_sc_ytd - l.m_va_py_ytd) AS DOUBLE) / NULLIF((cm.m_va_sc_ytd - cm.m_va_py_ytd), 0)) * 100) AS i_va_contribution_ytd,
    (CASE WHEN (l.m_va_py_ytd > (0.0 + 5e-10)) THEN (CAST(l.m_va_sc_ytd AS DOUBLE) / l.m_va_py_ytd - 1) * 100 END) AS i_va_growth_ytd,
    (CASE WHEN (l.m_va_py_ytd__prev > (0.0 + 5e-10)) THEN (CAST(l.m_va_sc_ytd__prev AS DOUBLE) / l.m_va_py_ytd__prev - 1) * 100 END) AS i_va_growth_ytd__prev
  FROM l0 l
  CROSS JOIN agg_city cm
  LEFT JOIN (
  SELECT CASE WHEN r.scope = x.city_code THEN 'city' ELSE r.scope END AS scope,
         COALESCE(MAX(CASE WHEN r.scope <> 'city' THEN r.value END), MAX(r.value)) AS value
  FROM ref r CROSS JOIN ctx x
  WHERE r.series = 'target_va_growth' AND r.period = '2024'
  GROUP BY CASE WHEN r.scope = x.city_code THEN 'city' ELSE r.scope END
) rv_target_va_growth ON rv_target_va_growth.scope = CASE WHEN l.dim = 'city' THEN 'city' WHEN l.dim = 'region' THEN l.member END
),
l2 AS (
  SELECT l.*,
    rk_va_rank_ytd.k_rank AS i_va_rank_ytd,
    rk_va_rank_ytd__prev.k_rank AS i_va_rank_ytd__prev
  FROM l1 l
  CROSS JOIN agg_city cm
  LEFT JOIN (
  SELECT g.rid AS k_rid,
         RANK() OVER (PARTITION BY g.dim, g.sub_dim, g.sub ORDER BY ROUND(g.i_va_growth_ytd, 9) DESC) AS k_rank
  FROM l1 g
  WHERE g.i_va_growth_ytd IS NOT NULL
) rk_va_rank_ytd ON rk_va_rank_ytd.k_rid = l.rid
  LEFT JOIN (
  SELECT g.rid AS k_rid,
         RANK() OVER (PARTITION BY g.dim, g.sub_dim, g.sub ORDER BY ROUND(g.i_va_growth_ytd__prev, 9) DESC) AS k_rank
  FROM l1 g
  WHERE g.i_va_growth_ytd__prev IS NOT NULL
) rk_va_rank_ytd__prev ON rk_va_rank_ytd__prev.k_rid = l.rid
),
l3 AS (
  SELECT l.*,
    (l.i_va_rank_ytd__prev - l.i_va_rank_ytd) AS i_va_rank_change
  FROM l2 l
  CROSS JOIN agg_city cm
)
SELECT l.dim, l.member,
       CASE WHEN l.dim = 'city' THEN x.city_name
            ELSE COALESCE(nm.name, l.member) END AS name,
       l.i_va_growth_ytd AS i_va_growth_ytd,
       l.i_va_contribution_ytd AS i_va_contribution_ytd,
       l.i_va_rank_change AS i_va_rank_change,
       l.i_target_va_growth AS i_target_va_growth
FROM l3 l
CROSS JOIN ctx x
LEFT JOIN (SELECT dim, code, MAX(name) AS name FROM member GROUP BY dim, code) nm
  ON nm.dim = l.dim AND nm.code = l.member
WHERE l.sub_dim IS NULL AND l.n_cur > 0 AND l.dim IN ('region')
ORDER BY CASE l.dim WHEN 'region' THEN 0 END, l.member;

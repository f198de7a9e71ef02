"""The cube written straightforwardly in pandas, for comparison with the engine.

Same definitions as docs/methodology.md (latest revision; population above scale in the period
month; every month reported this year; base = *_py else last year's report; PPI deflation with
100 for a missing PPI; value-added ratio of the year, else the latest earlier one, else 1). It
covers the indicators in ``INDICATORS`` on every dimension, the enterprise dimension included,
and nothing that compares with last month (va_rank_change, va_growth_ytd_change) or counts
divisions.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

INDICATORS = [
    "va_growth_ytd",
    "va_growth_month",
    "va_contribution_ytd",
    "va_pull_ytd",
    "va_rank_ytd",
    "va_share_ytd",
    "output_ytd",
    "output_growth_ytd",
    "sales_ytd",
    "sales_growth_ytd",
    "export_ytd",
    "export_growth_ytd",
    "revenue_ytd",
    "revenue_growth_ytd",
    "profit_ytd",
    "profit_growth_ytd",
    "electricity_ytd",
    "electricity_growth_ytd",
    "enterprises",
    "expected_reports",
    "loss_firms_ytd",
]
FIELDS = ["output", "sales", "export", "revenue", "profit", "electricity"]
FLAGS = ["high_tech", "equipment", "energy_intensive", "key"]
DIMS = [
    "city",
    "region",
    "industry",
    "chain",
    *FLAGS[:3],
    "ownership",
    "size",
    "key",
    "enterprise",
]


@dataclass
class Tables:
    monthly: pd.DataFrame
    enterprise: pd.DataFrame
    above_scale: pd.DataFrame
    chain: pd.DataFrame
    reference: pd.DataFrame
    city_code: str


def load(con: duckdb.DuckDBPyConnection) -> Tables:
    """The snapshot's tables as DataFrames (timed apart from the computation)."""
    return Tables(
        monthly=con.execute("SELECT * FROM monthly").df(),
        enterprise=con.execute("SELECT * FROM enterprise").df(),
        above_scale=con.execute("SELECT * FROM above_scale").df(),
        chain=con.execute("SELECT DISTINCT uscc, chain FROM enterprise_chain").df(),
        reference=con.execute("SELECT * FROM reference").df(),
        city_code=str(
            con.execute("SELECT MAX(value) FROM meta WHERE key = 'city_code'").fetchone()[0]  # type: ignore[index]
        ),
    )


def _growth(current: pd.Series, base: pd.Series) -> pd.Series:
    return ((current / base.where(base > 0)) - 1) * 100


def cube(t: Tables, period: str) -> dict[tuple[str, str, str], float | None]:
    """``{(dim, indicator, member): value}`` for INDICATORS on DIMS."""
    year, month = int(period[:4]), int(period[5:])
    p, first = year * 100 + month, year * 100 + 1

    # Latest revision per enterprise-month.
    m = t.monthly.sort_values("revision").drop_duplicates(["uscc", "ym"], keep="last")
    ref = t.reference.sort_values("revision").drop_duplicates(
        ["series", "scope", "period"], keep="last"
    )

    # Population: a spell covering the period month; every month it reported this year counts
    # (months before it entered included).
    spells = t.above_scale.assign(
        lo=t.above_scale["from_ym"].fillna(0), hi=t.above_scale["to_ym"].fillna(999999)
    )
    pop = spells.loc[(spells.lo <= p) & (spells.hi >= p), "uscc"].unique()
    cur = m[(m.ym >= first) & (m.ym <= p) & m.uscc.isin(pop)]

    # Same caliber: *_py where given, else last year's report of the same month.
    prev = m[(m.ym >= first - 100) & (m.ym <= p - 100)][["uscc", "ym", *FIELDS]]
    prev = prev.assign(ym=prev.ym + 100).rename(columns={f: f"{f}_prev" for f in FIELDS})
    cur = cur.merge(prev, on=["uscc", "ym"], how="left")
    cur = cur.merge(t.enterprise[["uscc", "division"]], on="uscc")

    ppi = ref[ref.series == "ppi"].assign(ym=lambda d: d.period.str.replace("-", "").astype(int))
    cur = cur.merge(
        ppi[["scope", "ym", "value"]].rename(columns={"scope": "division", "value": "ppi"}),
        on=["division", "ym"],
        how="left",
    )
    ratios = ref[(ref.series == "va_ratio") & (ref.period.str.len() == 4)]
    ratios = ratios[ratios.period <= str(year)].sort_values("period")
    ratio = ratios.drop_duplicates("scope", keep="last").set_index("scope")["value"]
    r = cur.division.map(ratio).fillna(1.0)

    base_output = cur.output_py.fillna(cur.output_prev)
    cur["va"] = r * cur.output / (cur.ppi.fillna(100) / 100)
    cur["va_base"] = r * base_output
    sums = {}
    is_month = cur.ym == p
    for f, current, base in [
        *[(f, cur[f], cur[f"{f}_py"].fillna(cur[f"{f}_prev"])) for f in FIELDS],
        ("va", cur["va"], cur["va_base"]),
    ]:
        same = current.notna() & base.notna()
        sums[f"{f}_ytd"] = current
        sums[f"{f}_sc_ytd"] = current.where(same)
        sums[f"{f}_py_ytd"] = base.where(same)
        if f == "va":
            sums["va_sc_month"] = current.where(same & is_month)
            sums["va_py_month"] = base.where(same & is_month)
    sums["reports_month"] = is_month.astype(float).where(is_month)
    per_month = pd.DataFrame(sums).assign(uscc=cur.uscc.to_numpy())
    ent = per_month.groupby("uscc").sum(min_count=1)

    # One row per population enterprise, with its attributes.
    ent = (
        t.enterprise[t.enterprise.uscc.isin(pop)]
        .set_index("uscc")
        .join(ent, how="left")
        .reset_index()
    )
    ent["firm"] = 1
    ent["reporting"] = (ent.reports_month > 0).astype(int)
    ent["loss"] = (ent.profit_ytd < 0).astype(int)

    values: dict[tuple[str, str, str], float | None] = {}
    measures = [c for c in per_month.columns if c != "uscc"]
    counts = ["firm", "reporting", "loss"]
    city = ent[measures].sum(min_count=1)
    frames = {}
    for dim in DIMS:
        if dim == "enterprise":
            g = ent.set_index("uscc")[measures + counts]
        elif dim == "city":
            g = ent.assign(member=t.city_code).groupby("member")[measures + counts].sum(min_count=1)
        elif dim == "chain":
            joined = ent.merge(t.chain, on="uscc")
            g = joined.groupby("chain")[measures + counts].sum(min_count=1)
        elif dim in FLAGS:
            member = np.where(ent[dim].fillna(False).astype(bool), "1", "0")
            g = ent.assign(member=member).groupby("member")[measures + counts].sum(min_count=1)
        else:
            column = "division" if dim == "industry" else dim
            member = ent[column].fillna("未填报")
            g = ent.assign(member=member).groupby("member")[measures + counts].sum(min_count=1)
        frames[dim] = g
    for dim, g in frames.items():
        out = pd.DataFrame(index=g.index)
        out["va_growth_ytd"] = _growth(g.va_sc_ytd, g.va_py_ytd)
        out["va_growth_month"] = _growth(g.va_sc_month, g.va_py_month)
        increase = g.va_sc_ytd - g.va_py_ytd
        city_increase = city.va_sc_ytd - city.va_py_ytd
        out["va_contribution_ytd"] = increase / city_increase * 100 if city_increase else np.nan
        out["va_pull_ytd"] = increase / city.va_py_ytd * 100 if city.va_py_ytd else np.nan
        out["va_rank_ytd"] = out.va_growth_ytd.rank(method="min", ascending=False)
        out["va_share_ytd"] = g.va_ytd / city.va_ytd * 100
        for f in FIELDS:
            out[f"{f}_ytd"] = g[f"{f}_ytd"]
            out[f"{f}_growth_ytd"] = _growth(g[f"{f}_sc_ytd"], g[f"{f}_py_ytd"])
        out["enterprises"] = g.reporting
        out["expected_reports"] = g.firm
        out["loss_firms_ytd"] = g.loss
        out = out[g.firm > 0]  # members with an enterprise of the population
        for indicator in INDICATORS:
            for member, value in out[indicator].items():
                number = None if pd.isna(value) or not np.isfinite(value) else float(value)
                values[(dim, indicator, str(member))] = number
    return values

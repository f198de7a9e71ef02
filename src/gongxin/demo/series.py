"""Monthly figures of every enterprise, before calibration.

Each enterprise has a real (2021-price) output level that grows by its division's design plus
its own deviation each year; a month's output is that level times the division's seasonal
pattern (Spring Festival dip, December peak; heating utilities peak in winter) times noise,
priced with the division's chained PPI. Everything else follows output: sales 95–99 %, export
for exporters, revenue, profit at the firm's margin, electricity at the division's intensity.
Episodes: stalled months (output 0) and reduced output (−30 %).
"""

from __future__ import annotations

import random

from gongxin.demo.industries import CLASS_POWER, DIVISION_SPECS, HIGH_TECH_GROWTH
from gongxin.demo.model import (
    EXPORT,
    OUTPUT,
    PROFIT,
    REVENUE,
    SALES,
    SHADOW_FIRST_YM,
    DemoCity,
    Enterprise,
    ym_range,
)

BASE_SEASON = (0.86, 0.80, 1.02, 1.00, 1.01, 1.05, 0.96, 0.97, 1.03, 0.98, 1.04, 1.28)
HEAT_SEASON = (1.30, 1.20, 1.05, 0.85, 0.80, 0.82, 0.88, 0.88, 0.84, 0.90, 1.10, 1.38)
# The month the Spring Festival holiday fell in; the base pattern assumes February.
SPRING_FESTIVAL_MONTH = {2021: 2, 2022: 2, 2023: 1, 2024: 2}
FLAT_AMPLITUDE = 0.35  # continuous-process plants barely stop for the holiday


def season(kind: str, year: int, month: int) -> float:
    if kind == "heat":
        return HEAT_SEASON[month - 1]
    amp = FLAT_AMPLITUDE if kind == "flat" else 1.0
    value = 1 + amp * (BASE_SEASON[month - 1] - 1)
    if SPRING_FESTIVAL_MONTH.get(year) == 1 and month in (1, 2):
        value += amp * (-0.05 if month == 1 else 0.05)
    return value


def price_levels(city: DemoCity) -> dict[str, dict[int, float]]:
    """Chained price level by division and month; 2021 = 1, each year × that month's PPI."""
    levels: dict[str, dict[int, float]] = {}
    for division in DIVISION_SPECS:
        lv: dict[int, float] = {}
        for ym in ym_range(SHADOW_FIRST_YM, 202412):
            lv[ym] = 1.0 if ym < 202201 else lv[ym - 100] * city.ppi(division, ym) / 100
        levels[division] = lv
    return levels


def design_growth(e: Enterprise, year: int) -> float:
    """The division's (or its high-tech part's) real growth design for ``year``, in %."""
    designs = HIGH_TECH_GROWTH.get(e.division) if e.high_tech else None
    designs = designs or DIVISION_SPECS[e.division].growth
    return designs[year - 2022]


def generate_rows(city: DemoCity) -> None:
    """Fill ``city.rows`` for every enterprise (reported months and prior-year months)."""
    levels = price_levels(city)
    for e in city.enterprises:
        city.rows[e.uscc] = _firm_rows(city, e, levels[e.division])


def _firm_rows(city: DemoCity, e: Enterprise, prices: dict[int, float]) -> dict[int, list[float]]:
    rng = random.Random(f"{city.seed}:series:{e.uscc}")
    spec = DIVISION_SPECS[e.division]
    big = e.base > 100_000
    sigma = 0.03 if big else 0.055
    level = {2021: e.base}
    for year in (2022, 2023, 2024):
        g = design_growth(e, year) + rng.gauss(0, 3.0 if big else 7.0)
        if e.status == "entrant" and e.from_ym is not None and year == e.from_ym // 100:
            g = rng.uniform(15, 40)  # it grew into the above-scale frame
        if e.status == "exit" and e.to_ym is not None and year >= e.to_ym // 100:
            g = design_growth(e, year) - rng.uniform(8, 20)  # on its way out
        level[year] = level[year - 1] * max(0.5, 1 + g / 100)
    sales_ratio = rng.uniform(0.95, 0.99)
    exporter = rng.random() < spec.export
    export_share = min(0.9, rng.uniform(0.05, 0.6)) if exporter else 0.0
    revenue_ratio = rng.uniform(1.0, 1.1)
    margin = spec.margin + rng.gauss(0, 0.035)
    zero_profit_2021 = not big and rng.random() < 0.01
    power = CLASS_POWER.get(e.industry, spec.power) * rng.lognormvariate(0, 0.25)
    employees = 20 + e.base / spec.productivity * rng.lognormvariate(0.7, 0.5)
    if e.division in {"44", "45", "46"} and rng.random() < 0.1:
        employees = rng.uniform(8, 19)  # unmanned plants: a few micro-sized utilities

    episodes: dict[int, float] = {}
    r = rng.random()
    if r < 0.015:  # stalled for 1–4 months (停产)
        start = rng.choice(ym_range(202303, 202405))
        for ym in ym_range(start, 202412)[: rng.randint(1, 4)]:
            episodes[ym] = 0.0
    elif r < 0.045:  # reduced output (减产), e.g. environmental limits in the heating season
        start = rng.choice(ym_range(202211, 202404))
        for ym in ym_range(start, 202412)[: rng.randint(3, 6)]:
            episodes[ym] = 0.7
    if e.status == "exit" and e.to_ym is not None:
        for ym in ym_range(e.to_ym - 2 if e.to_ym % 100 > 2 else e.to_ym, e.to_ym):
            episodes.setdefault(ym, 0.6)

    rows: dict[int, list[float]] = {}
    if e.new_plant:
        assert e.from_ym is not None
        first = e.from_ym
        if e.reports_py:  # a new plant's own prior-year figures: it produced nothing
            for ym in ym_range(max(SHADOW_FIRST_YM, first - 100), first - 1):
                rows[ym] = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    else:
        first = SHADOW_FIRST_YM
    for i, ym in enumerate(ym_range(first, e.last_ym)):
        year, month = divmod(ym, 100)
        ramp = min(1.0, 0.4 + 0.25 * i) if e.new_plant else 1.0
        real = level[year] / 12 * season(spec.season, year, month) * ramp
        real *= max(0.3, 1 + rng.gauss(0, sigma))
        factor = episodes.get(ym, 1.0)
        output = real * factor * prices[ym]
        sales = output * min(1.0, sales_ratio * (1 + rng.gauss(0, 0.008)))
        export = sales * min(0.95, export_share * (1 + rng.gauss(0, 0.1)))
        revenue = sales * revenue_ratio * (1 + rng.gauss(0, 0.01))
        ppi = city.ppi(e.division, ym) if ym >= 202201 else 103.0
        profit = revenue * (margin + 0.3 * (ppi - 100) / 100 + rng.gauss(0, 0.012))
        if year == 2021 and zero_profit_2021:
            profit = 0.0
        electricity = real * power * 0.985 ** (year - 2021) * (1 + rng.gauss(0, 0.03))
        staff = employees * (1 + 0.02 * (year - 2021)) * (1 + rng.gauss(0, 0.008))
        if factor == 0.0:
            normal = real * prices[ym] * revenue_ratio
            revenue, profit = 0.02 * normal, -0.03 * normal
            electricity *= 0.05
            staff *= 0.9
        else:
            electricity *= factor
        rows[ym] = [output, sales, export, revenue, profit, electricity, float(round(staff))]
    return rows


def scale_row(row: list[float], factor: float) -> None:
    """Scale a month's production-related values (not employees) by ``factor``."""
    for i in (OUTPUT, SALES, EXPORT, REVENUE, PROFIT, 5):
        row[i] *= factor

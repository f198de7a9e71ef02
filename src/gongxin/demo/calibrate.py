"""Calibration: scale current-year outputs so that the records reproduce the published figures.

The engine computes growth from the records alone (see ``figures.py`` for the rules). Growth of
a month depends on that month's outputs and on the stored report a year earlier, so the months
are calibrated in chronological order (2022 → 2023 → 2024, January → December): when a month
is solved, everything it depends on is final, and a later year sees the calibrated year before
as its base.

For each month, enterprises fall into cells (division × high-tech). A cell's YTD growth is
linear in one factor applied to its outputs of that month:

    growth_c(f) = (S_c + f · V_c) / A_c − 1

with A_c the base VA of the YTD population, S_c the VA of its earlier months and V_c the VA of
this month (all same caliber). Each cell is given a target: its design growth (industries.py),
pulled half-way towards where its firms actually are (so months keep their noise), plus a
shift common to all high-tech cells and one common to all others. The two shifts are solved
(bisection; factors are clamped to stay plausible) so that high-tech manufacturing and the
whole city follow the paths below, which pass through the published figures. In the anchor
month (2024-04) cells get their designs exactly, which keeps every division well away from
the 10 % line. Scaling a month scales all its production values (output, sales, export,
revenue, profit, electricity) alike. Nothing here writes figures: only records change.
"""

from __future__ import annotations

from collections.abc import Iterable

from gongxin.demo.model import OUTPUT, YEARS, DemoCity, Enterprise
from gongxin.demo.series import design_growth, scale_row

# City value-added growth YTD (%) by month: through 8.8 in Jan–Oct and 9.0 in 2023, 7.9 in
# Jan–Apr 2024; Q1 2024 above the 8 % target; 2022 plausible (a dip in April).
CITY_PATH: dict[int, float] = {
    202201: 7.8,
    202202: 7.4,
    202203: 7.0,
    202204: 5.6,
    202205: 5.8,
    202206: 6.1,
    202207: 6.2,
    202208: 6.3,
    202209: 6.5,
    202210: 6.4,
    202211: 6.3,
    202212: 6.4,
    202301: 5.6,
    202302: 7.0,
    202303: 7.4,
    202304: 7.6,
    202305: 7.9,
    202306: 8.1,
    202307: 8.3,
    202308: 8.5,
    202309: 8.7,
    202310: 8.8,
    202311: 8.9,
    202312: 9.0,
    202401: 9.4,
    202402: 8.3,
    202403: 8.1,
    202404: 7.9,
    202405: 7.7,
    202406: 7.6,
}
# High-tech manufacturing: 18.4 in Jan–Apr 2024 (10.5 pp above the city).
HIGH_TECH_PATH: dict[int, float] = {
    202201: 15.8,
    202202: 15.5,
    202203: 15.2,
    202204: 14.0,
    202205: 14.2,
    202206: 14.5,
    202207: 14.6,
    202208: 14.8,
    202209: 14.9,
    202210: 15.0,
    202211: 15.0,
    202212: 15.1,
    202301: 10.5,
    202302: 11.2,
    202303: 11.8,
    202304: 12.0,
    202305: 12.4,
    202306: 12.8,
    202307: 13.0,
    202308: 13.3,
    202309: 13.5,
    202310: 13.6,
    202311: 13.8,
    202312: 14.0,
    202401: 21.0,
    202402: 19.6,
    202403: 18.9,
    202404: 18.4,
    202405: 18.0,
    202406: 17.6,
}
ANCHOR_YM = 202404
PULL = 0.5  # share of a cell's own deviation from its design that is kept
MAX_PULL_PP = 4.0
FACTOR_RANGE = (0.5, 2.0)

Cell = tuple[str, bool]


def base_output(city: DemoCity, e: Enterprise, ym: int) -> float | None:
    """The same-caliber base of a report: its *_py figure, else the stored report a year ago."""
    if city.has_py(e, ym) or e.reports(ym - 100):
        return city.rows[e.uscc][ym - 100][OUTPUT]
    return None


class _CellSums:
    __slots__ = ("A", "S", "V", "design", "g0", "high_tech")

    def __init__(self, design: float, high_tech: bool) -> None:
        self.A = self.S = self.V = 0.0
        self.design = design
        self.high_tech = high_tech
        self.g0 = 0.0

    def factor(self, target: float) -> float:
        if self.V <= 0 or self.A <= 0:
            return 1.0
        f = ((1 + target / 100) * self.A - self.S) / self.V
        return min(FACTOR_RANGE[1], max(FACTOR_RANGE[0], f))

    def target(self, shift: float, pull: float) -> float:
        deviation = max(-MAX_PULL_PP, min(MAX_PULL_PP, self.g0 - self.design))
        return self.design + pull * deviation + shift

    def va(self, shift: float, pull: float) -> float:
        return self.S + self.factor(self.target(shift, pull)) * self.V


def _cell_sums(city: DemoCity, ym: int) -> dict[Cell, _CellSums]:
    year, month = divmod(ym, 100)
    cells: dict[Cell, _CellSums] = {}
    for e in city.enterprises:
        if not e.reports(ym):  # reports are filed exactly inside the above-scale spell
            continue
        cell = cells.get(e.cell)
        if cell is None:
            cell = cells[e.cell] = _CellSums(design_growth(e, year), e.high_tech)
        ratio = city.va_ratio(e.division, year)
        rows = city.rows[e.uscc]
        for m in range(1, month + 1):
            t = year * 100 + m
            if not e.reports(t):
                continue
            base = base_output(city, e, t)
            if base is None:
                continue
            va = ratio * rows[t][OUTPUT] / (city.ppi(e.division, t) / 100)
            cell.A += ratio * base
            if m < month:
                cell.S += va
            else:
                cell.V += va
    for cell in cells.values():
        cell.g0 = ((cell.S + cell.V) / cell.A - 1) * 100 if cell.A > 0 else cell.design
    return cells


def _growth(cells: Iterable[_CellSums], shifts: dict[bool, float], pull: float) -> float:
    va = base = 0.0
    for c in cells:
        va += c.va(shifts[c.high_tech], pull)
        base += c.A
    return (va / base - 1) * 100 if base > 0 else 0.0


def _solve_shift(
    cells: list[_CellSums], shifts: dict[bool, float], which: bool, pull: float, target: float
) -> float:
    """Bisection on one group's shift; growth is monotone in it (factors are clamped)."""
    lo, hi = -60.0, 60.0
    for _ in range(100):
        mid = (lo + hi) / 2
        trial = dict(shifts)
        trial[which] = mid
        if _growth(cells, trial, pull) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def calibrate_month(city: DemoCity, ym: int) -> dict[str, float]:
    cells = _cell_sums(city, ym)
    pull = 0.0 if ym == ANCHOR_YM else PULL
    shifts = {True: 0.0, False: 0.0}
    high_tech = [c for c in cells.values() if c.high_tech]
    if high_tech:
        shifts[True] = _solve_shift(high_tech, shifts, True, pull, HIGH_TECH_PATH[ym])
    shifts[False] = _solve_shift(list(cells.values()), shifts, False, pull, CITY_PATH[ym])
    factors = {key: c.factor(c.target(shifts[c.high_tech], pull)) for key, c in cells.items()}
    for e in city.enterprises:
        if e.reports(ym):
            scale_row(city.rows[e.uscc][ym], factors[e.cell])
    return {
        "shift_high_tech": shifts[True],
        "shift_other": shifts[False],
        "factor_min": min(factors.values()),
        "factor_max": max(factors.values()),
    }


def calibrate(city: DemoCity) -> dict[int, dict[str, float]]:
    """Calibrate every reported month in chronological order; returns per-month notes."""
    notes: dict[int, dict[str, float]] = {}
    for ym in sorted(CITY_PATH):
        if ym // 100 in YEARS:
            notes[ym] = calibrate_month(city, ym)
    return notes

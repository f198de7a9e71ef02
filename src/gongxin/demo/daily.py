"""Daily electricity for the demo city (日用电量), consistent with its monthly reports.

``daily_rows`` spreads each enterprise's reported monthly electricity over the days of the
month, so that the days of a month sum to the month (to the 0.0001 万千瓦时 the file carries):

* each day gets a weight: 1 on working days; on weekends and official holidays
  (``city/data/holidays.yaml``) continuous-process industries (chemicals, metals, paper,
  building materials, utilities) keep running (0.97 / 0.92) while the others slow down on
  weekends (0.55) and close for holidays (0.25) — the dips of 劳动节 5/1–5/5 and 端午 6/10;
* about 3 % of enterprises halt for 2–20 days (5 % of their usual use) somewhere after the
  first three weeks, so that dispatch has halted and resuming firms to find; about 1 % cut
  output by half for a while (a reduction, not a halt);
* day-to-day noise of a few per cent.

The weights are then scaled to the month's total: a halt moves electricity to the other days
rather than changing the month, which keeps the two feeds reconcilable. ``gongxin demo`` writes
the file (``DAILY_FILE``) and imports it as ``gongxin import daily`` would.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Mapping
from pathlib import Path

from gongxin.dispatch.workdays import RESTDAY, holiday_calendar

DAILY_FILE = "daily.csv"
DAILY_COLUMNS = ("date", "uscc", "electricity")
DEFAULT_START = dt.date(2024, 4, 1)  # April gives May's dispatch its baselines
DEFAULT_END = dt.date(2024, 6, 30)

CONTINUOUS_DIVISIONS = frozenset({"22", "25", "26", "28", "30", "31", "32", "44", "45", "46"})
WEEKEND_WEIGHT = {True: 0.97, False: 0.55}  # by continuous process
HOLIDAY_WEIGHT = {True: 0.92, False: 0.25}
HALT_SHARE, HALT_FACTOR, HALT_DAYS = 0.03, 0.05, (2, 20)
CUT_SHARE, CUT_FACTOR, CUT_DAYS = 0.01, 0.5, (5, 15)
NOISE = 0.04


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _episode(
    rng: random.Random, days: list[dt.date], length: tuple[int, int], factor: float
) -> dict[dt.date, float]:
    """A run of consecutive days at ``factor`` starting after the first three weeks."""
    candidates = days[21:-2]
    if not candidates:
        return {}
    start = days.index(rng.choice(candidates))
    return {d: factor for d in days[start : start + rng.randint(*length)]}


def _weights(
    rng: random.Random, days: list[dt.date], continuous: bool, episodes: dict[dt.date, float]
) -> dict[dt.date, float]:
    calendar = holiday_calendar()
    weights = {}
    for day in days:
        if calendar.kind(day) == RESTDAY:
            table = HOLIDAY_WEIGHT if day in calendar.holidays else WEEKEND_WEIGHT
            w = table[continuous]
        else:
            w = 1.0
        w *= episodes.get(day, 1.0) * max(0.5, 1 + rng.gauss(0, NOISE))
        weights[day] = w
    return weights


def daily_rows(
    roster_rows: Iterable[Mapping[str, str]],
    monthly_rows: Iterable[Mapping[str, str]],
    start: dt.date = DEFAULT_START,
    end: dt.date = DEFAULT_END,
    seed: int = 4754,
) -> list[dict[str, str]]:
    """Rows of the daily file (``date, uscc, electricity``) for ``start`` … ``end``.

    ``roster_rows`` and ``monthly_rows`` are the demo's contract rows (``demo.records``): every
    enterprise-month with an electricity figure inside the range gets one row per day. Where a
    month was re-reported, the last row given for it wins, as after the corrections import.
    """
    division = {r["uscc"]: r["industry"][:2] for r in roster_rows}
    monthly: dict[str, dict[str, float]] = {}
    first_month, last_month = start.strftime("%Y-%m"), end.strftime("%Y-%m")
    for row in monthly_rows:
        value = row.get("electricity")
        if first_month <= row["period"] <= last_month and value not in (None, ""):
            monthly.setdefault(row["uscc"], {})[row["period"]] = float(value)
    days = _days(start, end)
    out: list[tuple[dt.date, str, float]] = []
    for uscc in sorted(monthly):
        rng = random.Random(f"{seed}:daily:{uscc}")
        episodes: dict[dt.date, float] = {}
        draw = rng.random()
        if draw < HALT_SHARE:
            episodes = _episode(rng, days, HALT_DAYS, HALT_FACTOR)
        elif draw < HALT_SHARE + CUT_SHARE:
            episodes = _episode(rng, days, CUT_DAYS, CUT_FACTOR)
        weights = _weights(rng, days, division.get(uscc, "") in CONTINUOUS_DIVISIONS, episodes)
        for period, total in sorted(monthly[uscc].items()):
            month_days = [d for d in days if d.strftime("%Y-%m") == period]
            weight = sum(weights[d] for d in month_days)
            for day in month_days:
                out.append((day, uscc, total * weights[day] / weight))
    out.sort()
    return [{"date": d.isoformat(), "uscc": u, "electricity": f"{v:.4f}"} for d, u, v in out]


def write_daily_file(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write the rows as the contract's CSV (header = keys), creating the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=DAILY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path

"""Revisions: reports first filed with errors, corrected by a later file.

The calibrated figures are the final ones. For a handful of enterprise-months the main monthly
files carry a preliminary version (a few per cent off, as when a firm revises its accounts);
one of them is a unit slip, money reported in 元 instead of 万元 (10,000 times too large),
which the importer should flag. ``monthly-corrections.csv`` re-reports them with the final
values, creating new revisions.
"""

from __future__ import annotations

import random

from gongxin.demo.model import EXPORT, MONEY, OUTPUT, PROFIT, REVENUE, SALES, DemoCity

SLIP_YM = 202308


def make_corrections(rng: random.Random, city: DemoCity, count: int = 12) -> None:
    """Record preliminary versions in ``city.preliminary`` (final values stay in ``rows``)."""
    candidates = sorted(
        (e for e in city.enterprises if e.status == "frame" and 5_000 < e.base < 300_000),
        key=lambda e: e.uscc,
    )
    if not candidates:
        return
    producing = [e for e in candidates if city.rows[e.uscc].get(SLIP_YM, [0.0])[OUTPUT] > 0]
    if producing:
        slip_firm = rng.choice(producing)
        slip_row = city.rows[slip_firm.uscc][SLIP_YM]
        prelim = list(slip_row)
        for i in MONEY:
            prelim[i] = slip_row[i] * 10_000
        city.preliminary[(slip_firm.uscc, SLIP_YM)] = prelim
    months = [202212, 202303, 202305, 202306, 202309, 202310, 202311, 202401, 202402, 202403]
    chosen = 0
    for e in rng.sample(candidates, min(len(candidates), count * 2)):
        ym = rng.choice(months)
        row = city.rows[e.uscc].get(ym)
        if (e.uscc, ym) in city.preliminary or row is None or row[OUTPUT] <= 0:
            continue
        f = rng.choice((rng.uniform(0.9, 0.97), rng.uniform(1.03, 1.08)))
        prelim = list(row)
        for i in (OUTPUT, SALES, EXPORT, REVENUE):
            prelim[i] = row[i] * f
        prelim[PROFIT] = row[PROFIT] + (f - 1) * row[REVENUE] * 0.5
        city.preliminary[(e.uscc, ym)] = prelim
        chosen += 1
        if chosen == count:
            break

"""Reference series: PPI by division, value-added ratios, benchmarks and targets.

PPI follows the national producer-price cycle of 2022–2024 (about +9 % in early 2022, below
zero from late 2022, the trough of about −5 % in mid-2023, near zero by mid-2024), scaled by
each division's sensitivity: so 2023 is below 100 for most divisions, far below for chemicals
and steel. Non-ferrous prices turn up in 2024. Values are rounded as written to the file, and
the generator prices everything with the rounded values.
"""

from __future__ import annotations

import itertools
import random

from gongxin.city.config import CityConfig
from gongxin.demo.figures import Records, ReferenceEngine
from gongxin.demo.industries import DIVISIONS
from gongxin.demo.model import REPORT_MONTHS, ym_str
from gongxin.wording import rounded

# National PPI year-on-year minus 100, at a few months; linear in between.
_CYCLE_POINTS = (
    (202201, 9.0),
    (202204, 8.0),
    (202207, 4.2),
    (202210, -1.3),
    (202212, -0.8),
    (202303, -2.5),
    (202306, -5.4),
    (202309, -2.5),
    (202312, -2.7),
    (202403, -2.8),
    (202406, -0.8),
)

# Value-added growth year-to-date (%) of the province and the nation. Where the city's
# published figures state the gap (2023-10: 1.9 and 4.7 pp below 8.8; 2023-12: 1.9 and 4.4 pp
# below 9.0) the benchmark follows from it; the other months are plausible, with January
# repeating the January–February figure as the statistics bureaus publish the two together.
BENCHMARKS: dict[str, dict[int, float]] = {
    "province": {
        202301: 5.8,
        202302: 5.8,
        202303: 6.3,
        202304: 6.5,
        202305: 6.6,
        202306: 6.8,
        202307: 6.8,
        202308: 6.8,
        202309: 6.9,
        202310: 6.9,
        202311: 7.0,
        202312: 7.1,
        202401: 8.6,
        202402: 8.6,
        202403: 8.0,
        202404: 8.0,
        202405: 8.2,
        202406: 8.2,
    },
    "nation": {
        202301: 2.4,
        202302: 2.4,
        202303: 3.0,
        202304: 3.6,
        202305: 3.6,
        202306: 3.8,
        202307: 3.8,
        202308: 3.9,
        202309: 4.0,
        202310: 4.1,
        202311: 4.3,
        202312: 4.6,
        202401: 7.0,
        202402: 7.0,
        202403: 6.1,
        202404: 6.3,
        202405: 6.2,
        202406: 6.0,
    },
}

# Annual value-added growth targets (%) of the regions; zones are asked for more.
REGION_TARGETS: dict[str, dict[str, float]] = {
    "2023": {
        "371502": 6.5,
        "371503": 7.0,
        "371521": 7.5,
        "371522": 7.0,
        "371524": 7.0,
        "371525": 7.0,
        "371526": 7.0,
        "371581": 7.5,
        "371571": 8.0,
        "371572": 8.5,
        "371573": 6.0,
    },
    "2024": {
        "371502": 6.5,
        "371503": 7.0,
        "371521": 7.5,
        "371522": 7.0,
        "371524": 7.0,
        "371525": 7.0,
        "371526": 7.0,
        "371581": 7.5,
        "371571": 8.0,
        "371572": 8.5,
        "371573": 6.0,
    },
}
DEFAULT_CITY_TARGET = 7.0


def _month_index(ym: int) -> int:
    return (ym // 100) * 12 + ym % 100 - 1


def price_cycle(ym: int) -> float:
    """National PPI minus 100 at ``ym``, interpolated linearly between the known points."""
    t = _month_index(ym)
    points = [(_month_index(p), v) for p, v in _CYCLE_POINTS]
    if t <= points[0][0]:
        return points[0][1]
    for (ta, va), (tb, vb) in itertools.pairwise(points):
        if ta <= t <= tb:
            return va + (vb - va) * (t - ta) / (tb - ta)
    return points[-1][1]


def build_reference(rng: random.Random, config: CityConfig) -> dict[tuple[str, str, str], float]:
    """Every reference value of the demo: (series, scope, period) -> value."""
    ref: dict[tuple[str, str, str], float] = {}
    for spec in DIVISIONS:
        offset, sensitivity = spec.ppi
        drift = 0.0
        for ym in REPORT_MONTHS:
            # A little autocorrelated noise so divisions do not move in lockstep.
            drift = 0.7 * drift + rng.gauss(0, 0.35)
            value = 100 + offset + sensitivity * price_cycle(ym) + drift
            if spec.code == "32" and ym >= 202401:
                value += 1.0 + (ym % 100)  # aluminium and copper prices recover in 2024
            ref[("ppi", spec.code, ym_str(ym))] = round(value, 1)
        ref[("va_ratio", spec.code, "2022")] = round(spec.va[0], 4)
        ref[("va_ratio", spec.code, "2023")] = round(spec.va[1], 4)
        # 2024 ratios intentionally absent: they come late; the engine falls back to 2023.
    for scope, values in BENCHMARKS.items():
        for ym, value in values.items():
            ref[("benchmark_va_growth_ytd", scope, ym_str(ym))] = value
    city_targets = {
        t.period: t.value
        for t in config.targets
        if t.series == "target_va_growth" and t.scope == config.code
    }
    for year in ("2023", "2024"):
        # The configuration's own city target wins: the demo must not contradict it.
        ref[("target_va_growth", config.code, year)] = city_targets.get(year, DEFAULT_CITY_TARGET)
        for region in config.regions:
            value = REGION_TARGETS[year].get(region.code, DEFAULT_CITY_TARGET)
            ref[("target_va_growth", region.code, year)] = value
    return ref


# The statistics bureau's official figures (official_va_growth_ytd) for these months: close to
# the platform's estimate, except one region published well below it, so the flag shows.
OFFICIAL_MONTHS = (202402, 202403, 202404, 202405, 202406)
OFFICIAL_NOISE = 0.3  # pp, bound of the bureau's difference from the estimate
OFFICIAL_OFF_REGION = "371521"  # 阳谷县
OFFICIAL_OFF_BY = -0.8  # pp: beyond the 0.5 pp reconciliation flag


def official_figures(
    rng: random.Random, config: CityConfig, recs: Records
) -> dict[tuple[str, str, str], float]:
    """``official_va_growth_ytd`` for the city and its regions: the estimate the records give
    (the demo's independent reference computation, as the engine computes it) plus a bounded
    noise, rounded to 1 decimal as published; :data:`OFFICIAL_OFF_REGION` is off by
    :data:`OFFICIAL_OFF_BY`."""
    engine = ReferenceEngine(recs, lambda _code: False)
    out: dict[tuple[str, str, str], float] = {}
    for ym in OFFICIAL_MONTHS:
        period = ym_str(ym)
        estimates = {config.code: engine.va_growth_ytd(period, "city").get("city")}
        estimates.update(engine.va_growth_ytd(period, "region"))
        for scope, estimate in sorted(estimates.items(), key=lambda kv: str(kv[0])):
            if estimate is None:
                continue
            noise = max(-OFFICIAL_NOISE, min(OFFICIAL_NOISE, rng.gauss(0, 0.15)))
            if scope == OFFICIAL_OFF_REGION:
                noise = OFFICIAL_OFF_BY
            out[("official_va_growth_ytd", str(scope), period)] = rounded(estimate + noise, 1)
    return out

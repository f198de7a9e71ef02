"""The in-memory synthetic city: enterprises, their monthly values and the reference series.

Periods are ``ym`` integers (year * 100 + month), as everywhere in gongxin. Monthly values are
lists in the order of ``VALUES``; a row exists for every month an enterprise produced, reported
or not: rows before its first report (2021 for the original frame, the year before entry for
new entrants) are its own prior-year figures, which the files carry in the ``*_py`` columns.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from gongxin.city.config import CityConfig

# Index of each value in a monthly row.
OUTPUT, SALES, EXPORT, REVENUE, PROFIT, ELECTRICITY, EMPLOYEES = range(7)
VALUES = ("output", "sales", "export", "revenue", "profit", "electricity", "employees")
# The measures that have a prior-year (*_py) column, in the contract's order.
PY_MEASURES = ("output", "sales", "export", "revenue", "profit", "electricity")
MONEY = (OUTPUT, SALES, EXPORT, REVENUE, PROFIT)

YEARS = (2022, 2023, 2024)
FIRST_YM = 202201
LAST_YM = 202406
SHADOW_FIRST_YM = 202101  # the prior year of the first reported year


def ym_range(first: int, last: int) -> list[int]:
    """All months from ``first`` to ``last`` inclusive."""
    out = []
    y, m = divmod(first, 100)
    while y * 100 + m <= last:
        out.append(y * 100 + m)
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


REPORT_MONTHS = tuple(ym_range(FIRST_YM, LAST_YM))


def ym_str(ym: int) -> str:
    return f"{ym // 100:04d}-{ym % 100:02d}"


def parse_ym(text: str) -> int:
    y, m = text.split("-")
    return int(y) * 100 + int(m)


@dataclass
class Enterprise:
    """One enterprise of the roster plus the hidden parameters its series are drawn from."""

    uscc: str
    name: str
    region: str
    industry: str  # 4-digit GB/T 4754-2017 class
    division: str
    high_tech: bool
    ownership: str
    from_ym: int | None = None  # None = above scale since before the data begin
    to_ym: int | None = None  # None = still above scale
    reports_py: bool = True  # gives its own prior-year figures where none are stored
    new_plant: bool = False  # started production inside the data window
    size: str = ""
    land_mu: float | None = None
    key: bool = False
    chains: list[str] = field(default_factory=list)
    chain_role: str = ""
    base: float = 0.0  # annual output in 2021, 万元 at 2021 prices
    status: str = "frame"  # frame | exit | entrant | plant (how it came and went)

    @property
    def first_ym(self) -> int:
        return max(self.from_ym or FIRST_YM, FIRST_YM)

    @property
    def last_ym(self) -> int:
        return min(self.to_ym or LAST_YM, LAST_YM)

    def reports(self, ym: int) -> bool:
        """Whether the enterprise files a report for ``ym`` (only inside its spell)."""
        return self.first_ym <= ym <= self.last_ym

    @property
    def cell(self) -> tuple[str, bool]:
        """The calibration cell: division and high-tech flag."""
        return (self.division, self.high_tech)


@dataclass
class DemoCity:
    seed: int
    config: CityConfig
    enterprises: list[Enterprise]
    # uscc -> ym -> values (see VALUES); includes the unreported prior-year rows
    rows: dict[str, dict[int, list[float]]]
    # (series, scope, period) -> value, already rounded as written
    reference: dict[tuple[str, str, str], float]
    # (uscc, ym) -> values first reported in the main files, later corrected
    preliminary: dict[tuple[str, int], list[float]] = field(default_factory=dict)
    # notes from calibration: factor ranges, shifts, per-target results
    calibration: dict[str, object] = field(default_factory=dict)

    @functools.cached_property
    def enterprise_by_uscc(self) -> dict[str, Enterprise]:
        return {e.uscc: e for e in self.enterprises}

    def ppi(self, division: str, ym: int) -> float:
        return self.reference.get(("ppi", division, ym_str(ym)), 100.0)

    def va_ratio(self, division: str, year: int) -> float:
        for y in range(year, 2000, -1):
            value = self.reference.get(("va_ratio", division, str(y)))
            if value is not None:
                return value
        return 1.0

    def has_py(self, e: Enterprise, ym: int) -> bool:
        """Whether the report for ``ym`` carries *_py columns: only where no report is stored."""
        # 2022 rows always qualify (2021 is never stored); later ones only for new entrants.
        return not e.reports(ym - 100) and e.reports_py and ym - 100 in self.rows[e.uscc]

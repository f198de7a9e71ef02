"""An independent reference computation of value-added growth, from the records alone.

This implements the data contract's definitions (``shared/docs/data-contract.md``, "Indicators
out") directly over the rows of the files, as strings, in import order, without any of the
generator's internals, so that it can check the generated files (and the engine, later):

* population of period Y-M: enterprises above scale in Y-M, over their reports for months
  1..M of Y that fall inside an above-scale spell; the latest revision of each report wins;
* base: the row's ``output_py`` where given, else the stored report a year earlier; a report
  without a base is out of growth;
* VA = va_ratio(year, else the latest earlier year, else 1) × output / (ppi / 100), a missing
  PPI counting as 100; VA_py = va_ratio × base;
* growth = (ΣVA / ΣVA_py − 1) × 100.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gongxin.demo.model import parse_ym


@dataclass
class Records:
    """The rows of the demo files, as written, in the order they are imported."""

    roster: list[dict[str, str]]
    monthly: list[dict[str, str]]  # main files, then corrections
    reference: list[dict[str, str]]


@dataclass(frozen=True)
class PublishedFigure:
    key: str
    period: str
    by: str  # city | industry | high_tech
    member: str | None
    value: float


# The figures the city published (shared/seeds); the demo must reproduce them.
PUBLISHED: tuple[PublishedFigure, ...] = (
    PublishedFigure("city_2024_04", "2024-04", "city", None, 7.9),
    PublishedFigure("high_tech_2024_04", "2024-04", "high_tech", "1", 18.4),
    PublishedFigure("city_2023_12", "2023-12", "city", None, 9.0),
    PublishedFigure("city_2023_10", "2023-10", "city", None, 8.8),
)
DIVISIONS_PERIOD = "2024-04"
DIVISIONS_GE10 = 14
DIVISIONS_ACTIVE = 32


@dataclass
class ReferenceEngine:
    records: Records
    is_high_tech: Callable[[str], bool]
    spells: dict[str, tuple[int | None, int | None]] = field(init=False)
    industry: dict[str, str] = field(init=False)
    latest: dict[tuple[str, int], dict[str, str]] = field(init=False)
    ppi: dict[tuple[str, str], float] = field(init=False)
    ratios: dict[str, dict[int, float]] = field(init=False)

    def __post_init__(self) -> None:
        self.spells, self.industry = {}, {}
        for row in self.records.roster:
            frm, to = row.get("above_scale_from", ""), row.get("above_scale_to", "")
            self.spells[row["uscc"]] = (
                parse_ym(frm) if frm else None,
                parse_ym(to) if to else None,
            )
            self.industry[row["uscc"]] = row["industry"]
        self.latest = {}
        for row in self.records.monthly:  # later rows are later revisions
            self.latest[(row["uscc"], parse_ym(row["period"]))] = row
        self.ppi, self.ratios = {}, {}
        for row in self.records.reference:
            if row["series"] == "ppi":
                self.ppi[(row["scope"], row["period"])] = float(row["value"])
            elif row["series"] == "va_ratio":
                self.ratios.setdefault(row["scope"], {})[int(row["period"])] = float(row["value"])

    def above_scale(self, uscc: str, ym: int) -> bool:
        frm, to = self.spells[uscc]
        return (frm is None or frm <= ym) and (to is None or ym <= to)

    def ratio(self, division: str, year: int) -> float:
        years = [y for y in self.ratios.get(division, {}) if y <= year]
        return self.ratios[division][max(years)] if years else 1.0

    def member_key(self, by: str) -> Callable[[str], str]:
        if by == "city":
            return lambda uscc: "city"
        if by == "industry":
            return lambda uscc: self.industry[uscc][:2]
        if by == "region":
            regions = {row["uscc"]: row["region"] for row in self.records.roster}
            return lambda uscc: regions[uscc]
        if by == "high_tech":
            return lambda uscc: "1" if self.is_high_tech(self.industry[uscc]) else "0"
        raise ValueError(f"unknown dimension {by!r}")

    def va_growth_ytd(self, period: str, by: str = "city") -> dict[str, float | None]:
        """``va_growth_ytd`` of every member of dimension ``by`` in ``period`` (YYYY-MM)."""
        sums = self.va_sums(period, by)
        return {k: ((va / py - 1) * 100 if py > 0 else None) for k, (va, py) in sums.items()}

    def va_sums(self, period: str, by: str = "city") -> dict[str, tuple[float, float]]:
        """(ΣVA, ΣVA_py) of the same-caliber reports, YTD, per member."""
        ym_end = parse_ym(period)
        year, month = divmod(ym_end, 100)
        key = self.member_key(by)
        sums: dict[str, list[float]] = {}
        for uscc in self.spells:
            if not self.above_scale(uscc, ym_end):
                continue
            division = self.industry[uscc][:2]
            ratio = self.ratio(division, year)
            acc = sums.setdefault(key(uscc), [0.0, 0.0])
            for m in range(1, month + 1):
                ym = year * 100 + m
                row = self.latest.get((uscc, ym))
                if row is None or not self.above_scale(uscc, ym):
                    continue
                if row.get("output_py", "") != "":
                    base = float(row["output_py"])
                else:
                    prior = self.latest.get((uscc, ym - 100))
                    if prior is None:
                        continue  # no base: out of growth
                    base = float(prior["output"])
                ppi = self.ppi.get((division, row["period"]), 100.0)
                acc[0] += ratio * float(row["output"]) / (ppi / 100)
                acc[1] += ratio * base
        return {k: (v[0], v[1]) for k, v in sums.items()}

    def active_divisions(self, period: str) -> set[str]:
        ym = parse_ym(period)
        return {
            self.industry[u][:2]
            for u in self.spells
            if self.above_scale(u, ym) and (u, ym) in self.latest
        }


def published_figures(engine: ReferenceEngine) -> dict[str, float]:
    """The five published figures as the reference computation finds them in the records."""
    out: dict[str, float] = {}
    for fig in PUBLISHED:
        values = engine.va_growth_ytd(fig.period, fig.by)
        value = values.get(fig.member or "city")
        out[fig.key] = float("nan") if value is None else value
    by_division = engine.va_growth_ytd(DIVISIONS_PERIOD, "industry")
    growths = [v for v in by_division.values() if v is not None]
    out["divisions_active_2024_04"] = float(len(engine.active_divisions(DIVISIONS_PERIOD)))
    out["divisions_ge10_2024_04"] = float(sum(1 for v in growths if v >= 10))
    out["divisions_margin_2024_04"] = min(abs(v - 10) for v in growths) if growths else 0.0
    return out


def figure_errors(figures: dict[str, float]) -> dict[str, float]:
    """Absolute deviation of each published growth figure (pp)."""
    return {fig.key: abs(figures[fig.key] - fig.value) for fig in PUBLISHED}

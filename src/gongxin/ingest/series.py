"""Reference series the platform knows: what scope and period each takes, and its valid values.

A reference file may only hold series listed here; an unknown name is an error (a typo such as
``va_rate`` must not load a series nobody reads). Adding a series is one entry.

Scopes: ``division`` — a 2-digit GB/T 4754-2017 division of sections B–D; ``benchmark`` —
``province`` or ``nation``; ``target`` — ``city`` (stored as the city's code, as the city
configuration's targets are) or a region code of the city (targets, and the statistics
bureau's official figures the platform's estimates are reconciled with).
"""

from __future__ import annotations

from dataclasses import dataclass

DIVISION = "division"
BENCHMARK = "benchmark"
TARGET = "target"
MONTH = "month"
YEAR = "year"

BENCHMARK_SCOPES = ("province", "nation")


@dataclass(frozen=True)
class Series:
    code: str
    name: str
    unit: str
    scope: str  # DIVISION, BENCHMARK or TARGET
    period: str  # MONTH (YYYY-MM) or YEAR (YYYY)
    minimum: float | None = None  # exclusive bounds: a PPI of 0 or a ratio of 0 is a slip
    maximum: float | None = None  # inclusive
    usual: tuple[float, float] | None = None  # outside: a warning, not an error


SERIES: dict[str, Series] = {
    s.code: s
    for s in (
        Series(
            "ppi",
            "工业生产者出厂价格指数（上年同月=100）",
            "上年同月=100",
            DIVISION,
            MONTH,
            minimum=0,
            usual=(50, 200),
        ),
        Series("va_ratio", "工业增加值率", "比率", DIVISION, YEAR, minimum=0, maximum=1),
        Series("benchmark_va_growth_ytd", "规上工业增加值累计增速（对标）", "%", BENCHMARK, MONTH),
        Series("target_va_growth", "规上工业增加值增速目标", "%", TARGET, YEAR),
        Series("official_va_growth_ytd", "规上工业增加值累计增速（统计局）", "%", TARGET, MONTH),
    )
}

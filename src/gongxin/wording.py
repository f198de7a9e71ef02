"""The one module for rounding and Chinese wording of figures (CLI, web, documents, warnings).

How the bureau writes figures and dates: 增长7.9%、高于全省1.9个百分点、1—4月份、2024年5月20日.

Rounding is half-up on the decimal value (7.85 → 7.9), as a reader rounds by hand, not
Python's round-half-even on binary floats.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def rounded(value: float, decimals: int = 1) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def number(value: float, decimals: int = 1) -> str:
    """``7.94`` → ``7.9``; ``-0.04`` → ``0.0`` (never ``-0.0``)."""
    text = f"{rounded(value, decimals):.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def signed_word(value: float, up: str = "增长", down: str = "下降") -> str:
    """The verb of a change: 增长 / 下降 by the sign the reader sees after rounding."""
    return down if rounded(value) < 0 else up


def ytd_label(ym: int) -> str:
    """``202404`` → ``1—4月份``; ``202401`` → ``1月份`` (an em dash, as the bureau writes)."""
    month = ym % 100
    return "1月份" if month == 1 else f"1—{month}月份"


def month_label(ym: int) -> str:
    return f"{ym % 100}月份"


def chinese_date(day: dt.date) -> str:
    """``2024年5月20日``: Arabic numerals, no zero padding (GB/T 9704-2012 7.3.5.3)."""
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def previous_ym(ym: int) -> int:
    year, month = divmod(ym, 100)
    return (year - 1) * 100 + 12 if month == 1 else ym - 1

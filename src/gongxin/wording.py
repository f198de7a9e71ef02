"""The one module for rounding and Chinese wording of figures (CLI, web, documents, warnings).

How the bureau writes figures and dates: 增长7.9%、高于全省1.9个百分点、1—4月份、2024年5月20日.

Rounding is half-up on the exact value (7.85 → 7.9), as a reader rounds by hand, not Python's
round-half-even on binary floats. A float is first snapped to 9 decimal places (the platform's
convention: two figures agreeing to 9 places are equal), so the binary noise of
``(107.75 / 100 - 1) * 100 == 7.749999999999996`` does not turn a true 7.75 into 7.7.

Every published figure goes through :func:`rounded` / :func:`number`; Chinese sentences use
:func:`growth` (增长7.9% / 下降3.1% / 持平) and :func:`gap` (高于全省1.9个百分点 / 与全省持平),
which word the figure a reader sees, so text and the figures beside it always agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

# Binary noise below this is not part of a figure (the shared number convention).
SNAP_DECIMALS = 9
_SNAP = Decimal(1).scaleb(-SNAP_DECIMALS)

Number = float | int | Decimal


def exact(value: Number) -> Decimal:
    """The value as an exact decimal, snapped to 9 places: ``7.749999999999996`` → ``7.75``."""
    if isinstance(value, Decimal):
        return value.quantize(_SNAP, rounding=ROUND_HALF_EVEN)
    return Decimal(repr(float(value))).quantize(_SNAP, rounding=ROUND_HALF_EVEN)


def rounded_decimal(value: Number, decimals: int = 1) -> Decimal:
    """Half up (四舍五入) on the exact value; ``-0`` comes back as ``0``."""
    shown = exact(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return shown.copy_abs() if shown.is_zero() else shown


def rounded(value: Number, decimals: int = 1) -> float:
    """The figure as published: ``rounded(7.749999999999996) == 7.8``, ``rounded(0.05) == 0.1``."""
    return float(rounded_decimal(value, decimals))


def number(value: Number | None, decimals: int = 1, *, grouping: bool = False) -> str:
    """``7.94`` → ``7.9``; ``-0.04`` → ``0.0`` (never ``-0.0``); ``None`` → ``—``.

    ``grouping`` puts thousands separators in (tables: ``1,234,567.8``).
    """
    if value is None:
        return "—"
    shown = rounded_decimal(value, decimals)
    return f"{shown:,.{decimals}f}" if grouping else f"{shown:.{decimals}f}"


def is_flat(value: Number, decimals: int = 1) -> bool:
    """Whether a change reads 0.0 once rounded (written 持平)."""
    return rounded_decimal(value, decimals).is_zero()


def signed_word(value: Number, up: str = "增长", down: str = "下降") -> str:
    """The verb of a change: 增长 / 下降 by the sign the reader sees after rounding."""
    return down if rounded(value) < 0 else up


def growth(value: Number, decimals: int = 1, *, up: str = "增长", down: str = "下降") -> str:
    """``增长7.9%`` / ``下降3.1%`` / ``持平`` (a change that rounds to 0.0, e.g. −0.04 %)."""
    shown = rounded_decimal(value, decimals)
    if shown.is_zero():
        return "持平"
    return f"{up if shown > 0 else down}{number(abs(shown), decimals)}%"


def gap_value(value: Number, other: Number, decimals: int = 1) -> Decimal:
    """``value − other`` of the *rounded* figures: 7.2 % vs 7.9 % (7.24, 7.86) → −0.7, not −0.6."""
    return rounded_decimal(value, decimals) - rounded_decimal(other, decimals)


def gap(
    value: Number,
    other: Number,
    against: str = "全省",
    decimals: int = 1,
    *,
    unit: str = "个百分点",
) -> str:
    """``高于全省1.9个百分点`` / ``低于全省0.7个百分点`` / ``与全省持平``.

    The gap is the difference of the figures as shown (rounded first), so it matches the two
    figures printed beside it.
    """
    diff = gap_value(value, other, decimals)
    if diff.is_zero():
        return f"与{against}持平"
    return f"{'高于' if diff > 0 else '低于'}{against}{number(abs(diff), decimals)}{unit}"


def against_time(ahead_pp: Number, decimals: int = 1) -> str:
    """A project's completion against time progress: ``超过时间进度3.2个百分点`` /
    ``落后时间进度33.3个百分点`` / ``与时间进度持平`` (a gap that rounds to 0.0)."""
    shown = rounded_decimal(ahead_pp, decimals)
    if shown.is_zero():
        return "与时间进度持平"
    return f"{'超过' if shown > 0 else '落后'}时间进度{number(abs(shown), decimals)}个百分点"


def points(value: Number, decimals: int = 1) -> str:
    """A change in points: ``提高1.2个百分点`` / ``回落0.3个百分点`` / ``持平``."""
    shown = rounded_decimal(value, decimals)
    if shown.is_zero():
        return "持平"
    return f"{'提高' if shown > 0 else '回落'}{number(abs(shown), decimals)}个百分点"


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

"""Periods as the platform stores them: ``ym = year * 100 + month`` (``2024-04`` ↔ ``202404``).

Files and users write months as ``YYYY-MM`` and years as ``YYYY``; everything else in the code
(models, snapshot, engine) uses the integer, which sorts and compares like the month itself.
"""

from __future__ import annotations

import re

ERR_MONTH_FORMAT = "应为 YYYY-MM 格式的年月（如 2024-04），实为“{value}”"
ERR_MONTH_RANGE = "月份应在 01 到 12 之间，实为“{value}”"
ERR_YEAR_FORMAT = "应为 YYYY 格式的年份（如 2024），实为“{value}”"
ERR_YEAR_RANGE = "年份 {year} 超出可接受范围（{low}–{high}）"

# Industrial statistics in their present form start in the 1950s; a year outside this range is
# a typo (2204 for 2024), not history or a forecast anyone imports.
YEAR_MIN = 1949
YEAR_MAX = 2100

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# 1—2月 written as a period: 2024-01~02 (also 2024-01-02 range dashes) or 2024年1—2月
_JAN_FEB = re.compile(r"^(\d{4})(?:-01\s*[~～—–-]\s*02|年\s*0?1\s*[—–\-~～－]+\s*0?2\s*月(?:份)?)$")
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(ValueError):
    """A period written in a way the platform does not accept; the message is for a clerk."""


def _check_year(year: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise PeriodError(ERR_YEAR_RANGE.format(year=year, low=YEAR_MIN, high=YEAR_MAX))


def ym_parse(text: str) -> int:
    """``"2024-04"`` → ``202404``; anything else raises :class:`PeriodError`."""
    value = text.strip()
    match = _MONTH.match(value)
    if not match:
        raise PeriodError(ERR_MONTH_FORMAT.format(value=value))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(ERR_MONTH_RANGE.format(value=value))
    _check_year(year)
    return year * 100 + month


class JanFeb(int):
    """February's ym, for a report that covers January and February together (1—2月).

    It equals (and stores as) February's ``ym``; the type tells the importer the report is
    combined (``MonthlyReport.combined``).
    """


def report_period_parse(text: str) -> int:
    """A report period: ``YYYY-MM``, or 1—2月 (``2024-01~02``, ``2024年1—2月``) → ``JanFeb``."""
    value = text.strip()
    match = _JAN_FEB.match(value)
    if match:
        year = int(match.group(1))
        _check_year(year)
        return JanFeb(year * 100 + 2)
    return ym_parse(value)


def ym_from_parts(year: int, month: int) -> int:
    """The ym of a calendar month (e.g. of an Excel date cell); raises for an impossible one."""
    if not 1 <= month <= 12:
        raise PeriodError(ERR_MONTH_RANGE.format(value=f"{year:04d}-{month:02d}"))
    _check_year(year)
    return year * 100 + month


def ym_format(ym: int) -> str:
    """``202404`` → ``"2024-04"``."""
    return f"{ym // 100:04d}-{ym % 100:02d}"


def year_parse(text: str) -> int:
    """``"2024"`` → ``2024``; anything else raises :class:`PeriodError`."""
    value = text.strip()
    if not _YEAR.match(value):
        raise PeriodError(ERR_YEAR_FORMAT.format(value=value))
    year = int(value)
    _check_year(year)
    return year

"""Which report months the pages offer, and which one a request asks for."""

from __future__ import annotations

from django.http import HttpRequest

from gongxin.stats.models import MonthlyReport


def periods_available() -> list[str]:
    """Months with at least one stored report, newest first, as ``YYYY-MM``."""
    # a month only a withdrawn import holds is not offered
    yms = (
        MonthlyReport.objects.filter(batch__withdrawn_at__isnull=True)
        .values_list("ym", flat=True)
        .distinct()
        .order_by("-ym")
    )
    return [f"{ym // 100}-{ym % 100:02d}" for ym in yms]


def period_from_request(request: HttpRequest, available: list[str]) -> str | None:
    """``?period=`` if the platform has data for it, else the latest month (None: no data).

    An unknown month is not an error page: a bookmark from last year still opens the cockpit.
    """
    asked = request.GET.get("period", "")
    if asked in available:
        return asked
    return available[0] if available else None


def year_to_date(period: str) -> list[str]:
    """January through ``period`` of its year: the months a year's series is drawn over."""
    year, month = period.split("-")
    return [f"{year}-{m:02d}" for m in range(1, int(month) + 1)]


def period_label(period: str) -> str:
    """How a bulletin names the window: ``2024年1—6月`` (``2024年1月`` in January)."""
    year, month = period.split("-")
    return f"{year}年1—{int(month)}月" if int(month) > 1 else f"{year}年1月"

"""Reads over the analytic snapshot: the engine bound to the records' current version."""

from __future__ import annotations

import functools
from datetime import datetime

from django.conf import settings

from gongxin.engine import Engine
from gongxin.errors import UserError
from gongxin.stats.snapshot import snapshot_ensure
from gongxin.stats.snapshot_files import ERR_BAD_AS_OF, AsOfError, as_of_utc


def engine_current() -> Engine:
    """The engine over a snapshot of the records as they are now (rebuilt first if stale)."""
    info = snapshot_ensure()
    return _engine_for(str(info.path))


@functools.lru_cache(maxsize=2)
def _engine_for(path: str) -> Engine:
    # One engine per snapshot file: its result cache is keyed by the file's data version.
    return Engine.open(path)


def parse_as_of(value: str | None) -> datetime | None:
    """ISO-8601 date or date-time; without a zone it is local time (settings.TIME_ZONE).

    Returned in UTC without tzinfo, as the snapshot stores ``recorded_at``. A bare date means
    the end of that day: "as of 2024-05-20" includes what was recorded on the 20th.
    """
    try:
        return as_of_utc(value, settings.TIME_ZONE)
    except AsOfError as exc:
        raise UserError(ERR_BAD_AS_OF.format(value=value)) from exc


def report_periods() -> list[str]:
    """Months with at least one stored monthly report, newest first, as ``YYYY-MM``."""
    from gongxin.stats.models import MonthlyReport

    counting = MonthlyReport.objects.filter(batch__withdrawn_at__isnull=True)
    yms = counting.values_list("ym", flat=True).distinct().order_by("-ym")
    return [f"{ym // 100}-{ym % 100:02d}" for ym in yms]

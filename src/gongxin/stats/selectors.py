"""Reads over the analytic snapshot: the engine bound to the records' current version."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from gongxin.engine import Engine
from gongxin.errors import UserError
from gongxin.stats.snapshot import snapshot_ensure

ERR_BAD_AS_OF = (
    "--as-of 的值 {value!r} 无效：应为 ISO-8601 日期或时间，如 2024-05-20 或 2024-05-20T15:30"
)


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
    if not value:
        return None
    try:
        if len(value) == 10:
            moment = datetime.fromisoformat(value).replace(
                hour=23, minute=59, second=59, microsecond=999999
            )
        else:
            moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UserError(ERR_BAD_AS_OF.format(value=value)) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return moment.astimezone(UTC).replace(tzinfo=None)


def report_periods() -> list[str]:
    """Months with at least one stored monthly report, newest first, as ``YYYY-MM``."""
    from gongxin.stats.models import MonthlyReport

    yms = MonthlyReport.objects.values_list("ym", flat=True).distinct().order_by("-ym")
    return [f"{ym // 100}-{ym % 100:02d}" for ym in yms]

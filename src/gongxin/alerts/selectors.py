"""Reads: a period's stored warnings within a user's scope, as the contract's JSON objects."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gongxin.alerts.access import warnings_visible
from gongxin.alerts.models import (
    LEVEL_ORDER,
    Evaluation,
    Level,
    Status,
    StoredWarning,
    WarningEvent,
    WarningScope,
)
from gongxin.alerts.rules import RULE_KINDS
from gongxin.city.models import Region
from gongxin.engine import default_catalog
from gongxin.engine.errors import EngineError
from gongxin.engine.period import Period
from gongxin.errors import UserError
from gongxin.scope import Scope

ERR_UNKNOWN_LEVEL = "未知预警级别 {value}：应为 red、yellow 或 blue"
ERR_UNKNOWN_KIND = "未知预警类型 {value}：可用 {choices}"
ERR_UNKNOWN_STATUS = "未知处置状态 {value}：应为 open、assigned、acknowledged、closed 或 reopened"
ERR_UNKNOWN_REGION = "区县代码 {value} 不在城市配置中"

_SCOPE_ORDER = list(WarningScope.values)
_KIND_ORDER = list(RULE_KINDS)


def _sort_key(w: StoredWarning) -> tuple:
    return (
        LEVEL_ORDER.index(Level(w.level)),
        _SCOPE_ORDER.index(w.scope) if w.scope in _SCOPE_ORDER else len(_SCOPE_ORDER),
        _KIND_ORDER.index(w.kind) if w.kind in _KIND_ORDER else len(_KIND_ORDER),
        w.region,
        w.member,
    )


def period_label(period: str) -> str:
    try:
        return Period.parse(period).label()
    except EngineError as exc:
        raise UserError(str(exc)) from exc


def alerts_for_period(
    *,
    period: str,
    scope: Scope,
    level: str | None = None,
    kind: str | None = None,
    region: str | None = None,
    status: str | None = None,
    include_resolved: bool = False,
) -> list[StoredWarning]:
    """The period's stored warnings ``scope`` may see: most severe first, then by scope.

    Warnings that no longer fire (after a re-evaluation) are left out unless
    ``include_resolved``. ``region`` keeps the warnings of that region: its enterprises' and
    the region's own.
    """
    qs = warnings_visible(scope).filter(period=period_label(period))
    if level:
        if level not in Level.values:
            raise UserError(ERR_UNKNOWN_LEVEL.format(value=level))
        qs = qs.filter(level=level)
    if kind:
        if kind not in RULE_KINDS:
            raise UserError(ERR_UNKNOWN_KIND.format(value=kind, choices="、".join(RULE_KINDS)))
        qs = qs.filter(kind=kind)
    if region:
        if not Region.objects.filter(code=region).exists():
            raise UserError(ERR_UNKNOWN_REGION.format(value=region))
        qs = qs.filter(region=region)
    if status:
        if status not in Status.values:
            raise UserError(ERR_UNKNOWN_STATUS.format(value=status))
        qs = qs.filter(status=status)
    if not include_resolved:
        qs = qs.filter(firing=True)
    return sorted(qs, key=_sort_key)


def _number(indicator: str, value: float | None) -> float | int | None:
    if value is None:
        return None
    spec = default_catalog().indicators.get(indicator)
    return round(value) if spec is not None and spec.is_integer else value


def warning_as_dict(warning: StoredWarning) -> dict[str, Any]:
    """The contract's JSON object ("Warnings out"), plus id, period, region, evaluated_at …"""
    return {
        "level": warning.level,
        "kind": warning.kind,
        "scope": warning.scope,
        "member": warning.member,
        "name": warning.name,
        "message": warning.message,
        "indicator": warning.indicator or None,
        "value": _number(warning.indicator, warning.value),
        "threshold": _number(warning.indicator, warning.threshold),
        "status": warning.status,
        "id": warning.pk,
        "period": warning.period,
        "region": warning.region or None,
        "evaluated_at": timezone.localtime(warning.evaluated_at).isoformat(timespec="seconds"),
        "firing": warning.firing,
        "resolved_at": (
            timezone.localtime(warning.resolved_at).isoformat(timespec="seconds")
            if warning.resolved_at
            else None
        ),
    }


def evaluation_latest(*, period: str) -> Evaluation | None:
    return Evaluation.objects.filter(period=period_label(period)).order_by("-at", "-id").first()


def evaluation_changes(*, evaluation: Evaluation) -> list[WarningEvent]:
    """What an evaluation changed (new, refired, level changed, revised, resolved)."""
    return list(evaluation.events.select_related("warning").order_by("id"))


def warning_history(*, warning: StoredWarning) -> list[WarningEvent]:
    return list(warning.events.order_by("at", "id"))


def alerts_stale(*, period: str) -> tuple[int, int] | None:
    """(evaluated version, current version) when data changed since the last evaluation."""
    from gongxin.stats.models import DataVersion

    latest = evaluation_latest(period=period)
    if latest is None or latest.data_version is None or latest.as_of is not None:
        return None
    current = DataVersion.current()
    return None if current == latest.data_version else (latest.data_version, current)


def warnings_for_enterprise(*, scope: Scope, uscc: str, limit: int = 50) -> list[StoredWarning]:
    """An enterprise's warnings of every period, newest first (its profile page shows them)."""
    return list(
        warnings_visible(scope)
        .filter(scope=WarningScope.ENTERPRISE, member=uscc)
        .order_by("-period", "-id")[:limit]
    )

"""GET /api/v1/alerts and POST /api/v1/alerts/{id}/actions, within the caller's scope.

The list is the same JSON array as `gongxin alerts --period P --format json` (shared
data-contract.md, "Warnings out"): a county user sees aggregate warnings of every region and
enterprise warnings of its own region only. The first request for a period evaluates and
stores its warnings, as the first CLI listing does. A warning the caller may not see answers
404 exactly like one that does not exist; one it sees but may not act on (another region's)
answers 403.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongxin.api.schemas import Error
from gongxin.errors import UserError

router = Router(tags=["预警"])

ERR_NOT_FOUND = "未找到该预警"


class WarningItem(Schema):
    """One warning: the contract's keys, then id, period, region, evaluated_at …"""

    level: str
    kind: str
    scope: str
    member: str
    name: str
    message: str
    indicator: str | None
    value: int | float | None
    threshold: int | float | None
    status: str
    id: int
    period: str
    region: str | None
    evaluated_at: str
    firing: bool
    resolved_at: str | None


class WarningAction(Schema):
    action: Literal["assign", "acknowledge", "note", "close", "reopen"]
    note: str = ""
    region: str | None = None  # assign: the region to hand it to
    user: str | None = None  # assign: the user to hand it to


@router.get(
    "",
    response={200: list[WarningItem], 400: Error},
    summary="预警列表",
    description=(
        "报告期的红黄蓝预警，与 `gongxin alerts --period P --format json` 相同。可按 level、"
        "kind、region、status 筛选；include_resolved=true 时也列出重新评估后不再触发的预警。"
        "县区用户仅见本区县的企业预警。"
    ),
)
def alert_list(
    request: HttpRequest,
    period: str,
    level: str | None = None,
    kind: str | None = None,
    region: str | None = None,
    status: str | None = None,
    include_resolved: bool = False,
):
    from gongxin.alerts.selectors import alerts_for_period, warning_as_dict
    from gongxin.alerts.services import alerts_ensure

    try:
        alerts_ensure(period=period, actor=request.user.username)
        warnings = alerts_for_period(
            period=period,
            scope=request.scope,
            level=level,
            kind=kind,
            region=region,
            status=status,
            include_resolved=include_resolved,
        )
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, [warning_as_dict(w) for w in warnings])


@router.post(
    "/{warning_id}/actions",
    response={200: WarningItem, 400: Error, 403: Error, 404: Error},
    summary="处置预警",
    description=(
        "action：assign 交办（region 和/或 user）、acknowledge 签收、note 跟进记录、"
        "close 办结、reopen 重新打开；note、close、reopen 须填写 note。"
        "县区用户只能处置本区县的预警。"
    ),
)
def alert_action(request: HttpRequest, warning_id: int, payload: WarningAction):
    from gongxin.alerts import services
    from gongxin.alerts.access import WarningForbidden, warning_access, warning_check_actionable
    from gongxin.alerts.models import StoredWarning
    from gongxin.alerts.selectors import warning_as_dict

    try:
        warning = warning_access(request.scope, warning_id)
    except StoredWarning.DoesNotExist:
        return Status(404, {"detail": ERR_NOT_FOUND})
    by = request.user.username
    try:
        if payload.action == "assign":
            warning_check_actionable(request.scope, warning, region=payload.region)
            warning = services.warning_assign(
                warning=warning, region=payload.region, user=payload.user, by=by,
                note=payload.note,
            )  # fmt: skip
        else:
            warning_check_actionable(request.scope, warning)
            act = getattr(services, f"warning_{payload.action}")
            warning = act(warning=warning, by=by, note=payload.note)
    except WarningForbidden as exc:
        return Status(403, {"detail": str(exc)})
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, warning_as_dict(warning))

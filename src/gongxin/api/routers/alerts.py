"""GET /api/v1/alerts and POST /api/v1/alerts/{id}/actions, within the caller's scope.

The list is the same JSON array as `gongxin alerts --period P --format json` (shared
data-contract.md, "Warnings out"): a county user sees aggregate warnings of every region and
enterprise warnings of its own region only. The first request for a period evaluates and
stores its warnings, as the first CLI listing does. A warning the caller may not see answers
404 exactly like one that does not exist; one it sees but may not act on (another region's),
or any action by a read-only role, answers 403. The permission checks are the alerts
services'; this router only calls them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Body, Field, Query, Router, Schema, Status
from pydantic import StringConstraints

from gongxin.api.schemas import PERIOD_PATTERN, Error
from gongxin.errors import UserError

router = Router(tags=["预警"])

ERR_NOT_FOUND = "未找到该预警"
# A note the services accept: at least one character that is not white space.
NOTE_PATTERN = r"\S"


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


class AssignAction(Schema):
    """交办: to a region (区县代码) and/or a user who may act on the warning."""

    action: Literal["assign"]
    region: str | None = None
    user: str | None = None
    note: str = ""


class AcknowledgeAction(Schema):
    """签收; the note is optional."""

    action: Literal["acknowledge"]
    note: str = ""


class NoteAction(Schema):
    """跟进记录: the note is required."""

    action: Literal["note"]
    note: str = Field(..., min_length=1, pattern=NOTE_PATTERN)


class CloseAction(Schema):
    """办结: the note (how it was resolved) is required."""

    action: Literal["close"]
    note: str = Field(..., min_length=1, pattern=NOTE_PATTERN)


class ReopenAction(Schema):
    """重新打开: the note (why) is required."""

    action: Literal["reopen"]
    note: str = Field(..., min_length=1, pattern=NOTE_PATTERN)


WarningAction = Annotated[
    AssignAction | AcknowledgeAction | NoteAction | CloseAction | ReopenAction,
    Field(discriminator="action"),
]


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
    period: Query[Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]],
    level: str | None = None,
    kind: str | None = None,
    region: str | None = None,
    status: str | None = None,
    include_resolved: bool = False,
):
    from gongxin.alerts.selectors import alerts_for_period, warning_as_dict
    from gongxin.alerts.services import alerts_ensure

    try:
        alerts_ensure(period=period, actor=request.actor.name)
        warnings = alerts_for_period(
            period=period,
            scope=request.actor.scope,
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
        "close 办结、reopen 重新打开；note、close、reopen 须填写 note（请求体按 action 区分）。"
        "县区用户只能处置本区县的预警，只能交办给本区县可处置该预警的用户；"
        "市级分析员只读，任何处置均返回 403。"
    ),
)
def alert_action(request: HttpRequest, warning_id: int, payload: Body[WarningAction]):
    from gongxin.alerts import services
    from gongxin.alerts.access import warning_access
    from gongxin.alerts.models import StoredWarning
    from gongxin.alerts.selectors import warning_as_dict
    from gongxin.registry.permissions import Forbidden

    actor = request.actor
    try:
        warning = warning_access(actor.scope, warning_id)
        if isinstance(payload, AssignAction):
            warning = services.warning_assign(
                actor=actor, warning=warning, region=payload.region, user=payload.user,
                note=payload.note,
            )  # fmt: skip
        else:
            act = services.WARNING_ACTIONS[payload.action]
            warning = act(actor=actor, warning=warning, note=payload.note)
    except StoredWarning.DoesNotExist:
        return Status(404, {"detail": ERR_NOT_FOUND})
    except Forbidden as exc:
        return Status(403, {"detail": str(exc)})
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, warning_as_dict(warning))

"""/api/v1/appeals: enterprise appeals (诉求通), shaped after Open311 where it fits.

``GET`` lists the appeals the caller may see (the city all; a county its region's; a unit those
routed to it; an enterprise its own); ``POST`` submits one (an enterprise for itself, a
commissioner for its paired firms, the city for any); ``POST /{code}/actions`` takes one step of
the workflow (docs/appeals.md). Every permission is checked by ``appeals.services``; an appeal
the caller may not see answers 404 like one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from gongxin.api.schemas import Error
from gongxin.appeals.selectors import appeal_as_dict, appeal_visible, appeals_visible, stats_rows
from gongxin.appeals.services import appeal_act, appeal_submit
from gongxin.errors import UserError

router = Router(tags=["企业诉求"])

# A calendar day as written (YYYY-MM-DD): a bare number is not a date (pydantic would read 0 as
# 1970-01-01), and an impossible day (2024-02-30) is a 400 with the reason.
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
ERR_DAY = "日期 {value} 不存在"


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(ERR_DAY.format(value=value)) from None


ERR_NOT_FOUND = "未找到该诉求"
STATES = Literal[
    "submitted", "returned", "accepted", "answered", "rated", "closed", "merged", "withdrawn"
]


class AppealEvent(Schema):
    action: str
    actor: str
    at: str
    from_: str = Field(..., alias="from")
    to: str
    note: str


class AppealItem(Schema):
    service_request_id: str
    status: Literal["open", "closed"]
    service_name: str
    description: str
    agency_responsible: str
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str
    code: str
    title: str
    state: str
    state_name: str
    uscc: str
    enterprise_name: str
    region: str
    sign_due: str
    answer_due: str
    solve_due: str
    answer: str
    rating: str | None
    solved: bool | None
    reopen_count: int
    extension_days_requested: int | None
    merged_into: str | None
    events: list[AppealEvent] | None = None


class AppealNew(Schema):
    uscc: str = Field(..., min_length=18, max_length=18, description="企业统一社会信用代码")
    service_name: str = Field(..., min_length=1, description="诉求类别，如 融资信贷")
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""


class AppealCreated(Schema):
    appeal: AppealItem
    possible_duplicates: list[str]


class AppealAction(Schema):
    action: Literal[
        "accept", "return", "reassign", "answer", "extend", "approve_extension",
        "refuse_extension", "rate", "close", "reopen", "merge", "withdraw", "note",
    ]  # fmt: skip
    note: str = ""
    unit: str | None = Field(None, description="reassign：改派的责任单位")
    rating: Literal["满意", "基本满意", "不满意"] | None = Field(None, description="rate：评价")
    solved: bool | None = Field(None, description="close：问题是否解决")
    days: int | None = Field(None, ge=1, le=30, description="extend：申请延期的工作日数")
    into: str | None = Field(None, description="merge：并入的诉求编号")


class StatsItem(Schema):
    member: str
    name: str
    appeals: int
    closed: int
    solved: int
    signed_on_time: int
    answered_on_time: int
    closed_on_time: int
    overdue_open: int
    rated: int
    satisfied: int
    response_rate: float | None
    on_time_rate: float | None
    solve_rate: float | None
    satisfaction_rate: float | None


@router.get(
    "",
    response={200: list[AppealItem], 400: Error},
    summary="诉求列表",
    description="调用者可见的诉求（最新提交在前）。可按 state、unit 与提交日期（start、end）筛选。",
)
def appeal_list(
    request: HttpRequest,
    state: STATES | None = None,
    unit: str | None = None,
    start: Day | None = None,
    end: Day | None = None,
    limit: int = 200,
):
    try:
        start_day, end_day = _day(start), _day(end)
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    qs = appeals_visible(request.user)
    if state:
        qs = qs.filter(status=state)
    if unit:
        qs = qs.filter(unit=unit)
    if start_day:
        qs = qs.filter(submitted_at__date__gte=start_day)
    if end_day:
        qs = qs.filter(submitted_at__date__lte=end_day)
    limit = max(1, min(limit, 2000))
    return Status(200, [appeal_as_dict(a) for a in qs.select_related("merged_into")[:limit]])


@router.post(
    "",
    response={201: AppealCreated, 400: Error, 403: Error},
    summary="提交诉求",
    description="企业用户为本企业、服务专员为结对企业、市级管理员为任一企业提交；按类别派至责任单位。",
)
def appeal_create(request: HttpRequest, payload: AppealNew):
    try:
        done = appeal_submit(
            actor=request.user,
            uscc=payload.uscc,
            category=payload.service_name,
            title=payload.title,
            description=payload.description,
        )
    except PermissionError as exc:
        return Status(403, {"detail": str(exc)})
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(
        201,
        {
            "appeal": appeal_as_dict(done.appeal, events=True),
            "possible_duplicates": [a.code for a in done.duplicates],
        },
    )


@router.get(
    "/stats",
    response={200: list[StatsItem], 400: Error},
    summary="诉求办理统计",
    description=(
        "与 `gongxin appeals stats --from --to [--by] --format json` 相同，"
        "限于调用者可见的诉求；最后一行为合计。"
    ),
)
def appeal_stats(
    request: HttpRequest,
    start: Day,
    end: Day,
    by: Literal["unit", "category", "region"] | None = None,
):
    try:
        start, end = _day(start), _day(end)
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    if end < start:
        return Status(400, {"detail": f"end {end} 早于 start {start}"})
    rows = stats_rows(appeals_visible(request.user), start=start, end=end, by=by)
    return Status(200, [r.as_dict() for r in rows])


@router.get(
    "/{code}",
    response={200: AppealItem, 404: Error},
    summary="诉求详情",
    description="一件诉求及其办理记录（events）。",
)
def appeal_detail(request: HttpRequest, code: str):
    appeal = appeal_visible(request.user, code)
    if appeal is None:
        return Status(404, {"detail": ERR_NOT_FOUND})
    return Status(200, appeal_as_dict(appeal, events=True))


@router.post(
    "/{code}/actions",
    response={200: AppealItem, 400: Error, 403: Error, 404: Error},
    summary="办理诉求",
    description=(
        "action：accept 签收、return 退单（note）、reassign 改派（unit）、answer 答复（note）、"
        "extend 申请延期（days、note）、approve_extension / refuse_extension（note）、"
        "rate 评价（rating）、close 办结（solved）、reopen 重新办理（note）、merge 合并（into）、"
        "withdraw 撤回、note 办理记录（note）。谁可在何种状态下办理见 docs/appeals.md。"
    ),
)
def appeal_action(request: HttpRequest, code: str, payload: AppealAction):
    try:
        appeal = appeal_act(
            actor=request.user,
            code=code,
            action=payload.action,
            note=payload.note,
            unit=payload.unit,
            rating=payload.rating,
            solved=payload.solved,
            days=payload.days,
            into=payload.into,
        )
    except LookupError:
        return Status(404, {"detail": ERR_NOT_FOUND})
    except PermissionError as exc:
        return Status(403, {"detail": str(exc)})
    except UserError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, appeal_as_dict(appeal, events=True))

"""Writes: submit an appeal, act on it, pair commissioners, import history.

Permission to act lives here and only here: :func:`appeal_act` checks, in one place, that the
actor may see the appeal, stands to it as a party the action allows, and that the appeal's
state allows the action — then records the step. Views, API routers and CLI commands only call
these functions. Every step is an :class:`AppealEvent` (who, when, from, to, note).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongxin.appeals.deadlines import add_working_days, local_day
from gongxin.appeals.models import Appeal, AppealEvent, Commissioner, Rating, Source, Status
from gongxin.appeals.selectors import appeal_visible, duplicates_of, may_submit_for, parties
from gongxin.appeals.workflow import ACTIONS, FINAL_STATES, PARTY_NAMES
from gongxin.city.appeal_categories import appeal_config
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry, Enterprise, Role

ERR_NOT_FOUND = "诉求 {code} 不存在或不在您的查看范围内"
ERR_UNKNOWN_ACTION = "未知操作“{action}”"
ERR_NOT_PARTY = "您无权对该诉求执行“{label}”：此操作只能由{parties}办理"
ERR_STATE = "该诉求当前为“{status}”，不能“{label}”"
ERR_NOTE_REQUIRED = "“{label}”须填写说明"
ERR_UNIT = "请选择改派的责任单位（{units}）"
ERR_SAME_UNIT = "该诉求已由{unit}办理，请选择其他责任单位"
ERR_RATING = "评价应为 满意、基本满意 或 不满意"
ERR_SOLVED = "办结须注明问题是否解决（是 / 否）"
ERR_DAYS = "延期天数应为 1–30 个工作日"
ERR_EXTENSION_PENDING = "已有延期申请待审核，不能重复申请"
ERR_NO_EXTENSION = "该诉求没有待审核的延期申请"
ERR_MERGE_TARGET = "合并目标诉求 {code} 不存在、不在您的查看范围内或已办结/合并/撤回"
ERR_MERGE_OTHER_FIRM = "只能合并同一企业的诉求"
ERR_MERGE_SELF = "不能把诉求合并到它自己"
ERR_SUBMIT_FIRM = "您无权为该企业提交诉求：企业用户只能为本企业、服务专员只能为结对企业提交"
ERR_UNKNOWN_CATEGORY = "诉求类别“{category}”不在配置中，应为：{categories}"
ERR_TITLE = "诉求标题不能为空，且不超过 200 字"
ERR_UNKNOWN_FIRM = "统一社会信用代码 {uscc} 不在企业名录中"
ERR_NOT_COMMISSIONER_ROLE = "用户 {name} 不是县区或市级用户，不能担任服务专员"

MAX_EXTENSION_DAYS = 30


@dataclass(frozen=True)
class Dues:
    sign: dt.date
    answer: dt.date
    solve: dt.date


def dues_from(category: str, moment: dt.datetime) -> Dues:
    """The sign / answer / solve limits of ``category`` counted from ``moment``."""
    limits = appeal_config().category(category).limits
    day = local_day(moment)
    return Dues(
        add_working_days(day, limits.sign),
        add_working_days(day, limits.answer),
        add_working_days(day, limits.solve),
    )


def next_code(at: dt.datetime) -> str:
    """``SQ2024-000123``: year of submission and a running number within it."""
    prefix = f"SQ{local_day(at).year}-"
    last = (
        Appeal.objects.filter(code__startswith=prefix)
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:06d}"


def _event(appeal: Appeal, action: str, actor: str, at: dt.datetime, old: str, note: str = ""):
    AppealEvent.objects.create(
        appeal=appeal,
        action=action,
        actor=actor,
        at=at,
        from_status=old,
        to_status=appeal.status,
        note=note,
    )


@dataclass(frozen=True)
class Submitted:
    appeal: Appeal
    duplicates: list[Appeal]  # alike appeals of the same firm in the last 30 days


@transaction.atomic
def appeal_submit(
    *,
    actor,
    uscc: str,
    category: str,
    title: str,
    description: str = "",
    now: dt.datetime | None = None,
) -> Submitted:
    """An enterprise (for itself), its commissioner or the city submits an appeal.

    It is routed to the category's unit at once, with its limits counted from now.
    """
    now = now or timezone.now()
    config = appeal_config()
    if category not in config.categories:
        raise UserError(
            ERR_UNKNOWN_CATEGORY.format(category=category, categories="、".join(config.categories))
        )
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise UserError(ERR_TITLE)
    allowed = may_submit_for(actor)
    firms = Enterprise.objects.all() if allowed is None else allowed
    enterprise = firms.filter(uscc=uscc).first()
    if enterprise is None:
        if allowed is None:
            raise UserError(ERR_UNKNOWN_FIRM.format(uscc=uscc))
        raise PermissionError(ERR_SUBMIT_FIRM)
    dues = dues_from(category, now)
    appeal = Appeal.objects.create(
        code=next_code(now),
        enterprise=enterprise,
        region_id=enterprise.region_id,
        category=category,
        unit=config.category(category).unit,
        title=title,
        description=(description or "").strip(),
        status=Status.SUBMITTED,
        source=Source.LIVE,
        submitted_by=actor.username,
        submitted_at=now,
        routed_at=now,
        sign_due=dues.sign,
        answer_due=dues.answer,
        solve_due=dues.solve,
    )
    _event(appeal, "submit", actor.username, now, "", f"派至{appeal.unit}")
    return Submitted(appeal, duplicates_of(uscc=uscc, title=title, at=now, exclude=appeal.code))


@transaction.atomic
def appeal_act(
    *,
    actor,
    code: str,
    action: str,
    note: str = "",
    unit: str | None = None,
    rating: str | None = None,
    solved: bool | None = None,
    days: int | None = None,
    into: str | None = None,
    now: dt.datetime | None = None,
) -> Appeal:
    """Take one workflow step on appeal ``code`` as ``actor``; the one permission check.

    Raises ``LookupError`` when the actor may not see the appeal (a 404: its existence is not
    revealed), ``PermissionError`` when it may see but not take this step, and ``UserError``
    when the step does not fit the appeal's state or lacks an input. Nothing is changed then.
    """
    now = now or timezone.now()
    spec = ACTIONS.get(action)
    if spec is None:
        raise UserError(ERR_UNKNOWN_ACTION.format(action=action))
    found = appeal_visible(actor, code)
    if found is None:
        raise LookupError(ERR_NOT_FOUND.format(code=code))
    appeal = Appeal.objects.select_for_update().get(pk=found.pk)
    if not parties(actor, appeal) & spec.parties:
        names = "、".join(PARTY_NAMES[p] for p in sorted(spec.parties))
        raise PermissionError(ERR_NOT_PARTY.format(label=spec.label, parties=names))
    if appeal.status not in spec.states:
        raise UserError(ERR_STATE.format(status=appeal.get_status_display(), label=spec.label))
    note = (note or "").strip()
    if spec.note_required and not note:
        raise UserError(ERR_NOTE_REQUIRED.format(label=spec.label))
    old = appeal.status
    event_note = note
    if spec.to is not None:
        appeal.status = spec.to
    if action == "accept":
        appeal.accepted_at = now
    elif action == "return":
        pass
    elif action == "reassign":
        event_note = _reassign(appeal, unit, now, note)
    elif action == "answer":
        appeal.answered_at = now
        appeal.answer = note
    elif action == "extend":
        if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
            raise UserError(ERR_DAYS)
        if appeal.extension_days:
            raise UserError(ERR_EXTENSION_PENDING)
        appeal.extension_days, appeal.extension_reason = days, note
        event_note = f"申请延期 {days} 个工作日：{note}"
    elif action in ("approve_extension", "refuse_extension"):
        if not appeal.extension_days:
            raise UserError(ERR_NO_EXTENSION)
        if action == "approve_extension":
            appeal.solve_due = add_working_days(appeal.solve_due, appeal.extension_days)
            event_note = (
                f"同意延期 {appeal.extension_days} 个工作日，办结时限改为{appeal.solve_due}"
            )
            event_note += f"；{note}" if note else ""
        appeal.extension_days, appeal.extension_reason = None, ""
    elif action == "rate":
        if rating not in Rating.values:
            raise UserError(ERR_RATING)
        appeal.rating, appeal.rated_at = rating, now
        if rating == Rating.UNSATISFIED:
            _redo(appeal, now)
        else:
            appeal.status = Status.RATED
        event_note = f"{rating}" + (f"：{note}" if note else "")
    elif action == "close":
        if solved is None:
            raise UserError(ERR_SOLVED)
        appeal.solved, appeal.closed_at = solved, now
        event_note = ("已解决" if solved else "未解决") + (f"：{note}" if note else "")
    elif action == "reopen":
        appeal.closed_at, appeal.solved = None, None
        _redo(appeal, now)
    elif action == "merge":
        event_note = _merge(actor, appeal, into, note)
    appeal.save()
    _event(appeal, action, actor.username, now, old, event_note)
    return appeal


def _redo(appeal: Appeal, now: dt.datetime) -> None:
    """重办: back to the unit, answer and solve limits counted again from now."""
    dues = dues_from(appeal.category, now)
    appeal.status = Status.ACCEPTED
    appeal.reopen_count += 1
    appeal.answered_at = None
    appeal.answer_due, appeal.solve_due = dues.answer, dues.solve


def _reassign(appeal: Appeal, unit: str | None, now: dt.datetime, note: str) -> str:
    units = appeal_config().units
    if unit not in units:
        raise UserError(ERR_UNIT.format(units="、".join(units)))
    if unit == appeal.unit:
        raise UserError(ERR_SAME_UNIT.format(unit=unit))
    old_unit = appeal.unit
    dues = dues_from(appeal.category, now)
    appeal.unit, appeal.routed_at = unit, now
    appeal.sign_due, appeal.answer_due, appeal.solve_due = dues.sign, dues.answer, dues.solve
    return f"由{old_unit}改派至{unit}" + (f"：{note}" if note else "")


def _merge(actor, appeal: Appeal, into: str | None, note: str) -> str:
    if into == appeal.code:
        raise UserError(ERR_MERGE_SELF)
    target = appeal_visible(actor, into or "")
    if target is None or target.status in FINAL_STATES:
        raise UserError(ERR_MERGE_TARGET.format(code=into))
    if target.enterprise_id != appeal.enterprise_id:
        raise UserError(ERR_MERGE_OTHER_FIRM)
    appeal.merged_into = target
    return f"并入 {target.code}" + (f"：{note}" if note else "")


# --- commissioners ---------------------------------------------------------------------------


def commissioner_user_check(username: str):
    """The user named ``username`` if it may be a commissioner (a county or city user)."""

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    profile = getattr(user, "profile", None) if user else None
    if profile is None or profile.role not in (Role.COUNTY_USER, Role.CITY_ADMIN):
        return None
    return user


@transaction.atomic
def commissioners_pair(*, pairs: list[tuple[str, str]], actor: str) -> dict[str, int]:
    """Pair (username, uscc): one commissioner per enterprise; a new pair replaces the old."""
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in={p[0] for p in pairs})
    }
    created = changed = unchanged = 0
    for username, uscc in pairs:
        user = users[username]
        current = Commissioner.objects.filter(enterprise_id=uscc).select_related("user").first()
        if current is None:
            Commissioner.objects.create(user=user, enterprise_id=uscc)
            created += 1
        elif current.user_id == user.pk:
            unchanged += 1
            continue
        else:
            old = current.user.username
            current.user = user
            current.save(update_fields=["user"])
            changed += 1
            AuditEntry.objects.create(
                actor=actor, action="update", entity="commissioner", key=uscc,
                field="user", old=old, new=username,
            )  # fmt: skip
            continue
        AuditEntry.objects.create(
            actor=actor, action="create", entity="commissioner", key=uscc,
            field="user", old="", new=username,
        )  # fmt: skip
    return {"created": created, "changed": changed, "unchanged": unchanged}

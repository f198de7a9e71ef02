"""The life of an appeal as a table: which action moves which state, and who may take it.

Parties are relations between a user and one appeal, not roles alone:
- ``city``: a city administrator (city_admin) — routes, re-routes, merges, approves extensions;
- ``unit``: a user of the responsible unit the appeal is routed to (unit_user of that unit);
- ``firm``: the enterprise's own user (role ``enterprise`` with that USCC);
- ``commissioner``: the service commissioner (服务专员) paired with the enterprise.
A city analyst and a county user who is not the commissioner read and never act.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongxin.appeals.models import Status

CITY, UNIT, FIRM, COMMISSIONER = "city", "unit", "firm", "commissioner"
PARTY_NAMES = {CITY: "市级管理员", UNIT: "责任单位", FIRM: "企业", COMMISSIONER: "服务专员"}

OPEN_STATES = frozenset(
    {Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED, Status.ANSWERED, Status.RATED}
)
FINAL_STATES = frozenset({Status.CLOSED, Status.MERGED, Status.WITHDRAWN})


@dataclass(frozen=True)
class Action:
    name: str
    label: str  # Chinese, for buttons, history and messages
    states: frozenset[str]  # where it may start
    parties: frozenset[str]  # who may take it
    to: str | None  # the state it leads to (None: unchanged, or decided by the service)
    note_required: bool = False
    # Further inputs the action needs: "unit", "rating", "solved", "days", "into".
    needs: tuple[str, ...] = ()


def _action(name, label, states, parties, to, note_required=False, needs=()):
    return Action(name, label, frozenset(states), frozenset(parties), to, note_required, needs)


S = Status
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        _action("accept", "签收", {S.SUBMITTED}, {UNIT}, S.ACCEPTED),
        _action("return", "退单", {S.SUBMITTED}, {UNIT}, S.RETURNED, note_required=True),
        _action(
            "reassign", "改派", {S.SUBMITTED, S.RETURNED}, {CITY}, S.SUBMITTED, needs=("unit",)
        ),
        _action("answer", "答复", {S.ACCEPTED}, {UNIT}, S.ANSWERED, note_required=True),
        _action(
            "extend", "申请延期", {S.ACCEPTED}, {UNIT}, None, note_required=True, needs=("days",)
        ),
        _action("approve_extension", "同意延期", {S.ACCEPTED, S.ANSWERED}, {CITY}, None),
        _action(
            "refuse_extension",
            "不同意延期",
            {S.ACCEPTED, S.ANSWERED},
            {CITY},
            None,
            note_required=True,
        ),
        # 满意 / 基本满意 → rated; 不满意 → accepted again (重办).
        _action("rate", "评价", {S.ANSWERED}, {FIRM, COMMISSIONER}, None, needs=("rating",)),
        _action("close", "办结", {S.RATED}, {CITY, UNIT}, S.CLOSED, needs=("solved",)),
        _action("reopen", "重新办理", {S.CLOSED}, {CITY}, S.ACCEPTED, note_required=True),
        _action(
            "merge",
            "合并",
            {S.SUBMITTED, S.RETURNED, S.ACCEPTED},
            {CITY},
            S.MERGED,
            needs=("into",),
        ),
        _action(
            "withdraw",
            "撤回",
            {S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.ANSWERED},
            {FIRM, COMMISSIONER},
            S.WITHDRAWN,
        ),
        _action(
            "note",
            "添加办理记录",
            OPEN_STATES,
            {CITY, UNIT, FIRM, COMMISSIONER},
            None,
            note_required=True,
        ),
    )
}


def available(status: str, parties: frozenset[str]) -> list[Action]:
    """The actions these parties may take on an appeal in ``status``, in table order."""
    return [a for a in ACTIONS.values() if status in a.states and a.parties & parties]

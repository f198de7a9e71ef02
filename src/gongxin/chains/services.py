"""Writes of the chain-chief system: imports' records, and the problem workflow.

Every action on a problem is one function here that checks the actor: a city_admin acts on
every problem; a county_user on problems of firms of its own region; a city_analyst reads
only. Every change is audited (``AuditEntry``) and, for problems, kept as history
(``ChainProblemEvent``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from gongxin.chains.models import (
    ChainActivity,
    ChainNode,
    ChainProblem,
    ChainProblemEvent,
    ChainTarget,
    ProblemStatus,
)
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry, Enterprise, Role

ERR_READ_ONLY = "{role}只能查看，不能处理产业链问题"
ERR_NO_ROLE = "用户未分配角色，无权处理产业链问题"
ERR_NOT_YOUR_REGION = "只能处理本区县企业的产业链问题：问题 {code} 不属于本区县"
ERR_COUNTY_NEEDS_FIRM = "县区用户提出的问题须关联本区县企业"
ERR_NOTE_REQUIRED = "请填写{action}说明"
ERR_UNIT_REQUIRED = "请填写责任单位"
ERR_ALREADY_DONE = "问题 {code} 已{status}：请先重新打开"
ERR_NOT_SOLVED = "问题 {code} 尚未解决（{status}），不能销号"
ERR_NOT_DONE = "问题 {code} 未解决或销号（{status}），无需重新打开"
ERR_DEADLINE = "办结时限 {deadline} 早于提出日期 {opened}"
ERR_SOLVED_BEFORE = "解决日期 {solved} 早于提出日期 {opened}"
ERR_CODE_TAKEN = "问题编号 {code} 已存在"


class ProblemForbidden(UserError):
    """The actor may see the problem but not act on it (a 403, not a 404)."""


# --- imports -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeSpec:
    code: str
    parent: str
    name: str
    stream: str
    classes: tuple[str, ...]
    strength: str


def _audit(actor: str, action: str, entity: str, key: str, new: str, batch_id=None, old=""):
    AuditEntry.objects.create(
        actor=actor,
        action=action,
        entity=entity,
        key=key[:100],
        field="",
        old=old,
        new=new,
        batch_id=batch_id,
    )


def _node_tuple(n) -> tuple:
    return (n.code, n.parent, n.name, n.stream, tuple(n.classes), n.strength)


def chain_map_replace(
    *, chain: str, nodes: Sequence[NodeSpec], actor: str, batch_id: int | None = None
) -> dict[str, int]:
    """Replace ``chain``'s tree with ``nodes`` (already checked); counts for the report."""
    old = list(ChainNode.objects.filter(chain_id=chain).order_by("order"))
    if [_node_tuple(n) for n in old] == [_node_tuple(n) for n in nodes]:
        return {"nodes": len(nodes), "written": 0, "replaced": 0}
    ChainNode.objects.filter(chain_id=chain).delete()
    ChainNode.objects.bulk_create(
        ChainNode(
            chain_id=chain,
            code=n.code,
            parent=n.parent,
            name=n.name,
            stream=n.stream,
            classes=list(n.classes),
            strength=n.strength,
            order=i,
        )
        for i, n in enumerate(nodes)
    )
    _audit(
        actor,
        "chain_map_replace",
        "chain_map",
        chain,
        f"{len(nodes)} 个环节",
        batch_id,
        old=f"{len(old)} 个环节" if old else "",
    )
    return {"nodes": len(nodes), "written": len(nodes), "replaced": 1 if old else 0}


@dataclass(frozen=True)
class ActivitySpec:
    chain: str
    date: dt.date
    kind: str
    form: str
    leader: str
    enterprises: tuple[str, ...]
    summary: str


def activities_record(
    *, activities: Sequence[ActivitySpec], actor: str, batch_id: int | None = None
) -> dict[str, int]:
    """Add activities; one already stored (same chain, date, kind, form, leader) is updated."""
    created = updated = unchanged = 0
    for a in activities:
        found = ChainActivity.objects.filter(
            chain_id=a.chain, date=a.date, kind=a.kind, form=a.form, leader=a.leader
        ).first()
        values = {"enterprises": list(a.enterprises), "summary": a.summary}
        if found is None:
            found = ChainActivity.objects.create(
                chain_id=a.chain, date=a.date, kind=a.kind, form=a.form, leader=a.leader, **values
            )
            created += 1
        elif found.enterprises == values["enterprises"] and found.summary == a.summary:
            unchanged += 1
            continue
        else:
            found.enterprises = values["enterprises"]
            found.summary = a.summary
            found.save()
            updated += 1
        _audit(actor, "chain_activity", "chain_activity", f"{found.pk}", a.summary[:200], batch_id)
    return {
        "rows": len(activities),
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "written": created + updated,
    }


@dataclass(frozen=True)
class ProblemSpec:
    code: str
    chain: str
    node: str
    uscc: str | None
    category: str
    description: str
    owner_unit: str
    opened_on: dt.date
    deadline: dt.date
    status: str
    solved_on: dt.date | None


_PROBLEM_FIELDS = (
    "chain_id", "node", "enterprise_id", "category", "description", "owner_unit",
    "opened_on", "deadline", "status", "solved_on",
)  # fmt: skip


def _problem_values(p: ProblemSpec, regions: dict[str, str]) -> dict:
    return {
        "chain_id": p.chain,
        "node": p.node,
        "enterprise_id": p.uscc,
        "region": regions.get(p.uscc, "") if p.uscc else "",
        "category": p.category,
        "description": p.description,
        "owner_unit": p.owner_unit,
        "opened_on": p.opened_on,
        "deadline": p.deadline,
        "status": p.status,
        "solved_on": p.solved_on,
    }


def problems_record(
    *, problems: Sequence[ProblemSpec], actor: str, batch_id: int | None = None
) -> dict[str, int]:
    """Add problems or update them by code; each change kept in the problem's history."""
    usccs = {p.uscc for p in problems if p.uscc}
    regions = dict(Enterprise.objects.filter(uscc__in=usccs).values_list("uscc", "region_id"))
    existing = {p.code: p for p in ChainProblem.objects.filter(code__in=[p.code for p in problems])}
    created = updated = unchanged = 0
    for spec in problems:
        values = _problem_values(spec, regions)
        found = existing.get(spec.code)
        if found is None:
            problem = ChainProblem.objects.create(code=spec.code, **values)
            ChainProblemEvent.objects.create(
                problem=problem, actor=actor, action="import", to_status=spec.status,
                note=f"导入批次 {batch_id}" if batch_id else "导入",
            )  # fmt: skip
            created += 1
            _audit(actor, "chain_problem_create", "chain_problem", spec.code, spec.status, batch_id)
            continue
        changed = [f for f in _PROBLEM_FIELDS if getattr(found, f) != values[f]]
        if not changed:
            unchanged += 1
            continue
        old_status = found.status
        for key, value in values.items():
            setattr(found, key, value)
        found.save()
        ChainProblemEvent.objects.create(
            problem=found, actor=actor, action="import", from_status=old_status,
            to_status=found.status, note="导入更新：" + "、".join(changed),
        )  # fmt: skip
        _audit(
            actor, "chain_problem_update", "chain_problem", spec.code,
            "、".join(changed), batch_id, old=old_status,
        )  # fmt: skip
        updated += 1
    return {
        "rows": len(problems),
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "written": created + updated,
    }


@dataclass(frozen=True)
class TargetSpec:
    chain: str
    node: str
    company: str
    location: str
    stage: str
    project_code: str


def targets_record(
    *, targets: Sequence[TargetSpec], actor: str, batch_id: int | None = None
) -> dict[str, int]:
    """Add 招商 targets or update them, keyed by (chain, node, company)."""
    created = updated = unchanged = 0
    for t in targets:
        values = {"location": t.location, "stage": t.stage, "project_code": t.project_code}
        found = ChainTarget.objects.filter(chain_id=t.chain, node=t.node, company=t.company).first()
        if found is None:
            ChainTarget.objects.create(chain_id=t.chain, node=t.node, company=t.company, **values)
            created += 1
            old = ""
        elif all(getattr(found, k) == v for k, v in values.items()):
            unchanged += 1
            continue
        else:
            old = found.stage
            for k, v in values.items():
                setattr(found, k, v)
            found.save()
            updated += 1
        key = f"{t.chain}/{t.node}/{t.company}"
        _audit(actor, "chain_target", "chain_target", key, t.stage, batch_id, old=old)
    return {
        "rows": len(targets),
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "written": created + updated,
    }


# --- the problem workflow -------------------------------------------------------------------


def _profile(actor):
    profile = getattr(actor, "profile", None) if actor.is_authenticated else None
    if profile is None:
        raise ProblemForbidden(ERR_NO_ROLE)
    return profile


def check_actor(actor, problem: ChainProblem) -> None:
    """Raise ProblemForbidden unless ``actor`` may act on ``problem``."""
    profile = _profile(actor)
    if profile.role == Role.CITY_ADMIN:
        return
    if profile.role == Role.COUNTY_USER:
        if problem.region and problem.region == profile.region_id:
            return
        raise ProblemForbidden(ERR_NOT_YOUR_REGION.format(code=problem.code))
    raise ProblemForbidden(ERR_READ_ONLY.format(role=Role(profile.role).label))


def _note(note: str, action: str) -> str:
    note = (note or "").strip()
    if not note:
        raise UserError(ERR_NOTE_REQUIRED.format(action=action))
    return note


def _locked(problem: ChainProblem) -> ChainProblem:
    return ChainProblem.objects.select_for_update().get(pk=problem.pk)


def _move(
    problem: ChainProblem, actor, action: str, note: str, to_status: str | None = None, **changes
) -> ChainProblem:
    old = problem.status
    if to_status:
        problem.status = to_status
    for key, value in changes.items():
        setattr(problem, key, value)
    problem.save()
    ChainProblemEvent.objects.create(
        problem=problem, actor=actor.username, action=action, from_status=old,
        to_status=problem.status, note=note,
    )  # fmt: skip
    _audit(actor.username, f"chain_problem_{action}", "chain_problem", problem.code, note[:200],
           old=old)  # fmt: skip
    return problem


def _next_code(on: dt.date) -> str:
    prefix = f"WT{on.year}-"
    taken = ChainProblem.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(c[len(prefix) :]) for c in taken if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def problem_open(
    *,
    actor,
    chain: str,
    category: str,
    description: str,
    opened_on: dt.date,
    deadline: dt.date,
    node: str = "",
    enterprise: Enterprise | None = None,
    owner_unit: str = "",
    activity: ChainActivity | None = None,
) -> ChainProblem:
    """Open a problem (from an activity, an enterprise page or the chain page)."""
    profile = _profile(actor)
    region = enterprise.region_id if enterprise else ""
    if profile.role == Role.CITY_ANALYST:
        raise ProblemForbidden(ERR_READ_ONLY.format(role=Role(profile.role).label))
    if profile.role == Role.COUNTY_USER and region != profile.region_id:
        raise ProblemForbidden(ERR_COUNTY_NEEDS_FIRM)
    description = _note(description, "问题描述")
    if deadline < opened_on:
        raise UserError(ERR_DEADLINE.format(deadline=deadline, opened=opened_on))
    problem = ChainProblem.objects.create(
        code=_next_code(opened_on),
        chain_id=chain,
        node=node,
        enterprise=enterprise,
        region=region,
        category=category,
        description=description,
        owner_unit=owner_unit,
        opened_on=opened_on,
        deadline=deadline,
        status=ProblemStatus.ASSIGNED if owner_unit else ProblemStatus.OPEN,
        activity=activity,
    )
    ChainProblemEvent.objects.create(
        problem=problem, actor=actor.username, action="open", to_status=problem.status,
        note=f"来源活动：{activity}" if activity else "",
    )  # fmt: skip
    _audit(actor.username, "chain_problem_open", "chain_problem", problem.code, description[:200])
    return problem


def _refuse_done(problem: ChainProblem) -> None:
    if problem.done:
        raise UserError(
            ERR_ALREADY_DONE.format(code=problem.code, status=problem.get_status_display())
        )


@transaction.atomic
def problem_assign(
    *, actor, problem: ChainProblem, owner_unit: str, note: str = ""
) -> ChainProblem:
    """Assign (交办) the problem to a responsible unit."""
    check_actor(actor, problem)
    problem = _locked(problem)
    _refuse_done(problem)
    owner_unit = (owner_unit or "").strip()
    if not owner_unit:
        raise UserError(ERR_UNIT_REQUIRED)
    return _move(problem, actor, "assign", note or f"交办：{owner_unit}",
                 ProblemStatus.ASSIGNED, owner_unit=owner_unit)  # fmt: skip


@transaction.atomic
def problem_note(*, actor, problem: ChainProblem, note: str) -> ChainProblem:
    """A progress note (推进情况); an open or assigned problem becomes in progress."""
    check_actor(actor, problem)
    problem = _locked(problem)
    _refuse_done(problem)
    return _move(problem, actor, "note", _note(note, "推进情况"), ProblemStatus.IN_PROGRESS)


@transaction.atomic
def problem_solve(*, actor, problem: ChainProblem, solved_on: dt.date, note: str) -> ChainProblem:
    """Mark the problem solved on ``solved_on``."""
    check_actor(actor, problem)
    problem = _locked(problem)
    _refuse_done(problem)
    if solved_on < problem.opened_on:
        raise UserError(ERR_SOLVED_BEFORE.format(solved=solved_on, opened=problem.opened_on))
    return _move(problem, actor, "solve", _note(note, "解决情况"), ProblemStatus.SOLVED,
                 solved_on=solved_on)  # fmt: skip


@transaction.atomic
def problem_close(*, actor, problem: ChainProblem, note: str) -> ChainProblem:
    """Strike a solved problem off the list (销号)."""
    check_actor(actor, problem)
    problem = _locked(problem)
    if problem.status != ProblemStatus.SOLVED:
        raise UserError(
            ERR_NOT_SOLVED.format(code=problem.code, status=problem.get_status_display())
        )
    return _move(problem, actor, "close", _note(note, "销号"), ProblemStatus.CLOSED)


@transaction.atomic
def problem_reopen(*, actor, problem: ChainProblem, note: str) -> ChainProblem:
    """Reopen a solved or closed problem: it is open again and its solved date is cleared."""
    check_actor(actor, problem)
    problem = _locked(problem)
    if not problem.done:
        raise UserError(ERR_NOT_DONE.format(code=problem.code, status=problem.get_status_display()))
    status = ProblemStatus.IN_PROGRESS if problem.owner_unit else ProblemStatus.OPEN
    return _move(problem, actor, "reopen", _note(note, "重新打开"), status, solved_on=None)

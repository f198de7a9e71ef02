"""Writes: evaluate a period's warnings and store them; dispositions, each step kept.

Every service owns its transaction and writes its audit entry. Evaluation never touches a
warning's disposition (status): a revision that changes a colour is recorded as an event on
the same warning, so the people working on it see what changed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongxin.alerts.access import warning_check_actionable, warnings_visible
from gongxin.alerts.config import load_alert_rules
from gongxin.alerts.evaluate import rules_evaluate
from gongxin.alerts.models import Evaluation, Status, StoredWarning, WarningEvent
from gongxin.alerts.rules.base import Finding
from gongxin.alerts.touched import LATEST, periods_to_evaluate
from gongxin.alerts.wording import STATUS_NAMES
from gongxin.city.models import Region
from gongxin.engine import EngineError
from gongxin.engine.period import Period
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry
from gongxin.registry.permissions import WARNING_ACT, WARNING_EVALUATE, Actor, actor_require
from gongxin.registry.users import actor_for_user

ERR_NO_DATA = "{period} 尚无月度运行数据：请先导入该月数据，再评估预警"
ERR_CLOSED = "该预警已办结：如需继续处置，请先重新打开"
ERR_ALREADY_CLOSED = "该预警已办结，不能重复办结"
ERR_ALREADY_ACKNOWLEDGED = "该预警已签收，无需重复签收"
ERR_NOT_CLOSED = "只有已办结的预警才能重新打开，该预警当前为“{status}”"
ERR_NOTE_REQUIRED = "{action}须填写说明"
ERR_ASSIGN_TARGET = "交办须指定承办区县或承办人员"
ERR_UNKNOWN_REGION = "区县代码 {region} 不在城市配置中"
# One answer for an unknown, inactive or ineligible assignee: it reveals nothing about which
# usernames exist or where they work.
ERR_ASSIGNEE = "不能交办给“{name}”：没有可以处置该预警的此用户"

# Evaluation events (actor: whoever ran the evaluation).
FIRED, REFIRED, LEVEL_CHANGED, REVISED, RESOLVED = (
    "fired", "refired", "level_changed", "revised", "resolved"
)  # fmt: skip
# Disposition events, with the status they lead to (None: unchanged) and where they may start.
ASSIGN, ACKNOWLEDGE, NOTE, CLOSE, REOPEN = "assign", "acknowledge", "note", "close", "reopen"
ACTION_NAMES = {
    ASSIGN: "交办",
    ACKNOWLEDGE: "签收",
    NOTE: "添加跟进记录",
    CLOSE: "办结",
    REOPEN: "重新打开",
    FIRED: "新增预警",
    REFIRED: "再次触发",
    LEVEL_CHANGED: "级别变化",
    REVISED: "数值更新",
    RESOLVED: "不再触发",
}


def _period(period: str) -> Period:
    try:
        return Period.parse(period)
    except EngineError as exc:
        raise UserError(str(exc)) from exc


# --- evaluation ------------------------------------------------------------------------------


def alerts_evaluate(*, period: str, actor: Actor, as_of: datetime | None = None) -> Evaluation:
    """Re-evaluate (重新评估) ``period`` on request: city admins and the command line only.

    Raises Forbidden for anyone else (a city analyst reads, a county user works on its
    warnings); see ``alerts_evaluate_run`` for what an evaluation does.
    """
    actor_require(actor, WARNING_EVALUATE)
    return alerts_evaluate_run(period=period, actor=actor.name, as_of=as_of)


def alerts_evaluate_run(*, period: str, actor: str, as_of: datetime | None = None) -> Evaluation:
    """Evaluate the rules for ``period`` and store the result; returns the evaluation.

    No permission check: callers are ``alerts_evaluate`` and the first listing of a period
    (``alerts_ensure``), which stores what any reader is about to read.

    New findings become open warnings; a stored warning whose level changed is updated and the
    change recorded; one that no longer fires is marked (``firing=False``), never deleted.
    The evaluation's counts (new, changed, updated, resolved, unchanged) summarise the run.
    """
    from gongxin.stats.selectors import engine_current  # opens the snapshot: only when used

    parsed = _period(period)
    rules = load_alert_rules()
    engine = engine_current()
    city = engine.query(indicators=["enterprises"], period=parsed.label(), by="city", as_of=as_of)
    if not any(row["value"] for row in city.rows):
        raise UserError(ERR_NO_DATA.format(period=parsed.label()))
    findings = rules_evaluate(engine=engine, rules=rules, period=parsed, as_of=as_of)
    version = engine.data_version
    return _store(
        period=parsed.label(),
        findings=findings,
        actor=actor,
        as_of=as_of,
        data_version=int(version) if version else None,
        rules_source=rules.source,
    )


@transaction.atomic
def _store(
    *,
    period: str,
    findings: list[Finding],
    actor: str,
    as_of: datetime | None,
    data_version: int | None,
    rules_source: str,
) -> Evaluation:
    now = timezone.now()
    evaluation = Evaluation.objects.create(
        period=period,
        actor=actor,
        as_of=as_of.replace(tzinfo=UTC) if as_of and as_of.tzinfo is None else as_of,
        data_version=data_version,
        rules_source=rules_source[-500:],
    )
    stored = {
        (w.kind, w.scope, w.member): w
        for w in StoredWarning.objects.select_for_update().filter(period=period)
    }
    counts = {"new": 0, "changed": 0, "updated": 0, "resolved": 0, "unchanged": 0}

    def event(warning: StoredWarning, action: str, from_level: str = "", note: str = "") -> None:
        WarningEvent.objects.create(
            warning=warning, evaluation=evaluation, actor=actor, action=action,
            from_status=warning.status, to_status=warning.status,
            from_level=from_level, to_level=warning.level, note=note,
        )  # fmt: skip

    for finding in findings:
        warning = stored.pop(finding.key, None)
        figures = {
            "name": finding.name, "region": finding.region, "level": finding.level,
            "indicator": finding.indicator, "value": finding.value,
            "threshold": finding.threshold, "message": finding.message,
        }  # fmt: skip
        if warning is None:
            warning = StoredWarning.objects.create(
                period=period, kind=finding.kind, scope=finding.scope, member=finding.member,
                evaluated_at=now, first_evaluation=evaluation, last_evaluation=evaluation,
                **figures,
            )  # fmt: skip
            event(warning, FIRED, note=finding.message)
            counts["new"] += 1
            continue
        old_level, was_firing = warning.level, warning.firing
        differs = any(getattr(warning, k) != v for k, v in figures.items())
        for key, value in figures.items():
            setattr(warning, key, value)
        warning.firing, warning.resolved_at = True, None
        warning.evaluated_at, warning.last_evaluation = now, evaluation
        warning.save()
        if not was_firing:
            event(warning, REFIRED, from_level=old_level, note=finding.message)
            counts["new"] += 1
        elif old_level != finding.level:
            event(warning, LEVEL_CHANGED, from_level=old_level, note=finding.message)
            counts["changed"] += 1
        elif differs:
            event(warning, REVISED, from_level=old_level, note=finding.message)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    for warning in stored.values():
        if not warning.firing:
            continue
        warning.firing, warning.resolved_at = False, now
        warning.save(update_fields=["firing", "resolved_at"])
        event(warning, RESOLVED, from_level=warning.level)
        counts["resolved"] += 1

    for key, value in counts.items():
        setattr(evaluation, key, value)
    evaluation.save()
    AuditEntry.objects.create(
        actor=actor, action="alerts_evaluate", entity="alerts", key=period,
        new=f"新增{counts['new']} 级别变化{counts['changed']} 数值更新{counts['updated']} "
            f"不再触发{counts['resolved']} 未变{counts['unchanged']}",
    )  # fmt: skip
    return evaluation


def alerts_ensure(*, period: str, actor: str) -> Evaluation | None:
    """Evaluate ``period`` if it never was (the first listing evaluates and stores).

    Returns the new evaluation, or None when the period's warnings were already stored.
    """
    label = _period(period).label()
    if Evaluation.objects.filter(period=label).exists():
        return None
    try:
        return alerts_evaluate_run(period=label, actor=actor)
    except IntegrityError:
        # Someone else's first evaluation of the same period committed first: theirs stands.
        return None


# --- dispositions ----------------------------------------------------------------------------


def _locked(warning: StoredWarning, actor: Actor) -> StoredWarning:
    """The warning, locked, after checking the actor may act on it.

    Two clerks acting at once: the second sees the first's status. A warning outside the
    actor's view is reported like a missing one (StoredWarning.DoesNotExist); one it sees but
    may not act on raises WarningForbidden.
    """
    actor_require(actor, WARNING_ACT)
    warning = warnings_visible(actor.scope).select_for_update().get(pk=warning.pk)
    warning_check_actionable(actor.scope, warning)
    return warning


def _record(
    warning: StoredWarning, *, action: str, by: str, note: str, to_status: str | None
) -> WarningEvent:
    from_status = warning.status
    if to_status is not None:
        warning.status = to_status
    warning.save()
    event = WarningEvent.objects.create(
        warning=warning, actor=by, action=action, from_status=from_status,
        to_status=warning.status, from_level=warning.level, to_level=warning.level, note=note,
    )  # fmt: skip
    AuditEntry.objects.create(
        actor=by, action=f"warning_{action}", entity="warning", key=str(warning.pk),
        field="status", old=from_status, new=f"{warning.status} {note}".strip(),
    )  # fmt: skip
    return event


def _require_note(note: str, action: str) -> str:
    note = (note or "").strip()
    if not note:
        raise UserError(ERR_NOTE_REQUIRED.format(action=ACTION_NAMES[action]))
    return note


def _refuse_closed(warning: StoredWarning) -> None:
    if warning.status == Status.CLOSED:
        raise UserError(ERR_CLOSED)


def assignee_can_act(*, actor: Actor, warning: StoredWarning, candidate) -> bool:
    """Whether ``candidate`` (a user) may receive ``warning`` from ``actor``.

    The candidate must be active, have a role that acts on warnings, see and be allowed to act
    on this warning (a county user of another region may not), and lie within the actor's own
    scope (a county user hands work to its own county's users only, never to the city).
    """
    try:
        other = actor_for_user(candidate)
    except PermissionError:
        return False
    if not other.can(WARNING_ACT):
        return False
    if not warnings_visible(other.scope).filter(pk=warning.pk).exists():
        return False
    if not other.scope.is_everything and warning.region not in (other.scope.regions or ()):
        return False
    if actor.scope.is_everything:
        return True
    return not other.scope.is_everything and other.scope.regions <= actor.scope.regions


def warning_assignees(*, actor: Actor, warning: StoredWarning) -> list:
    """Users ``actor`` may hand ``warning`` to (what the assign form offers)."""
    users = get_user_model().objects.filter(is_active=True, profile__isnull=False)
    if not actor.scope.is_everything:
        users = users.filter(profile__region_id__in=sorted(actor.scope.regions or ()))
    users = users.select_related("profile__region").order_by("username")
    return [u for u in users if assignee_can_act(actor=actor, warning=warning, candidate=u)]


@transaction.atomic
def warning_assign(
    *,
    actor: Actor,
    warning: StoredWarning,
    region: str | None = None,
    user: str | None = None,
    note: str = "",
) -> StoredWarning:
    """Hand the warning to a region's bureau and/or a person (交办).

    Checks the actor's permission and the warning's scope, that a county actor hands it to its
    own region only, and that the person may act on it (``assignee_can_act``); an unknown,
    inactive or ineligible username gets one and the same answer.
    """
    warning = _locked(warning, actor)
    _refuse_closed(warning)
    if not region and not user:
        raise UserError(ERR_ASSIGN_TARGET)
    if region and not Region.objects.filter(code=region).exists():
        raise UserError(ERR_UNKNOWN_REGION.format(region=region))
    warning_check_actionable(actor.scope, warning, region=region)
    assignee = None
    if user:
        candidate = get_user_model().objects.filter(username=user).first()
        if candidate is None or not assignee_can_act(
            actor=actor, warning=warning, candidate=candidate
        ):
            raise UserError(ERR_ASSIGNEE.format(name=user))
        assignee = candidate
    warning.assigned_region = region or warning.assigned_region
    warning.assigned_user = assignee or warning.assigned_user
    target = "、".join(t for t in (region, user) if t)
    _record(
        warning,
        action=ASSIGN,
        by=actor.name,
        note=f"交办 {target}：{note}".rstrip("："),
        to_status=Status.ASSIGNED,
    )
    return warning


@transaction.atomic
def warning_acknowledge(*, actor: Actor, warning: StoredWarning, note: str = "") -> StoredWarning:
    """The responsible bureau has seen it and takes it on (签收)."""
    warning = _locked(warning, actor)
    _refuse_closed(warning)
    if warning.status == Status.ACKNOWLEDGED:
        raise UserError(ERR_ALREADY_ACKNOWLEDGED)
    _record(
        warning, action=ACKNOWLEDGE, by=actor.name, note=(note or "").strip(),
        to_status=Status.ACKNOWLEDGED,
    )  # fmt: skip
    return warning


@transaction.atomic
def warning_note(*, actor: Actor, warning: StoredWarning, note: str) -> StoredWarning:
    """A follow-up record (一企一策): what was found or done; the status stays."""
    warning = _locked(warning, actor)
    note = _require_note(note, NOTE)
    _refuse_closed(warning)
    _record(warning, action=NOTE, by=actor.name, note=note, to_status=None)
    return warning


@transaction.atomic
def warning_close(*, actor: Actor, warning: StoredWarning, note: str) -> StoredWarning:
    """Close it (办结), saying how it was resolved."""
    warning = _locked(warning, actor)
    note = _require_note(note, CLOSE)
    if warning.status == Status.CLOSED:
        raise UserError(ERR_ALREADY_CLOSED)
    _record(warning, action=CLOSE, by=actor.name, note=note, to_status=Status.CLOSED)
    return warning


@transaction.atomic
def warning_reopen(*, actor: Actor, warning: StoredWarning, note: str) -> StoredWarning:
    """Reopen a closed warning, saying why."""
    warning = _locked(warning, actor)
    note = _require_note(note, REOPEN)
    if warning.status != Status.CLOSED:
        raise UserError(
            ERR_NOT_CLOSED.format(status=STATUS_NAMES.get(warning.status, warning.status))
        )
    _record(warning, action=REOPEN, by=actor.name, note=note, to_status=Status.REOPENED)
    return warning


WARNING_ACTIONS = {
    ACKNOWLEDGE: warning_acknowledge,
    NOTE: warning_note,
    CLOSE: warning_close,
    REOPEN: warning_reopen,
}
# Actions whose note the services require (the API schema says the same).
NOTE_REQUIRED = frozenset({NOTE, CLOSE, REOPEN})


# --- after an import -------------------------------------------------------------------------


def alerts_after_import(
    *, kind: str, periods: object, actor: str, latest: int = LATEST
) -> list[Evaluation]:
    """Evaluate the warnings of the months an import touched (the latest ``latest`` of them).

    Called once the import has committed (``ingest.signals.import_committed``), so the cockpit
    and documents show the month's warnings without anyone opening the warnings center. Daily
    electricity never gets here (it does not change what the engine reads). A month without
    monthly reports is skipped. Returns the evaluations stored, oldest month first.
    """
    from gongxin.stats.models import MonthlyReport

    with_data = MonthlyReport.objects.values_list("ym", flat=True).distinct()
    chosen = periods_to_evaluate(periods, with_data, latest)  # type: ignore[arg-type]
    done = []
    for ym in chosen:
        try:
            # A consequence of an import already authorised: no permission of its own.
            done.append(alerts_evaluate_run(period=f"{ym // 100}-{ym % 100:02d}", actor=actor))
        except UserError:
            continue  # e.g. no enterprise above scale reported that month
    return done

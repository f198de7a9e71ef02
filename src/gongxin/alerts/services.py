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

ERR_NO_DATA = "{period} 尚无月度运行数据：请先导入该月数据，再评估预警"
ERR_CLOSED = "该预警已办结：如需继续处置，请先重新打开"
ERR_ALREADY_CLOSED = "该预警已办结，不能重复办结"
ERR_ALREADY_ACKNOWLEDGED = "该预警已签收，无需重复签收"
ERR_NOT_CLOSED = "只有已办结的预警才能重新打开，该预警当前为“{status}”"
ERR_NOTE_REQUIRED = "{action}须填写说明"
ERR_ASSIGN_TARGET = "交办须指定承办区县或承办人员"
ERR_UNKNOWN_REGION = "区县代码 {region} 不在城市配置中"
ERR_UNKNOWN_USER = "用户 {name} 不存在"

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


def alerts_evaluate(*, period: str, actor: str, as_of: datetime | None = None) -> Evaluation:
    """Evaluate the rules for ``period`` and store the result; returns the evaluation.

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
        return alerts_evaluate(period=label, actor=actor)
    except IntegrityError:
        # Someone else's first evaluation of the same period committed first: theirs stands.
        return None


# --- dispositions ----------------------------------------------------------------------------


def _locked(warning: StoredWarning) -> StoredWarning:
    # Two clerks acting at once: the second sees the first's status.
    return StoredWarning.objects.select_for_update().get(pk=warning.pk)


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


@transaction.atomic
def warning_assign(
    *,
    warning: StoredWarning,
    region: str | None = None,
    user: str | None = None,
    by: str,
    note: str = "",
) -> StoredWarning:
    """Hand the warning to a region's bureau and/or a person (交办)."""
    warning = _locked(warning)
    _refuse_closed(warning)
    if not region and not user:
        raise UserError(ERR_ASSIGN_TARGET)
    if region and not Region.objects.filter(code=region).exists():
        raise UserError(ERR_UNKNOWN_REGION.format(region=region))
    assignee = None
    if user:
        assignee = get_user_model().objects.filter(username=user).first()
        if assignee is None:
            raise UserError(ERR_UNKNOWN_USER.format(name=user))
    warning.assigned_region = region or warning.assigned_region
    warning.assigned_user = assignee or warning.assigned_user
    target = "、".join(t for t in (region, user) if t)
    _record(
        warning,
        action=ASSIGN,
        by=by,
        note=f"交办 {target}：{note}".rstrip("："),
        to_status=Status.ASSIGNED,
    )
    return warning


@transaction.atomic
def warning_acknowledge(*, warning: StoredWarning, by: str, note: str = "") -> StoredWarning:
    """The responsible bureau has seen it and takes it on (签收)."""
    warning = _locked(warning)
    _refuse_closed(warning)
    if warning.status == Status.ACKNOWLEDGED:
        raise UserError(ERR_ALREADY_ACKNOWLEDGED)
    _record(warning, action=ACKNOWLEDGE, by=by, note=note.strip(), to_status=Status.ACKNOWLEDGED)
    return warning


@transaction.atomic
def warning_note(*, warning: StoredWarning, by: str, note: str) -> StoredWarning:
    """A follow-up record (一企一策): what was found or done; the status stays."""
    note = _require_note(note, NOTE)
    warning = _locked(warning)
    _refuse_closed(warning)
    _record(warning, action=NOTE, by=by, note=note, to_status=None)
    return warning


@transaction.atomic
def warning_close(*, warning: StoredWarning, by: str, note: str) -> StoredWarning:
    """Close it (办结), saying how it was resolved."""
    note = _require_note(note, CLOSE)
    warning = _locked(warning)
    if warning.status == Status.CLOSED:
        raise UserError(ERR_ALREADY_CLOSED)
    _record(warning, action=CLOSE, by=by, note=note, to_status=Status.CLOSED)
    return warning


@transaction.atomic
def warning_reopen(*, warning: StoredWarning, by: str, note: str) -> StoredWarning:
    """Reopen a closed warning, saying why."""
    note = _require_note(note, REOPEN)
    warning = _locked(warning)
    if warning.status != Status.CLOSED:
        raise UserError(
            ERR_NOT_CLOSED.format(status=STATUS_NAMES.get(warning.status, warning.status))
        )
    _record(warning, action=REOPEN, by=by, note=note, to_status=Status.REOPENED)
    return warning


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
            done.append(alerts_evaluate(period=f"{ym // 100}-{ym % 100:02d}", actor=actor))
        except UserError:
            continue  # e.g. no enterprise above scale reported that month
    return done

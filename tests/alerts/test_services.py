"""Evaluation stores warnings; a revision changes nothing until re-evaluation; dispositions."""

import pytest

from gongxin.alerts import services
from gongxin.alerts.models import Evaluation, StoredWarning
from gongxin.alerts.selectors import alerts_for_period, alerts_stale, evaluation_changes
from gongxin.alerts.services import (
    alerts_ensure,
    alerts_evaluate,
    warning_acknowledge,
    warning_assign,
    warning_close,
    warning_note,
    warning_reopen,
)
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry
from gongxin.registry.permissions import Actor
from gongxin.scope import Scope
from tests.alerts.conftest import uscc

pytestmark = pytest.mark.django_db

ALICE, BOB = Actor.system("alice"), Actor.system("bob")

RULES = (
    "rules:\n  - {kind: below_target, scope: region, bands: {red: -5.0, yellow: -2.0, blue: 0.0}}\n"
)
GUAN = uscc(1, "371525")


@pytest.fixture
def rules_file(tmp_path, monkeypatch):
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    monkeypatch.setenv("GONGXIN_ALERT_RULES", str(path))
    return path


@pytest.fixture
def guan(tiny, rules_file):
    """冠县 at 3.1 % against a 7.0 % target: yellow (gap −3.9)."""
    tiny.enterprise(GUAN, "371525")
    tiny.months(GUAN, 2024, range(1, 5), 1031.0, 1000.0)
    tiny.reference("target_va_growth", "371525", "2024", 7.0)
    tiny.commit()
    return tiny


def _guan_warning() -> StoredWarning:
    return StoredWarning.objects.get(kind="below_target", member="371525")


def test_evaluation_stores_the_warnings_once(guan):
    evaluation = alerts_evaluate(period="2024-04", actor=ALICE)
    assert (evaluation.new, evaluation.changed, evaluation.resolved) == (1, 0, 0)
    warning = _guan_warning()
    assert (warning.level, warning.status, warning.firing) == ("yellow", "open", True)
    assert [e.action for e in warning.events.all()] == ["fired"]
    assert AuditEntry.objects.filter(action="alerts_evaluate", key="2024-04").count() == 1
    # Listing again does not evaluate again.
    assert alerts_ensure(period="2024-04", actor="alice") is None
    assert Evaluation.objects.count() == 1


def test_a_period_without_data_is_refused(guan):
    with pytest.raises(UserError) as exc:
        alerts_evaluate(period="2025-01", actor=ALICE)
    assert str(exc.value) == services.ERR_NO_DATA.format(period="2025-01")


def test_a_revision_changes_nothing_until_re_evaluation(guan):
    alerts_evaluate(period="2024-04", actor=ALICE)
    guan.report(GUAN, 202404, 1250.0, 1000.0)  # revision: YTD 8.5 %, gap +1.5 → resolved
    guan.report(GUAN, 202403, 1100.0, 1000.0)
    guan.commit()
    # The published colour stays, and the listing says the data moved on.
    (stored,) = alerts_for_period(period="2024-04", scope=Scope.everything())
    assert stored.level == "yellow"
    assert alerts_stale(period="2024-04") is not None

    evaluation = alerts_evaluate(period="2024-04", actor=ALICE)
    assert (evaluation.new, evaluation.changed, evaluation.resolved) == (0, 0, 1)
    assert alerts_for_period(period="2024-04", scope=Scope.everything()) == []
    (kept,) = alerts_for_period(period="2024-04", scope=Scope.everything(), include_resolved=True)
    assert (kept.firing, kept.level, kept.status) == (False, "yellow", "open")
    assert kept.resolved_at is not None
    assert [e.action for e in evaluation_changes(evaluation=evaluation)] == ["resolved"]


def test_re_evaluation_reports_a_changed_level_and_keeps_the_disposition(guan):
    alerts_evaluate(period="2024-04", actor=ALICE)
    warning_assign(warning=_guan_warning(), region="371525", actor=ALICE)
    guan.report(GUAN, 202404, 1150.0, 1000.0)  # YTD (3×1031+1150)/4000 → 6.1 %, gap −0.9: blue
    guan.commit()
    evaluation = alerts_evaluate(period="2024-04", actor=ALICE)
    assert (evaluation.new, evaluation.changed, evaluation.resolved) == (0, 1, 0)
    (event,) = evaluation_changes(evaluation=evaluation)
    assert (event.action, event.from_level, event.to_level) == ("level_changed", "yellow", "blue")
    warning = _guan_warning()
    assert (warning.level, warning.value, warning.status) == ("blue", -0.9, "assigned")
    assert "增长6.1%" in warning.message
    # A third evaluation on the same data changes nothing.
    again = alerts_evaluate(period="2024-04", actor=ALICE)
    assert (again.new, again.changed, again.updated, again.unchanged) == (0, 0, 0, 1)


def test_a_warning_that_fires_again_counts_as_new(guan):
    alerts_evaluate(period="2024-04", actor=ALICE)
    guan.report(GUAN, 202404, 1250.0, 1000.0)
    guan.report(GUAN, 202403, 1100.0, 1000.0)
    guan.commit()
    alerts_evaluate(period="2024-04", actor=ALICE)
    guan.report(GUAN, 202404, 1031.0, 1000.0)
    guan.report(GUAN, 202403, 1031.0, 1000.0)
    guan.commit()
    evaluation = alerts_evaluate(period="2024-04", actor=ALICE)
    assert evaluation.new == 1
    assert [e.action for e in _guan_warning().events.all()] == ["fired", "resolved", "refired"]


def test_dispositions_keep_every_step(guan):
    alerts_evaluate(period="2024-04", actor=ALICE)
    w = _guan_warning()
    w = warning_assign(warning=w, region="371525", actor=ALICE, note="请冠县工信局核实")
    w = warning_acknowledge(warning=w, actor=BOB)
    w = warning_note(warning=w, actor=BOB, note="已走访企业，订单回落，一企一策跟进")
    w = warning_close(warning=w, actor=BOB, note="5月已恢复")
    w = warning_reopen(warning=w, actor=ALICE, note="复核仍未达标")
    assert (w.status, w.assigned_region) == ("reopened", "371525")
    steps = [
        (e.actor, e.action, e.from_status, e.to_status)
        for e in w.events.exclude(action="fired").order_by("id")
    ]
    assert steps == [
        ("alice", "assign", "open", "assigned"),
        ("bob", "acknowledge", "assigned", "acknowledged"),
        ("bob", "note", "acknowledged", "acknowledged"),
        ("bob", "close", "acknowledged", "closed"),
        ("alice", "reopen", "closed", "reopened"),
    ]
    assert w.events.get(action="note").note == "已走访企业，订单回落，一企一策跟进"
    assert AuditEntry.objects.filter(entity="warning", key=str(w.pk)).count() == 5


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (["close", "close"], services.ERR_ALREADY_CLOSED),
        (["close", "note"], services.ERR_CLOSED),
        (["close", "acknowledge"], services.ERR_CLOSED),
        (["close", "assign"], services.ERR_CLOSED),
        (["acknowledge", "acknowledge"], services.ERR_ALREADY_ACKNOWLEDGED),
        (["reopen"], services.ERR_NOT_CLOSED.format(status="待处置")),
    ],
)
def test_invalid_transitions_are_refused(guan, steps, message):
    alerts_evaluate(period="2024-04", actor=ALICE)
    w = _guan_warning()
    with pytest.raises(UserError) as exc:
        for step in steps:
            if step == "assign":
                w = warning_assign(warning=w, region="371525", actor=ALICE)
            else:
                w = getattr(services, f"warning_{step}")(warning=w, actor=ALICE, note="说明")
    assert str(exc.value) == message


def test_notes_and_assignees_are_checked(guan):
    alerts_evaluate(period="2024-04", actor=ALICE)
    w = _guan_warning()
    with pytest.raises(UserError) as exc:
        warning_close(warning=w, actor=ALICE, note="  ")
    assert str(exc.value) == services.ERR_NOTE_REQUIRED.format(action="办结")
    with pytest.raises(UserError) as exc:
        warning_assign(warning=w, actor=ALICE)
    assert str(exc.value) == services.ERR_ASSIGN_TARGET
    with pytest.raises(UserError) as exc:
        warning_assign(warning=w, region="999999", actor=ALICE)
    assert str(exc.value) == services.ERR_UNKNOWN_REGION.format(region="999999")
    with pytest.raises(UserError) as exc:
        warning_assign(warning=w, user="nobody", actor=ALICE)
    assert str(exc.value) == services.ERR_ASSIGNEE.format(name="nobody")
    assert _guan_warning().status == "open"

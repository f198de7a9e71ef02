"""Reading warnings: the contract's JSON keys, order, filters, and a county user's scope."""

import pytest

from gongxin.alerts.access import (
    ERR_NOT_YOUR_REGION,
    WarningForbidden,
    warning_access,
    warning_check_actionable,
)
from gongxin.alerts.models import StoredWarning
from gongxin.alerts.selectors import ERR_UNKNOWN_LEVEL, alerts_for_period, warning_as_dict
from gongxin.alerts.services import alerts_evaluate
from gongxin.errors import UserError
from gongxin.registry.permissions import Actor
from gongxin.scope import Scope
from tests.alerts.conftest import uscc

pytestmark = pytest.mark.django_db

RULES = """
rules:
  - {kind: below_target, scope: region}
  - {kind: stalled, scope: enterprise}
"""
CONTRACT_KEYS = [
    "level", "kind", "scope", "member", "name", "message", "indicator", "value", "threshold",
    "status",
]  # fmt: skip
GUAN, YANGGU = "371525", "371521"


@pytest.fixture
def evaluated(tiny, tmp_path, monkeypatch):
    """Two regions behind target (region warnings) and a stalled enterprise in each."""
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    monkeypatch.setenv("GONGXIN_ALERT_RULES", str(path))
    for region in (GUAN, YANGGU):
        tiny.enterprise(uscc(1, region), region, name=f"{region}制造有限公司")
        tiny.months(uscc(1, region), 2024, range(1, 5), 1030.0, 1000.0)
        tiny.enterprise(uscc(2, region), region)
        tiny.report(uscc(2, region), 202403, 100.0)
        tiny.report(uscc(2, region), 202404, 0.0)
        tiny.reference("target_va_growth", region, "2024", 7.0)
    tiny.commit()
    alerts_evaluate(period="2024-04", actor=Actor.system("alice"))


def test_warning_as_dict_has_the_contract_keys(evaluated):
    warnings = alerts_for_period(period="2024-04", scope=Scope.everything())
    data = warning_as_dict(warnings[0])
    assert list(data)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert {"id", "period", "region", "evaluated_at"} <= set(data)
    region_warning = next(w for w in warnings if w.scope == "region" and w.member == GUAN)
    assert warning_as_dict(region_warning) | {"id": 0, "evaluated_at": ""} == {
        "level": "yellow",
        "kind": "below_target",
        "scope": "region",
        "member": GUAN,
        "name": "冠县",
        "message": warning_as_dict(region_warning)["message"],
        "indicator": "va_gap_to_target_ytd",
        "value": -4.0,
        "threshold": -2.0,
        "status": "open",
        "id": 0,
        "period": "2024-04",
        "region": GUAN,
        "evaluated_at": "",
        "firing": True,
        "resolved_at": None,
    }
    stalled = next(w for w in warnings if w.kind == "stalled")
    assert warning_as_dict(stalled)["region"] in (GUAN, YANGGU)
    assert warning_as_dict(stalled)["member"].startswith("91")


def test_the_list_is_most_severe_first_then_by_scope(evaluated):
    warnings = alerts_for_period(period="2024-04", scope=Scope.everything())
    assert [(w.level, w.scope) for w in warnings] == [
        ("yellow", "region"), ("yellow", "region"),
        ("yellow", "enterprise"), ("yellow", "enterprise"),
    ]  # fmt: skip


def test_filters(evaluated):
    everything = Scope.everything()
    assert len(alerts_for_period(period="2024-04", scope=everything, kind="stalled")) == 2
    assert len(alerts_for_period(period="2024-04", scope=everything, region=GUAN)) == 2
    assert alerts_for_period(period="2024-04", scope=everything, level="red") == []
    assert alerts_for_period(period="2024-04", scope=everything, status="closed") == []
    with pytest.raises(UserError) as exc:
        alerts_for_period(period="2024-04", scope=everything, level="orange")
    assert str(exc.value) == ERR_UNKNOWN_LEVEL.format(value="orange")
    with pytest.raises(UserError):
        alerts_for_period(period="2024-13", scope=everything)


def test_a_county_sees_every_aggregate_but_only_its_enterprises(evaluated):
    county = Scope.county(YANGGU)
    warnings = alerts_for_period(period="2024-04", scope=county)
    assert {(w.scope, w.region) for w in warnings} == {
        ("region", GUAN), ("region", YANGGU), ("enterprise", YANGGU),
    }  # fmt: skip
    other = StoredWarning.objects.get(kind="stalled", region=GUAN)
    with pytest.raises(StoredWarning.DoesNotExist):
        warning_access(county, other.pk)


def test_a_county_acts_only_on_its_own_regions_warnings(evaluated):
    county = Scope.county(YANGGU)
    own = warning_access(county, StoredWarning.objects.get(kind="stalled", region=YANGGU).pk)
    warning_check_actionable(county, own)
    guan = warning_access(county, StoredWarning.objects.get(kind="below_target", member=GUAN).pk)
    with pytest.raises(WarningForbidden) as exc:
        warning_check_actionable(county, guan)
    assert str(exc.value) == ERR_NOT_YOUR_REGION.format(label=YANGGU)
    with pytest.raises(WarningForbidden):
        warning_check_actionable(county, own, region=GUAN)

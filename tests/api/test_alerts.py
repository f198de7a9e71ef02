"""GET /api/v1/alerts and POST /api/v1/alerts/{id}/actions, scoped by the token's user."""

import json

import pytest
from tests.alerts.conftest import TinyCity, uscc

from gongxin.alerts.models import StoredWarning

pytestmark = pytest.mark.django_db

RULES = """
rules:
  - {kind: below_target, scope: region}
  - {kind: stalled, scope: enterprise}
"""
YANGGU, DONGCHANG = "371521", "371502"  # bob's and carol's regions


@pytest.fixture
def warned(city, data_dir, tmp_path, monkeypatch):
    """Both regions behind target; a stalled enterprise in each."""
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    monkeypatch.setenv("GONGXIN_ALERT_RULES", str(path))
    tiny = TinyCity()
    for region in (YANGGU, DONGCHANG):
        tiny.enterprise(uscc(1, region), region)
        tiny.months(uscc(1, region), 2024, range(1, 5), 1030.0, 1000.0)
        tiny.enterprise(uscc(2, region), region)
        tiny.report(uscc(2, region), 202403, 100.0)
        tiny.report(uscc(2, region), 202404, 0.0)
        tiny.reference("target_va_growth", region, "2024", 7.0)
    tiny.commit()
    return tiny


def _list(client, headers, **params):
    return client.get("/api/v1/alerts", {"period": "2024-04", **params}, headers=headers)


def test_the_answer_is_the_cli_json(client, alice, warned, token_for, run_cli):
    response = _list(client, token_for(alice))  # the first request evaluates
    assert response.status_code == 200, response.content
    code, out, err = run_cli("alerts", "--period", "2024-04", "--format", "json")
    assert code == 0, err
    assert response.json() == json.loads(out)
    assert len(response.json()) == 4


def test_a_county_user_sees_its_own_enterprise_warnings_only(client, alice, bob, warned, token_for):
    _list(client, token_for(alice))
    data = _list(client, token_for(bob)).json()
    assert {(w["scope"], w["region"]) for w in data} == {
        ("region", YANGGU), ("region", DONGCHANG), ("enterprise", YANGGU),
    }  # fmt: skip
    filtered = _list(client, token_for(bob), kind="stalled").json()
    assert [w["member"] for w in filtered] == [uscc(2, YANGGU)]


def test_bad_filters_answer_400(client, alice, warned, token_for):
    assert _list(client, token_for(alice), level="orange").status_code == 400
    response = client.get("/api/v1/alerts", {"period": "2024-4"}, headers=token_for(alice))
    assert response.status_code == 400


def test_without_a_token_401(client, warned):
    assert client.get("/api/v1/alerts", {"period": "2024-04"}).status_code == 401


def _act(client, headers, warning_id, **payload):
    return client.post(
        f"/api/v1/alerts/{warning_id}/actions",
        data=json.dumps(payload),
        content_type="application/json",
        headers=headers,
    )


def test_dispositions_through_the_api(client, alice, bob, warned, token_for):
    _list(client, token_for(alice))
    own = StoredWarning.objects.get(kind="stalled", region=YANGGU)
    response = _act(client, token_for(alice), own.pk, action="assign", region=YANGGU)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "assigned"
    response = _act(client, token_for(bob), own.pk, action="acknowledge")
    assert response.json()["status"] == "acknowledged"
    response = _act(client, token_for(bob), own.pk, action="close", note="已复产")
    assert response.json()["status"] == "closed"
    response = _act(client, token_for(bob), own.pk, action="close", note="再次")
    assert response.status_code == 400 and "不能重复办结" in response.json()["detail"]
    assert [e.actor for e in own.events.exclude(action="fired")] == ["alice", "bob", "bob"]


def test_a_county_user_acts_on_its_region_only(client, alice, bob, warned, token_for):
    _list(client, token_for(alice))
    hidden = StoredWarning.objects.get(kind="stalled", region=DONGCHANG)
    response = _act(client, token_for(bob), hidden.pk, action="acknowledge")
    assert response.status_code == 404  # invisible = not found
    missing = _act(client, token_for(bob), 999999, action="acknowledge")
    assert missing.json() == response.json()
    other_region = StoredWarning.objects.get(kind="below_target", member=DONGCHANG)
    assert _act(client, token_for(bob), other_region.pk, action="acknowledge").status_code == 403
    own_region = StoredWarning.objects.get(kind="below_target", member=YANGGU)
    response = _act(client, token_for(bob), own_region.pk, action="assign", region=DONGCHANG)
    assert response.status_code == 403
    assert StoredWarning.objects.get(pk=own_region.pk).status == "open"

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
    assert response.status_code == 422  # the schema's pattern, as documented
    response = client.get("/api/v1/alerts", {"period": ""}, headers=token_for(alice))
    assert response.status_code == 422


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


# --- issue 10: permission to act is the services', including the assignee's --------------------


@pytest.fixture
def more_users(city):
    """bob2: another 阳谷县 user; ina: an inactive 阳谷县 user; dave: city_analyst."""
    from django.contrib.auth import get_user_model
    from tests.web.personas import PASSWORD, persona

    from gongxin.registry.permissions import Actor
    from gongxin.registry.users import user_create_or_update

    system = Actor.system("test")
    for name in ("bob2", "ina"):
        user_create_or_update(
            username=name, role="county_user", region=YANGGU, password=PASSWORD, actor=system
        )
    get_user_model().objects.filter(username="ina").update(is_active=False)
    return persona("dave")


def test_a_county_user_assigns_only_to_users_who_may_act_on_it(
    client, alice, bob, carol, more_users, warned, token_for
):
    _list(client, token_for(alice))
    own = StoredWarning.objects.get(kind="stalled", region=YANGGU)
    answers = {
        name: _act(client, token_for(bob), own.pk, action="assign", user=name)
        for name in ("carol", "alice", "ina", "dave", "no_such_user")
    }
    # Another county's user, the city admin (outside bob's county), an inactive user, a
    # read-only analyst and an unknown name: one status and one message shape, nothing stored.
    assert {r.status_code for r in answers.values()} == {400}
    for name, response in answers.items():
        assert response.json()["detail"] == f"不能交办给“{name}”：没有可以处置该预警的此用户"
    assert StoredWarning.objects.get(pk=own.pk).assigned_user is None
    ok = _act(client, token_for(bob), own.pk, action="assign", user="bob2")
    assert ok.status_code == 200, ok.content
    assert StoredWarning.objects.get(pk=own.pk).assigned_user.username == "bob2"


def test_the_city_admin_assigns_to_a_user_of_the_warnings_region_only(
    client, alice, bob, carol, more_users, warned, token_for
):
    _list(client, token_for(alice))
    own = StoredWarning.objects.get(kind="stalled", region=YANGGU)
    refused = _act(client, token_for(alice), own.pk, action="assign", user="carol")
    assert refused.status_code == 400  # carol (东昌府区) cannot see a 阳谷县 enterprise warning
    assert _act(client, token_for(alice), own.pk, action="assign", user="bob").status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {"action": "assign", "region": YANGGU},
        {"action": "acknowledge"},
        {"action": "note", "note": "x"},
        {"action": "close", "note": "x"},
    ],
)
def test_the_city_analyst_changes_nothing(client, alice, more_users, warned, token_for, payload):
    _list(client, token_for(alice))
    own = StoredWarning.objects.get(kind="stalled", region=YANGGU)
    response = _act(client, token_for(more_users), own.pk, **payload)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("市级分析员只能查看数据，无权")
    assert not own.events.exclude(action="fired").exists()


@pytest.mark.parametrize("action", ["note", "close", "reopen"])
def test_a_note_the_service_requires_is_required_by_the_schema(
    client, alice, warned, token_for, action
):
    _list(client, token_for(alice))
    own = StoredWarning.objects.get(kind="stalled", region=YANGGU)
    assert _act(client, token_for(alice), own.pk, action=action).status_code == 422
    assert _act(client, token_for(alice), own.pk, action=action, note="  ").status_code == 422
    schema = client.get("/api/v1/openapi.json", headers=token_for(alice)).json()
    body = schema["components"]["schemas"][f"{action.capitalize()}Action"]
    assert "note" in body["required"]
    ack = schema["components"]["schemas"]["AcknowledgeAction"]
    assert "note" not in ack.get("required", [])


def test_401_says_bearer_and_every_operation_documents_401_and_422(client, alice, token_for):
    response = client.get("/api/v1/catalog")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    schema = client.get("/api/v1/openapi.json", headers=token_for(alice)).json()
    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert len(operations) >= 5
    for op in operations:
        assert {"401", "422"} <= set(op["responses"]), op["operationId"]
        assert "WWW-Authenticate" in op["responses"]["401"]["headers"]

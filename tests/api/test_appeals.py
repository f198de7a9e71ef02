"""/api/v1/appeals: submit, list, act — the services' permission checks answered as 403/404."""

import pytest
from django.test import Client
from tests.appeals.fixtures import DONGCHANG_TEXTILE, YANGGU_COPPER

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(people, token_for):
    def call(who, method, path, payload=None, **params):
        client = Client()
        headers = {f"HTTP_{k.upper()}": v for k, v in token_for(people[who]).items()}
        url = f"/api/v1/appeals{path}"
        if method == "get":
            return client.get(url, params, **headers)
        return client.post(url, payload or {}, content_type="application/json", **headers)

    return call


def test_an_enterprise_submits_the_unit_works_it_the_firm_rates_it(api):
    r = api(
        "firm", "post", "", {"uscc": YANGGU_COPPER, "service_name": "政策咨询", "title": "技改补贴"}
    )
    assert r.status_code == 201, r.content
    body = r.json()["appeal"]
    code = body["service_request_id"]
    assert body["status"] == "open" and body["state"] == "submitted"
    assert body["agency_responsible"] == "市工业和信息化局"
    assert [e["action"] for e in body["events"]] == ["submit"]
    assert api("unit_policy", "post", f"/{code}/actions", {"action": "accept"}).status_code == 200
    r = api("unit_policy", "post", f"/{code}/actions", {"action": "answer", "note": "已答复"})
    assert r.json()["state"] == "answered"
    r = api("firm", "post", f"/{code}/actions", {"action": "rate", "rating": "满意"})
    assert r.json()["state"] == "rated"
    r = api("alice", "post", f"/{code}/actions", {"action": "close", "solved": True})
    assert r.json()["status"] == "closed"
    assert [a["code"] for a in api("firm", "get", "").json()] == [code]
    stats = api("alice", "get", "/stats", start="2020-01-01", end="2099-12-31").json()
    assert stats[-1]["closed"] == 1 and stats[-1]["solve_rate"] == 100.0


def test_refusals_are_403_or_404_and_change_nothing(api):
    code = api(
        "firm", "post", "", {"uscc": YANGGU_COPPER, "service_name": "政策咨询", "title": "补贴"}
    ).json()["appeal"]["code"]
    # Another firm's user, another unit, another county: not found, as if it did not exist.
    for who in ("firm_other", "unit_land", "carol"):
        assert api(who, "post", f"/{code}/actions", {"action": "accept"}).status_code == 404
        assert api(who, "get", f"/{code}").status_code == 404
    # The analyst and the firm see it but may not sign it.
    for who in ("dave", "firm"):
        r = api(who, "post", f"/{code}/actions", {"action": "accept"})
        assert r.status_code == 403 and "责任单位" in r.json()["detail"]
    # A step the state does not allow.
    r = api("unit_policy", "post", f"/{code}/actions", {"action": "close", "solved": True})
    assert r.status_code == 400 and "不能“办结”" in r.json()["detail"]
    assert api("alice", "get", f"/{code}").json()["state"] == "submitted"


def test_an_enterprise_cannot_submit_for_another_firm(api):
    r = api("firm", "post", "", {"uscc": DONGCHANG_TEXTILE, "service_name": "其他", "title": "x"})
    assert r.status_code == 403
    r = api("dave", "post", "", {"uscc": YANGGU_COPPER, "service_name": "其他", "title": "x"})
    assert r.status_code == 403
    r = api("alice", "post", "", {"uscc": YANGGU_COPPER, "service_name": "不存在", "title": "x"})
    assert r.status_code == 400 and "诉求类别" in r.json()["detail"]

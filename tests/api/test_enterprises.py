"""GET /api/v1/enterprises[/{uscc}]: paginated, filtered, and within the caller's scope."""

import pytest

from gongxin.api.routers.enterprises import ERR_NOT_FOUND

pytestmark = pytest.mark.django_db

BOB_USCCS = {"91371521MA3C00001A", "91371521MA3C00002B"}
CAROL_USCC = "91371502MA3C00003C"


def _list(client, headers, **params):
    response = client.get("/api/v1/enterprises", params, headers=headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_city_user_lists_every_enterprise(client, alice, enterprises, token_for):
    page = _list(client, token_for(alice))
    assert page["count"] == 3
    first = page["items"][0]
    assert first == {
        "uscc": "91371502MA3C00003C",
        "name": "东昌府纺织有限公司",
        "region": "371502",
        "region_name": "东昌府区",
        "industry": "1711",
        "industry_name": "棉纺纱加工",
        "division": "17",
        "ownership": "",
        "size": "",
        "key": False,
    }


def test_a_county_user_lists_only_its_region(client, bob, enterprises, token_for):
    page = _list(client, token_for(bob))
    assert {e["uscc"] for e in page["items"]} == BOB_USCCS
    # Asking for another region does not widen the scope.
    assert _list(client, token_for(bob), region="371502") == {"items": [], "count": 0}


def test_another_regions_enterprise_is_404_like_a_missing_one(
    client, bob, carol, enterprises, token_for
):
    hidden = client.get(f"/api/v1/enterprises/{CAROL_USCC}", headers=token_for(bob))
    missing = client.get("/api/v1/enterprises/91371500MA3C09999X", headers=token_for(bob))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": ERR_NOT_FOUND}
    visible = client.get(f"/api/v1/enterprises/{CAROL_USCC}", headers=token_for(carol))
    assert visible.status_code == 200
    detail = visible.json()
    assert detail["name"] == "东昌府纺织有限公司"
    assert detail["above_scale"] == [{"from_ym": None, "to_ym": None}]
    assert detail["chains"] == []


def test_the_list_filters_by_region_industry_and_text(client, alice, enterprises, token_for):
    headers = token_for(alice)
    assert {e["uscc"] for e in _list(client, headers, region="371521")["items"]} == BOB_USCCS
    assert [e["industry"] for e in _list(client, headers, industry="38")["items"]] == ["3831"]
    assert [e["industry"] for e in _list(client, headers, industry="3311")["items"]] == ["3311"]
    assert [e["name"] for e in _list(client, headers, q="电缆")["items"]] == ["阳谷电缆有限公司"]
    assert _list(client, headers, q="91371502")["count"] == 1


def test_the_list_is_paginated(client, alice, enterprises, token_for, settings):
    page = _list(client, token_for(alice), page=2)
    assert page == {"items": [], "count": 3}

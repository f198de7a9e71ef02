"""GET /api/v1/chains[/{code}]: equal to the CLI's JSON for the same scope; scoped; in OpenAPI."""

from __future__ import annotations

import json

import pytest
from tests.chains.fixtures import chains_create

from gongxin.chains.selectors import chains_figures
from gongxin.scope import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def chains(enterprises):
    return chains_create()


def test_list_equals_the_cli_json(client, alice, chains, token_for, run_cli):
    response = client.get("/api/v1/chains", {"period": "2024-04"}, headers=token_for(alice))
    assert response.status_code == 200, response.content
    code, out, err = run_cli("chains", "--period", "2024-04", "--format", "json")
    assert code == 0, err
    assert response.json() == json.loads(out)
    nonferrous = next(r for r in response.json() if r["chain"] == "nonferrous")
    # Leaves: N3 (阳谷电缆, 3831) covered → 1 of 1; N2 has 阳谷铜业 (3311).
    assert (nonferrous["leaf_nodes"], nonferrous["covered_leaves"], nonferrous["coverage"]) == (
        1, 1, 100.0,
    )  # fmt: skip
    assert nonferrous["chief_firms"] == ["阳谷铜业有限公司"]
    # WT-BOB and WT-CITY: both open at 04-30 and past their 03-31 deadline.
    assert (nonferrous["problems_open"], nonferrous["problems_overdue"]) == (2, 2)


def test_detail_has_nodes_and_problems(client, alice, chains, token_for, run_cli):
    response = client.get(
        "/api/v1/chains/nonferrous", {"period": "2024-04"}, headers=token_for(alice)
    )
    assert response.status_code == 200, response.content
    body = response.json()
    _, out, _ = run_cli(
        "chains", "--period", "2024-04", "--chain", "nonferrous", "--nodes", "--format", "json"
    )
    assert body["node_list"] == json.loads(out)
    assert [p["code"] for p in body["problem_list"]] == ["WT-BOB", "WT-CITY"]
    assert body["problem_list"][0]["overdue"] is True


def test_a_county_user_sees_its_own_problems_and_firms_only(client, bob, carol, chains, token_for):
    body = client.get(
        "/api/v1/chains/nonferrous", {"period": "2024-04"}, headers=token_for(carol)
    ).json()
    assert body["problem_list"] == [] and body["chief_firms"] == []
    assert body["problems_open"] == 0
    # Aggregates stay: node firm counts are the city's.
    assert [n["enterprises"] for n in body["node_list"]] == [0, 1, 1]
    body = client.get(
        "/api/v1/chains/nonferrous", {"period": "2024-04"}, headers=token_for(bob)
    ).json()
    assert [p["code"] for p in body["problem_list"]] == ["WT-BOB"]
    assert body == {
        **chains_figures(period="2024-04", chain="nonferrous", scope=Scope.county("371521"))[0],
        "node_list": body["node_list"],
        "problem_list": body["problem_list"],
    }


def test_unknown_chain_and_bad_period(client, alice, chains, token_for):
    headers = token_for(alice)
    assert (
        client.get("/api/v1/chains/steel", {"period": "2024-04"}, headers=headers).status_code
        == 404
    )
    assert client.get("/api/v1/chains", {"period": "2024-13"}, headers=headers).status_code == 400
    assert client.get("/api/v1/chains", {"period": "2024-04"}).status_code == 401


def test_in_openapi():
    from gongxin.api.api import api

    paths = api.get_openapi_schema()["paths"]
    assert "/api/v1/chains" in paths and "/api/v1/chains/{code}" in paths

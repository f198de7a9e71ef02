"""GET /api/v1/projects: the CLI's JSON, scoped to the caller's region."""

import json

import pytest
from tests.projects.conftest import two_projects, write_csv  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_projects")]


def _get(client, headers, **params):
    return client.get("/api/v1/projects", params, headers=headers)


@pytest.mark.parametrize("by", [None, "region", "chain", "kind", "city"])
def test_the_api_returns_the_cli_json(client, alice, token_for, run_cli, by):
    params = {"period": "2024-04"} | ({"by": by} if by else {})
    response = _get(client, token_for(alice), **params)
    assert response.status_code == 200, response.content
    args = ["projects", "--period", "2024-04", "--format", "json"] + (["--by", by] if by else [])
    code, out, _ = run_cli(*args)
    assert code == 0 and response.json() == json.loads(out)


def test_a_county_user_sees_only_its_region(client, bob, carol, token_for):
    assert [p["code"] for p in _get(client, token_for(bob), period="2024-04").json()] == ["P002"]
    assert [p["code"] for p in _get(client, token_for(carol), period="2024-04").json()] == ["P001"]
    regions = _get(client, token_for(bob), period="2024-04", by="region").json()
    assert [(r["member"], r["projects"]) for r in regions] == [("371521", 1)]


def test_bad_requests_say_why_in_chinese(client, alice, token_for):
    response = _get(client, token_for(alice), period="2024-13")
    assert response.status_code == 400 and "月份" in response.json()["detail"]
    response = _get(client, token_for(alice), period="2024-04", by="industry")
    assert response.status_code == 400 and "分组维度" in response.json()["detail"]


def test_login_required(client):
    assert _get(client, {}, period="2024-04").status_code == 401


def test_openapi_documents_the_operation(client, alice, token_for):
    schema = client.get("/api/v1/openapi.json", headers=token_for(alice)).json()
    op = schema["paths"]["/api/v1/projects"]["get"]
    assert op["summary"] == "重点项目挂图作战"
    assert {p["name"] for p in op["parameters"]} == {"period", "by"}

"""GET /api/v1/query: the same rows as the engine (and `gongxin query --format json`)."""

import json

import pytest

from gongxin.scope import Scope
from gongxin.stats.selectors import engine_current

pytestmark = pytest.mark.django_db

INDICATORS = ["va_growth_ytd", "output_ytd", "enterprises"]


def _query(client, headers, **params):
    return client.get("/api/v1/query", params, headers=headers)


@pytest.mark.parametrize("by", ["city", "region", "industry", "enterprise"])
def test_the_answer_is_the_engines_rows_for_a_city_user(client, alice, enterprises, token_for, by):
    response = _query(client, token_for(alice), indicator=INDICATORS, period="2024-04", by=by)
    assert response.status_code == 200, response.content
    expected = engine_current().query(
        indicators=INDICATORS, period="2024-04", by=by, scope=Scope.everything()
    )
    assert response.json() == json.loads(json.dumps(expected.rows))
    assert response.json(), "the reported city has rows"


def test_the_answer_matches_the_cli_json(client, alice, enterprises, token_for, run_cli):
    code, out, err = run_cli(
        "query",
        "--indicator",
        "output_ytd",
        "--indicator",
        "enterprises",
        "--period",
        "2024-04",
        "--by",
        "region",
        "--format",
        "json",
    )
    assert code == 0, err
    response = _query(
        client,
        token_for(alice),
        indicator=["output_ytd", "enterprises"],
        period="2024-04",
        by="region",
    )
    assert response.json() == json.loads(out)


def test_a_county_user_gets_enterprise_rows_of_its_region_only(client, bob, enterprises, token_for):
    response = _query(
        client, token_for(bob), indicator=["output_ytd"], period="2024-04", by="enterprise"
    )
    members = {row["member"] for row in response.json()}
    assert members == {e.uscc for e in enterprises if e.region_id == "371521"}
    # Aggregates of every region stay visible (they are published in the bulletin).
    response = _query(
        client, token_for(bob), indicator=["output_ytd"], period="2024-04", by="region"
    )
    assert {"371521", "371502"} <= {row["member"] for row in response.json()}


def test_as_of_is_passed_to_the_engine(client, alice, enterprises, token_for):
    response = _query(
        client,
        token_for(alice),
        indicator=["output_ytd"],
        period="2024-04",
        by="city",
        as_of="2000-01-01",
    )
    assert response.status_code == 200
    assert all(row["value"] in (None, 0) for row in response.json())


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"indicator": "output_ytd", "period": "2024-04", "as_of": "yesterday"}, "无效"),
    ],
)
def test_a_bad_request_gets_400_with_the_chinese_message(
    client, alice, city, data_dir, token_for, params, fragment
):
    response = _query(client, token_for(alice), **params)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"indicator": "output_ytd", "period": "2024-13"},
        {"indicator": "output_ytd", "period": ""},
        {"indicator": "", "period": "2024-04"},
        {"indicator": "output_ytd", "period": "2024-04", "by": ""},
        {"indicator": "no_such", "period": "2024-04"},  # not in the catalog's enum
        {"indicator": "output_ytd", "period": "2024-04", "by": "planet"},
    ],
)
def test_what_the_schema_refuses_gets_422(client, alice, city, data_dir, token_for, params):
    """The OpenAPI description's patterns are the validation: an empty period= or indicator=
    is refused before the engine runs, with the 422 the description documents."""
    response = _query(client, token_for(alice), **params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_filter_restricts_to_a_members_enterprises(client, alice, enterprises, token_for, run_cli):
    # a county's own divisions: filter=region:371521 with by=industry, the same as the CLI
    response = _query(
        client,
        token_for(alice),
        indicator=["output_ytd"],
        period="2024-04",
        by="industry",
        filter=["region:371521"],
    )
    assert response.status_code == 200, response.content
    expected = engine_current().query(
        indicators=["output_ytd"],
        period="2024-04",
        by="industry",
        scope=Scope.everything(),
        filters=[("region", "371521")],
    )
    assert response.json() == json.loads(json.dumps(expected.rows))
    whole = engine_current().query(indicators=["output_ytd"], period="2024-04", by="industry")
    assert sum(r["value"] or 0 for r in response.json()) < sum(r["value"] or 0 for r in whole.rows)
    code, out, err = run_cli(
        "query", "--indicator", "output_ytd", "--period", "2024-04", "--by", "industry",
        "--filter", "region=371521", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == response.json()


def test_a_bad_filter_is_a_400_in_chinese(client, alice, enterprises, token_for):
    response = _query(
        client, token_for(alice), indicator=["output_ytd"], period="2024-04", filter=["nowhere"]
    )
    assert response.status_code == 400
    assert "筛选条件有误" in response.json()["detail"]


def test_a_county_user_gets_small_cells_of_other_regions_withheld(
    client, alice, bob, enterprises, token_for
):
    # 371521 (bob's own region) has 2 enterprises, 371502 has 1, each division 1, the city 3.
    params = {"indicator": ["output_ytd", "enterprises"], "period": "2024-04"}
    rows = _query(client, token_for(bob), by="region", **params).json()
    by_member = {(r["member"], r["indicator"]): r for r in rows}
    own = by_member[("371521", "output_ytd")]
    # (1001 + 1002 + 1003 + 1004) + (1101 + 1102 + 1103 + 1104) = 4010 + 4410
    assert own["value"] == pytest.approx(8420.0)
    assert "suppressed" not in own and "note" not in own
    other = by_member[("371502", "output_ytd")]
    assert other["value"] is None
    assert other["suppressed"] is True
    assert other["note"] == "不足3家，按统计法不公开"
    # the count itself is not a firm's figure: it says why
    assert by_member[("371502", "enterprises")]["value"] == 1
    # a division holds firms of other regions: withheld for a county user under 3 firms
    rows = _query(client, token_for(bob), by="industry", **params).json()
    assert {r["value"] for r in rows if r["indicator"] == "output_ytd"} == {None}
    # the city (3 enterprises) is shown
    rows = _query(client, token_for(bob), by="city", **params).json()
    assert all(r["value"] is not None and "suppressed" not in r for r in rows)
    # a city user sees everything, without the extra keys
    rows = _query(client, token_for(alice), by="industry", **params).json()
    assert all(
        r["value"] is not None and set(r) == {*["indicator", "member", "name", "value", "unit"]}
        for r in rows
    )

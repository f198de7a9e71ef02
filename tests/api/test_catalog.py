"""GET /api/v1/catalog: the indicator list."""

import pytest

from gongxin.engine import default_catalog

pytestmark = pytest.mark.django_db


def test_the_catalog_lists_every_indicator(client, alice, token_for):
    response = client.get("/api/v1/catalog", headers=token_for(alice))
    assert response.status_code == 200
    items = response.json()
    assert [i["id"] for i in items] == list(default_catalog().indicators)
    first = next(i for i in items if i["id"] == "va_growth_ytd")
    assert first["name"] == "规上工业增加值累计增速"
    assert first["unit"] == "%"
    assert "region" in first["dims"]
    # Chinese travels as characters, not \\u escapes.
    assert "规上工业增加值累计增速" in response.content.decode()

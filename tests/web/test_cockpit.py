"""The cockpit: the month's figures come from the engine, exactly as `gongxin query` gives them."""

import json
import re

import pytest

from gongxin.wording import number

pytestmark = pytest.mark.django_db


def _shown(html: str, indicator: str) -> str:
    match = re.search(rf'data-value="{indicator}">([^<]+)<', html)
    assert match, f"{indicator} is not on the page"
    return match.group(1)


def test_a_headline_figure_equals_gongxin_query(login, alice, enterprises, run_cli):
    code, out, err = run_cli(
        "query", "--indicator", "va_growth_ytd", "--indicator", "output_ytd",
        "--period", "2024-04", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    expected = {row["indicator"]: row["value"] for row in json.loads(out)}
    html = login(alice).get("/").content.decode()
    assert _shown(html, "va_growth_ytd") == f"{expected['va_growth_ytd']:,.1f}"
    # Money on a headline card in 亿元 (two decimals), the 万元 figure in its tooltip.
    output = expected["output_ytd"]
    assert _shown(html, "output_ytd") == number(output / 10000, 2, grouping=True)
    assert f'title="{number(output, 1, grouping=True)} 万元"' in html
    assert '<span class="kpi-unit">亿元</span>' in html


def test_the_latest_month_with_data_is_the_default_and_others_can_be_chosen(
    login, alice, enterprises
):
    client = login(alice)
    html = client.get("/").content.decode()
    assert '<option value="2024-04" selected>' in html
    assert "2024年1—4月" in html
    html = client.get("/?period=2024-02").content.decode()
    assert '<option value="2024-02" selected>' in html and "2024年1—2月" in html
    # A month without data falls back to the latest rather than failing.
    assert '<option value="2024-04" selected>' in client.get("/?period=1999-01").content.decode()


def test_the_charts_get_their_data_from_a_json_island_not_inline_script(login, bob, enterprises):
    html = login(bob).get("/").content.decode()
    data = json.loads(
        re.search(r'id="cockpit-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    assert {r["code"] for r in data["regions"]} == {"371521", "371502"}  # regions with data
    assert data["map"]["url"] == "/geo/371500.geojson"
    assert len(data["sparks"]["va_growth_ytd"]) == 4  # January–April
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_a_county_user_sees_every_regions_aggregates_on_the_cockpit(login, bob, enterprises):
    html = login(bob).get("/").content.decode()
    assert "东昌府区" in html and "阳谷县" in html
    assert "91371502MA3C00003C" not in html  # no enterprise-level data on the cockpit


def test_without_data_the_cockpit_says_what_to_do(login, alice, data_dir):
    html = login(alice).get("/").content.decode()
    assert "暂无月度数据" in html


def test_the_region_boundaries_are_served_with_chinese_names(login, alice):
    client = login(alice)
    response = client.get("/geo/371500.geojson")
    assert response.status_code == 200
    geo = json.loads(b"".join(response.streaming_content))
    names = {f["properties"]["code"]: f["properties"]["name"] for f in geo["features"]}
    assert (
        len(names) == 11 and names["371503"] == "茌平区" and names["371571"] == "聊城经济技术开发区"
    )
    assert client.get("/geo/371400.geojson").status_code == 404

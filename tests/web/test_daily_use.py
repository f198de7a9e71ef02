"""Daily-use fixes of the pages: county-first cockpit, readable tables, map classes, revisions."""

import json
import re

import pytest
from tests.web.test_uploads import HEADER, _post

from gongxin.engine.catalog import default_catalog
from gongxin.web.map_ramp import COLOURS, quantile_ramp
from gongxin.web.views.home import zone_short_name

pytestmark = pytest.mark.django_db


def _island(html: str, name: str) -> dict:
    match = re.search(rf'id="{name}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


# ---- county-first cockpit -------------------------------------------------------------------


def test_a_county_user_lands_on_their_county_with_the_city_one_click_away(login, bob, enterprises):
    client = login(bob)
    html = client.get("/").content.decode()
    assert "阳谷县工业运行驾驶舱" in html
    assert 'href="/?view=city&amp;period=2024-04"' in html  # the city, one click away
    data = _island(html, "cockpit-data")
    assert data["map"]["highlight"] == "371521"
    # Its own enterprises, no other county's.
    assert 'id="county-enterprises"' in html
    assert "阳谷铜业有限公司" in html and "东昌府纺织有限公司" not in html
    # The headline figure is the county's, with the city's beside it.
    from gongxin.stats.selectors import engine_current

    engine = engine_current()
    county = engine.query(indicators=["va_growth_ytd"], period="2024-04", by="region")
    city = engine.query(indicators=["va_growth_ytd"], period="2024-04", by="city")
    shown = re.search(r'data-value="va_growth_ytd">([^<]+)<', html).group(1)
    assert shown == f"{county.value('va_growth_ytd', '371521'):,.1f}"
    beside = re.search(r'data-city-value="va_growth_ytd">([^<]+)<', html).group(1)
    assert beside == f"{city.rows[0]['value']:,.1f}"

    city_html = client.get("/?view=city").content.decode()
    assert "阳谷县工业运行驾驶舱" not in city_html and "工业运行驾驶舱" in city_html
    assert _island(city_html, "cockpit-data")["map"]["highlight"] is None
    assert 'id="county-enterprises"' not in city_html


def test_a_city_user_lands_on_the_city(login, alice, enterprises):
    html = login(alice).get("/").content.decode()
    assert 'class="view-switch"' not in html
    assert _island(html, "cockpit-data")["map"]["highlight"] is None
    assert "本月有月报的规模以上企业" in html  # what 规上企业数 counts, said in place


# ---- tables ---------------------------------------------------------------------------------


def test_a_section_table_has_the_city_row_and_is_sorted_by_the_main_figure(
    login, alice, enterprises
):
    from gongxin.stats.selectors import engine_current

    html = login(alice).get("/regions/?period=2024-04").content.decode()
    table = re.search(r'<table class="data data-wide" id="section-table".*?</table>', html, re.S)
    table = table.group(0)
    # 全市 first, in its own (unsorted) body, with the city's own figure.
    total = re.search(r'<tr class="total-row" data-member="371500">.*?</tr>', table, re.S).group(0)
    assert "全市" in total
    city = engine_current().query(indicators=["va_growth_ytd"], period="2024-04", by="city")
    assert f'data-value="va_growth_ytd">{city.rows[0]["value"]:,.1f}<' in total
    # Rows by growth, largest first; the regions without data last, by code.
    region = engine_current().query(indicators=["va_growth_ytd"], period="2024-04", by="region")
    order = re.findall(r'<tr data-member="(\d+)"', table.split("data-sort-body")[1])
    with_data = sorted(
        (r for r in region.rows if r["value"] is not None), key=lambda r: -r["value"]
    )
    assert order[: len(with_data)] == [r["member"] for r in with_data]
    assert order[len(with_data) :] == sorted(order[len(with_data) :])
    # Every column sorts; money columns carry both units.
    assert table.count("data-sort-key=") == 1 + table.split("</thead>")[0].count('class="num"')
    output = region.rows and engine_current().query(
        indicators=["output_ytd"], period="2024-04", by="region"
    ).value("output_ytd", "371521")
    cell = re.search(
        r'<tr data-member="371521".*?(<td[^>]*data-value="output_ytd">)', table, re.S
    ).group(1)
    # e.g. 8,420.0 万元 = 0.84 亿元 (÷ 10,000, two decimals, half up)
    assert f'data-wan="{output:,.1f}"' in cell
    assert f'data-yi="{output / 10000:,.2f}"' in cell
    assert "data-unit-switch" in html


def test_money_is_the_catalogs_wan_yuan_columns_only():
    from gongxin.web.templatetags.tables import is_money, money_attrs

    assert default_catalog().indicators["output_ytd"].unit == "万元" and is_money("output_ytd")
    assert not is_money("va_growth_ytd")
    assert money_attrs(None, "va_growth_ytd") == ""
    # 123,456.75 万元 = 12.345675 亿元 → 12.35 (half up)
    assert money_attrs(123456.75, "output_ytd") == ' data-wan="123,456.8" data-yi="12.35"'
    assert money_attrs(None, "output_ytd") == ' data-wan="—" data-yi="—"'


def test_the_enterprise_table_explains_its_count(login, alice, enterprises):
    html = login(alice).get("/enterprises/?period=2024-04").content.decode()
    assert "含本月未报送的" in html and "只计本月有月报的规模以上企业" in html
    assert 'data-yi="' in html and "data-money-unit" in html


# ---- map classes ------------------------------------------------------------------------------


def test_quantile_classes_separate_6_4_from_9_8():
    # Eleven regions as in the demo's spring: 6.4 and 9.8 were one blue on the continuous ramp.
    values = [6.4, 9.8, 7.1, 8.0, 5.2, 12.3, 6.9, 8.8, 10.4, 4.1, None]
    pieces = quantile_ramp(values)
    assert len(pieces) == 5 and [p.colour for p in pieces] == list(COLOURS)

    def colour(v):
        return next(
            p.colour for p in pieces if (p.gte is None or v >= p.gte) and (p.lt is None or v < p.lt)
        )

    assert colour(6.4) != colour(9.8)
    # Ten distinct values, five classes of two: 4.1 5.2 | 6.4 6.9 | 7.1 8.0 | 8.8 9.8 | 10.4 12.3;
    # cuts halfway: (5.2+6.4)/2 = 5.8, (6.9+7.1)/2 = 7.0, (8.0+8.8)/2 = 8.4, (9.8+10.4)/2 = 10.1.
    assert [p.lt for p in pieces] == [5.8, 7.0, 8.4, 10.1, None]
    assert [p.label for p in pieces] == [
        "4.1%～5.2%", "6.4%～6.9%", "7.1%～8.0%", "8.8%～9.8%", "10.4%～12.3%",
    ]  # fmt: skip


def test_values_that_display_alike_share_a_class_and_few_values_few_classes():
    # 6.35 and 6.4 both show 6.4: one class (the cut lies between displayed values).
    pieces = quantile_ramp([6.35, 6.4, 9.8])
    assert len(pieces) == 2 and pieces[0].label == "6.4%" and pieces[1].gte == 8.1
    assert quantile_ramp([None, None]) == []
    single = quantile_ramp([3.0])
    assert len(single) == 1 and single[0].gte is None and single[0].lt is None


def test_the_zones_are_labelled_by_their_short_names(login, alice, enterprises):
    assert zone_short_name("聊城经济技术开发区", "聊城") == "经开区"
    assert zone_short_name("聊城高新技术产业开发区", "聊城") == "高新区"
    assert zone_short_name("江北水城旅游度假区", "聊城") == "度假区"
    data = _island(login(alice).get("/").content.decode(), "cockpit-data")
    assert data["map"]["pieces"]  # the legend's classes come with the data


# ---- revisions ---------------------------------------------------------------------------------


def test_the_revisions_page_opens_on_the_latest_month_with_revisions(login, alice, enterprises):
    client = login(alice)
    fix = (HEADER + "2024-02,91371502MA3C00003C,999,9,9,9\n").encode()
    _post(client, "monthly", "fix.csv", fix)
    html = client.get("/uploads/revisions/").content.decode()
    assert "东昌府纺织有限公司" in html and "第 2 版" in html
    assert '<option value="2024-02" selected' in html


def test_the_zones_figures_are_listed_beside_the_map(login, alice, enterprises):
    from gongxin.registry.models import Enterprise
    from gongxin.stats.models import DataVersion

    # Move 东昌府纺织 into 聊城经济技术开发区 so that a zone has figures.
    Enterprise.objects.filter(uscc="91371502MA3C00003C").update(region_id="371571")
    DataVersion.bump()
    html = login(alice).get("/").content.decode()
    line = re.search(r"<p class=\"zone-figures\" data-zone-figures>(.*?)</p>", html, re.S).group(1)
    assert "经开区" in line and 'title="聊城经济技术开发区"' in line
    from gongxin.stats.selectors import engine_current

    zone = engine_current().query(indicators=["va_growth_ytd"], period="2024-04", by="region")
    assert f'<span class="num">{zone.value("va_growth_ytd", "371571"):,.1f}%</span>' in line

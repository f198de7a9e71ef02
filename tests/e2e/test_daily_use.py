"""In a real browser: county-first cockpit, the map's colour classes, the tables' 全市 row,
click-to-sort, frozen names and the 万元/亿元 switch. Screenshots at 1366×768 go to /tmp."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The fill colour ECharts gave each region (the visual the piecewise visualMap mapped it to).
MAP_FILLS = """() => {
  const chart = echarts.getInstanceByDom(document.querySelector('.chart-map'));
  const data = chart.getModel().getSeriesByIndex(0).getData();
  const out = {};
  for (let i = 0; i < data.count(); i++) {
    const style = data.getItemVisual(i, 'style') || {};
    out[data.getName(i)] = {value: data.get('value', i),
                            fill: style.fill || data.getItemVisual(i, 'color')};
  }
  return out;
}"""
MAP_OPTION = """() => {
  const o = echarts.getInstanceByDom(document.querySelector('.chart-map')).getOption();
  return {pieces: o.visualMap[0].pieces, type: o.visualMap[0].type,
          data: o.series[0].data.map(d => ({name: d.name, short: d.short,
                                              border: d.itemStyle && d.itemStyle.borderWidth}))};
}"""


def _ready(page, count: int) -> None:
    page.locator("[data-chart-ready]").nth(count - 1).wait_for(state="attached", timeout=15000)


def test_a_county_user_lands_on_their_county_and_reaches_the_city(page_as, site):
    page = page_as("bob")
    _ready(page, 7 + 3)  # sparklines, map, ranking, trend (their enterprises instead of divisions)
    expect(page.locator("h1")).to_contain_text("阳谷县工业运行驾驶舱")
    expect(page.locator("#county-enterprises")).to_contain_text("阳谷铜业有限公司")
    option = page.evaluate(MAP_OPTION)
    borders = {d["name"]: d["border"] for d in option["data"]}
    assert borders["阳谷县"] == 4 and borders["东昌府区"] != 4  # their county outlined
    page.screenshot(path=str(SCREENSHOTS / "gongxin-county-cockpit-1366x768.png"))
    page.click(".view-switch >> text=全市")
    page.wait_for_url(f"{site}/?view=city**")
    expect(page.locator("h1")).not_to_contain_text("阳谷县")
    _ready(page, 11)
    assert all(d["border"] != 4 for d in page.evaluate(MAP_OPTION)["data"])


def test_the_map_paints_different_growth_in_different_colours(page_as):
    page = page_as("alice")
    _ready(page, 11)
    fills = page.evaluate(MAP_FILLS)
    shown = {
        name: f for name, f in fills.items() if f["value"] is not None and f["value"] == f["value"]
    }
    assert set(shown) == {"阳谷县", "东昌府区"}  # the two regions with reports
    assert shown["阳谷县"]["value"] != shown["东昌府区"]["value"]
    assert shown["阳谷县"]["fill"] != shown["东昌府区"]["fill"]
    option = page.evaluate(MAP_OPTION)
    assert option["type"] == "piecewise" and len(option["pieces"]) == 2
    assert {p["color"] for p in option["pieces"]} == {
        shown["阳谷县"]["fill"],
        shown["东昌府区"]["fill"],
    }
    shorts = {d["name"]: d["short"] for d in option["data"]}
    assert shorts["聊城经济技术开发区"] == "经开区" and shorts["聊城高新技术产业开发区"] == "高新区"
    # The legend is drawn: its labels are in the canvas's option, one per class.
    assert all(p["label"].endswith("%") for p in option["pieces"])


def test_the_region_table_keeps_the_total_first_and_sorts_on_click(page_as, site):
    page = page_as("alice")
    page.goto(f"{site}/regions/?period=2024-04")
    table = page.locator("#section-table")
    expect(table.locator("tbody").first.locator("tr")).to_have_text(re.compile(r"^\s*全市"))
    rows = table.locator("tbody[data-sort-body] tr")
    growth = [
        r.get_attribute("data-sort") for r in rows.locator('td[data-value="va_growth_ytd"]').all()
    ]
    present = [float(g) for g in growth if g]
    assert present == sorted(present, reverse=True)  # opened sorted by the main figure
    header = table.locator('th[data-sort-key="output_ytd"]')
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    output = [
        r.get_attribute("data-sort") for r in rows.locator('td[data-value="output_ytd"]').all()
    ]
    values = [float(v) for v in output if v]
    assert values == sorted(values, reverse=True) and len(values) == 2
    assert output[len(values) :] == [""] * (len(output) - len(values))  # no figure: last
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    output = [
        r.get_attribute("data-sort") for r in rows.locator('td[data-value="output_ytd"]').all()
    ]
    assert [float(v) for v in output if v] == sorted(values)
    expect(table.locator("tbody").first.locator("tr")).to_have_text(re.compile(r"^\s*全市"))
    # Names on one line at 1366 px, and the name column stays put when the table scrolls.
    heights = [c.bounding_box()["height"] for c in table.locator("td.name-cell").all()]
    line = table.locator("td.name-cell").first.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight)"
    )
    assert max(heights) < 2 * line + 20
    wrap = page.locator(".table-frozen").first
    before = table.locator("td.name-cell").first.bounding_box()["x"]
    wrap.evaluate("e => { e.scrollLeft = 400; }")
    assert wrap.evaluate("e => e.scrollLeft") > 0  # the table is wider than the card at 1366
    assert abs(table.locator("td.name-cell").first.bounding_box()["x"] - before) < 1
    wrap.evaluate("e => { e.scrollLeft = 0; }")
    page.screenshot(path=str(SCREENSHOTS / "gongxin-regions-table-1366x768.png"), full_page=True)


def test_the_unit_switch_shows_money_in_yi_yuan_and_is_remembered(page_as, site):
    page = page_as("alice")
    page.goto(f"{site}/regions/?period=2024-04")
    cell = page.locator('#section-table tr[data-member="371521"] td[data-value="output_ytd"]')
    wan, yi = cell.get_attribute("data-wan"), cell.get_attribute("data-yi")
    assert wan != yi
    expect(cell).to_have_text(wan)
    page.click("[data-unit-switch] >> text=亿元")
    expect(cell).to_have_text(yi)
    expect(page.locator('th[data-sort-key="output_ytd"] [data-money-unit]')).to_have_text("亿元")
    page.goto(f"{site}/enterprises/?period=2024-04")
    first = page.locator('#enterprise-rows td[data-value="output_ytd"]').first
    expect(first).to_have_text(first.get_attribute("data-yi"))  # remembered across pages
    page.screenshot(path=str(SCREENSHOTS / "gongxin-enterprises-yi-1366x768.png"), full_page=True)
    page.click("[data-unit-switch] >> text=万元")
    expect(first).to_have_text(first.get_attribute("data-wan"))


def test_the_industry_chart_labels_every_bar(page_as, site):
    page = page_as("alice")
    page.goto(f"{site}/industries/?period=2024-04")
    _ready(page, 1)
    label = page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-chart=rank]'))"
        ".getOption().yAxis[0].axisLabel.interval"
    )
    assert label == 0

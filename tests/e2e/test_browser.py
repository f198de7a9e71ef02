"""In a real browser: the cockpit draws its charts, drill-downs lead to an enterprise, a bad
upload shows its report. Screenshots go to /tmp for a human to look at."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Counts canvas pixels that are not transparent: a chart that drew nothing has none.
PAINTED = """(selector) => {
  const canvas = document.querySelector(selector + ' canvas');
  if (!canvas) return 0;
  const ctx = canvas.getContext('2d');
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
  return n;
}"""


def _charts_ready(page, count: int) -> None:
    # Locators, not wait_for_function: the page's CSP forbids the eval that a string predicate
    # needs.
    page.locator("[data-chart-ready]").nth(count - 1).wait_for(state="attached", timeout=15000)


@pytest.mark.parametrize("size", [(1366, 768), (3840, 2160)])
def test_the_cockpit_draws_its_charts(page_as, size):
    page = page_as("alice", *size)
    _charts_ready(page, 7 + 4)  # seven sparklines, map, two rankings, trend
    assert page.evaluate(PAINTED, ".chart-map") > 1000
    assert page.evaluate(PAINTED, ".chart-rank") > 1000
    assert page.evaluate(PAINTED, ".spark") > 50
    assert page.locator('[data-value="va_growth_ytd"]').first.inner_text() != "—"
    page.screenshot(path=str(SCREENSHOTS / f"gongxin-cockpit-{size[0]}x{size[1]}.png"))


def test_drill_from_the_region_ranking_to_a_region_and_an_enterprise(page_as, site):
    page = page_as("bob")
    _charts_ready(page, 10)  # a county user's cockpit: their enterprises instead of divisions
    # From the cockpit's ranking panel to the regions table (the map click has its own test).
    page.click("text=全部区县")
    page.wait_for_url(f"{site}/regions/**")
    page.click("#section-table >> text=阳谷县")
    page.wait_for_url(f"{site}/regions/371521/**")
    page.wait_for_selector("#enterprise-rows")
    page.fill("#enterprise-q", "铜业")
    expect(page.locator("#enterprise-rows tbody tr[data-uscc]")).to_have_count(1)
    page.click("#enterprise-rows >> text=阳谷铜业有限公司")
    page.wait_for_url(f"{site}/enterprises/91371521MA3C00001A/**")
    _charts_ready(page, 1)
    assert "登记信息" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "gongxin-enterprise-1366x768.png"), full_page=True)


def test_a_click_on_the_map_opens_the_region(page_as, site):
    page = page_as("alice", 1366, 768)
    _charts_ready(page, 11)
    page.locator(".chart-map").scroll_into_view_if_needed()  # below the fold at 1366×768
    box = page.locator(".chart-map").bounding_box()
    # Find the screen point of 阳谷县 from the chart itself, then click there like a user.
    point = page.evaluate(
        """() => {
          const chart = echarts.getInstanceByDom(document.querySelector('.chart-map'));
          return chart.convertToPixel({seriesIndex: 0}, [115.79, 36.11]);
        }"""
    )
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_url(f"{site}/regions/371521/**")


def test_a_bad_upload_shows_its_report(page_as, tmp_path):
    page = page_as("alice")
    page.goto(page.url + "uploads/")
    bad = tmp_path / "bad.csv"
    bad.write_text("period,uscc,output\n2024-05,91371521MA3C00001A,abc\n", encoding="utf-8")
    page.select_option("#upload-kind", "monthly")
    page.set_input_files("#upload-file", str(bad))
    page.click("text=上传并导入")
    page.wait_for_selector("#import-rejected")
    report = page.inner_text("#import-errors")
    assert "output" in report and "2" in report
    page.screenshot(path=str(SCREENSHOTS / "gongxin-upload-error-1366x768.png"), full_page=True)

"""The chain page in Chromium: the map is drawn as a tree; clicking a node lists its firms."""

from __future__ import annotations

import pytest

from tests.chains.fixtures import chains_create
from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

# The tree's nodes from ECharts: (name, x, y) in the canvas' pixels (the global transform).
LAYOUT_JS = """
(el) => {
  const chart = window.echarts.getInstanceByDom(el);
  const data = chart.getModel().getSeriesByIndex(0).getData();
  const out = [];
  for (let i = 0; i < data.count(); i++) {
    const el = data.getItemGraphicEl(i);
    if (el) { out.push([data.getName(i), el.transform[4], el.transform[5]]); }
  }
  return out;
}
"""


def test_chain_map_is_a_tree_and_a_click_lists_the_firms(page_as, site):
    chains_create()
    page = page_as("bob")
    page.goto(f"{site}/chains/nonferrous/?period=2024-04")
    tree = page.locator("#chain-tree")
    tree.locator("canvas").wait_for()
    layout = page.evaluate(LAYOUT_JS, tree.element_handle())
    names = [name for name, _, _ in layout]
    assert names[0] == "有色金属" and "铜材加工（1）" in names and "铜冶炼（0）" in names
    xs = {name: x for name, x, _ in layout}
    # Upstream to downstream, left to right: 铜冶炼 → 铜材加工 → 电线电缆.
    assert xs["铜冶炼（0）"] < xs["铜材加工（1）"] < xs["电线电缆（1）"]
    box = tree.bounding_box()
    _, x, y = next(item for item in layout if item[0] == "铜材加工（1）")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.locator("#node-firms-table").wait_for()
    assert "阳谷铜业有限公司" in page.locator("#node-firms").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "chains-chain.png"), full_page=True)
    # The problem list shows bob's problem only, and its workflow works in the page.
    assert page.locator('[data-problem="WT-BOB"]').count() == 1
    assert page.locator('[data-problem="WT-CITY"]').count() == 0
    page.click('[data-problem="WT-BOB"] a')
    page.fill('form[data-action="note"] textarea[name=note]', "已协调供电公司增容")
    page.click('form[data-action="note"] button[type=submit]')
    page.locator("#problem-status", has_text="推进中").wait_for()
    assert "已协调供电公司增容" in page.locator("#problem-history").inner_text()

"""诉求通 in a real browser: a firm submits, the unit signs and answers on its inbox, the firm
rates; the statistics page paints its chart."""

import pytest

from gongxin.registry.permissions import Actor
from tests.e2e.conftest import SCREENSHOTS
from tests.web.personas import ENTERPRISES, PASSWORD

SYSTEM = Actor.system("test")

pytestmark = pytest.mark.e2e


@pytest.fixture
def appeal_people(site):
    from gongxin.registry.users import user_create_or_update

    user_create_or_update(
        username="firm", role="enterprise", uscc=ENTERPRISES[0][0], password=PASSWORD, actor=SYSTEM
    )
    user_create_or_update(
        username="unit", role="unit_user", unit="市工业和信息化局", password=PASSWORD, actor=SYSTEM
    )
    return site


def _login(browser, site, username):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/appeals/")
    return page


def test_a_firm_submits_the_unit_answers_the_firm_rates(browser, appeal_people):
    site = appeal_people
    firm = _login(browser, site, "firm")
    firm.click("text=提交诉求")
    firm.select_option("select[name=category]", "政策咨询")
    firm.fill("input[name=title]", "技改补贴政策咨询")
    firm.fill("textarea[name=description]", "申请2024年技改补贴需要哪些材料？")
    firm.click("#appeal-new button[type=submit]")
    firm.wait_for_selector("[data-state=submitted]")
    code = firm.url.rstrip("/").rsplit("/", 1)[1]

    unit = _login(browser, site, "unit")
    unit.click(f"a:text('{code}')")
    unit.click("[data-action=accept] button")
    unit.wait_for_selector("[data-state=accepted]")
    unit.fill("[data-action=answer] textarea[name=note]", "需提交项目备案和发票，5月底前受理。")
    unit.click("[data-action=answer] button")
    unit.wait_for_selector("[data-state=answered]")

    firm.goto(f"{site}/appeals/{code}/")
    firm.select_option("[data-action=rate] select[name=rating]", "满意")
    firm.click("[data-action=rate] button")
    firm.wait_for_selector("[data-state=rated]")
    steps = firm.locator("#appeal-timeline li").evaluate_all(
        "els => els.map(e => e.dataset.action)"
    )
    assert steps == ["submit", "accept", "answer", "rate"]
    firm.screenshot(path=str(SCREENSHOTS / "appeal-detail.png"), full_page=True)

    unit.goto(f"{site}/appeals/stats/")
    unit.wait_for_function(
        "() => { const c = document.querySelector('#appeal-chart canvas');"
        " return c && c.width > 0; }"
    )
    unit.screenshot(path=str(SCREENSHOTS / "appeal-stats.png"), full_page=True)
    for page in (firm, unit):
        assert page.errors == [], page.errors
        page.context.close()

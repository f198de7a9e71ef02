"""The browser rounds like the server: numbers.js against gongxin.wording, in real Chromium."""

from pathlib import Path

import pytest

from gongxin import wording

SCRIPT = (
    Path(__file__).resolve().parents[2] / "src/gongxin/web/static/web/js/numbers.js"
).read_text(encoding="utf-8")

CASES = [
    ((107.75 / 100 - 1) * 100, 1),  # 7.749999999999996 → 7.8
    ((100.05 / 100 - 1) * 100, 1),  # 0.04999999999999449 → 0.1
    (7.85, 1),
    (-7.85, 1),
    (-0.04, 1),
    (2.675, 2),
    (1.005, 2),
    (12345.65, 1),
    (7.7499999, 1),
    (0.5, 0),
    (-2.5, 0),
    (None, 1),
]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=SCRIPT)
    yield page
    context.close()


def test_the_browser_shows_the_same_digits_as_the_server(page):
    for value, decimals in CASES:
        shown = page.evaluate("([v, d]) => window.gongxinNumber(v, d)", [value, decimals])
        assert shown == wording.number(value, decimals), (value, decimals)

"""In a real browser: a city admin acknowledges a warning in the 预警中心 and sees the history
line, then downloads the monthly bulletin from 报表 and the DOCX opens with the period in its
title. Screenshots go to /tmp for a human to look at."""

from __future__ import annotations

import re

import pytest
from docx import Document as DocxDocument
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = "已电话联系区县工信局，本周内走访核实"


def test_acknowledge_a_warning_then_download_the_bulletin(page_as, site):
    page = page_as("alice")

    # 预警中心: the first listing evaluates April's rules on the personas' small city.
    page.click("nav >> text=预警中心")
    page.wait_for_url(f"{site}/alerts/**")
    rows = page.locator("#alert-rows tbody tr[data-id]")
    expect(rows.first).to_be_visible()
    rows.first.locator("text=详情").click()
    page.wait_for_url(f"{site}/alerts/*/")

    form = page.locator('form[data-action="acknowledge"]')
    form.locator("textarea[name=note]").fill(NOTE)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".message-success")).to_contain_text("已签收")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "acknowledged")
    line = page.locator('#alert-history tr[data-action="acknowledge"]')
    expect(line).to_contain_text(NOTE)
    expect(line).to_contain_text("alice")
    page.screenshot(path=str(SCREENSHOTS / "gongxin-alert-acknowledged-1366x768.png"))

    # 报表: the bulletin of the latest month, as a DOCX download.
    page.click("nav >> text=报表")
    page.wait_for_url(f"{site}/reports/")
    bulletin = page.locator("#report-bulletin")
    expect(bulletin.locator("select[name=period]")).to_have_value("2024-04")
    page.screenshot(path=str(SCREENSHOTS / "gongxin-reports-1366x768.png"), full_page=True)
    with page.expect_download(timeout=60000) as info:
        bulletin.locator("button[value=docx]").click()
    download = info.value
    assert download.suggested_filename.endswith("2024年1—4月工业运行月通报.docx")
    document = DocxDocument(download.path())
    title = next(p.text for p in document.paragraphs if p.text.startswith("关于"))
    assert "2024年1—4月" in title, title

    # The dispatch summary arrives through HTMX; without daily data it is a Chinese message.
    page.fill("#dispatch-date", "2024-05-06")
    page.click("#dispatch-show")
    expect(page.locator('[data-error="dispatch-summary"]')).to_contain_text("没有日用电量数据")
    assert page.url == f"{site}/reports/"  # swapped in place, no navigation
    # HTMX keeps the old classes for a moment while it settles: wait for the card's own.
    expect(page.locator("#dispatch-summary")).to_have_class(re.compile(r"\bcard\b"))
    page.screenshot(path=str(SCREENSHOTS / "gongxin-reports-dispatch-1366x768.png"), full_page=True)


def test_a_county_user_is_told_why_there_are_no_reports(page_as, site):
    page = page_as("bob")
    page.click("nav >> text=报表")
    page.wait_for_url(f"{site}/reports/")
    expect(page.locator("[data-city-only]")).to_contain_text("仅市级管理员和市级分析员")
    expect(page.locator("#report-bulletin")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "gongxin-reports-county-1366x768.png"))

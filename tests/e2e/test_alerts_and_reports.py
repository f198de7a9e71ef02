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


def test_a_county_user_downloads_their_county_edition_with_a_number_and_date(page_as, site):
    page = page_as("bob")
    page.click("nav >> text=报表")
    page.wait_for_url(f"{site}/reports/")
    bulletin = page.locator("#report-bulletin")
    expect(bulletin.locator("[data-edition]")).to_contain_text("区县版：阳谷县")
    # the weekly has no county edition: the card says why
    expect(page.locator("#report-weekly[data-city-only]")).to_contain_text("仅市级管理员")
    # 文号 and 成文日期 typed in the card's fields
    bulletin.locator("input[name=number]").fill("6")
    bulletin.locator("input[name=issued]").fill("2024-05-22")
    page.screenshot(path=str(SCREENSHOTS / "gongxin-reports-county-1366x768.png"), full_page=True)
    with page.expect_download(timeout=60000) as info:
        bulletin.locator("button[value=docx]").click()
    download = info.value
    assert download.suggested_filename == "阳谷县2024年1—4月工业运行月通报.docx"
    texts = [p.text.replace("\n", "") for p in DocxDocument(download.path()).paragraphs]
    assert "关于2024年1—4月份阳谷县工业经济运行情况的通报" in texts
    assert "聊工信〔2024〕6号" in texts and "2024年5月22日" in texts


def test_a_date_before_the_period_ends_is_refused_in_the_card(page_as, site):
    page = page_as("alice")
    page.goto(f"{site}/reports/")
    bulletin = page.locator("#report-bulletin")
    bulletin.locator("input[name=issued]").fill("2024-04-30")
    bulletin.locator("button[value=docx]").click()
    page.wait_for_load_state()
    error = page.locator('[data-error="bulletin"]')
    expect(error).to_contain_text("成文日期 2024-04-30 不在报告期 2024-04 结束之后")
    # the refused value stays in its field to correct
    expect(page.locator("#bulletin-issued")).to_have_value("2024-04-30")

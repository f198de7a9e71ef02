"""The reports page (报表): downloads of the bulletin, dispatch and weekly documents that open in
independent readers, the dispatch summary through HTMX, errors as Chinese messages, and the
rule that only users who see every region may generate them (the documents name enterprises
of all regions)."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape
from urllib.parse import quote, unquote

import openpyxl
import pytest
from django.utils import timezone
from docx import Document as DocxDocument
from tests.web.personas import PASSWORD

from gongxin.city.config import load_city_config
from gongxin.registry.permissions import Actor
from gongxin.web.views.reports import CONTENT_TYPES, ERR_CITY_ONLY

pytestmark = pytest.mark.django_db

PERIOD = "2024-04"
DAY = dt.date(2024, 5, 6)  # a Monday, the first working day after 劳动节
WEEK = "2024-W19"  # 2024-05-06 … 2024-05-12
HALTED = "91371502MA3C00003C"  # 东昌府纺织有限公司 stops on DAY


@pytest.fixture
def daily(enterprises):
    """Daily electricity for the personas' three enterprises, April 1 to May 12, 2024: steady,
    except that one enterprise almost stops from DAY on (a halted firm to list)."""
    from gongxin.dispatch.models import DailyElectricity
    from gongxin.ingest.models import ImportBatch

    batch = ImportBatch.objects.create(
        kind="daily", filename="daily.csv", sha256="1" * 64, actor="test", status="committed"
    )
    now = timezone.now()
    rows = []
    day = dt.date(2024, 4, 1)
    while day <= dt.date(2024, 5, 12):
        for i, e in enumerate(enterprises):
            value = 0.1 if (e.uscc == HALTED and day >= DAY) else 3.0 + i
            rows.append(
                DailyElectricity(
                    enterprise=e, day=day, batch=batch, recorded_at=now, electricity=value
                )
            )
        day += dt.timedelta(days=1)
    DailyElectricity.objects.bulk_create(rows)


def _disposition_name(response) -> str:
    """The Chinese file name of ``filename*=UTF-8''…`` (RFC 5987), decoded."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment;"), header
    match = re.search(r"filename\*=UTF-8''(\S+)", header)
    assert match, header
    return unquote(match.group(1))


def _error(html: str, card: str) -> str:
    match = re.search(rf'data-error="{card}">([^<]+)<', html)
    assert match, html
    return unescape(match.group(1))


# --- the page ------------------------------------------------------------------------------


def test_the_nav_entry_lights_up_and_the_page_has_three_cards(login, alice, enterprises):
    client = login(alice)
    assert 'href="/reports/"' in client.get("/").content.decode()
    response = client.get("/reports/")
    html = response.content.decode()
    assert response.status_code == 200
    for card in ("report-bulletin", "report-dispatch", "report-weekly"):
        assert f'id="{card}"' in html
    assert f'<option value="{PERIOD}" selected>' in html
    for fmt in ("docx", "html", "xlsx"):
        assert f'name="format" value="{fmt}"' in html
    assert 'type="date"' in html and 'type="week"' in html


def test_the_pickers_start_at_the_latest_day_and_week_with_data(login, alice, daily):
    html = login(alice).get("/reports/").content.decode()
    assert 'name="date" value="2024-05-12"' in html
    assert f'name="week" value="{WEEK}"' in html


# --- the bulletin --------------------------------------------------------------------------


def test_the_bulletin_docx_opens_and_is_named_after_the_city_and_period(login, alice, enterprises):
    response = login(alice).get("/reports/bulletin/", {"period": PERIOD, "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["docx"]
    name = f"{load_city_config().name}2024年1—4月工业运行月通报.docx"
    assert _disposition_name(response) == name
    # The header itself carries the percent-encoded UTF-8 name and an ASCII fallback.
    assert f"filename*=UTF-8''{quote(name, safe='')}" in response["Content-Disposition"]
    assert 'filename="bulletin-2024-04.docx"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    assert "关于2024年1—4月份全市工业经济运行情况的通报" in text.replace("\n", "")


def test_the_bulletin_number_and_date_come_from_the_form_or_the_period(login, alice, enterprises):
    client = login(alice)
    response = client.get(
        "/reports/bulletin/",
        {"period": PERIOD, "format": "docx", "number": "9", "issued": "2024-05-21"},
    )
    texts = [p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs]
    assert "聊工信〔2024〕9号" in texts and "2024年5月21日" in texts
    # left empty: the 20th of the next month and the period's month, not today
    response = client.get("/reports/bulletin/", {"period": PERIOD, "format": "docx"})
    texts = [p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs]
    assert "聊工信〔2024〕4号" in texts and "2024年5月20日" in texts


def test_the_cards_have_number_and_date_fields_that_keep_a_refused_value(login, alice, enterprises):
    page = login(alice).get(
        "/reports/bulletin/", {"period": PERIOD, "format": "docx", "number": "五"}
    )
    html = page.content.decode()
    for card in ("bulletin", "dispatch", "weekly"):
        assert f'id="{card}-number" name="number"' in html
        assert f'id="{card}-issued" name="issued"' in html
    # the refused value is shown again in its card to correct, not in the others
    assert re.search(r'id="bulletin-number"[^>]*\s+value="五"', html)
    assert not re.search(r'id="dispatch-number"[^>]*\s+value="五"', html)


def test_the_bulletin_html_and_xlsx_open(login, alice, enterprises):
    client = login(alice)
    html = client.get("/reports/bulletin/", {"period": PERIOD, "format": "html"})
    assert html["Content-Type"] == CONTENT_TYPES["html"]
    assert _disposition_name(html).endswith("月通报.html")
    assert "2024年1—4月份全市工业经济运行情况" in html.content.decode("utf-8")

    xlsx = client.get("/reports/bulletin/", {"period": PERIOD, "format": "xlsx"})
    assert xlsx["Content-Type"] == CONTENT_TYPES["xlsx"]
    assert _disposition_name(xlsx).endswith("月通报.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert "正文" in book.sheetnames
    cells = [c for row in book["正文"].iter_rows(values_only=True) for c in row if c]
    assert any("2024年1—4月份" in str(c) for c in cells)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"period": "2023-01", "format": "docx"}, "2023-01 没有规上工业企业的月度数据"),
        ({"period": "2024-13", "format": "docx"}, "报告期格式有误"),
        ({"period": "", "format": "docx"}, "请选择报告期"),
        ({"period": PERIOD, "format": "pdf"}, "不支持的格式：pdf"),
        ({"period": PERIOD, "format": "docx", "number": "五"}, "发文字号序号 五 无效"),
        ({"period": PERIOD, "format": "docx", "number": "0"}, "发文字号序号 0 无效"),
        ({"period": PERIOD, "format": "docx", "issued": "2024/5/20"}, "成文日期 2024/5/20 无效"),
        (
            {"period": PERIOD, "format": "docx", "issued": "2024-04-30"},
            "成文日期 2024-04-30 不在报告期 2024-04 结束之后",
        ),
    ],
)
def test_a_bulletin_that_cannot_be_made_is_a_message_on_the_page(
    login, alice, enterprises, query, expected
):
    response = login(alice).get("/reports/bulletin/", query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    assert expected in _error(response.content.decode(), "bulletin")


# --- the daily dispatch ----------------------------------------------------------------------


def test_the_dispatch_summary_comes_through_htmx(login, alice, daily):
    response = login(alice).get(
        "/reports/", {"date": DAY.isoformat()}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert "<html" not in html  # the fragment alone
    assert 'id="dispatch-summary"' in html and 'id="dispatch-regions"' in html
    assert "阳谷县" in html and "东昌府区" in html
    assert "疑似停产企业1家" in html
    assert "东昌府纺织有限公司" in html  # the halted firm, in the list under the table


def test_without_javascript_the_page_shows_the_summary_itself(login, alice, daily):
    html = login(alice).get("/reports/", {"date": DAY.isoformat()}).content.decode()
    assert "<html" in html and 'id="dispatch-regions"' in html
    assert f'name="date" value="{DAY.isoformat()}"' in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-05-32", "日期 2024-05-32 无效"), ("2023-05-06", "2023-05-06 没有日用电量数据")],
)
def test_a_bad_or_empty_day_is_a_message_in_the_summary(login, alice, daily, value, expected):
    response = login(alice).get("/reports/", {"date": value}, headers={"HX-Request": "true"})
    assert response.status_code == 200  # HTMX swaps 2xx only: the message must arrive
    assert expected in _error(response.content.decode(), "dispatch-summary")


def test_the_dispatch_docx_opens(login, alice, daily):
    response = login(alice).get("/reports/dispatch/", {"date": DAY.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["docx"]
    name = f"{load_city_config().name}2024年5月6日工业用电日调度.docx"
    assert _disposition_name(response) == name
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    assert "工业企业用电日调度情况（2024年5月6日）" in text.replace("\n", "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "请选择调度日期"),
        ("6/5/2024", "日期 6/5/2024 无效"),
        ("2024-06-01", "没有日用电量数据"),
    ],
)
def test_a_dispatch_that_cannot_be_made_is_a_message(login, alice, daily, value, expected):
    response = login(alice).get("/reports/dispatch/", {"date": value})
    assert response.status_code == 400
    assert expected in _error(response.content.decode(), "dispatch")


# --- the weekly analysis ---------------------------------------------------------------------


def test_the_weekly_docx_opens(login, alice, daily):
    response = login(alice).get("/reports/weekly/", {"week": WEEK})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["docx"]
    assert (
        _disposition_name(response) == f"{load_city_config().name}2024年第19周工业运行周分析.docx"
    )
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    assert "工业经济运行周分析（2024年第19周）" in text.replace("\n", "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "请选择周次"), ("2024-W60", "周次 '2024-W60' 无效"), ("2023-W19", "没有日用电量数据")],
)
def test_a_weekly_that_cannot_be_made_is_a_message(login, alice, daily, value, expected):
    response = login(alice).get("/reports/weekly/", {"week": value})
    assert response.status_code == 400
    assert expected in _error(response.content.decode(), "weekly")


# --- who may generate ------------------------------------------------------------------------


def test_a_county_user_gets_their_editions_and_no_weekly(login, bob, daily):
    response = login(bob).get("/reports/", {"date": DAY.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "/reports/bulletin/" in html and "/reports/dispatch/" in html
    assert 'data-edition="371521"' in html and "区县版：阳谷县" in html
    assert "/reports/weekly/" not in html and ERR_CITY_ONLY in html
    # the inline dispatch summary is bob's county only
    assert "东昌府纺织有限公司" not in html  # carol's region: bob learns nothing of it
    assert "阳谷县监测工业企业" in html


def test_a_county_user_downloads_the_county_editions(login, bob, daily):
    client = login(bob)
    response = client.get("/reports/bulletin/", {"period": PERIOD, "format": "docx"})
    assert response.status_code == 200
    assert _disposition_name(response) == "阳谷县2024年1—4月工业运行月通报.docx"
    texts = [
        p.text.replace("\n", "") for p in DocxDocument(io.BytesIO(response.content)).paragraphs
    ]
    assert "关于2024年1—4月份阳谷县工业经济运行情况的通报" in texts
    assert "阳谷县工业和信息化主管部门：" in texts
    text = "".join(texts)
    assert "东昌府" not in text  # no other county's firm or figure named
    response = client.get("/reports/dispatch/", {"date": DAY.isoformat()})
    assert response.status_code == 200
    text = "".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    assert "阳谷县工业企业用电日调度情况" in text.replace("\n", "")
    assert "作为参照，全市监测工业企业3家" in text
    assert "东昌府纺织有限公司" not in text  # halted in carol's county, not listed to bob


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/reports/bulletin/", {"period": PERIOD, "format": "docx", "region": "371502"}),
        ("/reports/dispatch/", {"date": DAY.isoformat(), "region": "371502"}),
        ("/reports/weekly/", {"week": WEEK}),
    ],
)
def test_a_county_user_cannot_download_another_county_or_the_weekly(login, bob, daily, url, query):
    response = login(bob).get(url, query)
    assert response.status_code == 403
    assert "Content-Disposition" not in response


def test_a_city_user_may_choose_a_county_edition(login, alice, daily):
    client = login(alice)
    response = client.get("/reports/dispatch/", {"date": DAY.isoformat(), "region": "371502"})
    assert response.status_code == 200
    text = "".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    assert "东昌府区工业企业用电日调度情况" in text.replace("\n", "")
    response = client.get("/reports/dispatch/", {"date": DAY.isoformat(), "region": "999999"})
    assert response.status_code == 400
    assert "县（市、区）代码 999999 不在本市的区划中" in _error(
        response.content.decode(), "dispatch"
    )


def test_an_analyst_may_download(login, daily):
    from gongxin.registry.users import user_create_or_update

    dave, _ = user_create_or_update(
        username="dave",
        role="city_analyst",
        region=None,
        password=PASSWORD,
        actor=Actor.system("test"),
    )
    response = login(dave).get("/reports/dispatch/", {"date": DAY.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["docx"]


def test_downloads_are_get_only_and_need_a_login(client, login, alice, enterprises):
    assert client.get("/reports/").status_code == 302  # anonymous: to the login page
    logged_in = login(alice)
    response = logged_in.post(
        "/reports/bulletin/", {"csrfmiddlewaretoken": logged_in.cookies["csrftoken"].value}
    )
    assert response.status_code == 405

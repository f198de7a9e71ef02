"""The 诉求通 pages as each party uses them: intake, inbox, acting, statistics, the 通报."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document as DocxDocument

from gongxin.appeals.models import Appeal
from gongxin.appeals.services import appeal_act, appeal_submit
from tests.appeals.fixtures import YANGGU_COPPER

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(people):
    def _client(name):
        client = Client()
        client.force_login(people[name])
        return client

    return _client


def test_an_enterprise_user_lands_on_its_appeals_and_submits_one(as_user):
    firm = as_user("firm")
    assert firm.get("/").url == "/appeals/"
    inbox = firm.get("/appeals/").content.decode()
    assert "企业诉求" in inbox and "预警中心" not in inbox  # 诉求通 only in its navigation
    page = firm.get("/appeals/new/")
    assert page.status_code == 200 and "阳谷铜业有限公司" in page.content.decode()
    r = firm.post(
        "/appeals/new/", {"uscc": YANGGU_COPPER, "category": "融资信贷", "title": "续贷困难"}
    )
    appeal = Appeal.objects.get()
    assert r.status_code == 302 and r.url == f"/appeals/{appeal.code}/"
    detail = firm.get(r.url).content.decode()
    assert "市地方金融监督管理局" in detail and "待签收" in detail
    assert 'data-action="withdraw"' in detail  # the firm may withdraw, not sign
    assert 'data-action="accept"' not in detail


def test_the_unit_inbox_colours_late_appeals_and_the_unit_signs_on_the_page(people, as_user):
    old = timezone.make_aware(dt.datetime(2024, 4, 30, 15))
    late = appeal_submit(
        actor=people["firm"], uscc=YANGGU_COPPER, category="政策咨询", title="旧诉求", now=old
    ).appeal
    unit = as_user("unit_policy")
    inbox = unit.get("/appeals/?state=open").content.decode()
    assert f'class="due-late" data-code="{late.code}"' in inbox
    r = unit.post(f"/appeals/{late.code}/actions/", {"action": "accept"})
    assert r.status_code == 302
    assert Appeal.objects.get().status == "accepted"
    # Another unit: the appeal does not exist for it.
    other = as_user("unit_land")
    assert other.get(f"/appeals/{late.code}/").status_code == 404
    assert other.post(f"/appeals/{late.code}/actions/", {"action": "answer"}).status_code == 404
    # The firm may not answer for the unit: 403 with the reason, nothing changed.
    r = as_user("firm").post(f"/appeals/{late.code}/actions/", {"action": "answer", "note": "x"})
    assert r.status_code == 403 and "责任单位" in r.content.decode()
    assert Appeal.objects.get().status == "accepted"


def test_statistics_page_and_the_monthly_bulletin(people, as_user):
    at = timezone.make_aware(dt.datetime(2024, 4, 8, 9))
    appeal = appeal_submit(
        actor=people["firm"], uscc=YANGGU_COPPER, category="政策咨询", title="补贴", now=at
    ).appeal
    for who, action, kw in (
        ("unit_policy", "accept", {}),
        ("unit_policy", "answer", {"note": "已答复"}),
        ("firm", "rate", {"rating": "满意"}),
        ("unit_policy", "close", {"solved": True}),
    ):
        at += dt.timedelta(hours=3)
        appeal_act(actor=people[who], code=appeal.code, action=action, now=at, **kw)
    page = as_user("dave").get("/appeals/stats/?start=2024-04-01&end=2024-04-30").content.decode()
    assert 'data-rate="解决率">100.0<' in page
    assert "市工业和信息化局" in page
    r = as_user("dave").get("/appeals/report/?period=2024-04&format=docx")
    assert r.status_code == 200
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(r.content)).paragraphs)
    assert "关于2024年4月份企业诉求办理情况的通报" in text.replace(
        "\n", ""
    )  # title broken by meaning
    assert "受理企业诉求1件，办结1件，其中解决1件，解决率100.0%" in text
    r = as_user("dave").get("/appeals/report/?period=2024-04&format=xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert as_user("bob").get("/appeals/report/?period=2024-04").status_code == 403


def test_the_enterprise_profile_lists_its_appeals_and_commissioner(people, as_user):
    appeal_submit(actor=people["bob"], uscc=YANGGU_COPPER, category="其他", title="环境整治")
    page = as_user("alice").get(f"/enterprises/{YANGGU_COPPER}/").content.decode()
    assert "data-commissioner>bob<" in page and "环境整治" in page

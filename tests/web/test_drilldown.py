"""Sections (regions, industries, chains, other groupings) and member pages, per persona."""

import re

import pytest
from django.template.loader import render_to_string

from gongxin.stats.selectors import engine_current

pytestmark = pytest.mark.django_db

SECTION_PAGES = ["/regions/", "/industries/", "/chains/", "/dim/high_tech/", "/dim/equipment/"]


@pytest.mark.parametrize("persona_name", ["alice", "bob", "carol"])
def test_every_section_opens_for_every_persona(login, enterprises, persona_name, request):
    client = login(request.getfixturevalue(persona_name))
    for url in SECTION_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "阳谷县" in client.get("/regions/").content.decode()


def test_a_region_row_shows_the_engines_growth(login, alice, enterprises):
    html = login(alice).get("/regions/?period=2024-04").content.decode()
    expected = engine_current().query(indicators=["va_growth_ytd"], period="2024-04", by="region")
    value = expected.value("va_growth_ytd", "371521")
    row = re.search(r'data-member="371521".*?</tr>', html, re.S).group(0)
    assert f'data-value="va_growth_ytd">{value:,.1f}<' in row


def test_a_member_page_shows_its_months_and_its_enterprises(login, bob, enterprises):
    client = login(bob)
    html = client.get("/regions/371521/?period=2024-04").content.decode()
    for month in ("2024-01", "2024-02", "2024-03", "2024-04"):
        assert f'data-period="{month}"' in html
    assert 'hx-get="/enterprises/table/?period=2024-04&amp;dim=region&amp;member=371521"' in html
    table = client.get("/enterprises/table/?period=2024-04&dim=region&member=371521")
    assert "阳谷铜业有限公司" in table.content.decode()


def test_a_county_user_sees_another_regions_figures_but_not_its_enterprises(
    login, bob, enterprises
):
    client = login(bob)
    html = client.get("/regions/371502/").content.decode()
    assert "东昌府区" in html and "企业级数据仅限本区县用户查看" in html
    assert "hx-get=" not in html.split("企业</h2>")[1]
    table = client.get("/enterprises/table/?dim=region&member=371502").content.decode()
    assert "东昌府纺织有限公司" not in table and "没有符合条件的企业" in table


def test_industry_and_chain_member_pages(login, alice, enterprises):
    client = login(alice)
    assert client.get("/industries/33/").status_code == 200
    assert client.get("/dim/high_tech/0/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/regions/999999/", "/industries/99/", "/dim/nope/", "/dim/nope/1/"]
)
def test_unknown_members_are_404(login, alice, enterprises, url):
    assert login(alice).get(url).status_code == 404


def test_a_region_page_shows_its_own_divisions_chains_and_high_tech_share(
    login, carol, enterprises
):
    html = login(carol).get("/regions/371521/?period=2024-04").content.decode()
    assert "本区县各行业大类" in html and "本区县各产业链" in html
    engine = engine_current()
    own = engine.query(
        indicators=["output_ytd"], period="2024-04", by="industry", filters=["region=371521"]
    )
    section = html[html.index('id="member-breakdown"') :]
    rows = re.findall(r'<tr data-member="([^"]+)">', section.split('data-breakdown="2"')[0])
    assert rows == [r["member"] for r in own.rows]  # the county's divisions only, in order
    assert "<th>代码</th>" in section  # division codes: the national classification's
    share = engine.query(indicators=["va_share_high_tech_ytd"], period="2024-04", by="region")
    value = share.value("va_share_high_tech_ytd", "371521")
    assert value is None or f"{value:,.1f}" in section


def test_a_region_page_names_its_chains_without_their_internal_codes():
    """Chain codes are the platform's identifiers (agrifood …), not for a reader's eyes."""
    row = {"code": "agrifood", "name": "农副产品加工", "values": {}}
    division = {"code": "13", "name": "农副食品加工业", "values": {}}
    html = render_to_string(
        "web/_member_breakdown.html",
        {
            "member": {"name": "东昌府区"},
            "breakdowns": [
                ("本区县各行业大类", [division], True),
                ("本区县各产业链", [row], False),
            ],
            "breakdown_columns": ["va_growth_ytd"],
        },
    )
    divisions, chains = html.split('data-breakdown="2"')
    assert "<td>13</td>" in divisions and "<th>代码</th>" in divisions
    assert "农副产品加工" in chains and "<th>代码</th>" not in chains
    assert ">agrifood<" not in chains

"""产业链 pages: cards, the chain page, node firms, the problem workflow through HTMX forms."""

from __future__ import annotations

import pytest
from tests.chains.fixtures import DONGCHANG_TEXTILE, YANGGU_COPPER, chains_create

from gongxin.chains.models import ChainProblem

pytestmark = pytest.mark.django_db


@pytest.fixture
def chains(enterprises):
    return chains_create()


def _post(client, url, data, htmx=True):
    data = {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url, data, headers=headers)


def test_cards_for_the_12_chains(login, alice, chains):
    html = login(alice).get("/chains/?period=2024-04").content.decode()
    assert html.count('class="card chain-card"') == 12
    card = html.split('data-chain="nonferrous"')[1].split("</article>")[0]
    # Leaves: N3 (电线电缆, 阳谷电缆) covered → 1 of 1 = 100.0 %; 2 problems overdue at 04-30.
    assert "100.0（1/1）" in card and "超期问题 2" in card and "副市长（分管工业）" in card


def test_chain_page_has_map_firms_problems_log_targets(login, alice, chains):
    html = login(alice).get("/chains/nonferrous/?period=2024-04").content.decode()
    assert 'id="chain-tree"' in html and 'id="chain-data"' in html
    assert "阳谷铜业有限公司" in html and "链主" in html
    assert 'data-problem="WT-BOB"' in html and "江苏某铜业有限公司" in html
    assert "走访阳谷铜业" in html and "XM2024-001" in html
    assert "/static/web/js/chains.js" in html


def test_node_firms_are_scoped(login, bob, carol, chains):
    url = "/chains/nonferrous/nodes/N2/?period=2024-04"
    assert "阳谷铜业有限公司" in login(bob).get(url).content.decode()
    html = login(carol).get(url).content.decode()
    assert "阳谷铜业有限公司" not in html and "不在您的查看范围内" in html
    assert login(bob).get("/chains/nonferrous/nodes/N9/").status_code == 404


def test_county_user_sees_its_own_problems_only(login, bob, chains):
    client = login(bob)
    html = client.get("/chains/nonferrous/?period=2024-04").content.decode()
    assert 'data-problem="WT-BOB"' in html and "WT-CITY" not in html
    assert client.get("/chains/problems/WT-CAROL/").status_code == 404


def test_workflow_through_htmx(login, alice, chains):
    client = login(alice)
    url = "/chains/problems/WT-BOB/actions/"
    response = _post(client, url, {"action": "note", "note": "已协调供电公司"})
    assert response.status_code == 200 and "推进中" in response.content.decode()
    response = _post(
        client, url, {"action": "solve", "solved_on": "2024-04-20", "note": "增容完成"}
    )
    assert response.status_code == 200
    response = _post(client, url, {"action": "close", "note": "企业确认"}, htmx=False)
    assert response.status_code == 302
    problem = ChainProblem.objects.get(code="WT-BOB")
    assert problem.status == "closed" and str(problem.solved_on) == "2024-04-20"
    html = client.get("/chains/problems/WT-BOB/").content.decode()
    assert "销号" in html and "增容完成" in html
    bad = _post(client, url, {"action": "solve", "solved_on": "2024-04-20", "note": "x"})
    assert bad.status_code == 400 and "重新打开" in bad.content.decode()


def test_analyst_and_other_county_get_403(login, city, chains):
    from tests.web.personas import persona

    dave, carol = persona("dave"), persona("carol")
    client = login(dave)
    assert client.get("/chains/problems/WT-BOB/").status_code == 200
    response = _post(client, "/chains/problems/WT-BOB/actions/", {"action": "note", "note": "x"})
    assert response.status_code == 403
    new = {"chain": "nonferrous", "category": "融资", "description": "x", "opened_on": "2024-04-01",
           "deadline": "2024-05-01"}  # fmt: skip
    response = _post(client, "/chains/problems/new/", new)
    assert response.status_code == 403
    # carol may not see (so not act on) bob's problem: 404 as for a missing one.
    response = _post(
        login(carol), "/chains/problems/WT-BOB/actions/", {"action": "note", "note": "x"}
    )
    assert response.status_code == 404
    assert ChainProblem.objects.get(code="WT-BOB").status == "assigned"


def test_open_a_problem_from_an_enterprise_and_an_activity(login, alice, carol, chains):
    client = login(alice)
    profile = client.get(f"/enterprises/{YANGGU_COPPER}/").content.decode()
    assert f"/chains/problems/new/?uscc={YANGGU_COPPER}" in profile
    form = client.get(f"/chains/problems/new/?uscc={YANGGU_COPPER}").content.decode()
    assert "阳谷铜业有限公司" in form and 'value="nonferrous" selected' in form
    response = _post(
        client, "/chains/problems/new/",
        {"uscc": YANGGU_COPPER, "chain": "nonferrous", "category": "用工", "description": "缺技工",
         "opened_on": "2024-04-02", "deadline": "2024-06-30", "owner_unit": "市人社局"},
        htmx=False,
    )  # fmt: skip
    assert response.status_code == 302
    problem = ChainProblem.objects.get(description="缺技工")
    assert (problem.region, problem.status) == ("371521", "assigned")
    response = _post(
        client, "/chains/problems/new/",
        {"activity": chains["activity"], "chain": "nonferrous", "category": "配套",
         "description": "铜冶炼缺配套", "opened_on": "2024-03-12", "deadline": "2024-02-01"},
        htmx=False,
    )  # fmt: skip
    assert response.status_code == 400 and "办结时限" in response.content.decode()
    # A county user cannot open a problem on another county's firm (it is not visible: 404).
    other = login(carol).get(f"/chains/problems/new/?uscc={YANGGU_COPPER}")
    assert other.status_code == 404
    mine = login(carol).get(f"/chains/problems/new/?uscc={DONGCHANG_TEXTILE}")
    assert mine.status_code == 200


def test_brief_from_the_reports_page(login, alice, bob, chains):
    client = login(alice)
    page = client.get("/reports/").content.decode()
    assert 'id="report-chain-brief"' in page and 'value="nonferrous"' in page
    response = client.get("/reports/chain-brief/?chain=nonferrous&period=2024-04")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert client.get("/reports/chain-brief/?chain=steel&period=2024-04").status_code == 302
    assert (
        login(bob).get("/reports/chain-brief/?chain=nonferrous&period=2024-04").status_code == 403
    )

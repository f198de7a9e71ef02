"""The battle map's pages through the test client: the route matrix of routes_projects.py
(every route is a read, so dave the analyst gets what alice gets), scope, filters, export and
the cockpit card."""

import io

import openpyxl
import pytest
from tests.matrix.routes_projects import ROUTES, fixtures
from tests.web.personas import persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(city, data_dir):
    return fixtures()


def bearer(user) -> dict[str, str]:
    from gongxin.api.services import token_create
    from gongxin.registry.permissions import Actor

    raw = token_create(username=user.username, actor=Actor.system("test"))
    return {"Authorization": f"Bearer {raw}"}


def log_in(client, name):
    client.force_login(persona(name))
    return client


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.pattern} {r.path}")
@pytest.mark.parametrize("who", ["anonymous", "alice", "dave", "bob", "carol"])
def test_route_matrix_for_projects(client, projects, route, who):
    path = route.path.format(**projects)
    headers = {}
    if who != "anonymous":
        user = persona(who)
        if route.pattern.startswith("api:"):
            headers = bearer(user)
        else:
            client.force_login(user)
    response = client.get(path, route.data, headers=headers)
    assert response.status_code == route.expect[who]


def test_county_user_sees_own_region_only(client, projects):
    page = log_in(client, "bob").get("/projects/?period=2024-04").content.decode()
    assert "阳谷电池项目" in page and "东昌府铝材项目" not in page


def test_export_writes_text_cells_as_strings(client, projects):
    response = log_in(client, "alice").get("/projects/export/?period=2024-04&sort=code&dir=asc")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A2"].value == "MX001" and sheet["D2"].value == "371502"
    assert sheet["D2"].data_type == "s"
    assert sheet["I2"].value == 3000


def test_cockpit_card_and_filters(client, projects):
    from tests.web.personas import enterprises_create

    enterprises_create()
    page = log_in(client, "alice").get("/?period=2024-04").content.decode()
    assert "重点项目挂图作战" in page and 'data-card="projects">2<' in page
    red = client.get("/projects/?period=2024-04&level=red").content.decode()
    # MX002: plan start 2024-02-01, not started by April (2 months) → yellow, not red
    assert "阳谷电池项目" not in red


def test_reports_page_offers_the_project_lists(client, projects):
    page = log_in(client, "alice").get("/reports/").content.decode()
    assert 'id="report-projects"' in page and '<option value="2024-04">' in page
    response = client.get("/reports/projects/?period=2024-04&format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    # no problem was reported in these files: the problem list is a sentence, not a sheet
    assert {"进度清单", "责任清单"} <= set(book.sheetnames)
    # bob's document holds his region's project only
    response = log_in(client, "bob").get("/reports/projects/?period=2024-04&format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    codes = {c.value for c in book["进度清单"]["A"]}
    assert "MX002" in codes and "MX001" not in codes

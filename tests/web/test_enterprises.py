"""Enterprise list, table partial, export and profile: only what the user's scope allows."""

import io

import openpyxl
import pytest

pytestmark = pytest.mark.django_db

BOB_OWN = "91371521MA3C00001A"
CAROLS = "91371502MA3C00003C"


def test_the_list_shows_only_enterprises_in_scope(login, bob, alice, enterprises):
    html = login(bob).get("/enterprises/").content.decode()
    assert "阳谷铜业有限公司" in html and "东昌府纺织有限公司" not in html
    html = login(alice).get("/enterprises/").content.decode()
    assert "阳谷铜业有限公司" in html and "东昌府纺织有限公司" in html


def test_search_sort_and_the_htmx_partial(login, alice, enterprises):
    client = login(alice)
    html = client.get("/enterprises/table/?q=电缆", HTTP_HX_REQUEST="true").content.decode()
    assert "阳谷电缆有限公司" in html and "阳谷铜业有限公司" not in html
    assert "<html" not in html  # a fragment
    html = client.get("/enterprises/table/?sort=name&dir=asc").content.decode()
    names = [n for n in ("东昌府纺织有限公司", "阳谷电缆有限公司", "阳谷铜业有限公司") if n in html]
    assert sorted(names, key=html.index) == sorted(names)
    html = client.get("/enterprises/table/?q=91371502").content.decode()
    assert "东昌府纺织有限公司" in html


def test_the_export_is_scoped(login, bob, enterprises):
    response = login(bob).get("/enterprises/export/?period=2024-04")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    usccs = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True) if row[1]]
    assert set(usccs) == {BOB_OWN, "91371521MA3C00002B"}


def test_the_profile_of_an_enterprise_in_scope(login, bob, enterprises):
    html = login(bob).get(f"/enterprises/{BOB_OWN}/?period=2024-04").content.decode()
    assert "阳谷铜业有限公司" in html and "重点企业" in html
    assert 'data-period="2024-04"' in html and "enterprise-data" in html


@pytest.mark.parametrize("uscc", [CAROLS, "91371500MA3C99999X", "not-a-uscc"])
def test_another_regions_enterprise_is_the_same_404_as_a_missing_one(login, bob, enterprises, uscc):
    response = login(bob).get(f"/enterprises/{uscc}/")
    assert response.status_code == 404
    assert "东昌府纺织" not in response.content.decode()


def test_the_city_admin_opens_every_profile(login, alice, enterprises):
    assert login(alice).get(f"/enterprises/{CAROLS}/").status_code == 200


def test_year_to_date_columns_of_the_monthly_table_say_so():
    from gongxin.web.templatetags.figures import series_label

    assert series_label("profit_ytd") == "利润总额（累计）"
    assert series_label("output_month") == "当月工业总产值"

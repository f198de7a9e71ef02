"""The shell: title with the city's name, user and role in the top bar, the left navigation."""

import pytest

pytestmark = pytest.mark.django_db

SECTIONS = ["驾驶舱", "区县", "行业", "产业链", "企业", "预警中心", "数据上传", "报表"]


def test_the_shell_shows_the_platform_user_role_and_navigation(login, alice):
    html = login(alice).get("/").content.decode()
    assert "聊城市工业运行监测平台" in html
    assert "市级管理员" in html
    for label in [*SECTIONS, "系统管理"]:
        assert label in html
    assert 'href="/static/vendor/htmx.min.js"' not in html  # scripts use src
    assert 'src="/static/vendor/htmx.min.js"' in html
    assert 'href="/static/web/css/app.css"' in html


def test_a_county_user_sees_its_region_and_no_system_administration(login, bob):
    html = login(bob).get("/").content.decode()
    assert "县区用户" in html and "阳谷县" in html
    assert "系统管理" not in html
    for label in SECTIONS:
        assert label in html


def test_the_navigation_links_pages_that_exist_and_greys_out_the_rest(login, alice):
    from gongxin.web.nav import nav_links

    links = {link.label: link for link in nav_links(path="/", is_staff=True)}
    assert links["驾驶舱"].url == "/" and links["驾驶舱"].active
    assert links["系统管理"].url == "/admin/"
    html = login(alice).get("/").content.decode()
    for label, link in links.items():
        if link.url is None:
            assert f'title="建设中">{label}' in html


def test_error_pages_are_chinese(login, alice):
    response = login(alice).get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()

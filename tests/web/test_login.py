"""Login is the rule: anonymous pages redirect; login is Chinese, CSRF-protected, throttled."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from tests.web.personas import PASSWORD

from gongxin.web.models import LoginCounter
from gongxin.web.views.auth import ERR_BAD_CREDENTIALS, ERR_THROTTLED

pytestmark = pytest.mark.django_db


def _post_login(client: Client, username: str, password: str, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("path", ["/", "/admin/", "/no/such/page/?x=1"])
def test_an_anonymous_page_request_is_redirected_to_login(client, path):
    response = client.get(path, follow=True)
    if path.startswith("/no/"):
        # An unknown URL matches no view, so there is nothing to protect: a plain 404.
        assert response.status_code == 404
        return
    final, status = response.redirect_chain[-1]
    assert status == 302
    assert final.startswith("/login/?next=")
    assert "登录" in response.content.decode()


def test_the_login_page_is_chinese_and_carries_a_csrf_token(client, city):
    response = client.get("/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "聊城市工业运行监测平台" in html
    assert "用户名" in html and "密码" in html and "登录" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<html lang="zh-Hans">' in html


def test_login_with_the_right_password_opens_the_cockpit(login, alice):
    client = login(alice)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "驾驶舱" in html
    assert "alice" in html and "市级管理员" in html
    assert "退出登录" in html


def test_login_with_a_wrong_password_fails_with_a_chinese_message(client, alice):
    response = _post_login(client, "alice", "wrong-password")
    assert response.status_code == 200
    assert ERR_BAD_CREDENTIALS in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_login_of_an_unknown_user_fails_the_same_way(client, city):
    response = _post_login(client, "mallory", PASSWORD)
    assert ERR_BAD_CREDENTIALS in response.content.decode()


def test_login_is_throttled_after_five_failures_per_username_and_address(client, alice):
    for _ in range(5):
        assert _post_login(client, "alice", "guess").status_code == 200
    response = _post_login(client, "alice", PASSWORD)  # even the right password now
    assert response.status_code == 429
    assert ERR_THROTTLED.format(minutes=15) in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same username with different case shares the count.
    assert _post_login(client, "ALICE", PASSWORD).status_code == 429
    # Another address is not blocked by this one's failures.
    other = _post_login(Client(), "alice", PASSWORD, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_the_throttle_lifts_when_the_failures_leave_the_window(client, alice):
    for _ in range(5):
        _post_login(client, "alice", "guess")
    assert _post_login(client, "alice", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert _post_login(client, "alice", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures(client, alice):
    for _ in range(4):
        _post_login(client, "alice", "guess")
    assert _post_login(client, "alice", PASSWORD).status_code == 302
    assert not LoginCounter.objects.filter(key__startswith="pair:alice|").exists()
    assert not LoginCounter.objects.filter(key="user:alice").exists()


def test_the_login_form_is_refused_without_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    response = _post_login(client, "alice", PASSWORD)
    assert response.status_code == 403
    assert "请刷新页面后重试" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_follows_next_only_within_the_site(client, alice):
    response = _post_login(client, "alice", PASSWORD, QUERY_STRING="next=/admin/")
    assert response["Location"] == "/admin/"
    client.logout()
    response = client.post(
        "/login/", {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_logout_needs_a_post_and_ends_the_session(login, alice):
    client = login(alice)
    assert client.get("/logout/").status_code == 405
    token = client.cookies["csrftoken"].value
    response = client.post("/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_a_session_expires_after_the_configured_age(settings, login, alice):
    client = login(alice)
    assert client.get("/").status_code == 200
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        assert client.get("/").status_code == 302


def test_the_admin_login_goes_through_the_platform_login(client, city):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=%2Fadmin%2F"


def test_a_user_without_a_role_is_forbidden_everywhere(client, city):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("dave", password=PASSWORD)
    assert _post_login(client, "dave", PASSWORD).status_code == 302
    for path in ("/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "未分配角色" in response.content.decode()
    # Logging out stays possible.
    assert client.post("/logout/").status_code == 302


def test_passwords_are_stored_with_argon2(alice):
    assert alice.password.startswith("argon2")


def test_one_address_spraying_many_usernames_is_slowed(client, city, settings):
    """Issue 10: only (user, address) pairs were counted, so a spray was never slowed."""
    statuses = [_post_login(client, f"user{i}", "guess").status_code for i in range(40)]
    limit = settings.GONGXIN_LOGIN_MAX_FAILURES_PER_IP
    assert statuses == [200] * limit + [429] * (40 - limit)
    # Another address is not slowed by this one's spray.
    assert _post_login(Client(), "user0", "guess", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_one_username_from_many_addresses_is_slowed(client, alice, settings):
    limit = settings.GONGXIN_LOGIN_MAX_FAILURES_PER_USER
    statuses = [
        _post_login(client, "alice", "guess", REMOTE_ADDR=f"10.0.{i}.1").status_code
        for i in range(limit + 3)
    ]
    assert statuses == [200] * limit + [429] * 3

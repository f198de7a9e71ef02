"""Users, roles and scope: `gongxin createuser` and the one place a Scope is derived."""

import pytest
from django.contrib.auth import get_user_model

from gongxin.registry.users import (
    ERR_REGION_REQUIRED,
    ERR_UNKNOWN_REGION,
    scope_for_user,
)
from gongxin.scope import Scope

PASSWORD = "correct horse battery staple 9"


@pytest.mark.django_db
def test_createuser_hashes_the_password_with_argon2(run_cli, city):
    code, _out, err = run_cli(
        "createuser", "alice", "--role", "city_admin", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0, err
    user = get_user_model().objects.get(username="alice")
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)
    assert scope_for_user(user) == Scope.everything()


@pytest.mark.django_db
def test_a_county_user_sees_only_its_region(run_cli, city):
    code, _, err = run_cli(
        "createuser",
        "bob",
        "--role",
        "county_user",
        "--region",
        "371521",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert code == 0, err
    scope = scope_for_user(get_user_model().objects.get(username="bob"))
    assert scope.regions == frozenset({"371521"})
    assert scope.sees_region("371521") and not scope.sees_region("371502")


@pytest.mark.django_db
def test_createuser_updates_an_existing_user(run_cli, city):
    run_cli(
        "createuser",
        "carol",
        "--role",
        "county_user",
        "--region",
        "371521",
        "--password-stdin",
        stdin=PASSWORD,
    )
    code, out, _ = run_cli(
        "createuser", "carol", "--role", "city_analyst", "--password-stdin", stdin=PASSWORD + "x"
    )
    assert code == 0
    assert "已更新" in out
    user = get_user_model().objects.get(username="carol")
    assert user.profile.role == "city_analyst" and user.profile.region is None
    assert user.check_password(PASSWORD + "x")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "county_user"], ERR_REGION_REQUIRED),
        (
            ["--role", "county_user", "--region", "999999"],
            ERR_UNKNOWN_REGION.format(region="999999"),
        ),
    ],
)
def test_createuser_rejects_bad_input_with_a_clear_message(run_cli, city, args, message):
    code, _, err = run_cli("createuser", "dave", *args, "--password-stdin", stdin=PASSWORD)
    assert code == 2
    assert err.strip() == f"错误：{message}"
    assert not get_user_model().objects.filter(username="dave").exists()


@pytest.mark.django_db
def test_a_weak_password_is_refused(run_cli, city):
    code, _, err = run_cli(
        "createuser", "erin", "--role", "city_admin", "--password-stdin", stdin="123"
    )
    assert code == 2
    assert "密码不符合要求" in err


@pytest.mark.django_db
def test_a_user_without_a_role_has_no_scope(city):
    user = get_user_model().objects.create_user("frank", password=PASSWORD)
    with pytest.raises(PermissionError):
        scope_for_user(user)

"""`gongxin token NAME [--revoke-all]`."""

import pytest

from gongxin.api.models import ApiToken
from gongxin.api.services import ERR_UNKNOWN_USER, token_authenticate
from gongxin.registry.models import AuditEntry
from gongxin.registry.permissions import Actor
from gongxin.registry.users import ERR_NO_PROFILE, user_create_or_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(city):
    user, _ = user_create_or_update(
        username="alice",
        role="city_admin",
        password="Gx!test-2024-pass",
        actor=Actor.system("test"),
    )
    return user


def test_token_prints_a_new_token_and_older_ones_stay_valid(run_cli, alice):
    code, first, err = run_cli("token", "alice")
    assert code == 0, err
    code, second, _ = run_cli("token", "alice")
    first, second = first.strip(), second.strip()
    assert first != second and first.startswith("gx_")
    assert "只显示这一次" in err
    assert token_authenticate(raw=first) == alice
    assert token_authenticate(raw=second) == alice
    assert ApiToken.objects.filter(user=alice).count() == 2
    assert AuditEntry.objects.filter(action="token_create", key="alice").count() == 2


def test_revoke_all_revokes_every_token(run_cli, alice):
    tokens = [run_cli("token", "alice")[1].strip() for _ in range(2)]
    code, out, err = run_cli("token", "alice", "--revoke-all")
    assert code == 0, err
    assert "已吊销用户 alice 的 2 个令牌" in out
    assert all(token_authenticate(raw=t) is None for t in tokens)
    # A new token after revoking works again.
    assert token_authenticate(raw=run_cli("token", "alice")[1].strip()) == alice


def test_an_unknown_user_is_an_error(run_cli, city):
    for args in (("token", "nobody"), ("token", "nobody", "--revoke-all")):
        code, out, err = run_cli(*args)
        assert code != 0
        assert ERR_UNKNOWN_USER.format(name="nobody") in err
        assert out == ""


def test_a_user_without_a_role_gets_no_token(run_cli, city):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("dave")
    code, _, err = run_cli("token", "dave")
    assert code != 0
    assert ERR_NO_PROFILE.format(name="dave") in err
    assert not ApiToken.objects.exists()

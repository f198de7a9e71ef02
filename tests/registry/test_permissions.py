"""The role → permission table and the checks every action service starts with."""

import pytest

from gongxin.registry.models import Role
from gongxin.registry.permissions import (
    ADMIN_SITE,
    IMPORT_ANY,
    ROLE_PERMISSIONS,
    WARNING_ACT,
    WARNING_EVALUATE,
    Actor,
    Forbidden,
    actor_require,
    import_authorise,
    import_kinds_allowed,
)
from gongxin.scope import Scope

KINDS = ["monthly", "daily", "roster", "reference"]


def _actor(role: str) -> Actor:
    scope = Scope.county("371521") if role == Role.COUNTY_USER else Scope.everything()
    return Actor(name=role, role=role, scope=scope)


def test_every_role_has_a_row():
    assert set(Role.values) <= set(ROLE_PERMISSIONS)


def test_the_city_analyst_changes_nothing():
    dave = _actor(Role.CITY_ANALYST)
    assert dave.permissions == frozenset()
    for permission in (WARNING_ACT, WARNING_EVALUATE, IMPORT_ANY, ADMIN_SITE):
        with pytest.raises(Forbidden, match=r"^市级分析员只能查看数据，无权"):
            actor_require(dave, permission)
    assert import_kinds_allowed(dave, KINDS) == []
    with pytest.raises(Forbidden):
        import_authorise(actor=dave, kind="monthly")


def test_a_county_user_acts_on_warnings_and_imports_monthly_and_daily_only():
    bob = _actor(Role.COUNTY_USER)
    actor_require(bob, WARNING_ACT)
    with pytest.raises(Forbidden, match=r"^县区用户无权重新评估预警$"):
        actor_require(bob, WARNING_EVALUATE)
    assert import_kinds_allowed(bob, KINDS) == ["monthly", "daily"]
    import_authorise(actor=bob, kind="daily")
    with pytest.raises(Forbidden, match="不能导入“roster”"):
        import_authorise(actor=bob, kind="roster")


def test_the_city_admin_and_the_command_line_may_do_everything():
    for actor in (_actor(Role.CITY_ADMIN), Actor.system("cli:root")):
        assert import_kinds_allowed(actor, KINDS) == KINDS
        for permission in (WARNING_ACT, WARNING_EVALUATE, IMPORT_ANY, ADMIN_SITE):
            actor_require(actor, permission)


def test_a_plain_name_is_not_an_actor():
    with pytest.raises(TypeError):
        actor_require("alice", WARNING_ACT)  # type: ignore[arg-type]

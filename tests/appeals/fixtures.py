"""Appeals fixtures (a pytest plugin of tests/conftest.py): the small reported city, the
personas, two unit users, two enterprise users and a commissioner — the workflow's parties."""

import pytest

from gongxin.registry.permissions import Actor
from gongxin.registry.users import user_create_or_update
from tests.web.personas import ENTERPRISES, PASSWORD, enterprises_create, persona

SYSTEM = Actor.system("test")

YANGGU_COPPER, YANGGU_CABLE, DONGCHANG_TEXTILE = (e[0] for e in ENTERPRISES)
POLICY_UNIT = "市工业和信息化局"  # 政策咨询, 其他
LAND_UNIT = "市自然资源和规划局"  # 土地规划


@pytest.fixture
def firms(city, data_dir):
    return enterprises_create()


@pytest.fixture
def people(firms):
    """alice city_admin, dave analyst, bob/carol county users, two unit users, a firm user,
    bob as commissioner of 阳谷铜业."""
    from gongxin.appeals.services import commissioners_pair

    users = {name: persona(name) for name in ("alice", "dave", "bob", "carol")}
    for name, unit in (("unit_policy", POLICY_UNIT), ("unit_land", LAND_UNIT)):
        users[name], _ = user_create_or_update(
            username=name, role="unit_user", unit=unit, password=PASSWORD, actor=SYSTEM
        )
    users["firm"], _ = user_create_or_update(
        username="firm", role="enterprise", uscc=YANGGU_COPPER, password=PASSWORD, actor=SYSTEM
    )
    users["firm_other"], _ = user_create_or_update(
        username="firm_other",
        role="enterprise",
        uscc=DONGCHANG_TEXTILE,
        password=PASSWORD,
        actor=SYSTEM,
    )
    commissioners_pair(pairs=[("bob", YANGGU_COPPER)], actor="test")
    return users

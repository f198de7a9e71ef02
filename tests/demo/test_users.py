"""Demo log-ins get fresh random passwords on every run, hashed like any other."""

import pytest
from django.contrib.auth import get_user_model

from gongxin.demo.users import DEMO_ADMIN, DEMO_COUNTY, demo_users_reset


@pytest.mark.django_db
def test_demo_users_get_new_random_passwords_each_time(city):
    first = {login.username: login for login in demo_users_reset(actor="test")}
    second = {login.username: login for login in demo_users_reset(actor="test")}
    assert set(first) == {DEMO_ADMIN, DEMO_COUNTY}
    assert first[DEMO_ADMIN].password != second[DEMO_ADMIN].password
    users = get_user_model().objects
    admin = users.get(username=DEMO_ADMIN)
    assert admin.check_password(second[DEMO_ADMIN].password)
    assert not admin.check_password(first[DEMO_ADMIN].password)
    assert admin.password.startswith("argon2$")
    county = users.get(username=DEMO_COUNTY)
    assert county.profile.role == "county_user" and county.profile.region_id == "371502"

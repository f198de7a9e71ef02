"""Demo log-ins: a city administrator and a county user, with fresh random passwords.

Passwords are generated on every run and printed once; none is written in the code or files.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from gongxin.city.config import load_city_config
from gongxin.registry.models import Role
from gongxin.registry.permissions import Actor
from gongxin.registry.users import user_create_or_update

DEMO_ADMIN = "demo_admin"
DEMO_COUNTY = "demo_county"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    region: str | None
    password: str


def demo_users_reset(*, actor: str) -> list[DemoLogin]:
    """Create (or reset the passwords of) the demo users; returns their new log-ins."""
    config = load_city_config()
    county = config.regions[0]
    logins = [
        DemoLogin(DEMO_ADMIN, Role.CITY_ADMIN, None, secrets.token_urlsafe(12)),
        DemoLogin(DEMO_COUNTY, Role.COUNTY_USER, county.code, secrets.token_urlsafe(12)),
    ]
    for login in logins:
        user_create_or_update(
            username=login.username,
            role=login.role,
            region=login.region,
            password=login.password,
            actor=Actor.system(actor),
        )
    return logins

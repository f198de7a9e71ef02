"""The scope is derived once per request by middleware; views never query enterprises directly."""

import re
from pathlib import Path

import pytest

import gongxin
from gongxin.scope import Scope

pytestmark = pytest.mark.django_db


def test_the_middleware_attaches_the_users_scope(login, alice, bob):
    response = login(bob).get("/")
    assert response.wsgi_request.scope == Scope.county("371521")
    assert "阳谷县" in response.content.decode()
    response = login(alice).get("/")
    assert response.wsgi_request.scope == Scope.everything()


FORBIDDEN = re.compile(r"Enterprise\.objects\.(get|filter|all|exclude|raw)\(")


def test_web_and_api_fetch_enterprises_only_through_access_functions():
    root = Path(gongxin.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for package in ("web", "api")
        for path in (root / package).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert offenders == [], "use gongxin.registry.access (enterprises_visible, access_enterprise)"

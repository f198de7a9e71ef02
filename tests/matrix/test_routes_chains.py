"""The chain routes' declared statuses, requested as each persona (until the shared matrix test)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.matrix.route import PERSONAS
from tests.matrix.routes_chains import ROUTES, fixtures
from tests.web.personas import PASSWORD, enterprises_create, persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city, data_dir):
    users = {name: persona(name) for name in PERSONAS if name != "anonymous"}
    enterprises_create()
    return users, fixtures()


def _client(name: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if name != "anonymous":
        client.get("/login/")
        client.post(
            "/login/",
            {"username": name, "password": PASSWORD,
             "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        )  # fmt: skip
    return client


def _token(name: str) -> dict[str, str]:
    from gongxin.api.services import token_create

    if name == "anonymous":
        return {}
    return {"Authorization": f"Bearer {token_create(username=name, actor='test')}"}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.pattern}")
def test_route_statuses(world, route):
    _, values = world
    path = route.path.format(**values)
    for name in PERSONAS:
        if route.pattern.startswith("api:"):
            response = Client().get(path, headers=_token(name))
        elif route.method == "POST":
            client = _client(name)
            client.get("/login/")
            token = client.cookies["csrftoken"].value
            response = client.post(path, {**route.data, "csrfmiddlewaretoken": token})
        else:
            response = _client(name).get(path)
        assert response.status_code == route.expect[name], (name, path)

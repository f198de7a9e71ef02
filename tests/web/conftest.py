import pytest
from django.test import Client
from tests.web.personas import PASSWORD, persona


@pytest.fixture
def alice(city):
    return persona("alice")


@pytest.fixture
def bob(city):
    return persona("bob")


@pytest.fixture
def carol(city):
    return persona("carol")


@pytest.fixture
def login():
    """A client logged in through the real login form (CSRF checks on)."""

    def _login(user) -> Client:
        client = Client(enforce_csrf_checks=True)
        client.get("/login/")
        response = client.post(
            "/login/",
            {
                "username": user.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            },
        )
        assert response.status_code == 302, response.content.decode()
        return client

    return _login


@pytest.fixture
def enterprises(city, data_dir):
    """Two enterprises of 阳谷县 (bob), one of 东昌府区 (carol), reported for January–April 2024."""
    from tests.web.personas import enterprises_create

    return enterprises_create()

import pytest
from tests.web.personas import enterprises_create, persona


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
def enterprises(city, data_dir):
    return enterprises_create()


@pytest.fixture
def token_for():
    """Issue a real token through the service the CLI uses; returns the header to send."""
    from gongxin.api.services import token_create
    from gongxin.registry.permissions import Actor

    def _token(user) -> dict[str, str]:
        raw = token_create(username=user.username, actor=Actor.system("test"))
        return {"Authorization": f"Bearer {raw}"}

    return _token

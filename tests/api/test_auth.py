"""Every API call needs a valid bearer token; tokens are stored hashed and can be revoked."""

import hashlib

import pytest

from gongxin.api.auth import ERR_UNAUTHORIZED
from gongxin.api.models import ApiToken
from gongxin.api.services import token_revoke_all
from gongxin.registry.permissions import Actor

pytestmark = pytest.mark.django_db

PATHS = ["/api/v1/catalog", "/api/v1/enterprises", "/api/v1/query?indicator=x&period=2024-04"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer gx_not-a-real-token", "Token gx_abc", "Basic YWxpY2U6cHc="],
)
def test_a_call_without_a_valid_token_gets_401(client, alice, path, header):
    headers = {"Authorization": header} if header else {}
    response = client.get(path, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": ERR_UNAUTHORIZED}


def test_a_valid_token_is_accepted(client, alice, token_for):
    response = client.get("/api/v1/catalog", headers=token_for(alice))
    assert response.status_code == 200


def test_a_logged_in_session_is_not_an_api_credential(client, alice):
    client.force_login(alice)
    assert client.get("/api/v1/catalog").status_code == 401


def test_a_revoked_token_gets_401_and_older_tokens_stay_valid_until_then(client, alice, token_for):
    first, second = token_for(alice), token_for(alice)
    assert client.get("/api/v1/catalog", headers=first).status_code == 200
    assert client.get("/api/v1/catalog", headers=second).status_code == 200
    assert token_revoke_all(username="alice", actor=Actor.system("test")) == 2
    assert client.get("/api/v1/catalog", headers=first).status_code == 401
    assert client.get("/api/v1/catalog", headers=second).status_code == 401


def test_a_deactivated_users_token_gets_401(client, alice, token_for):
    headers = token_for(alice)
    alice.is_active = False
    alice.save()
    assert client.get("/api/v1/catalog", headers=headers).status_code == 401


def test_a_token_of_a_user_whose_role_was_removed_gets_403(client, alice, token_for):
    headers = token_for(alice)
    alice.profile.delete()
    response = client.get("/api/v1/catalog", headers=headers)
    assert response.status_code == 403
    assert "未分配角色" in response.json()["detail"]


def test_tokens_are_stored_as_sha256_and_their_use_is_noted(client, alice, token_for):
    headers = token_for(alice)
    raw = headers["Authorization"].removeprefix("Bearer ")
    token = ApiToken.objects.get(user=alice)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(token.prefix) and len(token.prefix) < len(raw) // 3
    assert token.last_used_at is None
    client.get("/api/v1/catalog", headers=headers)
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert not ApiToken.objects.filter(token_hash=raw).exists()


def test_the_openapi_description_needs_a_token_or_a_login(client, alice, token_for):
    assert client.get("/api/v1/openapi.json").status_code == 401
    response = client.get("/api/v1/openapi.json", headers=token_for(alice))
    assert response.status_code == 200
    schema = response.json()
    for path in (
        "/api/v1/query",
        "/api/v1/catalog",
        "/api/v1/enterprises",
        "/api/v1/enterprises/{uscc}",
    ):
        assert path in schema["paths"], path
    assert schema["components"]["securitySchemes"]["BearerTokenAuth"]["scheme"] == "bearer"
    client.force_login(alice)
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_docs_page_is_behind_login_and_uses_local_assets(client, alice):
    response = client.get("/api/v1/docs")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    client.force_login(alice)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200

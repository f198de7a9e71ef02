"""Bearer-token authentication for every API operation, and login for the API's own docs."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, JsonResponse
from ninja.errors import HttpError
from ninja.security import HttpBearer

from gongxin.api.services import token_authenticate
from gongxin.registry.users import actor_for_user, scope_for_user

ERR_UNAUTHORIZED = "未认证：请在请求头中提供有效的令牌 Authorization: Bearer TOKEN"


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer TOKEN``; sets ``request.actor`` (and ``request.scope``) from the
    token's user.

    No token or an unknown or revoked one: 401 with ``WWW-Authenticate: Bearer``. A user
    without a role: 403.
    """

    def authenticate(self, request: HttpRequest, token: str):
        user = token_authenticate(raw=token)
        if user is None:
            return None
        try:
            request.actor = actor_for_user(user)
        except PermissionError as exc:
            raise HttpError(403, str(exc)) from exc
        request.scope = request.actor.scope
        request.user = user
        return user


def _bearer_user(request: HttpRequest):
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    return token_authenticate(raw=raw.strip())


def docs_access(view):
    """The OpenAPI description and its docs page: a logged-in user with a role, or a token.

    The description lists no data, but this is an internal government system: nothing is served
    to an anonymous caller. A browser is sent to the login page; a script gets 401.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        user = request.user if request.user.is_authenticated else _bearer_user(request)
        if user is None:
            if request.resolver_match and request.resolver_match.url_name == "openapi-view":
                return redirect_to_login(request.get_full_path())
            response = JsonResponse({"detail": ERR_UNAUTHORIZED}, status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        try:
            scope_for_user(user)
        except PermissionError as exc:
            return JsonResponse({"detail": str(exc)}, status=403)
        return view(request, *args, **kwargs)

    return wrapped

"""How views obtain the request's scope (derived once by ScopeMiddleware)."""

from __future__ import annotations

from django.http import HttpRequest

from gongxin.registry.permissions import Actor
from gongxin.registry.users import actor_for_user
from gongxin.scope import Scope


def request_scope(request: HttpRequest) -> Scope:
    """The scope ScopeMiddleware attached; failing loudly if a view runs without it."""
    scope = getattr(request, "scope", None)
    if not isinstance(scope, Scope):
        raise RuntimeError("request.scope is missing: is ScopeMiddleware in settings.MIDDLEWARE?")
    return scope


def request_actor(request: HttpRequest) -> Actor:
    """The logged-in user as the actor every action service takes (its role and scope)."""
    return actor_for_user(request.user)

"""The web layer's rules, applied to every request so that no view can forget them.

Order in settings.MIDDLEWARE matters: static files are answered before sessions are read;
login is required before the scope is derived; the security headers are added last.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from whitenoise.middleware import WhiteNoiseMiddleware

from gongxin.registry.permissions import ADMIN_SITE, forbidden_message
from gongxin.registry.users import actor_for_user, scope_for_user

# The HTTP API authenticates every call by bearer token and answers 401 itself (gongxin.api);
# a redirect to the login page would be wrong for a script.
API_PREFIX = "/api/"
ADMIN_PREFIX = "/admin/"
ERR_ADMIN_NO_ROLE = "您的账号未分配角色或已停用，无权进入系统管理"
# Scoped answers must not be kept by a shared cache nor by the browser's back button history
# on a shared office computer (issue 10); static assets are answered earlier and keep theirs.
PRIVATE_CACHE_CONTROL = "private, no-store"


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, quiet about a missing STATIC_ROOT.

    Files are served from the apps' static directories (WHITENOISE_USE_FINDERS), so STATIC_ROOT
    exists only after an optional ``collectstatic``; its absence is the normal case here.
    """

    def add_files(self, root: str, prefix: str | None = None) -> None:
        if self.autorefresh or Path(root).is_dir():
            super().add_files(root, prefix)


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Login is the rule: every view needs it unless marked ``@login_not_required``.

    The allow-list is explicit: the login page (and Django's own login views) carry the
    decorator; static files never get this far (StaticFilesMiddleware answers them first).
    """

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.path_info.startswith(API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


def scope_not_required(view_func):
    """Mark a view that a logged-in user without a role may still reach (logout)."""
    view_func.scope_required = False
    return view_func


class ScopeMiddleware:
    """Derive ``request.scope`` once per request from the user's role; no role, no access (403).

    Views read ``request.scope`` (see ``gongxin.web.scope.request_scope``) and never derive it
    themselves, so the rule in ``scope_for_user`` is the only one.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.path_info.startswith(API_PREFIX):
            return None  # the API derives the scope from the token's user
        if not request.user.is_authenticated:
            return None  # a public view (login); LoginRequiredMiddleware guards the rest
        if not getattr(view_func, "scope_required", True):
            return None
        try:
            request.scope = scope_for_user(request.user)
        except PermissionError as exc:
            return render(request, "403.html", {"message": str(exc)}, status=403)
        return None


class AdminAccessMiddleware:
    """A logged-in user without ADMIN_SITE gets a 403 page for ``/admin/…``.

    Django's admin sends a logged-in non-staff user to its own login page, which (rightly)
    redirects to ours, which sends the logged-in user back to ``/admin/``: a loop. The
    role table decides instead (city_admin keeps the admin); anonymous users still go to
    the login page through the admin's own redirect.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            try:
                actor = actor_for_user(request.user)
            except PermissionError:
                message = ERR_ADMIN_NO_ROLE
            else:
                if actor.can(ADMIN_SITE) and request.user.is_staff:
                    return self.get_response(request)
                message = forbidden_message(actor, ADMIN_SITE)
            return render(request, "403.html", {"message": message}, status=403)
        return self.get_response(request)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every answer that passed the login or token
    check: pages, HTMX partials, downloads and API JSON (and their 401/403/404)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view that chose a private policy (login: never_cache; region boundaries, which are
        # the same for everyone: a day) keeps it; anything else becomes private, no-store.
        if "private" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response


class ContentSecurityPolicyMiddleware:
    """Add the Content-Security-Policy header (Django 5.2 has no built-in one)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.policy = settings.GONGXIN_CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response

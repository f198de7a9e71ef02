"""Login and logout. Login is throttled per username, per address and per both
(see docs/security.md)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from gongxin.web.forms import LoginForm
from gongxin.web.middleware import scope_not_required
from gongxin.web.services import login_attempt_reserve, login_attempt_succeeded

log = logging.getLogger(__name__)

ERR_BAD_CREDENTIALS = "用户名或密码错误，请重新输入。"
ERR_THROTTLED = "登录失败次数过多，请 {minutes} 分钟后再试。如忘记密码，请联系系统管理员。"


def client_ip(request: HttpRequest) -> str:
    """The peer address; behind a reverse proxy, configure the server to set it (docs/web.md)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_not_required
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        if request.user.is_authenticated:
            return HttpResponseRedirect(_next_url(request))
        return _render_login(request, LoginForm())

    form = LoginForm(request.POST)
    if not form.is_valid():
        return _render_login(request, form, status=400)
    username = form.cleaned_data["username"]
    ip = client_ip(request)
    # The check is reserved before the password is tried: concurrent guesses cannot overrun.
    if not login_attempt_reserve(username=username, ip=ip):
        log.warning("login throttled for %r from %s", username, ip)
        minutes = settings.GONGXIN_LOGIN_WINDOW_SECONDS // 60
        return _render_login(request, form, error=ERR_THROTTLED.format(minutes=minutes), status=429)
    user = authenticate(request, username=username, password=form.cleaned_data["password"])
    if user is None:
        return _render_login(request, form, error=ERR_BAD_CREDENTIALS)
    login_attempt_succeeded(username=username, ip=ip)
    login(request, user)
    return HttpResponseRedirect(_next_url(request))


def _render_login(
    request: HttpRequest, form: LoginForm, *, error: str = "", status: int = 200
) -> HttpResponse:
    nxt = request.POST.get("next") or request.GET.get("next", "")
    context = {"form": form, "error": error, "next": nxt}
    return render(request, "web/login.html", context, status=status)


@scope_not_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_not_required
def admin_login_redirect(request: HttpRequest) -> HttpResponse:
    """Django admin's own login would bypass throttling: everyone logs in through ours."""
    target = resolve_url(settings.LOGIN_URL)
    if nxt := request.GET.get("next"):
        target = f"{target}?{urlencode({'next': nxt})}"
    return HttpResponseRedirect(target)

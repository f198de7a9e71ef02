"""Error pages a clerk can read."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

ERR_CSRF = "页面已过期或请求来源无法验证，请刷新页面后重试。"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403.html", {"message": ERR_CSRF}, status=403)
